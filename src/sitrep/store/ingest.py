"""Extract reports and store them: one transaction per document, linked into incidents as it goes.

    ingest_report(store, report)            # extract, store, link; returns an IngestResult
    ingest_items(store, reader_items, ...)  # a whole input, with progress and a summary
    reextract(store)                        # re-run a newer extractor over stored documents

A document is stored once: its content hash (text and publication date) decides. The same
document (same text and publication date) ingested again changes nothing; a changed document under the same id replaces the old
records (analyst corrections are re-applied to the new ones); the same text under another id is
reported as a duplicate and not stored twice.
"""
from __future__ import annotations

import functools
import hashlib
import itertools
import json
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Callable, Iterable, Iterator, TextIO

from sqlalchemy import and_, bindparam, delete, func, or_, select, update

from sitrep import link
from sitrep.config import Settings
from sitrep.models import Report
from sitrep.store import Store, StoreError, extractor_version
from sitrep.store.schema import PASSAGE_SEPARATOR, corrections, documents, events, incidents, tallies


@dataclass
class IngestResult:
    doc_id: str
    status: str            # stored | replaced | unchanged | duplicate | error
    result: dict[str, Any] = field(default_factory=dict)
    message: str = ""

    @property
    def created(self) -> bool:
        return self.status in ("stored", "replaced")


@dataclass
class IngestSummary:
    documents: int = 0
    stored: int = 0
    unchanged: int = 0
    duplicates: int = 0
    errors: int = 0
    events: int = 0
    tallies: int = 0
    seconds: float = 0.0

    def add(self, res: IngestResult) -> None:
        self.documents += 1
        if res.status in ("stored", "replaced"):
            self.stored += 1
            self.events += len(res.result.get("events") or [])
            self.tallies += len(res.result.get("tallies") or [])
        self.unchanged += res.status == "unchanged"
        self.duplicates += res.status == "duplicate"
        self.errors += res.status == "error" or bool(res.result.get("error"))

    def line(self) -> str:
        rate = self.documents / self.seconds if self.seconds > 0 else 0.0
        return (f"documents {self.documents}, stored {self.stored}, unchanged {self.unchanged}, "
                f"duplicates {self.duplicates}, errors {self.errors}, events {self.events}, "
                f"tallies {self.tallies}, {rate:.1f} docs/s")

    @property
    def exit_code(self) -> int:
        return 1 if self.documents and self.errors == self.documents else 0


def content_hash(report: Report) -> str:
    key = json.dumps([report.text, report.published], ensure_ascii=False)
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def ingest_report(store: Store, report: Report, settings: Settings | None = None,
                  result: dict[str, Any] | None = None, version: str | None = None) -> IngestResult:
    """Extract `report` (unless `result` is given), store it and link its events, in one transaction."""
    digest = content_hash(report)
    if result is None:  # look before extracting: an unchanged document costs one query
        if _stored_unchanged(store, report):
            return IngestResult(report.id, "unchanged")
        result = extract_safely(report)
    version = version or extractor_version()
    with store.write() as conn:
        return write_document(conn, report, result, digest, version)


def extract_safely(report: Report) -> dict[str, Any]:
    from sitrep.reader import Item
    from sitrep.runner import extract_item

    return extract_item(Item(doc_id=report.id, report=report, error=None, warnings=[]))


def write_document(conn: Any, report: Report, result: dict[str, Any], digest: str, version: str) -> IngestResult:
    """Store one document's records and link them; the caller holds the write transaction."""
    row = conn.execute(_document_query(), {"doc_id": report.id}).first()
    if row and row.content_hash == digest:
        return IngestResult(report.id, "unchanged")
    if not row:
        twin = conn.execute(_twin_query(), {"digest": digest}).first()
        if twin:
            return IngestResult(report.id, "duplicate", message=f"same text as {twin.doc_id}")
    values = {"doc_id": report.id, "content_hash": digest, "title": report.title, "text": report.text,
              "published": report.published, "url": report.url, "outlet": report.outlet,
              "error": result.get("error"), "warnings": json.dumps(result.get("warnings") or []),
              "extractor_version": version, "ingested_at": now()}
    if row:
        remove_records(conn, row.id)
        conn.execute(update(documents).where(documents.c.id == row.id).values(**values))
        doc_pk, status = row.id, "replaced"
    else:
        doc_pk = conn.execute(documents.insert().values(**values).returning(documents.c.id)).scalar_one()
        status = "stored"
    insert_records(conn, doc_pk, report, result, version)
    return IngestResult(report.id, status, result)


