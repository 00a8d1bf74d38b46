"""The output folder of a partitioned run: result shards, the manifest, reading them back.

    DIR/part-00000.jsonl   results of partition 0, one JSON line per document, input order
    DIR/part-00001.jsonl   ...
    DIR/manifest.json      the input, its partitions, and which partitions are finished

A shard is written to a temporary name and renamed into place when complete; the manifest is
rewritten the same way (temporary file + `os.replace`). A partition counts as finished only once
the manifest lists it and its shard has the recorded size, so a crash or a killed worker never
leaves half a shard counted as done, and redoing a partition replaces its shard whole.

manifest.json:

    {"format": 1, "sitrep": "0.1.0",
     "input": {"path": "/abs/INPUT", "kind": "jsonl|folder|parquet", "fingerprint": sha256,
               "files": [[relative path, size, mtime_ns], ...]},
     "options": {"max_document_bytes": 5000000, "published": null},
     "partitions": [{partition spec, see partitions.py}, ...],
     "finished": {"0": {"shard": "part-00000.jsonl", "documents": 250, "events": 301,
                        "tallies": 12, "errors": 0, "bytes": 812345, "sha256": "..."}, ...},
     "failed": {"7": "KilledWorker: ..."}}
"""
from __future__ import annotations

import hashlib
import json
import os
import uuid
from itertools import zip_longest
from pathlib import Path
from typing import Any, Iterable, Iterator

from sitrep.models import Report

MANIFEST = "manifest.json"
FORMAT = 1


class ManifestError(Exception):
    """The output folder holds something this run must not overwrite or cannot use."""


def shard_name(index: int) -> str:
    return f"part-{index:05d}.jsonl"


# ---------------------------------------------------------------- shards

def write_shard(out_dir: str | os.PathLike, index: int, results: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Write one partition's results atomically; returns the counts for the manifest."""
    out = Path(out_dir)
    final = out / shard_name(index)
    tmp = out / f".{final.name}.{uuid.uuid4().hex}.tmp"   # one per attempt: retries never collide
    stats = {"shard": final.name, "documents": 0, "events": 0, "tallies": 0, "errors": 0}
    digest = hashlib.sha256()
    size = 0
    try:
        with tmp.open("wb") as f:
            for result in results:
                line = (json.dumps(result, ensure_ascii=False) + "\n").encode("utf-8")
                f.write(line)
                digest.update(line)
                size += len(line)
                stats["documents"] += 1
                stats["events"] += len(result.get("events") or [])
                stats["tallies"] += len(result.get("tallies") or [])
                stats["errors"] += bool(result.get("error"))
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, final)
    finally:
        tmp.unlink(missing_ok=True)
    stats.update(bytes=size, sha256=digest.hexdigest())
    return stats


def remove_temporaries(out_dir: str | os.PathLike) -> None:
    """Half-written shards left by a killed worker or client."""
    for p in Path(out_dir).glob(".part-*.tmp"):
        p.unlink(missing_ok=True)
    for p in Path(out_dir).glob(f".{MANIFEST}.*.tmp"):
        p.unlink(missing_ok=True)


# ---------------------------------------------------------------- manifest

def new_manifest(plan, options: dict[str, Any]) -> dict[str, Any]:
    from sitrep import __version__

    return {"format": FORMAT, "sitrep": __version__,
            "input": {"path": plan.source, "kind": plan.kind, "fingerprint": plan.fingerprint,
                      "files": plan.files},
            "options": options, "partitions": plan.partitions, "finished": {}, "failed": {}}


def load_manifest(out_dir: str | os.PathLike) -> dict[str, Any] | None:
    path = Path(out_dir) / MANIFEST
    if not path.exists():
        return None
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise ManifestError(f"{path}: not a readable manifest ({e})") from e
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ManifestError(f"{path}: not a sitrep manifest of format {FORMAT}")
    return manifest


def save_manifest(out_dir: str | os.PathLike, manifest: dict[str, Any]) -> None:
    """Replace the manifest atomically: a reader sees the old one or the new one, never half."""
    path = Path(out_dir) / MANIFEST
    tmp = path.with_name(f".{MANIFEST}.{uuid.uuid4().hex}.tmp")
    with tmp.open("w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=1)
        f.write("\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def finished_indexes(out_dir: str | os.PathLike, manifest: dict[str, Any]) -> list[int]:
    """Partitions listed as finished whose shard is present with its recorded size."""
    done = []
    for key, stats in manifest.get("finished", {}).items():
        shard = Path(out_dir) / stats["shard"]
        try:
            if shard.stat().st_size == stats["bytes"]:
                done.append(int(key))
        except OSError:
            continue
    return sorted(done)


# ---------------------------------------------------------------- reading results back

def iter_finished(out_dir: str | os.PathLike) -> Iterator[tuple[Report | None, dict[str, Any]]]:
    """Every document of every finished partition of a `--engine dask` run in `out_dir`.

    Yields `(report, result)` pairs, partition by partition in manifest (= input) order and
    document by document in input order. `result` is the result record exactly as written to
    the shard (`doc_id`, `events`, `tallies`, maybe `warnings` / `error`). `report` is the
    input document (`sitrep.models.Report`) re-read from the partition recorded in the
    manifest, or None when it cannot be had: the input is gone or was changed since the run,
    the line was broken, or the document had an error. Partitions that are not finished (a run
    still going, or interrupted) are skipped; run the extraction again to complete them.

    Raises ManifestError when `out_dir` has no readable manifest.
    """
    from sitrep.engines.partitions import read_partition

    manifest = load_manifest(out_dir)
    if manifest is None:
        raise ManifestError(f"{out_dir}: no {MANIFEST} (not the output of a partitioned run)")
    inp, options = manifest["input"], manifest["options"]
    source = inp["path"]
    same_input = _current_fingerprint(source, inp) == inp["fingerprint"]
    for index in finished_indexes(out_dir, manifest):
        spec = manifest["partitions"][index]
        items = read_partition(source, spec, options["max_document_bytes"], options.get("published")) \
            if same_input else iter(())
        with (Path(out_dir) / shard_name(index)).open("rb") as f:
            for item, line in zip_longest(items, f):
                if line is None:
                    break
                result = json.loads(line)
                report = item.report if item is not None and item.doc_id == result.get("doc_id") else None
                yield report, result


def _current_fingerprint(source: str, inp: dict[str, Any]) -> str | None:
    from sitrep.engines.partitions import fingerprint

    try:
        root = Path(source)
        files = []
        for rel, _, _ in inp["files"]:
            st = (root / rel if rel else root).stat()
            files.append([rel, st.st_size, st.st_mtime_ns])
        return fingerprint(inp["kind"], files)
    except OSError:
        return None
