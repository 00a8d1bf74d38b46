"""The scorer as a library: gold documents + predicted results -> precision, recall, field accuracy.

Matching rules (they follow the project's shared referee, so both give the same numbers):

- only predicted events whose `modality` is `occurred` (or missing) are scored;
- a predicted event may pair with a gold event of the same `event_type` whose date window it
  touches with 3 days' slack, within 50 km (100 km when the gold place is province-level,
  `geo_precision` 3); pairs are taken greedily, best first: same sub-type, then nearer, then
  closer dates; each record is used once;
- a pair with a gold record marked `optional` counts neither way; an unmatched optional gold
  record is not a miss;
- tallies pair on quantity (`arrested` and `captured` are one quantity) and equal value, the
  same subject first;
- actor names compare by alias group, ignoring case, punctuation and parenthesised qualifiers.
"""
from __future__ import annotations

import json
import math
import os
import re
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Callable, Iterable

MATCH_KM = 50.0
REGION_MATCH_KM = 100.0
PLACE_RIGHT_KM = 10.0
DATE_SLACK = timedelta(days=3)
QUANTITY_GROUPS = {"arrested": "captured"}
INPUT_FIELDS = ("id", "text", "title", "url", "outlet", "published")


class EvalError(Exception):
    pass


# ---------------------------------------------------------------- actor names

_PARENS = re.compile(r"\([^)]*\)")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def name_key(name: Any) -> str:
    return _NON_ALNUM.sub(" ", _PARENS.sub(" ", str(name)).lower()).strip()


class Aliases:
    """Maps any spelling of an actor to its group's canonical name."""

    def __init__(self, table: dict[str, str] | None = None, source: str = "none",
                 resolver: Callable[[str], str | None] | None = None):
        self.table, self.source, self.resolver = dict(table or {}), source, resolver

    @classmethod
    def from_groups(cls, groups: dict[str, Iterable[str]], source: str = "") -> "Aliases":
        table = {}
        for canonical, names in groups.items():
            for name in (canonical, *names):
                table[name_key(name)] = canonical
        return cls(table, source)

    def key(self, name: Any) -> str | None:
        if name is None or not str(name).strip():
            return None
        k = name_key(name)
        if k in self.table:
            return self.table[k]
        if self.resolver is not None:
            try:
                canonical = self.resolver(str(name))
            except Exception:
                canonical = None
            if canonical:
                return canonical
        return k


def default_aliases_path() -> Path | None:
    """../shared/spec/actor_aliases.json beside the repository or the working directory."""
    repo = Path(__file__).resolve().parents[2]
    for base in (repo, Path.cwd()):
        candidate = base.parent / "shared" / "spec" / "actor_aliases.json"
        if candidate.is_file():
            return candidate
    return None


def load_aliases(path: str | os.PathLike | None = None) -> Aliases:
    """Alias groups from `path`, else the shared spec file, else sitrep's actor dictionary."""
    file = Path(path) if path else default_aliases_path()
    if file is not None:
        with open(file, encoding="utf-8") as f:
            return Aliases.from_groups(json.load(f), str(file))
    return _project_aliases()


def _project_aliases() -> Aliases:
    try:
        from sitrep.stages import actors
    except Exception:  # the actor stage is optional for scoring
        return Aliases()
    resolver = getattr(actors, "canonical_actor", None)
    if callable(resolver):
        return Aliases(source="sitrep.stages.actors", resolver=resolver)
    return Aliases()


# ---------------------------------------------------------------- record helpers

def to_date(value: Any) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def date_window(rec: dict) -> tuple[date, date] | None:
    start, end = to_date(rec.get("date_start")), to_date(rec.get("date_end"))
    if start is None and end is None:
        return None
    return (start or end, end or start)


def distance_km(a: dict, b: dict) -> float:
    try:
        p1, l1 = math.radians(float(a["latitude"])), math.radians(float(a["longitude"]))
        p2, l2 = math.radians(float(b["latitude"])), math.radians(float(b["longitude"]))
    except (KeyError, TypeError, ValueError):
        return math.inf
    hav = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin((l2 - l1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(hav)))


def is_occurred(event: dict) -> bool:
    return event.get("modality", "occurred") in (None, "", "occurred")


def _place(rec: dict) -> dict:
    return rec.get("location") or {}


def _region_level(gold_place: dict) -> bool:
    return gold_place.get("geo_precision") == 3


