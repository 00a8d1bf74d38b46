"""Store benchmarks: ingest throughput into SQLite, and the dashboard's queries on 1,000,000 events.

    python bench/bench_store.py [--docs 400] [--events 1000000] [--store /tmp/sitrep-bench-1m.db]
                                [--corpus dense] [--jobs 1] [--skip-ingest | --skip-queries]

Ingest: generated reports (bench_extract.make_report) through `ingest_items` (extraction,
storage, linking) into a fresh SQLite file; then the same documents extracted beforehand, so
that the store's own share (writing and linking) is timed alone. Queries: the store is built
once by gen_store.py and reused; each query runs 30 times with varied parameters; p50/p95 in
milliseconds. Targets (issue 4): ingest ≥ 100 docs/s; every query p95 ≤ 150 ms.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_extract import make_report  # noqa: E402
from gen_store import REGIONS, build_store  # noqa: E402


def example_corpus(n_docs: int) -> list[dict]:
    """Copies of the bundled example reports (news articles of 80–300 words, 1–3 events each),
    each with a new id and a numbered closing line so that none is a duplicate."""
    import json

    from sitrep.lexicons import data_path

    base = [json.loads(line) for line in data_path("examples/reports.jsonl").read_text().splitlines() if line.strip()]
    return [{**base[i % len(base)], "id": f"ex-{i:05d}", "text": base[i % len(base)]["text"] + f"\n\nReport {i}."}
            for i in range(n_docs)]


def corpus_items(n_docs: int, corpus: str) -> list:
    """Reader items: "dense" generated reports of ~280 words packed with about 12 events each, or
    copies of the bundled example articles."""
    from sitrep.models import Report
    from sitrep.reader import Item

    rng = random.Random(3)
    docs = [make_report(rng, i, 280) for i in range(n_docs)] if corpus == "dense" else example_corpus(n_docs)
    return [Item(d["id"], Report(id=d["id"], text=d["text"], published=d["published"]), None, []) for d in docs]


def ingest_into_fresh_store(items: list, jobs: int = 1, extract=None):
    """ingest_items into a new SQLite file; its summary."""
    from sitrep.config import Settings
    from sitrep.store import open_store
    from sitrep.store.ingest import ingest_items

    with tempfile.TemporaryDirectory() as tmp:
        with open_store(f"sqlite:///{tmp}/ingest.db") as store:
            return ingest_items(store, items, Settings(), progress=False, jobs=jobs, extract=extract)


def bench_ingest(n_docs: int, jobs: int = 1, corpus: str = "dense") -> None:
    from sitrep.pipeline import extract

    items = corpus_items(n_docs, corpus)
    extract(items[0].report)  # load the gazetteer and lexicons outside the timing
    summary = ingest_into_fresh_store(items, jobs=jobs)
    rate = summary.documents / summary.seconds
    print(f"ingest into SQLite, {corpus} corpus, {jobs} extraction process(es): {summary.documents} docs ({summary.events} events) in {summary.seconds:.2f} s "
          f"= {rate:.0f} docs/s (target ≥ 100)")


def bench_store_only(n_docs: int, corpus: str = "dense") -> None:
    """The store's share of ingest: the same documents, extracted before the clock starts."""
    from sitrep.store.ingest import extract_safely

    items = corpus_items(n_docs, corpus)
    results = {item.doc_id: extract_safely(item.report) for item in items}
    summary = ingest_into_fresh_store(items, extract=lambda report: results[report.id])
    print(f"  store only (extracted beforehand), {corpus} corpus: "
          f"{1000 * summary.seconds / summary.documents:.2f} ms/doc = {summary.documents / summary.seconds:.0f} docs/s")


def timed(fn, runs: int) -> tuple[float, float]:
    times = []
    for i in range(runs):
        t = time.perf_counter()
        fn(i)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))]


