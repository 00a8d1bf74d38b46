#!/usr/bin/env python3
"""Throughput and memory of `sitrep extract --engine dask` (not a test: it prints numbers).

    python bench/bench_dask.py [--docs 10000] [--words 500] [--partitions 40] [--workers 1,2]

Generates N synthetic reports (bench_extract.make_report), then for each worker count starts a
LocalCluster of single-threaded worker processes, loads the extractor on every worker, and times
`run_dask` over the file (a fresh output folder each time). Prints docs/s, the speed-up over one
worker, each worker's peak RSS, checks that every run wrote the same bytes, and extrapolates to
100 workers.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_extract import make_report  # noqa: E402  (the same generator as the extractor bench)

SCHEDULER_S_PER_TASK = 0.005   # scheduler + client bookkeeping per partition (generous)


def peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def code_digest() -> str:
    """sitrep's code and data as the workers will import them (others may edit them meanwhile)."""
    import sitrep

    root = Path(sitrep.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def measure(source: Path, workers: int, partitions: int, tmp: Path) -> dict:
    import distributed

    from sitrep.engines.dask import run_dask
    from sitrep.engines.worker import warm_up

    out = tmp / f"out-{workers}"
    code = code_digest()
    with distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                  dashboard_address=None, silence_logs=40) as cluster, \
            distributed.Client(cluster) as client:
        client.run(warm_up)                       # what the worker plugin does on start
        base = client.run(peak_rss_mb)
        cpu0 = client.run(cpu_seconds)
        t = time.perf_counter()
        result = run_dask(str(source), out, client=client, partitions=partitions, progress=False)
        seconds = time.perf_counter() - t
        peaks = client.run(peak_rss_mb)
        cpu = sum(client.run(cpu_seconds).values()) - sum(cpu0.values())
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in sorted(out.glob("part-*.jsonl"))))
    return {"workers": workers, "seconds": seconds, "docs": result.summary.documents,
            "rate": result.summary.documents / seconds, "errors": result.summary.errors,
            "failed": len(result.failed), "rss_start": max(base.values()),
            "rss_peak": max(peaks.values()), "sha256": digest.hexdigest(),
            "cpu_share": cpu / (seconds * workers), "code": {code, code_digest()},
            "io_per_doc": (source.stat().st_size + sum(p.stat().st_size for p in out.glob("part-*.jsonl")))
            / max(result.summary.documents, 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--words", type=int, default=500)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--partitions", type=int, default=40)
    ap.add_argument("--workers", default="1,2", help="worker counts to measure, comma-separated")
    args = ap.parse_args()
    counts = [int(n) for n in args.workers.split(",")]

    with tempfile.TemporaryDirectory(prefix="sitrep-bench-dask-") as tmp_name:
        tmp = Path(tmp_name)
        source = tmp / "reports.jsonl"
        rng = random.Random(args.seed)
        with source.open("w", encoding="utf-8") as f:
            for i in range(args.docs):
                f.write(json.dumps(make_report(rng, i, args.words)) + "\n")
        size_mb = source.stat().st_size / 1e6
        from sitrep.gazetteer import load_gazetteer

        load_gazetteer()   # build the cached index here if the data changed, not in the workers
        print(f"corpus            {args.docs} synthetic reports, ~{args.words} words, {size_mb:.1f} MB, "
              f"{args.partitions} partitions of ~{args.docs // args.partitions} documents")
        print(f"machine           {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start")
        runs = []
        for n in counts:
            r = measure(source, n, args.partitions, tmp)
            runs.append(r)
            print(f"{n} worker(s)       {r['rate']:7.1f} docs/s  ({r['docs']} docs in {r['seconds']:.1f} s, "
                  f"{r['errors']} errors, {r['failed']} failed partitions); peak RSS per worker "
                  f"{r['rss_peak']:.0f} MB (after loading the extractor: {r['rss_start']:.0f} MB); "
                  f"workers got {r['cpu_share']:.0%} of their cores")
        base = runs[0]
        for r in runs[1:]:
            print(f"speed-up          {r['rate'] / base['rate']:.2f}x with {r['workers']} workers "
                  f"over {base['workers']} (parallel efficiency {r['rate'] / base['rate'] / r['workers'] * base['workers']:.0%})")
        same = len({r["sha256"] for r in runs}) == 1
        comparable = len(set().union(*(r["code"] for r in runs))) == 1
        print(f"same output       {'yes' if same else 'NO'} (sha256 of the concatenated shards)"
              + ("" if comparable else "; not comparable: sitrep's code or data changed during the bench"))
        print(f"load average      {os.getloadavg()[0]:.2f} at the end")
        if min(r["cpu_share"] for r in runs) < 0.9:
            print("warning           workers got under 90% of their cores: other processes were "
                  "running, the figures are skewed; run again on a quiet machine")
        estimate(runs, args)


def estimate(runs: list[dict], args) -> None:
    """100 workers: per-worker rate x efficiency, less the scheduler's per-task cost and the
    last wave of partitions (workers idle while the final tasks finish)."""
    best = max(runs, key=lambda r: r["workers"])
    per_worker = best["rate"] / best["workers"]
    efficiency = min(1.0, best["rate"] / runs[0]["rate"] / best["workers"] * runs[0]["workers"])
    workers = 100
    docs = 1_000_000
    partitions = 4 * workers                      # the default: four per worker thread
    per_part = docs / partitions
    task_s = per_part / (per_worker * efficiency)
    waves = partitions / workers
    wall = waves * task_s + partitions * SCHEDULER_S_PER_TASK / workers + task_s * 0.5  # + uneven tail
    print(f"100 workers (est) {docs / wall:7.0f} docs/s on {docs:,} documents in {partitions} partitions "
          f"({per_worker * efficiency:.1f} docs/s per worker, {task_s:.0f} s per task, "
          f"{docs / wall / workers / per_worker:.0%} of linear); peak RSS stays per worker "
          f"(~{best['rss_peak']:.0f} MB each, {best['rss_peak'] * workers / 1024:.0f} GB in all); "
          f"shared file system: {docs / wall * best['io_per_doc'] / 1e6:.0f} MB/s of input and results")


if __name__ == "__main__":
    main()
