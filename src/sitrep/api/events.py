"""Events: list (JSON, GeoJSON or compact map points), one event, per-day counts, facets, corrections."""
from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Body, Depends, HTTPException, Path, Query, Request
from pydantic import BaseModel, Field, StrictFloat, StrictInt, StrictStr

from sitrep.api.params import FILTER_KEYS, MAX_ID, PAGE_KEYS, check_known, filter_params, page_params

router = APIRouter(tags=["events"])
writer = APIRouter(tags=["events"])


def store_of(request: Request) -> Any:
    return request.app.state.store


@router.get("/events", summary="Events matching the filters, newest first")
def list_events(request: Request, filters: dict = Depends(filter_params), page: dict = Depends(page_params),
                format: Literal["json", "geojson", "points"] = Query(
                    "json", description="json: full records; geojson: a FeatureCollection; points: "
                                        "compact rows for the dashboard's map")) -> Any:
    """Filters as in `sitrep events`. `total` counts every match; `limit`/`offset` page through them."""
    from sitrep.store.queries import EventFilter, count_events

    check_known(request, FILTER_KEYS, PAGE_KEYS, "format")
    store = store_of(request)
    flt = EventFilter.from_params({**filters, **page})
    if format == "points":
        from sitrep.api.points import json_response, map_points

        key = ("points", tuple(sorted({**filters, **page}.items())))
        return json_response(request.app.state.cache.get(key, lambda: map_points(store, flt)))
    from sitrep.store.queries import query_events

    rows = query_events(store, flt)
    total = count_events(store, flt)
    if format == "geojson":
        from sitrep.export import geojson

        collection = geojson(rows)
        collection["total"] = total
        return collection
    return {"total": total, "limit": flt.limit, "offset": flt.offset, "events": rows}


@router.get("/events/per-day", summary="How many events start on each day")
def per_day(request: Request, filters: dict = Depends(filter_params)) -> Any:
    """The timeline's bars: `[{"date", "count"}]` for the events matching the filters."""
    import json

    from sitrep.api.points import json_response
    from sitrep.store.queries import EventFilter, events_per_day

    check_known(request, FILTER_KEYS)
    flt = EventFilter.from_params(filters)

    def compute() -> bytes:
        return json.dumps({"days": events_per_day(store_of(request), flt)}, separators=(",", ":")).encode()
    return json_response(request.app.state.cache.get(("per-day", tuple(sorted(filters.items()))), compute))


@router.get("/events/{event_id}", summary="One event, with its evidence and corrections")
def one_event(request: Request, event_id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    from sitrep.store.queries import get_event

    check_known(request)
    event = get_event(store_of(request), event_id)
    if event is None:
        raise HTTPException(404, f"no event with id {event_id}")
    return event


@router.get("/facets", summary="Values the filters can take: event types, actors, countries, provinces")
def facet_values(request: Request) -> Any:
    from sitrep.store.queries import facets

    check_known(request)
    return request.app.state.cache.get(("facets",), lambda: facets(store_of(request)))


class Correction(BaseModel):
    changes: dict[str, StrictStr | StrictInt | StrictFloat | None] = Field(
        ..., description="field -> new value, e.g. {\"fatalities\": 12, \"actor1\": \"SDF\"}",
        json_schema_extra={"example": {"fatalities": 12}})
    author: str | None = Field(None, max_length=200, description="who corrects (default: the writer)")


@writer.patch("/events/{event_id}", summary="Correct fields of an event (an analyst's correction)")
def correct_event(request: Request, event_id: int = Path(..., ge=1, le=MAX_ID), body: Correction = Body(...)) -> Any:
    """Writes the new values over the event and keeps the machine's values beside them."""
    from sitrep.store.corrections import CorrectionError, apply_correction

    author = (body.author or "").strip() or getattr(request.state, "writer", "analyst")
    for name, value in body.changes.items():
        digits = str(value).replace(",", "").strip().lstrip("+-")
        if digits.isdigit() and int(digits) > MAX_ID:
            raise HTTPException(400, f"{name}={value!r}: too large")
    try:
        return apply_correction(store_of(request), event_id, dict(body.changes), author)
    except KeyError:
        raise HTTPException(404, f"no event with id {event_id}") from None
    except CorrectionError as e:
        raise HTTPException(400, str(e)) from None
