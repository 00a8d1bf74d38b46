"""Split an INPUT into partitions, and read one partition back as reader Items.

A partition is a plain JSON-able dict, so it can be recorded in a manifest and shipped to a
worker. Its `file` is relative to INPUT ("" when INPUT is the file itself).

    {"kind": "jsonl", "file": F, "start": B0, "end": B1, "first_line": L, "lines": n}
        a byte range of a JSONL file, both ends at line starts; lines are numbered from
        `first_line` so that fallback ids (`line-N`) and messages match a whole-file read
    {"kind": "files", "files": [F, ...], "lines": n}
        loose .txt/.html documents of a folder, consecutive in name order
    {"kind": "parquet", "file": F, "row_group": G, "offset": O, "lines": n, "first_line": L}
        rows O .. O+n of one row group of a Parquet file; row N of the dataset reads like
        line N of a JSONL file (columns id, text, published, title, url, outlet)

Every document is read by the same functions as the local engine (`reader.read_jsonl`,
`reader.parse_line`, `reader.read_input`), so results are the same byte for byte. Nothing here
imports Dask; pyarrow is imported only for Parquet input.
"""
from __future__ import annotations

import hashlib
import json
import math
import os
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Iterator

from sitrep.reader import (JSONL_SUFFIXES, READABLE_SUFFIXES, InputError, Item, parse_line,
                           read_input, read_jsonl)

PARQUET_SUFFIXES = {".parquet", ".parq"}
PARQUET_COLUMNS = ("id", "text", "published", "title", "url", "outlet")
TARGET_BYTES = 64 << 20      # default JSONL partition size when not asked for a count
TARGET_ROWS = 20_000         # default Parquet partition size (rows)
FILES_PER_GROUP = 500        # loose .txt/.html files per partition
SCAN = 1 << 20


@dataclass
class Plan:
    """What INPUT holds and how it is split."""

    source: str                                   # INPUT as an absolute path
    kind: str                                     # jsonl | folder | parquet
    files: list[list] = field(default_factory=list)   # [relative path, size, mtime_ns]
    partitions: list[dict[str, Any]] = field(default_factory=list)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.kind, self.files)


def fingerprint(kind: str, files: list[list]) -> str:
    """A digest of the input's file names, sizes and modification times."""
    blob = json.dumps([kind, files], separators=(",", ":")).encode()
    return hashlib.sha256(blob).hexdigest()


# ---------------------------------------------------------------- what INPUT is

def survey(source: str) -> Plan:
    """The input's kind and files (no partitions yet): cheap, only `stat` calls."""
    path = Path(source)
    if not path.exists():
        raise InputError(f"{source}: no such file or folder")
    root = path.resolve()
    if root.is_file():
        kind = "parquet" if root.suffix.lower() in PARQUET_SUFFIXES else "jsonl"
        return Plan(str(root), kind, [_stat(root, "")])
    readable = sorted(p.name for p in root.iterdir() if p.is_file() and p.suffix.lower() in READABLE_SUFFIXES)
    parquet = sorted(str(p.relative_to(root)) for p in root.rglob("*")
                     if p.is_file() and p.suffix.lower() in PARQUET_SUFFIXES
                     and not any(part.startswith((".", "_")) for part in p.relative_to(root).parts))
    if readable and parquet:
        raise InputError(f"{source}: holds both Parquet and JSONL/text files; give one kind per run")
    if parquet:
        return Plan(str(root), "parquet", [_stat(root / rel, rel) for rel in parquet])
    return Plan(str(root), "folder", [_stat(root / name, name) for name in readable])


def _stat(path: Path, rel: str) -> list:
    st = path.stat()
    return [rel, st.st_size, st.st_mtime_ns]


