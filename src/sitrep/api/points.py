"""Compact map points for the dashboard: one short row per event, straight from the events table.

The dashboard's first view asks for up to 10,000 points at once; full event dicts (evidence,
corrections, JSON columns decoded) would cost several times more to build and send. The row
holds what the map needs to draw and colour a marker; a click fetches the full event.
"""
from __future__ import annotations

import contextlib
import gc
import json
from typing import Any, Iterator

from fastapi.responses import Response

FIELDS = ("id", "lat", "lon", "event_type", "date_start", "date_end", "fatalities", "location")


def map_points(store: Any, flt: Any) -> bytes:
    """JSON `{"total", "limit", "offset", "fields", "rows"}`: newest first, events without coordinates left out."""
    from sqlalchemy import func, select

    from sitrep.store.queries import apply_filter
    from sitrep.store.schema import events

    c = events.c
    located = [c.latitude.is_not(None), c.longitude.is_not(None)]
    q = apply_filter(store, flt, select(c.id, c.latitude, c.longitude, c.event_type, c.date_start, c.date_end,
                                        c.fatalities, c.location_name).where(*located), newest_first=True)
    q = q.order_by(c.date_start.desc(), c.id.desc()).limit(flt.limit).offset(flt.offset)
    with store.read() as conn, _gc_paused():
        if store.dialect == "sqlite" and _plain_view(flt):
            rows = [list(r) for r in _on_map_index(conn, q)]
        else:
            rows = [list(r) for r in conn.execute(q)]
        if len(rows) < flt.limit and (rows or not flt.offset):  # the last page: no need to count
            total = flt.offset + len(rows)
        else:
            total = conn.execute(apply_filter(store, flt, select(func.count()).select_from(events)
                                              .where(*located))).scalar_one()
    body = {"total": total, "limit": flt.limit, "offset": flt.offset, "fields": FIELDS, "rows": rows}
    return json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Building 10,000 rows allocates enough to set off a full garbage collection now and then
    (40 ms more); nothing here makes cycles, so collection waits until the rows are built."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _plain_view(flt: Any) -> bool:
    """No filter but the dates: the dashboard's first view, which the map index answers alone."""
    return not (flt.bbox or flt.country or flt.admin1 or flt.actor or flt.event_type or flt.sub_event_type
                or flt.text or flt.doc_id or flt.incident_id or flt.include_unconfirmed)


def _on_map_index(conn: Any, query: Any) -> Any:
    """Run `query` with SQLite told to read the covering map index (INDEXED BY), which its
    planner passes over for a narrower one and then looks up 10,000 rows one by one.
    SQLAlchemy has no SQLite table hints, so the hint goes into the compiled text."""
    compiled = query.compile(dialect=conn.dialect)
    sql = str(compiled).replace("FROM events", "FROM events INDEXED BY ix_events_map", 1)
    return conn.exec_driver_sql(sql, tuple(compiled.params[name] for name in compiled.positiontup))


def json_response(body: bytes) -> Response:
    return Response(body, media_type="application/json")