def bench_queries(path: Path, n_events: int, runs: int = 30) -> None:
    from sitrep.store import open_store
    from sitrep.store.queries import EventFilter, count_events, events_per_day, query_events

    if not path.exists():
        print(f"building {path} with {n_events} events (once)...", flush=True)
        print(f"  built in {build_store(path, n_events):.0f} s")
    store = open_store(f"sqlite:///{path}")
    rng = random.Random(11)
    countries = list(REGIONS)

    def month(i: int) -> tuple[str, str]:
        y, m = 2015 + i % 10, 1 + (i * 7) % 12
        return f"{y}-{m:02d}-01", f"{y}-{m:02d}-28"

    def box(i: int) -> tuple[float, float, float, float]:
        _, w, s, e, n = REGIONS[countries[i % len(countries)]]
        cx, cy = rng.uniform(w, e), rng.uniform(s, n)
        return (cx - 1.0, cy - 1.0, cx + 1.0, cy + 1.0)

    cases = {
        "default view (newest 1000)": lambda i: query_events(store, EventFilter(limit=1000)),
        "default view count": lambda i: count_events(store, EventFilter()),
        "timeline per day (all)": lambda i: events_per_day(store, EventFilter()),
        "one month": lambda i: query_events(store, EventFilter(since=month(i)[0], until=month(i)[1], limit=1000)),
        "one month per day": lambda i: events_per_day(store, EventFilter(since=month(i)[0], until=month(i)[1])),
        "bbox 2°×2°": lambda i: query_events(store, EventFilter(bbox=box(i), limit=1000)),
        "bbox 2°×2° count": lambda i: count_events(store, EventFilter(bbox=box(i))),
        "bbox 2°×2° per day": lambda i: events_per_day(store, EventFilter(bbox=box(i))),
        "bbox of a country": lambda i: query_events(store, EventFilter(bbox=REGIONS[countries[i % 10]][1:], limit=1000)),
        "bbox of a country count": lambda i: count_events(store, EventFilter(bbox=REGIONS[countries[i % 10]][1:])),
        "bbox + month": lambda i: query_events(store, EventFilter(bbox=box(i), since=month(i)[0], until=month(i)[1])),
        "country + type": lambda i: query_events(store, EventFilter(country=countries[i % 10], event_type="battles",
                                                                    limit=1000)),
        "country + type count": lambda i: count_events(store, EventFilter(country=countries[i % 10],
                                                                          event_type="battles")),
        "admin1": lambda i: query_events(store, EventFilter(admin1=REGIONS[countries[i % 10]][0][0], limit=1000)),
        "actor": lambda i: query_events(store, EventFilter(actor="Islamic State", limit=1000)),
        "actor + month": lambda i: query_events(store, EventFilter(actor="Al Shabaab", since=month(i)[0],
                                                                   until=month(i)[1])),
        "country per day": lambda i: events_per_day(store, EventFilter(country=countries[i % 10])),
    }
    print(f"queries on {path} ({n_events} events), {runs} runs each:")
    worst = 0.0
    for name, fn in cases.items():
        fn(0)  # warm the page cache
        p50, p95 = timed(fn, runs)
        worst = max(worst, p95)
        print(f"  {name:28s} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms")
    print(f"worst p95 {worst:.1f} ms (target ≤ 150)")
    store.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=400)
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--store", default=str(Path(tempfile.gettempdir()) / "sitrep-bench-1m.db"))
    ap.add_argument("--corpus", choices=("articles", "dense"), action="append",
                    help="ingest this corpus (repeatable; default both)")
    ap.add_argument("--jobs", type=int, action="append", help="extraction processes (repeatable; default 1 and 2)")
    ap.add_argument("--skip-ingest", action="store_true")
    ap.add_argument("--skip-queries", action="store_true")
    a = ap.parse_args()
    if not a.skip_ingest:
        for corpus in a.corpus or ("articles", "dense"):
            for jobs in a.jobs or (1, 2):
                bench_ingest(a.docs, jobs=jobs, corpus=corpus)
            bench_store_only(a.docs, corpus)
    if not a.skip_queries:
        bench_queries(Path(a.store), a.events)


if __name__ == "__main__":
    main()