def plan_partitions(source: str, partitions: int | None = None, min_partitions: int = 1) -> Plan:
    """Survey INPUT and split it: into `partitions` parts when given, else by size, with at
    least `min_partitions` parts where the input allows (a folder keeps one part per shard)."""
    plan = survey(source)
    if partitions is not None and partitions < 1:
        raise ValueError("the number of partitions must be at least 1")
    if plan.kind == "parquet":
        plan.partitions = _plan_parquet(plan, partitions, min_partitions)
        return plan
    jsonl_bytes = sum(size for rel, size, _ in plan.files if _is_jsonl(rel or plan.source))
    if partitions:
        target = max(1, math.ceil(jsonl_bytes / partitions))
    elif plan.kind == "jsonl":
        target = max(1, min(TARGET_BYTES, math.ceil(jsonl_bytes / max(min_partitions, 1))))
    else:
        target = TARGET_BYTES
    group: list[str] = []
    for rel, size, _ in plan.files:
        if _is_jsonl(rel or plan.source):
            if group:
                plan.partitions.append({"kind": "files", "files": group, "lines": len(group)})
                group = []
            plan.partitions.extend(_split_jsonl(_path(plan.source, rel), rel, size, target))
        else:
            group.append(rel)
            if len(group) >= FILES_PER_GROUP:
                plan.partitions.append({"kind": "files", "files": group, "lines": len(group)})
                group = []
    if group:
        plan.partitions.append({"kind": "files", "files": group, "lines": len(group)})
    return plan


def _is_jsonl(name: str) -> bool:
    return Path(name).suffix.lower() in JSONL_SUFFIXES


def _path(source: str, rel: str) -> Path:
    return Path(source) / rel if rel else Path(source)


# ---------------------------------------------------------------- JSONL byte ranges

