"""`sitrep extract --engine dask`: extraction of a partitioned INPUT on a Dask cluster.

One task per partition (never per document). Each worker loads the extractor once (a worker
plugin), reads its partition with the local engine's reader, runs `runner.extract_item` on every
document and writes one result shard (`output.write_shard`). The client records finished
partitions in the manifest, so running the same command again does only what is missing. A
worker lost mid-task has its partition rerun elsewhere by Dask; since shards are written whole
and named by partition, no document is lost or written twice.

`distributed` is imported only when a run starts (`pip install 'sitrep[cluster]'`).
"""
from __future__ import annotations

import contextlib
import os
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, TextIO

from sitrep.config import Settings
from sitrep.engines.output import (MANIFEST, ManifestError, finished_indexes, load_manifest,
                                   new_manifest, remove_temporaries, save_manifest)
from sitrep.engines.partitions import plan_partitions, survey
from sitrep.runner import Progress, Summary

PARTITIONS_PER_THREAD = 4    # default split: enough tasks to keep every worker busy to the end
SAVE_EVERY_S = 1.0           # the manifest is rewritten at most this often (and at the end)


class EngineUnavailable(RuntimeError):
    """Dask's `distributed` package is not installed."""


@dataclass
class RunResult:
    summary: Summary                     # documents extracted by this run
    partitions: int                      # partitions of the input
    skipped: list[int] = field(default_factory=list)   # already finished before this run
    ran: list[int] = field(default_factory=list)       # finished by this run
    failed: dict[int, str] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        """0; 1 when a partition failed or every document of the run had an error."""
        return 1 if self.failed else self.summary.exit_code


def require_distributed():
    try:
        import distributed
    except ImportError as e:
        raise EngineUnavailable(
            "--engine dask needs Dask's distributed package: pip install 'sitrep[cluster]'") from e
    return distributed


def run_dask(source: str, out_dir: str | os.PathLike, *, settings: Settings | None = None,
             published: str | None = None, scheduler: str | None = None, client=None,
             partitions: int | None = None, restart: bool = False, retries: int = 2,
             n_workers: int | None = None, progress: bool = True, err: TextIO | None = None) -> RunResult:
    """Extract `source` (JSONL file, folder of shards, Parquet dataset) into shards in `out_dir`.

    The cluster is `client` when given, else the scheduler at `scheduler`, else a LocalCluster
    with one single-threaded worker process per core (`n_workers` to choose). `partitions`
    fixes the number of parts on a first run (default: by size, at least four per worker
    thread). Raises EngineUnavailable, InputError (INPUT unreadable) and ManifestError (the
    folder holds another input's results and `restart` is false).
    """
    distributed = require_distributed()
    settings = settings or Settings()
    err = err or sys.stderr
    out = Path(out_dir).resolve()
    if out.exists() and not out.is_dir():
        raise ManifestError(f"{out_dir}: exists and is not a folder (--engine dask writes a folder)")
    out.mkdir(parents=True, exist_ok=True)
    options = {"max_document_bytes": settings.max_document_bytes, "published": published}
    with _locked(out), contextlib.ExitStack() as stack:
        def cluster():  # connected only when there is work to do
            nonlocal client
            if client is None:
                client = stack.enter_context(_connect(distributed, scheduler, n_workers))
            return client

        manifest = _resume_or_start(out, source, options, partitions, restart, cluster)
        remove_temporaries(out)
        done = finished_indexes(out, manifest)
        todo = sorted(set(range(len(manifest["partitions"]))) - set(done))
        result = RunResult(Summary(), len(manifest["partitions"]), skipped=done)
        if done and progress:
            err.write(f"resuming: {len(done)} of {result.partitions} partitions already done, "
                      f"{len(todo)} to go\n")
        if todo:
            _run(cluster(), out, manifest, todo, result, settings, progress, retries, err)
    if progress:
        err.write(result.summary.line() + "\n")
        if result.failed:
            err.write(f"{len(result.failed)} partition(s) failed ({_brief(result.failed)}); "
                      "run the same command again to retry them\n")
        err.flush()
    return result


