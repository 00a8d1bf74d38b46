#!/usr/bin/env python3
"""The dashboard's first render in headless Chromium (not a test: it prints numbers).

    python bench/bench_dashboard.py [--events 10000] [--runs 5] [--db FILE]

Builds a synthetic store (bench/gen_store.py), starts `sitrep serve` on it, and loads the
dashboard in Debian's Chromium (/usr/bin/chromium) through Playwright, each run in a fresh
browser context (empty cache). First render: from the start of navigation until the page marks
itself ready — the country borders drawn, the timeline drawn and every one of the events in view
placed on the map (clustered). Target: ≤ 2 s with 10,000 events in view. Exit code 1 when missed.
"""
from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_api import free_port, start_server  # noqa: E402
from gen_store import build_store  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
TARGET_S = 2.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--db", help="store file to build (or reuse when it exists); default: a temporary file")
    ap.add_argument("--screenshot", help="save the last run's page here (PNG)")
    args = ap.parse_args()
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} is missing (Debian's chromium package); nothing measured")
        return 2
    from playwright.sync_api import sync_playwright

    tmp = tempfile.TemporaryDirectory(prefix="sitrep-bench-dash-")
    db = Path(args.db) if args.db else Path(tmp.name) / "dash.db"
    if db.exists():
        print(f"store: reusing {db}")
    else:
        print(f"store: {args.events:,} events built in {build_store(db, args.events):.1f} s ({db})")
        with sqlite3.connect(db) as conn:  # every one in view: the generator marks 5% as `expected`
            conn.execute("UPDATE events SET modality = 'occurred'")
    port = free_port()
    server = start_server(db, port)
    results = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True)
            for run in range(args.runs):
                context = browser.new_context(viewport={"width": 1400, "height": 900})
                page = context.new_page()
                errors: list[str] = []
                page.on("pageerror", lambda e: errors.append(str(e)))
                started = time.perf_counter()
                page.goto(f"http://127.0.0.1:{port}/")
                page.wait_for_selector("body[data-ready='1']", timeout=60_000)
                wall = time.perf_counter() - started
                ready_ms = page.evaluate("() => sitrep.readyAt")
                placed = page.evaluate("() => Number(document.getElementById('map').dataset.markers)")
                shown = page.evaluate("() => sitrep.visibleMarkerCount()")
                status = page.text_content("#status")
                if errors:
                    raise SystemExit(f"script errors: {errors}")
                results.append(ready_ms / 1000)
                print(f"run {run + 1}: first render {ready_ms / 1000:.2f} s from navigation start "
                      f"({wall:.2f} s wall), {placed:,} events on the map, {shown:,} in the current view; {status}")
                if args.screenshot and run == args.runs - 1:
                    page.screenshot(path=args.screenshot)
                    print(f"screenshot: {args.screenshot}")
                context.close()
            browser.close()
    finally:
        server.terminate()
        server.wait(10)
        tmp.cleanup()
    worst = max(results)
    ok = worst <= TARGET_S
    print(f"\nfirst render with {placed:,} events in view: median {statistics.median(results):.2f} s, "
          f"worst {worst:.2f} s (target ≤ {TARGET_S:.0f} s): {'ok' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