def event_rank(pred: dict, gold: dict):
    """None when the two cannot be the same event, else a sort key (smaller is better)."""
    if pred.get("event_type") != gold.get("event_type"):
        return None
    pw, gw = date_window(pred), date_window(gold)
    if pw is None or gw is None:
        return None
    if pw[0] - DATE_SLACK > gw[1] or pw[1] + DATE_SLACK < gw[0]:
        return None
    km = distance_km(_place(pred), _place(gold))
    if km > (REGION_MATCH_KM if _region_level(_place(gold)) else MATCH_KM):
        return None
    days_apart = abs((pw[0] - gw[0]).days) + abs((pw[1] - gw[1]).days)
    return (int(pred.get("sub_event_type") != gold.get("sub_event_type")), km, days_apart)


def quantity_of(rec: dict) -> Any:
    q = rec.get("quantity")
    return QUANTITY_GROUPS.get(q, q)


def tally_rank(aliases: Aliases) -> Callable[[dict, dict], Any]:
    def rank(pred: dict, gold: dict):
        if quantity_of(pred) != quantity_of(gold):
            return None
        try:
            if int(pred.get("value")) != int(gold.get("value")):
                return None
        except (TypeError, ValueError):
            return None
        return (int(aliases.key(pred.get("subject")) != aliases.key(gold.get("subject"))),)
    return rank


def greedy_pairs(preds: list, golds: list, rank: Callable) -> list[tuple[int, int]]:
    """One-to-one pairs, taken in order of rank (ties: earlier prediction, earlier gold)."""
    candidates = sorted((r, i, j) for i, p in enumerate(preds) for j, g in enumerate(golds)
                        if (r := rank(p, g)) is not None)
    taken_p, taken_g, pairs = set(), set(), []
    for _, i, j in candidates:
        if i in taken_p or j in taken_g:
            continue
        taken_p.add(i)
        taken_g.add(j)
        pairs.append((i, j))
    return pairs


def spans_valid(rec: dict, text: str) -> bool:
    spans = rec.get("evidence") or []
    if not spans:
        return False
    for span in spans:
        try:
            start, end = int(span["start"]), int(span["end"])
        except (KeyError, TypeError, ValueError):
            return False
        if not 0 <= start < end <= len(text):
            return False
        if "quote" in span and span["quote"] != text[start:end]:
            return False
    return True


# ---------------------------------------------------------------- tallying scores

@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    checks: dict[str, list[int]] = field(default_factory=dict)

    def check(self, name: str, right: bool) -> None:
        counts = self.checks.setdefault(name, [0, 0])
        counts[0] += bool(right)
        counts[1] += 1

    def ratio(self, name: str) -> float | None:
        right, total = self.checks.get(name, (0, 0))
        return round(right / total, 4) if total else None

    def report(self) -> dict[str, Any]:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out: dict[str, Any] = {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(precision, 4),
                               "recall": round(recall, 4), "f1": round(f1, 4)}
        for name in sorted(self.checks):
            out[name] = self.ratio(name)
        return out


def _score_events(gold: dict, pred: dict, ev: Counts, spans: Counts, aliases: Aliases) -> None:
    text = gold.get("text", "")
    preds = [e for e in pred.get("events", []) if isinstance(e, dict) and is_occurred(e)]
    golds = gold.get("events", [])
    for e in preds:
        spans.check("evidence_valid", spans_valid(e, text))
    pairs = greedy_pairs(preds, golds, event_rank)
    paired_gold = {j for _, j in pairs}
    for i, j in pairs:
        p, g = preds[i], golds[j]
        if g.get("optional"):
            continue
        ev.tp += 1
        if g.get("sub_event_type"):
            ev.check("sub_event_type", p.get("sub_event_type") == g.get("sub_event_type"))
        ev.check("actor1", aliases.key(p.get("actor1")) == aliases.key(g.get("actor1")))
        ev.check("actor2", aliases.key(p.get("actor2")) == aliases.key(g.get("actor2")))
        limit = REGION_MATCH_KM if _region_level(_place(g)) else PLACE_RIGHT_KM
        ev.check("location", distance_km(_place(p), _place(g)) <= limit)
        ev.check("date", date_window(p) == date_window(g))
        ev.check("fatalities", (p.get("fatalities") or 0) == (g.get("fatalities") or 0))
    ev.fp += len(preds) - len(pairs)
    ev.fn += sum(1 for j, g in enumerate(golds) if j not in paired_gold and not g.get("optional"))


def _score_tallies(gold: dict, pred: dict, ta: Counts, spans: Counts, aliases: Aliases) -> None:
    text = gold.get("text", "")
    preds = [t for t in pred.get("tallies", []) if isinstance(t, dict)]
    golds = gold.get("tallies", [])
    for t in preds:
        spans.check("evidence_valid", spans_valid(t, text))
    pairs = greedy_pairs(preds, golds, tally_rank(aliases))
    paired_gold = {j for _, j in pairs}
    for i, j in pairs:
        p, g = preds[i], golds[j]
        if g.get("optional"):
            continue
        ta.tp += 1
        ta.check("subject", aliases.key(p.get("subject")) == aliases.key(g.get("subject")))
        ta.check("claimant", aliases.key(p.get("claimant")) == aliases.key(g.get("claimant")))
        ta.check("since", to_date(p.get("since")) == to_date(g.get("since")))
        ta.check("qualifier", p.get("qualifier", "exact") == g.get("qualifier", "exact"))
    ta.fp += len(preds) - len(pairs)
    ta.fn += sum(1 for j, g in enumerate(golds) if j not in paired_gold and not g.get("optional"))


