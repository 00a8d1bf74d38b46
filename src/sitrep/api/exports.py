"""Exports of the events matching the filters: ACLED-style CSV and GeoJSON, every match (no paging)."""
from __future__ import annotations

import io
from typing import Any, Iterator

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, StreamingResponse

from sitrep.api.params import FILTER_KEYS, check_known, filter_params

router = APIRouter(tags=["exports"])
PAGE = 2000


def all_events(store: Any, filters: dict[str, str]) -> Iterator[dict]:
    """Every matching event, read a page at a time."""
    from sitrep.store.queries import EventFilter, query_events

    offset = 0
    while True:
        rows = query_events(store, EventFilter.from_params({**filters, "limit": str(PAGE), "offset": str(offset)}))
        yield from rows
        if len(rows) < PAGE:
            return
        offset += PAGE


@router.get("/export/events.csv", summary="Events matching the filters as ACLED-style CSV")
def export_csv(request: Request, filters: dict = Depends(filter_params)) -> Any:
    from sitrep.export import acled_csv
    from sitrep.store.queries import EventFilter

    check_known(request, FILTER_KEYS)
    EventFilter.from_params(filters)  # a bad filter is a 400 before the download starts
    store = request.app.state.store

    def chunks() -> Iterator[str]:
        buf = io.StringIO()
        events = all_events(store, filters)
        batch: list[dict] = []
        header = True
        for event in events:
            batch.append(event)
            if len(batch) == PAGE:
                yield _csv(acled_csv, batch, buf, header)
                header, batch = False, []
        if batch or header:
            yield _csv(acled_csv, batch, buf, header)

    return StreamingResponse(chunks(), media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": 'attachment; filename="sitrep-events.csv"'})


def _csv(writer: Any, batch: list[dict], buf: io.StringIO, header: bool) -> str:
    buf.seek(0)
    buf.truncate()
    writer(batch, buf)
    text = buf.getvalue()
    if not header:  # acled_csv writes its header line each call; keep only the first
        text = text.split("\n", 1)[1] if "\n" in text else ""
    return text


@router.get("/export/events.geojson", summary="Events matching the filters as a GeoJSON FeatureCollection")
def export_geojson(request: Request, filters: dict = Depends(filter_params)) -> Any:
    from sitrep.export import geojson
    from sitrep.store.queries import EventFilter

    check_known(request, FILTER_KEYS)
    EventFilter.from_params(filters)
    collection = geojson(all_events(request.app.state.store, filters))
    return JSONResponse(collection, media_type="application/geo+json",
                        headers={"Content-Disposition": 'attachment; filename="sitrep-events.geojson"'})
