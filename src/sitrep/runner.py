"""Batch runner: reader Items -> pipeline.extract per document -> one result line each, in order.

A document that cannot be read, or whose extraction raises, gets a result with an `error` and
empty lists; the run goes on. Progress and the closing summary go to stderr.
"""
from __future__ import annotations

import json
import logging
import sys
import time
from dataclasses import dataclass
from typing import Any, Callable, Iterable, TextIO

from sitrep.config import Settings
from sitrep.reader import Item

log = logging.getLogger("sitrep.runner")


@dataclass
class Summary:
    documents: int = 0
    events: int = 0
    tallies: int = 0
    errors: int = 0
    seconds: float = 0.0

    @property
    def docs_per_s(self) -> float:
        return self.documents / self.seconds if self.seconds > 0 else 0.0

    @property
    def exit_code(self) -> int:
        """0, or 1 when there were documents and every one failed."""
        return 1 if self.documents and self.errors == self.documents else 0

    def line(self) -> str:
        return (f"documents {self.documents}, events {self.events}, tallies {self.tallies}, "
                f"errors {self.errors}, {self.docs_per_s:.1f} docs/s")


def extract_item(item: Item, extract: Callable[[Any], dict] | None = None) -> dict[str, Any]:
    """The result for one reader Item; never raises an ordinary exception."""
    if item.report is None:
        result: dict[str, Any] = {"doc_id": item.doc_id, "events": [], "tallies": [],
                                  "error": item.error or "unreadable document"}
    else:
        if extract is None:
            from sitrep.pipeline import extract
        try:
            result = extract(item.report)
            if not isinstance(result, dict):
                raise TypeError(f"extract returned {type(result).__name__}, not dict")
            result = {"doc_id": item.doc_id, **{k: v for k, v in result.items() if k != "doc_id"}}
            result.setdefault("events", [])
            result.setdefault("tallies", [])
        except Exception as e:  # one document's failure must not stop the run
            log.warning("extraction failed for %s: %s: %s", item.doc_id, type(e).__name__, e,
                        exc_info=log.isEnabledFor(logging.DEBUG))
            result = {"doc_id": item.doc_id, "events": [], "tallies": [],
                      "error": f"{type(e).__name__}: {e}"}
    warnings = list(item.warnings) + list(result.get("warnings") or [])
    if warnings:
        result["warnings"] = warnings
    else:
        result.pop("warnings", None)
    return result


def run_extract(items: Iterable[Item], out: TextIO, settings: Settings, progress: bool = True,
                total: int | None = None, fmt: str = "jsonl",
                extract: Callable[[Any], dict] | None = None,
                err: TextIO | None = None) -> Summary:
    """Extract every item, write results to `out` (JSONL, or a table at the end), return counts."""
    err = err or sys.stderr
    summary = Summary()
    bar = Progress(err, total, settings.progress_threshold) if progress else None
    kept: list[dict[str, Any]] = []
    started = time.perf_counter()
    try:
        for item in items:
            result = extract_item(item, extract)
            summary.documents += 1
            summary.events += len(result.get("events") or [])
            summary.tallies += len(result.get("tallies") or [])
            summary.errors += bool(result.get("error"))
            if fmt == "table":
                kept.append(result)
            else:
                out.write(json.dumps(result, ensure_ascii=False) + "\n")
            if bar:
                bar.update(summary.documents)
    finally:
        summary.seconds = time.perf_counter() - started
        if bar:
            bar.close()
    if fmt == "table":
        from sitrep.render import results_table

        out.write(results_table(kept))
    out.flush()
    if progress:
        err.write(summary.line() + "\n")
        err.flush()
    return summary


class Progress:
    """A small progress bar: redrawn in place on a terminal, periodic lines otherwise."""

    WIDTH = 30

    def __init__(self, stream: TextIO, total: int | None, threshold: int = 50):
        self.stream, self.total, self.threshold = stream, total, threshold
        self.tty = bool(getattr(stream, "isatty", lambda: False)())
        self.started = time.perf_counter()
        self.last_draw = 0.0
        self.drawn = False
        self.next_line = threshold

    def update(self, done: int) -> None:
        now = time.perf_counter()
        if self.tty:
            if now - self.last_draw >= 0.1 or done == self.total:
                self.stream.write("\r" + self.render(done, now))
                self.stream.flush()
                self.last_draw, self.drawn = now, True
        elif done >= self.next_line:
            self.stream.write(self.render(done, now) + "\n")
            self.stream.flush()
            step = max(self.threshold, (self.total or 0) // 10)
            self.next_line = done + step

    def render(self, done: int, now: float) -> str:
        rate = done / max(now - self.started, 1e-9)
        if self.total:
            frac = min(done / self.total, 1.0)
            filled = int(frac * self.WIDTH)
            bar = "#" * filled + "-" * (self.WIDTH - filled)
            return f"[{bar}] {done}/{self.total} {frac:4.0%} {rate:.0f} docs/s"
        return f"{done} docs {rate:.0f} docs/s"

    def close(self) -> None:
        if self.tty and self.drawn:
            self.stream.write("\n")
            self.stream.flush()