@functools.lru_cache(maxsize=1)
def _document_query() -> Any:
    return select(documents.c.id, documents.c.content_hash).where(documents.c.doc_id == bindparam("doc_id"))


@functools.lru_cache(maxsize=1)
def _twin_query() -> Any:
    return select(documents.c.doc_id).where(documents.c.content_hash == bindparam("digest"))


def insert_records(conn: Any, doc_pk: int, report: Report, result: dict[str, Any], version: str) -> None:
    """Insert a document's events and tallies, re-apply its corrections and link its events."""
    rows = [event_row(doc_pk, report.id, i, e, report.text, version)
            for i, e in enumerate(result.get("events") or []) if isinstance(e, dict)]
    ids = insert_rows(conn, events, rows)
    t_rows = [tally_row(doc_pk, report.id, i, t, report.text, version)
              for i, t in enumerate(result.get("tallies") or []) if isinstance(t, dict)]
    t_rows = [t for t in t_rows if t["value"] is not None]  # a total no store can hold is no total
    if t_rows:
        conn.execute(tallies.insert(), t_rows)
    from sitrep.store.corrections import reapply_corrections

    if reapply_corrections(conn, report.id):
        link_events(conn, ids)  # corrected values decide: read the rows back
    else:
        link_new_events(conn, [_link_fields(row, event_id) for row, event_id in zip(rows, ids)])


def insert_rows(conn: Any, table: Any, rows: list[dict[str, Any]]) -> list[int]:
    """Insert `rows` into `table` (one with an integer `id` key); their new ids, in the same order.
    The caller holds the write transaction."""
    if not rows:
        return []
    if conn.dialect.name == "sqlite":
        # SQLite gives a new row the largest id + 1, and the write transaction holds the lock, so
        # numbering the rows here gives the ids SQLite would, in one executemany: RETURNING in
        # parameter order costs SQLite one statement per row.
        first = (conn.execute(_max_id_query(table)).scalar() or 0) + 1
        ids = list(range(first, first + len(rows)))
        conn.execute(table.insert(), [{**row, "id": i} for row, i in zip(rows, ids)])
        return ids
    return list(conn.execute(table.insert().returning(table.c.id, sort_by_parameter_order=True), rows).scalars())


@functools.lru_cache(maxsize=None)
def _max_id_query(table: Any) -> Any:
    return select(func.max(table.c.id))


def remove_records(conn: Any, doc_pk: int) -> None:
    """Delete a document's events and tallies, shrinking or dropping the incidents they were in."""
    touched = [r[0] for r in conn.execute(select(events.c.incident_id).distinct()
                                          .where(events.c.document_id == doc_pk,
                                                 events.c.incident_id.is_not(None)))]
    conn.execute(delete(events).where(events.c.document_id == doc_pk))
    conn.execute(delete(tallies).where(tallies.c.document_id == doc_pk))
    refresh_incidents(conn, touched)


def spans_text(text: str, spans: list[Any]) -> str:
    parts = []
    for s in spans or []:
        if isinstance(s, dict) and isinstance(s.get("start"), int) and isinstance(s.get("end"), int):
            parts.append(text[s["start"]:s["end"]])
    return PASSAGE_SEPARATOR.join(parts)


MAX_COUNT = 2**31 - 1  # the Integer columns' range on every back end


def _count(value: Any) -> int | None:
    """A whole number the store can hold, or None (absurd or malformed figures are not stored)."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_COUNT:
        return None
    return value


@functools.lru_cache(maxsize=4096)
def _inter(actor: str) -> int | None:
    """An actor's ACLED inter code (read from the actor table, which is loaded once per process)."""
    from sitrep.stages.actors import actor_inter

    return actor_inter(actor)


