#!/usr/bin/env python3
"""Speed and memory figures for the extractor (not a test: it prints numbers).

    python bench/bench_extract.py [--docs 1000] [--words 500] [--seed 7]

1. throughput: N synthetic ~500-word reports through sitrep.pipeline.extract, in-process, one core
2. peak RSS of this process (gazetteer and lexicons loaded)
3. `sitrep --help` wall time in a fresh process (best of 5)
4. first extraction in a fresh process (`sitrep extract` on one document), cold cache then warm
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta

PLACES = ["Hajin", "al-Susah", "Abu Kamal", "Deir ez-Zor", "Kafr Nabl", "Maarat al-Numan", "Zabid",
          "Hodeidah", "Saada", "Douentza", "Mopti", "Kharkiv", "Izium", "Mogadishu", "Kirkuk", "Khartoum"]
REGIONS = ["eastern Deir ez-Zor", "southern Idlib", "the Mopti region", "Hodeidah province", "Kharkiv oblast"]
ACTORS = ["the SDF", "ISIS militants", "regime forces", "Russian forces", "Ukrainian troops", "the Houthis",
          "Saudi-led coalition warplanes", "JNIM fighters", "the Malian army", "al-Shabaab", "Iraqi forces",
          "unidentified gunmen", "the US-led coalition"]
CLAIMANTS = ["a local monitor", "an SDF official", "the regional governor", "medics", "the army", "the UN"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
TEMPLATES = [
    "{a} shelled the outskirts of {p} on {day}, killing {n} civilians, {c} said.",
    "{a} took control of the village of {p} in {r} after clashes with {b} on {day}.",
    "At least {n} people were killed when {a} struck a market in {p} on {day}.",
    "{a} attacked a checkpoint near {p} early on {day}; {n} soldiers and {m} assailants died.",
    "A roadside bomb hit a convoy of {b} on the road to {p} on {day}, wounding {n}.",
    "More than {big} people have fled {p} since {since}, according to {c}.",
    "The number of fighters killed since {since} has risen to {big}, {c} said.",
    "{a} arrested {n} suspects in raids south of {p} on {day}, {c} said.",
    "Hundreds of demonstrators marched in {p} on {day}; police fired tear gas.",
    "{c} said {a} were ready to launch a wider offensive in {r} within weeks.",
    "Fierce fighting has continued for months across {r}, residents said.",
    "Some {n} families returned to {p} on {day} after the road reopened.",
    "{a} denied carrying out the strike on {p}, which {c} blamed on {b}.",
]


def make_report(rng: random.Random, i: int, words: int) -> dict:
    published = date(2018, 1, 1) + timedelta(days=rng.randrange(2400))
    paragraphs, total = [], 0
    while total < words:
        sentences = []
        for _ in range(rng.randint(2, 4)):
            s = rng.choice(TEMPLATES).format(
                a=rng.choice(ACTORS), b=rng.choice(ACTORS), p=rng.choice(PLACES), r=rng.choice(REGIONS),
                c=rng.choice(CLAIMANTS), day=rng.choice(DAYS), n=rng.randint(2, 40), m=rng.randint(2, 20),
                big=f"{rng.randint(1000, 90000):,}",
                since=(published - timedelta(days=rng.randint(20, 200))).strftime("%d %B %Y").lstrip("0"))
            sentences.append(s[0].upper() + s[1:])
            total += len(s.split())
        paragraphs.append(" ".join(sentences))
    return {"id": f"bench-{i:05d}", "published": published.isoformat(), "text": "\n\n".join(paragraphs)}


def peak_rss_mb() -> float:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024


def sitrep_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "sitrep", *args]


def best_wall(cmd: list[str], runs: int, env=None) -> float:
    best = float("inf")
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True, env=env)
        best = min(best, time.perf_counter() - t)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--words", type=int, default=500)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core

    from sitrep.models import Report
    from sitrep.pipeline import extract

    rng = random.Random(args.seed)
    corpus = [make_report(rng, i, args.words) for i in range(args.docs)]
    mean_words = sum(len(d["text"].split()) for d in corpus) / len(corpus)

    t = time.perf_counter()
    try:
        extract(Report(id="warm-up", text=corpus[0]["text"], published=corpus[0]["published"]))
    except Exception as e:  # report it and measure anyway: the benchmark is not a test
        print(f"warning: extraction raises {type(e).__name__}: {e}", file=sys.stderr)
    first_in_process = time.perf_counter() - t

    events = tallies = errors = 0
    t = time.perf_counter()
    for d in corpus:
        try:
            res = extract(Report(id=d["id"], text=d["text"], published=d["published"]))
            events += len(res.get("events", []))
            tallies += len(res.get("tallies", []))
        except Exception:
            errors += 1
    seconds = time.perf_counter() - t

    print(f"corpus            {len(corpus)} synthetic reports, {mean_words:.0f} words on average")
    print(f"throughput        {len(corpus) / seconds:.1f} docs/s on one core "
          f"({events} events, {tallies} tallies, {errors} errors)")
    print(f"first extract     {first_in_process:.3f} s in this process (loads lexicons, gazetteer)")
    print(f"peak RSS          {peak_rss_mb():.0f} MB")

    help_s = best_wall(sitrep_cmd("--help"), 5)
    print(f"sitrep --help     {help_s:.3f} s (best of 5)")

    with tempfile.TemporaryDirectory(prefix="sitrep-bench-") as tmp:
        doc = os.path.join(tmp, "one.jsonl")
        with open(doc, "w", encoding="utf-8") as f:
            f.write(json.dumps(corpus[0]) + "\n")
        env = {**os.environ, "SITREP_CACHE_DIR": os.path.join(tmp, "cache"),
               "XDG_CACHE_HOME": os.path.join(tmp, "xdg")}
        cold = best_wall(sitrep_cmd("extract", doc), 1, env)
        warm = best_wall(sitrep_cmd("extract", doc), 3, env)
    print(f"first extraction  {cold:.3f} s fresh process, empty cache; {warm:.3f} s with the cache built")


if __name__ == "__main__":
    main()