def _split_jsonl(path: Path, rel: str, size: int, target: int) -> list[dict[str, Any]]:
    """Byte ranges of about `target` bytes, cut at line starts, with their first line numbers."""
    if size == 0:
        return [{"kind": "jsonl", "file": rel, "start": 0, "end": 0, "first_line": 1, "lines": 0}]
    pieces = max(1, math.ceil(size / target))
    with path.open("rb") as f:
        cuts = sorted({_line_start(f, size, i * size // pieces) for i in range(1, pieces)} - {size})
        bounds = [0, *cuts, size]
        newlines = _count_newlines(f, bounds)
    ranges, line = [], 1
    for (start, end), n in zip(zip(bounds, bounds[1:]), newlines):
        lines = n + (1 if end == size and not _ends_with_newline(path, size) else 0)
        ranges.append({"kind": "jsonl", "file": rel, "start": start, "end": end,
                       "first_line": line, "lines": lines})
        line += n
    return ranges


def _line_start(f, size: int, offset: int) -> int:
    """The first line start at or after `offset`."""
    f.seek(offset - 1)
    pos = offset - 1
    while chunk := f.read(SCAN):
        i = chunk.find(b"\n")
        if i >= 0:
            return pos + i + 1
        pos += len(chunk)
    return size


def _count_newlines(f, bounds: list[int]) -> list[int]:
    """Newlines inside each [bounds[i], bounds[i+1]) range, in one sequential pass."""
    f.seek(0)
    counts = []
    for start, end in zip(bounds, bounds[1:]):
        n, left = 0, end - start
        while left > 0:
            chunk = f.read(min(SCAN, left))
            if not chunk:
                break
            n += chunk.count(b"\n")
            left -= len(chunk)
        counts.append(n)
    return counts


def _ends_with_newline(path: Path, size: int) -> bool:
    with path.open("rb") as f:
        f.seek(size - 1)
        return f.read(1) == b"\n"


class _Range:
    """A binary file seen only between two offsets (both at line starts)."""

    def __init__(self, f, end: int):
        self.f, self.end = f, end

    def readline(self, limit: int = -1) -> bytes:
        left = self.end - self.f.tell()
        if left <= 0:
            return b""
        return self.f.readline(left if limit < 0 else min(limit, left))


# ---------------------------------------------------------------- Parquet row groups

def _plan_parquet(plan: Plan, partitions: int | None, min_partitions: int) -> list[dict[str, Any]]:
    import pyarrow.parquet as pq

    groups: list[tuple[str, int | None, int]] = []   # (file, row group or None if unreadable, rows)
    for rel, _, _ in plan.files:
        try:
            meta = pq.ParquetFile(_path(plan.source, rel)).metadata
            groups.extend((rel, g, meta.row_group(g).num_rows) for g in range(meta.num_row_groups))
        except Exception:  # a corrupt file becomes one partition that reports it  # noqa: BLE001
            groups.append((rel, None, 0))
    total = sum(rows for _, _, rows in groups)
    if partitions:
        target = max(1, math.ceil(total / partitions))
    else:
        target = max(1, min(TARGET_ROWS, math.ceil(total / max(min_partitions, 1))))
    parts, line = [], 1
    for rel, g, rows in groups:
        if g is None:
            parts.append({"kind": "parquet", "file": rel, "row_group": None, "offset": 0,
                          "lines": 0, "first_line": line})
            continue
        for offset in range(0, max(rows, 1), target):
            n = min(target, rows - offset)
            parts.append({"kind": "parquet", "file": rel, "row_group": g, "offset": offset,
                          "lines": n, "first_line": line})
            line += n
    return parts


def _read_parquet(source: str, spec: dict[str, Any], max_bytes: int) -> Iterator[Item]:
    rel, lineno, left = spec["file"], spec["first_line"] - 1, spec["lines"]
    if spec["row_group"] is None:
        yield Item(rel, None, f"unreadable Parquet file {rel}", [])
        return
    try:
        import pyarrow.parquet as pq

        pf = pq.ParquetFile(_path(source, rel))
        columns = [c for c in PARQUET_COLUMNS if c in pf.schema_arrow.names]
        skip = spec["offset"]
        batches = pf.iter_batches(batch_size=256, row_groups=[spec["row_group"]], columns=columns or None)
        for batch in batches:
            if skip >= batch.num_rows:
                skip -= batch.num_rows
                continue
            batch = batch.slice(skip, left)
            skip = 0
            rows = batch.select(columns).to_pylist() if columns else [{}] * batch.num_rows
            for row in rows:
                lineno += 1
                left -= 1
                yield _row_item(row, lineno, max_bytes)
            if left <= 0:
                return
    except Exception as e:  # the rest of this partition cannot be read  # noqa: BLE001
        problem = f"unreadable Parquet data in {rel}: {type(e).__name__}: {e}"
        for _ in range(left):
            lineno += 1
            yield Item(f"line-{lineno}", None, problem, [])


def _row_item(row: dict[str, Any], lineno: int, max_bytes: int) -> Item:
    """A Parquet row read exactly as the JSON line holding the same object would be."""
    raw = json.dumps(row, default=_jsonable).encode("ascii")
    if len(raw) > max_bytes:
        return Item(f"line-{lineno}", None, f"document too large ({len(raw)} bytes > {max_bytes})", [])
    return parse_line(raw, lineno)


def _jsonable(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return str(value)


# ---------------------------------------------------------------- reading one partition

def read_partition(source: str, spec: dict[str, Any], max_bytes: int,
                   published: str | None = None) -> Iterator[Item]:
    """The documents of one partition, in input order, as reader Items.

    Input that cannot be read (a file gone, an I/O error, a corrupt Parquet file) becomes
    error Items, never an exception, so one bad partition does not stop a run.
    """
    kind = spec["kind"]
    if kind == "parquet":
        yield from _read_parquet(source, spec, max_bytes)
    elif kind == "files":
        for rel in spec["files"]:
            try:
                yield from read_input(str(_path(source, rel)), max_bytes, published)
            except (OSError, InputError) as e:
                yield Item(Path(rel).stem, None, f"cannot read {rel}: {e}", [])
    elif kind == "jsonl":
        yield from _read_range(source, spec, max_bytes)
    else:
        raise ValueError(f"unknown partition kind {kind!r}")


def _read_range(source: str, spec: dict[str, Any], max_bytes: int) -> Iterator[Item]:
    rel, seen = spec["file"], 0
    name = rel or os.path.basename(source)
    try:
        with _path(source, rel).open("rb") as f:
            f.seek(spec["start"])
            for item in read_jsonl(_Range(f, spec["end"]), max_bytes, spec["first_line"]):
                seen += 1
                yield item
    except OSError as e:
        yield Item(f"{name}:{spec['start']}", None,
                   f"cannot read {name} from byte {spec['start']} (after {seen} documents): {e}", [])
