"""Readable, aligned text tables of extraction results (`sitrep extract --format table`)."""
from __future__ import annotations

from typing import Any, Iterable

EVENT_COLUMNS = ("doc", "type/sub-type", "date", "place", "actors", "fatalities", "modality")
TALLY_COLUMNS = ("doc", "quantity", "subject", "value", "since", "as of", "claimant")
MAX_CELL = 40


def _cell(value: Any) -> str:
    s = "" if value is None else str(value)
    s = " ".join(s.split())
    return s if len(s) <= MAX_CELL else s[: MAX_CELL - 1] + "…"


def _date(rec: dict[str, Any]) -> str:
    start, end = rec.get("date_start"), rec.get("date_end")
    if start and end and start != end:
        return f"{start}..{end}"
    return start or end or "?"


def _actors(rec: dict[str, Any]) -> str:
    a1, a2 = rec.get("actor1"), rec.get("actor2")
    if a1 and a2:
        return f"{a1} > {a2}"
    return a1 or (f"? > {a2}" if a2 else "")


def _place(loc: dict[str, Any] | None) -> str:
    if not loc:
        return ""
    name = loc.get("name") or "?"
    return f"{name} ({loc['geo_precision']})" if loc.get("geo_precision") else name


def grid(header: Iterable[str], rows: list[list[str]]) -> str:
    header = list(header)
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    return "\n".join(lines) + "\n"


def results_table(results: list[dict[str, Any]]) -> str:
    events, tallies, notes = [], [], []
    for res in results:
        doc = res.get("doc_id", "?")
        for e in res.get("events") or []:
            fat = e.get("fatalities")
            events.append([_cell(doc), _cell(f"{e.get('event_type')}/{e.get('sub_event_type')}"),
                           _date(e), _cell(_place(e.get("location"))), _cell(_actors(e)),
                           "" if fat is None else str(fat), _cell(e.get("modality", "occurred"))])
        for t in res.get("tallies") or []:
            qual = t.get("qualifier") or "exact"
            value = str(t.get("value")) if qual == "exact" else f"{t.get('value')} ({qual})"
            tallies.append([_cell(doc), _cell(t.get("quantity")), _cell(t.get("subject")), value,
                            _cell(t.get("since")), _cell(t.get("as_of")), _cell(t.get("claimant"))])
        if res.get("error"):
            notes.append(f"{doc}: error: {res['error']}")
        for w in res.get("warnings") or []:
            notes.append(f"{doc}: warning: {w}")
    out = [f"EVENTS ({len(events)})\n", grid(EVENT_COLUMNS, events) if events else "(none)\n",
           f"\nTALLIES ({len(tallies)})\n", grid(TALLY_COLUMNS, tallies) if tallies else "(none)\n"]
    if notes:
        out.append(f"\nNOTES ({len(notes)})\n" + "\n".join(notes) + "\n")
    return "".join(out)
