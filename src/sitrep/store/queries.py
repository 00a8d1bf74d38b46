"""Read the store: events with filters, documents, incidents, the tallies ledger, control timelines.

Every function takes the Store and returns plain dicts ready for JSON, so the CLI, the API and
the exports share them. Filters are checked up front (`EventFilter.from_params`) and turned into
parameterised SQL; a bad value raises FilterError with a message for the user.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, fields
from datetime import date
from typing import Any, Mapping

from sqlalchemy import String, Text, and_, func, or_, select, text

from sitrep import link
from sitrep.store import Store
from sitrep.store.corrections import EVENT_TYPES, SUB_EVENT_TYPES
from sitrep.store.schema import PASSAGE_SEPARATOR, corrections, documents, events, incidents, tallies

MAX_LIMIT = 100_000
MAX_ID = 2**62  # larger whole numbers overflow the databases' integers


class FilterError(ValueError):
    """A filter value that cannot be used; the message names it."""


@dataclass
class EventFilter:
    since: str | None = None            # events starting on or after this day
    until: str | None = None            # ... and on or before this one
    bbox: tuple[float, float, float, float] | None = None   # west, south, east, north
    country: str | None = None
    admin1: str | None = None
    actor: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    text: str | None = None
    doc_id: str | None = None
    incident_id: int | None = None
    include_unconfirmed: bool = False   # denied/expected/hypothetical events too
    limit: int = 1000
    offset: int = 0

    @classmethod
    def from_params(cls, params: Mapping[str, Any]) -> "EventFilter":
        """A filter from strings (CLI options, query parameters); unknown keys and bad values raise."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(k for k, v in params.items() if k not in known and v not in (None, ""))
        if unknown:
            raise FilterError(f"unknown filter {unknown[0]!r}; filters: {', '.join(sorted(known))}")
        p = {k: v for k, v in params.items() if v not in (None, "")}
        flt = cls(
            since=_check_date("since", p.get("since")), until=_check_date("until", p.get("until")),
            bbox=_check_bbox(p.get("bbox")), country=_check_country(p.get("country")),
            admin1=_text(p.get("admin1")), actor=_check_actor(p.get("actor")),
            event_type=_check_choice("event_type", p.get("event_type"), set(EVENT_TYPES)),
            sub_event_type=_check_choice("sub_event_type", p.get("sub_event_type"), SUB_EVENT_TYPES),
            text=_text(p.get("text")), doc_id=_text(p.get("doc_id")),
            incident_id=_check_int("incident_id", p.get("incident_id"), 1, None),
            include_unconfirmed=_check_bool("include_unconfirmed", p.get("include_unconfirmed", False)),
            limit=_check_int("limit", p.get("limit", 1000), 1, MAX_LIMIT),
            offset=_check_int("offset", p.get("offset", 0), 0, None))
        if flt.since and flt.until and flt.since > flt.until:
            raise FilterError(f"since {flt.since} is after until {flt.until}")
        return flt


def _text(value: Any) -> str | None:
    return str(value).strip() or None if value is not None else None