def _run(cl, out: Path, manifest: dict[str, Any], todo: list[int], result: RunResult,
         settings: Settings, progress: bool, retries: int, err: TextIO) -> None:
    from distributed import as_completed

    from sitrep.engines.worker import LoadExtractor, extract_partition

    cl.register_plugin(LoadExtractor())
    source, options = manifest["input"]["path"], manifest["options"]
    token = uuid.uuid4().hex[:12]
    futures = {cl.submit(extract_partition, source, manifest["partitions"][i], i, str(out),
                         options["max_document_bytes"], options["published"],
                         key=f"sitrep-extract-{token}-{i:05d}", retries=retries): i for i in todo}
    total = sum(manifest["partitions"][i].get("lines", 0) for i in todo)
    bar = Progress(err, total or None, settings.progress_threshold) if progress else None
    summary, started, last_save = result.summary, time.perf_counter(), 0.0
    try:
        for future in as_completed(futures):
            i = futures[future]
            if future.status == "finished":
                stats = future.result()
                manifest["finished"][str(i)] = stats
                manifest["failed"].pop(str(i), None)
                result.ran.append(i)
                summary.documents += stats["documents"]
                summary.events += stats["events"]
                summary.tallies += stats["tallies"]
                summary.errors += stats["errors"]
            else:
                problem = future.exception()
                result.failed[i] = manifest["failed"][str(i)] = f"{type(problem).__name__}: {problem}"
            if bar:
                bar.update(summary.documents)
            if time.perf_counter() - last_save >= SAVE_EVERY_S:
                save_manifest(out, manifest)
                last_save = time.perf_counter()
    finally:
        summary.seconds = time.perf_counter() - started
        save_manifest(out, manifest)
        if bar:
            bar.close()
        for future in futures:
            future.release()


def _resume_or_start(out: Path, source: str, options: dict[str, Any], partitions: int | None,
                     restart: bool, cluster: Callable[[], Any]) -> dict[str, Any]:
    """The manifest to continue, or a new one for a fresh partitioning of `source`."""
    current = survey(source)
    if restart:
        for shard in out.glob("part-*.jsonl"):
            shard.unlink()
        (out / MANIFEST).unlink(missing_ok=True)
    manifest = load_manifest(out)
    if manifest is not None:
        was = manifest["input"]
        if was["fingerprint"] != current.fingerprint:
            raise ManifestError(
                f"{out} holds results for another input ({was['path']}, or it has changed since): "
                f"{len(manifest['finished'])} of {len(manifest['partitions'])} partitions done. "
                "Use another --output folder, or --restart to discard those results")
        if manifest["options"] != options:
            raise ManifestError(f"{out} was started with other options ({manifest['options']}); "
                                "run with the same ones, or --restart")
        if partitions and partitions != len(manifest["partitions"]):
            raise ManifestError(f"{out} was started with {len(manifest['partitions'])} partitions; "
                                "leave out --partitions to resume, or --restart")
        manifest["input"]["path"] = current.source
        return manifest
    threads = sum(cluster().nthreads().values()) or 1
    plan = plan_partitions(source, partitions, min_partitions=PARTITIONS_PER_THREAD * threads)
    manifest = new_manifest(plan, options)
    save_manifest(out, manifest)
    return manifest


@contextlib.contextmanager
def _connect(distributed, scheduler: str | None, n_workers: int | None) -> Iterator[Any]:
    if scheduler:
        with distributed.Client(scheduler) as cl:
            yield cl
        return
    workers = n_workers or _cores()
    with distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as cl:
        yield cl


def _cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


@contextlib.contextmanager
def _locked(out: Path) -> Iterator[None]:
    """One client per output folder at a time (released by the OS if the client dies)."""
    import fcntl

    with (out / ".lock").open("a") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as e:
            raise ManifestError(f"{out}: another sitrep run is writing to this folder") from e
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def _brief(failed: dict[int, str]) -> str:
    first = min(failed)
    more = f" and {len(failed) - 1} more" if len(failed) > 1 else ""
    return f"partition {first}: {failed[first]}{more}"