def score(golds: list[dict], preds: list[dict], aliases: Aliases | None = None) -> dict[str, Any]:
    """Score predicted results against gold documents (both lists of dicts)."""
    aliases = aliases if aliases is not None else load_aliases()
    results = {str(p.get("doc_id")): p for p in preds}  # a repeated doc_id: the last one wins
    ev, ta, spans = Counts(), Counts(), Counts()
    errors, missing = [], 0
    for gold in golds:
        pred = results.get(str(gold["id"]))
        if pred is None:
            missing += 1
            pred = {}
        _score_events(gold, pred, ev, spans, aliases)
        _score_tallies(gold, pred, ta, spans, aliases)
        if pred.get("error"):
            errors.append(f"{gold.get('id')}: {pred['error']}")
    return {"documents": len(golds), "missing_results": missing, "events": ev.report(),
            "tallies": ta.report(), "evidence_valid": spans.ratio("evidence_valid"), "errors": errors}


# ---------------------------------------------------------------- I/O and running extractors

def read_jsonl(path: str | os.PathLike) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def input_documents(golds: list[dict]) -> list[dict]:
    """The gold documents with their gold records stripped: what an extractor may see."""
    return [{k: g[k] for k in INPUT_FIELDS if k in g} for g in golds]


def run_in_process(golds: list[dict]) -> tuple[list[dict], float]:
    """Run sitrep's own extractor on the gold documents: (results, seconds)."""
    from sitrep.reader import Item, build_report
    from sitrep.runner import extract_item

    started = time.perf_counter()
    results = []
    for doc in input_documents(golds):
        doc_id = str(doc.get("id"))
        text = doc.get("text")
        if not isinstance(text, str):
            item = Item(doc_id, None, "missing text", [])
        else:
            item = build_report(doc_id, text, doc.get("published"), [], title=doc.get("title"),
                                url=doc.get("url"), outlet=doc.get("outlet"))
        results.append(extract_item(item))
    return results, time.perf_counter() - started


def run_command(golds: list[dict], command: str) -> tuple[list[dict], float]:
    """Write the gold documents to a temp file, run `command` ({input}, {output}), read results."""
    import shlex
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory(prefix="sitrep-eval-") as tmp:
        inp, out = Path(tmp, "input.jsonl"), Path(tmp, "output.jsonl")
        with inp.open("w", encoding="utf-8") as f:
            for doc in input_documents(golds):
                f.write(json.dumps(doc, ensure_ascii=False) + "\n")
        argv = [a.replace("{input}", str(inp)).replace("{output}", str(out)) for a in shlex.split(command)]
        started = time.perf_counter()
        try:
            proc = subprocess.run(argv, capture_output=True, text=True)
        except OSError as e:
            raise EvalError(f"cannot run {argv[0]!r}: {e}") from None
        seconds = time.perf_counter() - started
        if proc.returncode != 0:
            raise EvalError(f"the extractor exited {proc.returncode}: {proc.stderr[-2000:]}")
        if not out.exists():
            out.write_text(proc.stdout, encoding="utf-8")
        try:
            return read_jsonl(out), seconds
        except ValueError as e:
            raise EvalError(f"the extractor's output is not JSONL: {e}") from None


def format_summary(s: dict[str, Any]) -> str:
    lines = [f"documents {s['documents']}  missing results {s['missing_results']}"]
    for kind in ("events", "tallies"):
        d = s[kind]
        lines.append(f"{kind:<8} P {d['precision']:.3f}  R {d['recall']:.3f}  F1 {d['f1']:.3f}  "
                     f"(tp {d['tp']} fp {d['fp']} fn {d['fn']})")
        extra = [f"{k} {v:.3f}" for k, v in d.items()
                 if k not in {"tp", "fp", "fn", "precision", "recall", "f1"} and v is not None]
        if extra:
            lines.append("         matched: " + "  ".join(extra))
    if s.get("evidence_valid") is not None:
        lines.append(f"evidence spans valid {s['evidence_valid']:.3f}")
    if "seconds" in s:
        lines.append(f"extractor wall time {s['seconds']:.2f} s")
    lines += [f"error: {e}" for e in s["errors"][:10]]
    return "\n".join(lines)