def _check_date(name: str, value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        raise FilterError(f"{name}={value!r}: want a date as YYYY-MM-DD") from None


def _check_bbox(value: Any) -> tuple[float, float, float, float] | None:
    if value is None:
        return None
    parts = value if isinstance(value, (list, tuple)) else str(value).split(",")
    try:
        w, s, e, n = (float(x) for x in parts)
    except (ValueError, TypeError):
        raise FilterError(f"bbox={value!r}: want WEST,SOUTH,EAST,NORTH in degrees") from None
    if not (-180 <= w <= 180 and -180 <= e <= 180 and -90 <= s <= n <= 90):
        raise FilterError(f"bbox={value!r}: longitudes within ±180, latitudes within ±90, south ≤ north")
    return (w, s, e, n)


def _check_country(value: Any) -> str | None:
    if value is None:
        return None
    code = str(value).strip().upper()
    if not re.fullmatch(r"[A-Z]{2}", code):
        raise FilterError(f"country={value!r}: want an ISO 3166-1 alpha-2 code such as SY")
    return code


def _check_actor(value: Any) -> str | None:
    if value is None:
        return None
    from sitrep.stages.actors import canonical_actor

    name = str(value).strip()
    return canonical_actor(name) or name


def _check_choice(name: str, value: Any, allowed: set[str]) -> str | None:
    if value is None:
        return None
    if str(value) not in allowed:
        raise FilterError(f"{name}={value!r}: want one of {', '.join(sorted(allowed))}")
    return str(value)


def _check_int(name: str, value: Any, lo: int, hi: int | None) -> int | None:
    if value is None:
        return None
    try:
        number = int(value)
    except (ValueError, TypeError):
        raise FilterError(f"{name}={value!r}: want a whole number") from None
    hi = MAX_ID if hi is None else hi
    if number < lo or number > hi:
        raise FilterError(f"{name}={value!r}: want a number from {lo} to {hi}")
    return number


def _check_bool(name: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text_value = str(value).strip().lower()
    if text_value in ("1", "true", "yes"):
        return True
    if text_value in ("0", "false", "no"):
        return False
    raise FilterError(f"{name}={value!r}: want true or false")


# -- events -----------------------------------------------------------------------------------

RTREE_SMALL_BOX = 5_000  # a box holding fewer events than this is read through the R*Tree
BIG_BOX_SHARE = 0.02     # a box holding this share of the store or more: newest-first lists walk the date index


def apply_filter(store: Store, flt: EventFilter, query: Any, newest_first: bool = False) -> Any:
    """`query` (a select over events) narrowed by the filter, as parameterised SQL.

    On SQLite a bounding box is answered one of three ways. A small box (few events) reads its
    events through the R*Tree and sorts them; the other conditions then test columns through
    `column || ''`, which SQLite cannot answer from an index, so the planner does not walk a
    whole index looking for the box's few events. A bigger box is read from the coordinates
    index (which also holds modality and date, so counts never touch the table). A box holding a
    large share of the store (a country), listed `newest_first`, instead walks the date index and
    tests each event's coordinates: the first page is found long before the box's events could be
    sorted.
    """
    where, _ = _filter_parts(store, flt, newest_first)
    return query.where(*where)


def _filter_parts(store: Store, flt: EventFilter, newest_first: bool = False) -> tuple[list[Any], str | None]:
    """The WHERE conditions of the filter, and the size of its box ("small", "mid", "big"; None without one)."""
    size = (_box_size(store, flt.bbox) if flt.bbox and store.dialect == "sqlite" and not _whole_world(flt.bbox)
            else None)
    small_box = size == "small"
    c = _Unindexed(events.c) if small_box else events.c
    where = _time_place_type(store, c, flt)
    if not flt.include_unconfirmed:
        where.append(c.modality == "occurred")
    if flt.actor:
        where.append(or_(c.actor1 == flt.actor, c.actor2 == flt.actor,
                         c.assoc_actors.contains(json.dumps(flt.actor)[1:-1], autoescape=True)))
    if flt.sub_event_type:
        where.append(c.sub_event_type == flt.sub_event_type)
    if flt.doc_id:
        where.append(c.doc_id == flt.doc_id)
    if flt.incident_id:
        where.append(c.incident_id == flt.incident_id)
    if flt.text:
        pattern = flt.text.lower()
        where.append(or_(func.lower(c.evidence_text).contains(pattern, autoescape=True),
                         func.lower(c.location_name).contains(pattern, autoescape=True)))
    if flt.bbox and not _whole_world(flt.bbox):
        where.append(_in_rtree(flt.bbox) if small_box
                     else _in_box_columns(flt.bbox, indexed=not (newest_first and size == "big")))
    return where, size


def _whole_world(bbox: tuple[float, float, float, float]) -> bool:
    w, s, e, n = bbox
    return w <= -180 and e >= 180 and s <= -90 and n >= 90


class _Unindexed:
    """events.c whose text columns read as `column || ''`: the same values, no index."""

    def __init__(self, columns: Any):
        self._columns = columns

    def __getattr__(self, name: str) -> Any:
        column = getattr(self._columns, name)
        return column.concat("") if isinstance(column.type, (String, Text)) else column


def _time_place_type(store: Store, c: Any, flt: EventFilter) -> list[Any]:
    """Conditions on the columns events and incidents share: start date, country, province, type."""
    where: list[Any] = []
    if flt.since:
        where.append(c.date_start >= flt.since)
    if flt.until:
        where.append(c.date_start <= flt.until)
    if flt.country:
        where.append(c.country == flt.country)
    if flt.admin1:
        where.append(c.admin1.in_(_admin1_spellings(store, flt.admin1)))
    if flt.event_type:
        where.append(c.event_type == flt.event_type)
    return where


def _admin1_spellings(store: Store, name: str) -> list[str]:
    """The stored spellings of a province name, matched without regard to case (index-only lookup)."""
    wanted = name.casefold()
    with store.read() as conn:
        if conn.execute(select(events.c.id).where(events.c.admin1 == name).limit(1)).first():
            return [name]  # spelled as stored: one index seek
        names = conn.execute(select(events.c.admin1).where(events.c.admin1.is_not(None))
                             .group_by(events.c.admin1)).scalars().all()
    return [n for n in names if n.casefold() == wanted] or [name]


def _lon_ranges(bbox: tuple[float, float, float, float]) -> list[tuple[float, float]]:
    w, _, e, _ = bbox
    return [(w, e)] if w <= e else [(w, 180.0), (-180.0, e)]  # a box across the antimeridian


def _rtree_box_sql(i: int) -> str:
    return f"SELECT id FROM events_rtree WHERE min_lon >= :w{i} AND max_lon <= :e{i} AND min_lat >= :s AND max_lat <= :n"


def _box_size(store: Store, bbox: tuple[float, float, float, float]) -> str:
    """ "small" (fewer than RTREE_SMALL_BOX events), "big" (BIG_BOX_SHARE of the store or more) or "mid",
    from an R*Tree probe that stops counting at the big size; the store's size is its highest id."""
    _, s, _, n = bbox
    found = 0
    with store.read() as conn:
        stored = conn.execute(select(func.max(events.c.id))).scalar() or 0
        big = max(RTREE_SMALL_BOX, int(stored * BIG_BOX_SHARE))
        for i, (lo, hi) in enumerate(_lon_ranges(bbox)):
            probe = text(f"SELECT count(*) FROM ({_rtree_box_sql(i)} LIMIT {big})")
            found += conn.execute(probe, {f"w{i}": lo, f"e{i}": hi, "s": s, "n": n}).scalar_one()
    return "small" if found < RTREE_SMALL_BOX else "big" if found >= big else "mid"


def _in_rtree(bbox: tuple[float, float, float, float]) -> Any:
    _, s, _, n = bbox
    parts = [text(f"events.id IN ({_rtree_box_sql(i)})").bindparams(**{f"w{i}": lo, f"e{i}": hi, "s": s, "n": n})
             for i, (lo, hi) in enumerate(_lon_ranges(bbox))]
    return parts[0] if len(parts) == 1 else or_(*parts)


def _in_box_columns(bbox: tuple[float, float, float, float], indexed: bool = True) -> Any:
    _, s, _, n = bbox
    lon, lat = (events.c.longitude, events.c.latitude) if indexed else (events.c.longitude + 0, events.c.latitude + 0)
    parts = [and_(lon.between(lo, hi), lat.between(s, n)) for lo, hi in _lon_ranges(bbox)]
    return parts[0] if len(parts) == 1 else or_(*parts)


def query_events(store: Store, flt: EventFilter | None = None) -> list[dict[str, Any]]:
    """Events matching the filter, newest first, as dicts (spec fields plus store ids)."""
    flt = flt or EventFilter()
    where, size = _filter_parts(store, flt, newest_first=True)
    newest = (events.c.date_start.desc(), events.c.id.desc())
    q = select(events, documents.c.title).join(documents, documents.c.id == events.c.document_id)
    if size == "mid":
        # the box's page is sorted from the coordinates index alone; only its rows are read in full
        page = select(events.c.id).where(*where).order_by(*newest).limit(flt.limit + flt.offset)
        q = q.where(events.c.id.in_(page))
    else:
        q = q.where(*where)
    q = q.order_by(*newest).limit(flt.limit).offset(flt.offset)
    with store.read() as conn:
        rows = conn.execute(q).mappings().all()
        fixes = _corrections_for(conn, rows)
    return [event_dict(r, fixes.get((r["doc_id"], r["event_index"]), {})) for r in rows]


def count_events(store: Store, flt: EventFilter | None = None) -> int:
    flt = flt or EventFilter()
    with store.read() as conn:
        return conn.execute(apply_filter(store, flt, select(func.count()).select_from(events))).scalar_one()


def events_per_day(store: Store, flt: EventFilter | None = None) -> list[dict[str, Any]]:
    """How many events start on each day (for the timeline), oldest first; ignores limit/offset."""
    flt = flt or EventFilter()
    q = apply_filter(store, flt, select(events.c.date_start, func.count()).where(events.c.date_start.is_not(None)))
    q = q.group_by(events.c.date_start).order_by(events.c.date_start)
    with store.read() as conn:
        return [{"date": d, "count": n} for d, n in conn.execute(q).all()]


def get_event(store: Store, event_id: int) -> dict[str, Any] | None:
    q = (select(events, documents.c.title).join(documents, documents.c.id == events.c.document_id)
         .where(events.c.id == event_id))
    with store.read() as conn:
        row = conn.execute(q).mappings().first()
        if row is None:
            return None
        fixes = _corrections_for(conn, [row])
    return event_dict(row, fixes.get((row["doc_id"], row["event_index"]), {}))


def _corrections_for(conn: Any, rows: list[Mapping[str, Any]]) -> dict[tuple[str, int], dict[str, Any]]:
    wanted = {(r["doc_id"], r["event_index"]) for r in rows if r["corrected"]}
    if not wanted:
        return {}
    found: dict[tuple[str, int], dict[str, Any]] = {}
    q = select(corrections).where(corrections.c.doc_id.in_({d for d, _ in wanted})).order_by(corrections.c.id)
    for c in conn.execute(q).mappings():
        key = (c["doc_id"], c["event_index"])
        if key in wanted:
            found.setdefault(key, {})[c["field"]] = {
                "value": json.loads(c["value"]), "machine_value": json.loads(c["machine_value"] or "null"),
                "author": c["author"], "at": c["created_at"]}
    return found


def _evidence(row: Mapping[str, Any], doc_text: str | None) -> list[dict[str, Any]]:
    """A record's evidence spans, each with its passage: cut from the report text when given,
    else taken from the stored evidence_text."""
    try:
        spans = json.loads(row["evidence"] or "[]")
    except ValueError:
        return []
    if doc_text is not None:
        return [{**s, "text": doc_text[s["start"]:s["end"]]} for s in spans]
    passages = (row.get("evidence_text") or "").split(PASSAGE_SEPARATOR)
    return [{**s, "text": passages[i] if i < len(passages) else None} for i, s in enumerate(spans)]


def event_dict(r: Mapping[str, Any], corrected: dict[str, Any] | None = None,
               doc_text: str | None = None) -> dict[str, Any]:
    evidence = _evidence(r, doc_text)
    return {
        "id": r["id"], "doc_id": r["doc_id"], "event_index": r["event_index"], "incident_id": r["incident_id"],
        "title": r.get("title"),
        "event_type": r["event_type"], "sub_event_type": r["sub_event_type"],
        "date_start": r["date_start"], "date_end": r["date_end"], "time_precision": r["time_precision"],
        "location": None if r["location_name"] is None and r["latitude"] is None else {
            "name": r["location_name"], "latitude": r["latitude"], "longitude": r["longitude"],
            "country": r["country"], "admin1": r["admin1"], "admin2": r["admin2"],
            "geonameid": r["geonameid"], "geo_precision": r["geo_precision"]},
        "actor1": r["actor1"], "actor2": r["actor2"], "assoc_actors": json.loads(r["assoc_actors"] or "[]"),
        "inter1": r["inter1"], "inter2": r["inter2"],
        "fatalities": r["fatalities"], "fatalities_low": r["fatalities_low"], "fatalities_high": r["fatalities_high"],
        "counts": json.loads(r["counts"] or "{}"), "modality": r["modality"], "claimant": r["claimant"],
        "confidence": r["confidence"], "evidence": evidence,
        "corrected": corrected or {}, "extractor_version": r["extractor_version"],
    }


# -- documents --------------------------------------------------------------------------------

def get_document(store: Store, doc_id: str) -> dict[str, Any] | None:
    """A stored report with its text and every record read from it (evidence with offsets and text)."""
    with store.read() as conn:
        d = conn.execute(select(documents).where(documents.c.doc_id == doc_id)).mappings().first()
        if d is None:
            return None
        rows = conn.execute(select(events).where(events.c.document_id == d["id"])
                            .order_by(events.c.event_index)).mappings().all()
        fixes = _corrections_for(conn, rows)
        t_rows = conn.execute(select(tallies).where(tallies.c.document_id == d["id"])
                              .order_by(tallies.c.tally_index)).mappings().all()
    return {
        "doc_id": d["doc_id"], "title": d["title"], "text": d["text"], "published": d["published"],
        "outlet": d["outlet"], "url": d["url"], "error": d["error"], "warnings": json.loads(d["warnings"] or "[]"),
        "extractor_version": d["extractor_version"], "ingested_at": d["ingested_at"],
        "events": [event_dict({**r, "title": d["title"]}, fixes.get((r["doc_id"], r["event_index"])), d["text"])
                   for r in rows],
        "tallies": [tally_dict(t, d["text"]) for t in t_rows],
    }


def list_documents(store: Store, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    q = (select(documents.c.doc_id, documents.c.title, documents.c.published, documents.c.outlet,
                documents.c.error, documents.c.extractor_version)
         .order_by(documents.c.published.desc(), documents.c.doc_id).limit(limit).offset(offset))
    with store.read() as conn:
        return [dict(r) for r in conn.execute(q).mappings()]


def tally_dict(t: Mapping[str, Any], doc_text: str | None = None) -> dict[str, Any]:
    evidence = _evidence(t, doc_text)
    return {"id": t["id"], "doc_id": t["doc_id"], "tally_index": t["tally_index"], "quantity": t["quantity"],
            "subject": t["subject"], "value": t["value"], "qualifier": t["qualifier"], "since": t["since"],
            "as_of": t["as_of"], "area": json.loads(t["area"]) if t["area"] else None,
            "claimant": t["claimant"], "evidence": evidence}


# -- incidents --------------------------------------------------------------------------------

def _incident_conditions(store: Store, flt: EventFilter) -> list[Any]:
    c = incidents.c
    where = _time_place_type(store, c, flt)
    if flt.bbox:
        w, s, e, n = flt.bbox
        where.append(and_(c.latitude.between(s, n), c.longitude.between(w, e) if w <= e
                          else or_(c.longitude >= w, c.longitude <= e)))
    if flt.actor or flt.doc_id or flt.text:  # incidents with a source that matches
        sources, _ = _filter_parts(store, EventFilter(actor=flt.actor, doc_id=flt.doc_id, text=flt.text,
                                                      include_unconfirmed=True))
        where.append(c.id.in_(select(events.c.incident_id).where(events.c.incident_id.is_not(None), *sources)))
    return where


def list_incidents(store: Store, flt: EventFilter | None = None, min_sources: int = 1) -> list[dict[str, Any]]:
    """Incidents (newest first), each with every source and its own figures."""
    flt = flt or EventFilter()
    q = (select(incidents).where(*_incident_conditions(store, flt), incidents.c.sources >= min_sources)
         .order_by(incidents.c.date_start.desc(), incidents.c.id.desc()).limit(flt.limit).offset(flt.offset))
    with store.read() as conn:
        rows = conn.execute(q).mappings().all()
        return _with_sources(conn, rows)


def all_incidents(store: Store) -> list[dict[str, Any]]:
    """Every incident in id order (for exports and for checking linking against gold)."""
    with store.read() as conn:
        rows = conn.execute(select(incidents).order_by(incidents.c.id)).mappings().all()
        return _with_sources(conn, rows)


def get_incident(store: Store, incident_id: int) -> dict[str, Any] | None:
    with store.read() as conn:
        row = conn.execute(select(incidents).where(incidents.c.id == incident_id)).mappings().first()
        return _with_sources(conn, [row])[0] if row else None


def _with_sources(conn: Any, rows: list[Mapping[str, Any]]) -> list[dict[str, Any]]:
    ids = [r["id"] for r in rows]
    sources: dict[int, list[dict[str, Any]]] = {i: [] for i in ids}
    for chunk in (ids[i:i + 500] for i in range(0, len(ids), 500)):
        q = (select(events.c.id, events.c.incident_id, events.c.doc_id, events.c.event_index, events.c.fatalities,
                    events.c.date_start, events.c.date_end, events.c.location_name, events.c.actor1,
                    events.c.actor2, events.c.corrected, documents.c.title, documents.c.outlet,
                    documents.c.published)
             .join(documents, documents.c.id == events.c.document_id)
             .where(events.c.incident_id.in_(chunk)).order_by(events.c.id))
        for s in conn.execute(q).mappings():
            sources[s["incident_id"]].append({
                "doc_id": s["doc_id"], "event_index": s["event_index"], "event_id": s["id"],
                "title": s["title"], "outlet": s["outlet"], "published": s["published"],
                "fatalities": s["fatalities"], "date_start": s["date_start"], "date_end": s["date_end"],
                "location": s["location_name"], "actor1": s["actor1"], "actor2": s["actor2"],
                "corrected": bool(s["corrected"])})
    out = []
    for r in rows:
        out.append({
            "id": r["id"], "event_type": r["event_type"], "sub_event_type": r["sub_event_type"],
            "date_start": r["date_start"], "date_end": r["date_end"],
            "location": {"name": r["location_name"], "latitude": r["latitude"], "longitude": r["longitude"],
                         "country": r["country"], "admin1": r["admin1"]},
            "fatalities": r["fatalities"], "fatalities_low": r["fatalities_low"],
            "fatalities_high": r["fatalities_high"], "sources": sources[r["id"]]})
    return out


# -- tallies ledger ---------------------------------------------------------------------------

def tally_ledger(store: Store, claimant: str | None = None, quantity: str | None = None,
                 subject: str | None = None) -> list[dict[str, Any]]:
    """Running totals grouped into series (claimant, quantity, subject, since), latest value first.

    Series about the same quantity and subject sit next to each other, so competing claims
    (one side's count against a monitor's) read side by side.
    """
    q = select(tallies, documents.c.title).join(documents, documents.c.id == tallies.c.document_id)
    if claimant:
        from sitrep.stages.actors import canonical_actor

        q = q.where(tallies.c.claimant == (canonical_actor(claimant) or claimant))
    if quantity:
        q = q.where(tallies.c.quantity == quantity)
    if subject:
        q = q.where(tallies.c.subject == subject)
    with store.read() as conn:
        rows = conn.execute(q).mappings().all()
    series: dict[tuple, dict[str, Any]] = {}
    for t in rows:
        key = (t["quantity"], t["subject"] or "", t["claimant"] or "", t["since"] or "")
        s = series.setdefault(key, {"quantity": t["quantity"], "subject": t["subject"], "claimant": t["claimant"],
                                    "since": t["since"], "values": []})
        s["values"].append({"value": t["value"], "qualifier": t["qualifier"], "as_of": t["as_of"],
                            "doc_id": t["doc_id"], "title": t["title"], "tally_id": t["id"],
                            "evidence": tally_dict(t)["evidence"]})
    for s in series.values():
        s["values"].sort(key=lambda v: (v["as_of"] or "", v["value"]), reverse=True)
        s["latest"] = s["values"][0]["value"]
    return [series[k] for k in sorted(series)]


# -- control timeline -------------------------------------------------------------------------

def fold_name(name: str | None) -> str:
    """A place name without case, accents, apostrophes or an al-/el- article: "Hajīn" == "hajin"."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", name or "")
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch)).casefold()
    plain = re.sub(r"^(?:al|el|as|ash|ad|an|ar|az|at)[-\s]+", "", re.sub(r"[’'`ʿʾ]", "", plain.strip()))
    return re.sub(r"[^a-z0-9]+", "", plain)


def control_timeline(store: Store, place: str) -> list[dict[str, Any]]:
    """Who held `place` (a location name, any case or accents, or a GeoNames id) over time, oldest first."""
    c = events.c
    wanted = place.strip()
    where = [c.modality == "occurred", c.sub_event_type.in_(link.TERRITORY_CHANGES)]
    if wanted.isdigit():
        where.append(c.geonameid == int(wanted))
    q = select(c.id, c.doc_id, c.location_name, c.date_start, c.date_end, c.actor1, c.actor2).where(*where)
    with store.read() as conn:
        rows = [dict(r) for r in conn.execute(q).mappings()]
    if not wanted.isdigit():
        key = fold_name(wanted)
        rows = [r for r in rows if fold_name(r["location_name"]) == key]
    return link.control_periods(rows)


def control_places(store: Store) -> list[str]:
    """Places that changed hands at least once (for pickers)."""
    c = events.c
    q = (select(c.location_name).where(c.sub_event_type.in_(link.TERRITORY_CHANGES), c.modality == "occurred",
                                       c.location_name.is_not(None))
         .group_by(c.location_name).order_by(c.location_name))
    with store.read() as conn:
        return [r[0] for r in conn.execute(q)]


def facets(store: Store) -> dict[str, list[str]]:
    """Values present in the store for the dashboard's filters."""
    c = events.c
    with store.read() as conn:
        def distinct(col: Any) -> list[str]:
            return [r[0] for r in conn.execute(select(col).where(col.is_not(None)).group_by(col).order_by(col))]
        actors = sorted(set(distinct(c.actor1)) | set(distinct(c.actor2)))
        return {"event_types": distinct(c.event_type), "actors": actors,
                "countries": distinct(c.country), "admin1": distinct(c.admin1)}


__all__ = ["EventFilter", "FilterError", "apply_filter", "query_events", "count_events", "events_per_day", "get_event",
           "get_document", "list_documents", "list_incidents", "all_incidents", "get_incident", "tally_ledger",
           "control_timeline", "control_places", "facets"]