def event_row(doc_pk: int, doc_id: str, index: int, e: dict[str, Any], text: str, version: str) -> dict[str, Any]:
    loc = e.get("location") or {}
    actor1, actor2 = e.get("actor1"), e.get("actor2")
    return {
        "document_id": doc_pk, "doc_id": doc_id, "event_index": index,
        "event_type": e.get("event_type") or "unknown", "sub_event_type": e.get("sub_event_type"),
        "date_start": e.get("date_start"), "date_end": e.get("date_end"),
        "time_precision": e.get("time_precision"),
        "location_name": loc.get("name"), "latitude": loc.get("latitude"), "longitude": loc.get("longitude"),
        "country": loc.get("country"), "admin1": loc.get("admin1"), "admin2": loc.get("admin2"),
        "geonameid": loc.get("geonameid"), "geo_precision": loc.get("geo_precision"),
        "actor1": actor1, "actor2": actor2, "assoc_actors": json.dumps(e.get("assoc_actors") or []),
        "inter1": _inter(actor1) if actor1 else None, "inter2": _inter(actor2) if actor2 else None,
        "fatalities": _count(e.get("fatalities")), "fatalities_low": _count(e.get("fatalities_low")),
        "fatalities_high": _count(e.get("fatalities_high")), "counts": json.dumps(e.get("counts") or {}),
        "modality": e.get("modality") or "occurred", "claimant": e.get("claimant"),
        "confidence": e.get("confidence"), "trigger": e.get("trigger"),
        "evidence": json.dumps(e.get("evidence") or []), "evidence_text": spans_text(text, e.get("evidence")),
        "corrected": 0, "extractor_version": version,
    }


def tally_row(doc_pk: int, doc_id: str, index: int, t: dict[str, Any], text: str, version: str) -> dict[str, Any]:
    return {
        "document_id": doc_pk, "doc_id": doc_id, "tally_index": index,
        "quantity": t.get("quantity") or "unknown", "subject": t.get("subject"), "value": _count(t.get("value")),
        "qualifier": t.get("qualifier"), "since": t.get("since"), "as_of": t.get("as_of"),
        "area": json.dumps(t.get("area")) if t.get("area") else None, "claimant": t.get("claimant"),
        "evidence": json.dumps(t.get("evidence") or []), "evidence_text": spans_text(text, t.get("evidence")),
        "extractor_version": version,
    }


# -- linking ----------------------------------------------------------------------------------

LINK_COLUMNS = ("id", "doc_id", "event_type", "sub_event_type", "date_start", "date_end", "location_name",
                "latitude", "longitude", "country", "admin1", "geo_precision", "actor1", "actor2",
                "fatalities", "fatalities_low", "fatalities_high", "modality", "evidence", "incident_id")


@functools.lru_cache(maxsize=1)
def _link_select() -> Any:
    return select(*[events.c[name] for name in LINK_COLUMNS])


def link_event(conn: Any, event_id: int) -> int | None:
    """Put one occurred event into the incident it belongs to (a new one when none fits)."""
    return link_events(conn, [event_id]).get(event_id)


def link_events(conn: Any, event_ids: list[int]) -> dict[int, int]:
    """Link a document's stored events, read back from the store; returns {event id: incident id}."""
    if not event_ids:
        return {}
    new = [dict(r) for r in conn.execute(_link_select().where(events.c.id.in_(event_ids))
                                         .order_by(events.c.id)).mappings()]
    return link_new_events(conn, new)


def _link_fields(row: dict[str, Any], event_id: int) -> dict[str, Any]:
    """The linking fields of an event row just inserted with `event_id`, as the store would give them back."""
    return {**{name: row.get(name) for name in LINK_COLUMNS}, "id": event_id, "incident_id": None}


def link_new_events(conn: Any, new: list[dict[str, Any]]) -> dict[int, int]:
    """Link a document's new events (their LINK_COLUMNS, in id order); returns {event id: incident id}.

    The candidate incidents of all the events (same types, near in time and place) and their
    sources are read in two queries, matched in memory, and written back in batches.
    """
    new = [e for e in new if e["modality"] == "occurred"]
    if not new:
        return {}
    members = _candidate_members(conn, new)
    assigned: dict[int, int] = {}
    touched: set[int] = set()
    alone: list[list[dict[str, Any]]] = []
    for unit in _lists(new):  # one event, or the places of one list: they go to one incident
        best: tuple[float, int] | None = None
        for incident_id in sorted(members):
            cost = min((c for c in (link.match_cost(ev, members[incident_id]) for ev in unit) if c is not None),
                       default=None)
            if cost is not None and (best is None or (cost, incident_id) < best):
                best = (cost, incident_id)
        if best is None:
            alone.append(unit)
            continue
        members[best[1]].extend(unit)
        touched.add(best[1])
        assigned.update({ev["id"]: best[1] for ev in unit})
    if alone:
        created = insert_rows(conn, incidents, [link.incident_summary(unit) for unit in alone])
        assigned.update({ev["id"]: incident_id for unit, incident_id in zip(alone, created) for ev in unit})
    conn.execute(_set_incident(), [{"event_id": e, "incident_id": i} for e, i in assigned.items()])
    if touched:
        conn.execute(_update_incident(),
                     [{"incident_id": i, **link.incident_summary(members[i])} for i in sorted(touched)])
    return assigned


@functools.lru_cache(maxsize=1)
def _set_incident() -> Any:
    return update(events).where(events.c.id == bindparam("event_id")).values(incident_id=bindparam("incident_id"))


@functools.lru_cache(maxsize=1)
def _update_incident() -> Any:
    return update(incidents).where(incidents.c.id == bindparam("incident_id"))


def _lists(new: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """A document's new events in order, the places of one list ("retook A, B and C") kept together."""
    units: list[list[dict[str, Any]]] = []
    for ev in new:
        unit = next((u for u in units if link.listed_together(u[0], ev)), None)
        if unit is None:
            units.append([ev])
        else:
            unit.append(ev)
    return units


NEAR_DEGREES = (0.3, 0.4)  # latitude, longitude: the box around a precise place where candidates lie


def _candidate_members(conn: Any, new: list[dict[str, Any]]) -> dict[int, list[dict[str, Any]]]:
    """Sources of the stored incidents that any of `new` could join, by incident id."""
    dated = [e for e in new if e["date_start"]]
    if not dated:
        return {}
    boxes = [link.candidate_box(e) for e in dated]
    precise = [e for e in dated if _is_precise(e)]
    places = sorted({(e["latitude"], e["longitude"]) for e in precise})
    provinces = sorted({e["admin1"] for e in dated if not _is_precise(e) and e["admin1"]})
    if not places and not provinces:
        return {}
    params: dict[str, Any] = {"types": sorted({e["event_type"] for e in dated}),
                              "date_hi": max(hi for _, hi in boxes), "date_lo": min(lo for lo, _ in boxes)}
    if provinces:
        params["provinces"] = provinces
    for n, (lat, lon) in enumerate(places):
        params.update({f"lat_lo{n}": lat - NEAR_DEGREES[0], f"lat_hi{n}": lat + NEAR_DEGREES[0],
                       f"lon_lo{n}": lon - NEAR_DEGREES[1], f"lon_hi{n}": lon + NEAR_DEGREES[1]})
    return _members_of(conn, conn.execute(_candidate_query(len(places), bool(provinces)), params).scalars().all())


def _is_precise(e: dict[str, Any]) -> bool:
    return e["latitude"] is not None and (e["geo_precision"] or 3) < link.PROVINCE_PRECISION


@functools.lru_cache(maxsize=256)
def _candidate_query(places: int, provinces: bool) -> Any:
    """Incidents of some types and dates, near one of `places` precise places or in one of some
    provinces. Built once per shape: building the statement costs more than running it."""
    near = [and_(incidents.c.latitude.between(bindparam(f"lat_lo{n}"), bindparam(f"lat_hi{n}")),
                 incidents.c.longitude.between(bindparam(f"lon_lo{n}"), bindparam(f"lon_hi{n}")))
            for n in range(places)]
    if provinces:
        near.append(incidents.c.admin1.in_(bindparam("provinces", expanding=True)))
    return select(incidents.c.id).where(incidents.c.event_type.in_(bindparam("types", expanding=True)),
                                        incidents.c.date_start <= bindparam("date_hi"),
                                        incidents.c.date_end >= bindparam("date_lo"), or_(*near))


def _members_of(conn: Any, incident_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """The sources of some incidents (their LINK_COLUMNS, in id order), by incident id."""
    members: dict[int, list[dict[str, Any]]] = {i: [] for i in incident_ids}
    for chunk in (incident_ids[i:i + 500] for i in range(0, len(incident_ids), 500)):
        for m in conn.execute(_members_query(), {"incident_ids": chunk}).mappings():
            members[m["incident_id"]].append(dict(m))
    return members


@functools.lru_cache(maxsize=1)
def _members_query() -> Any:
    return (_link_select().where(events.c.incident_id.in_(bindparam("incident_ids", expanding=True)))
            .order_by(events.c.id))


def unlink_event(conn: Any, event_id: int) -> None:
    incident_id = conn.execute(select(events.c.incident_id).where(events.c.id == event_id)).scalar()
    conn.execute(update(events).where(events.c.id == event_id).values(incident_id=None))
    if incident_id is not None:
        refresh_incidents(conn, [incident_id])


def refresh_incidents(conn: Any, incident_ids: list[int]) -> None:
    """Recompute incidents from their remaining sources; delete those with none left."""
    members = _members_of(conn, incident_ids)
    gone = [i for i, sources in members.items() if not sources]
    if gone:
        conn.execute(delete(incidents).where(incidents.c.id.in_(gone)))
    kept = [{"incident_id": i, **link.incident_summary(sources)} for i, sources in members.items() if sources]
    if kept:
        conn.execute(_update_incident(), kept)


def relink_all(store: Store) -> int:
    """Rebuild every incident from scratch, documents in (publication date, id) order. Returns the count."""
    with store.write() as conn:
        conn.execute(update(events).values(incident_id=None))
        conn.execute(delete(incidents))
        ordered = conn.execute(select(events.c.document_id, events.c.id)
                               .join(documents, documents.c.id == events.c.document_id)
                               .order_by(documents.c.published, documents.c.doc_id, events.c.event_index)).all()
        batch: list[int] = []
        for n, (document_id, event_id) in enumerate(ordered):
            batch.append(event_id)
            if n + 1 == len(ordered) or ordered[n + 1][0] != document_id:
                link_events(conn, batch)  # a document at a time, as ingest links them
                batch = []
        return len(conn.execute(select(incidents.c.id)).all())


# -- whole inputs -----------------------------------------------------------------------------

def ingest_items(store: Store, items: Iterable[Any], settings: Settings, progress: bool = True,
                 total: int | None = None, err: TextIO | None = None,
                 extract: Callable[[Report], dict] | None = None, jobs: int = 1) -> IngestSummary:
    """Ingest reader Items one transaction each; a bad document is reported and the run goes on.

    With jobs > 1, that many worker processes extract while this process writes, in input
    order; documents already stored unchanged are not extracted again.
    """
    def results() -> Iterator[IngestResult]:
        version = extractor_version()
        for item, result in _extracted(store, items, extract, jobs):
            if item.report is None:
                yield IngestResult(item.doc_id, "error", message=item.error or "unreadable document")
            else:
                yield _ingest_one(store, item.report, settings, result, version)
    summary = _summarise(results(), settings, progress, total, err)
    if summary.stored:
        store.optimize()
    return summary


def _summarise(results: Iterable[IngestResult], settings: Settings, progress: bool, total: int | None,
               err: TextIO | None) -> IngestSummary:
    """Count the results as they come, with a progress bar and a line on stderr for each problem."""
    from sitrep.runner import Progress

    err = err or sys.stderr
    summary = IngestSummary()
    bar = Progress(err, total, settings.progress_threshold) if progress else None
    started = time.perf_counter()
    try:
        for res in results:
            if res.message:
                err.write(f"{res.doc_id}: {res.status}: {res.message}\n")
            summary.add(res)
            if bar:
                bar.update(summary.documents)
    finally:
        summary.seconds = time.perf_counter() - started
        if bar:
            bar.close()
    return summary


def _ingest_one(store: Store, report: Report, settings: Settings, result: dict[str, Any] | None,
                version: str) -> IngestResult:
    """ingest_report, with a document the database refuses reported as that document's error."""
    try:
        res = ingest_report(store, report, settings, result=result, version=version)
    except StoreError as e:
        if not e.per_document:
            raise
        return IngestResult(report.id, "error", message=str(e))
    except (ValueError, TypeError, AttributeError, KeyError) as e:  # a malformed result (e.g. from a shard)
        return IngestResult(report.id, "error", message=f"cannot store this result: {type(e).__name__}: {e}")
    if res.result.get("error"):
        res.message = res.result["error"]
    return res


def _extracted(store: Store, items: Iterable[Any], extract: Callable[[Report], dict] | None,
               jobs: int) -> Iterator[tuple[Any, dict[str, Any] | None]]:
    """(item, result or None) in input order; None lets ingest_report decide (unchanged, or extract here)."""
    if jobs <= 1:
        for item in items:
            yield item, (extract(item.report) if extract and item.report is not None else None)
        return
    import multiprocessing

    with multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn").Pool(jobs) as pool:
        yield from pool.imap(_extract_in_worker, _needing_work(store, items), chunksize=4)


CHECK_BATCH = 64  # documents looked up in one query before they are sent to extraction


def _needing_work(store: Store, items: Iterable[Any]) -> Iterator[tuple[Any, bool]]:
    """(item, whether to extract it): not when unreadable or already stored unchanged.

    The pool reads its input ahead anyway, so the store is asked about a batch of documents at a
    time: this runs in the writing process, which should do little else than write."""
    for batch in _batches(items, CHECK_BATCH):
        stored = _stored_hashes(store, [item.report.id for item in batch if item.report is not None])
        for item in batch:
            yield item, item.report is not None and stored.get(item.report.id) != content_hash(item.report)


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while batch := list(itertools.islice(it, size)):
        yield batch


def _stored_hashes(store: Store, doc_ids: list[str]) -> dict[str, str]:
    """{doc_id: content hash} of the documents among `doc_ids` that are stored."""
    if not doc_ids:
        return {}
    with store.read() as conn:
        return dict(conn.execute(_hashes_query(), {"doc_ids": doc_ids}).all())


@functools.lru_cache(maxsize=1)
def _hashes_query() -> Any:
    return select(documents.c.doc_id, documents.c.content_hash).where(
        documents.c.doc_id.in_(bindparam("doc_ids", expanding=True)))


def _extract_in_worker(job: tuple[Any, bool]) -> tuple[Any, dict[str, Any] | None]:
    item, needed = job
    return item, (extract_safely(item.report) if needed else None)


def _stored_unchanged(store: Store, report: Report) -> bool:
    with store.read() as conn:
        known = conn.execute(_document_query(), {"doc_id": report.id}).first()
    return bool(known and known.content_hash == content_hash(report))


SHARD_BATCH = 200  # documents per transaction when loading finished shards


def ingest_finished_shards(store: Store, out_dir: str, settings: Settings, progress: bool = True,
                           err: TextIO | None = None, batch: int = SHARD_BATCH) -> IngestSummary:
    """Load the finished shards of `sitrep extract --engine dask --output DIR`, idempotently.

    The results are already extracted, so this is a bulk load: documents go in batches of
    `batch` per transaction (all of a batch or none of it), each stored with its result as it
    is; a re-run, or a run over a folder that has grown, only adds what is new. A batch the
    database refuses is retried one document at a time, so one bad document fails alone.
    """
    from sitrep.engines import iter_finished

    def results() -> Iterator[IngestResult]:
        version = extractor_version()
        pending: list[tuple[Report, dict[str, Any]]] = []
        for report, result in iter_finished(out_dir):
            if report is None:
                yield IngestResult(str(result.get("doc_id")), "error",
                                   message=result.get("error") or "input document not available")
                continue
            pending.append((report, result))
            if len(pending) >= batch:
                yield from _store_batch(store, pending, settings, version)
                pending = []
        yield from _store_batch(store, pending, settings, version)
    summary = _summarise(results(), settings, progress, None, err)
    if summary.stored:
        store.optimize()
    return summary


def _store_batch(store: Store, batch: list[tuple[Report, dict[str, Any]]], settings: Settings,
                 version: str) -> list[IngestResult]:
    if not batch:
        return []
    try:
        with store.write() as conn:
            done = [write_document(conn, report, result, content_hash(report), version) for report, result in batch]
    except (StoreError, ValueError, TypeError, AttributeError, KeyError) as e:
        if isinstance(e, StoreError) and not e.per_document:
            raise
        return [_ingest_one(store, report, settings, result, version) for report, result in batch]
    for res in done:
        if res.result.get("error"):
            res.message = res.result["error"]
    return done


def reextract(store: Store, settings: Settings, everything: bool = False, progress: bool = True,
              err: TextIO | None = None) -> IngestSummary:
    """Re-run the extractor over stored documents made by another extractor version (or all)."""
    version = extractor_version()
    with store.read() as conn:
        q = select(documents.c.doc_id).order_by(documents.c.id)
        if not everything:
            q = q.where(documents.c.extractor_version != version)
        doc_ids = conn.execute(q).scalars().all()

    def results() -> Iterator[IngestResult]:
        for doc_id in doc_ids:
            with store.read() as conn:
                d = conn.execute(select(documents).where(documents.c.doc_id == doc_id)).mappings().first()
            if d is None:
                continue
            report = Report(id=d["doc_id"], text=d["text"], published=d["published"], title=d["title"],
                            url=d["url"], outlet=d["outlet"])
            result = extract_safely(report)
            with store.write() as conn:
                remove_records(conn, d["id"])
                conn.execute(update(documents).where(documents.c.id == d["id"])
                             .values(extractor_version=version, error=result.get("error"),
                                     warnings=json.dumps(result.get("warnings") or []), ingested_at=now()))
                insert_records(conn, d["id"], report, result, version)
            yield IngestResult(doc_id, "replaced", result)
    return _summarise(results(), settings, progress, len(doc_ids), err)


__all__ = ["IngestResult", "IngestSummary", "ingest_report", "ingest_items", "reextract", "relink_all",
           "link_event", "unlink_event", "StoreError"]
