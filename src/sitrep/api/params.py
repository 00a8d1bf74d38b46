"""The event filter's query parameters, declared once for every endpoint that takes them.

Values arrive as strings and are checked by the store's `EventFilter.from_params`, so an API
filter means exactly what the same `sitrep events` option means; a bad value or an unknown
parameter name is a 400 with a message saying which.
"""
from __future__ import annotations

from fastapi import Query, Request

from sitrep.api.errors import BadRequest

FILTER_KEYS = ("since", "until", "bbox", "country", "admin1", "actor", "event_type", "sub_event_type",
               "text", "doc_id", "incident_id", "include_unconfirmed")
PAGE_KEYS = ("limit", "offset")
MAX_ID = 2**63 - 1          # the largest integer a database column holds
NUMBERS = ("incident_id", "limit", "offset")


def filter_params(
    request: Request,
    since: str | None = Query(None, description="events ending on or after this day (YYYY-MM-DD)"),
    until: str | None = Query(None, description="events starting on or before this day (YYYY-MM-DD)"),
    bbox: str | None = Query(None, description="west,south,east,north in degrees"),
    country: str | None = Query(None, description="ISO 3166-1 alpha-2 code, e.g. SY"),
    admin1: str | None = Query(None, description="province (first-level division) name"),
    actor: str | None = Query(None, description="actor1, actor2 or an associated actor"),
    event_type: str | None = Query(None, description="ACLED event type, e.g. battles"),
    sub_event_type: str | None = Query(None, description="ACLED sub-event type, e.g. armed_clash"),
    text: str | None = Query(None, description="words in the evidence passages"),
    doc_id: str | None = Query(None, description="events of one document"),
    incident_id: str | None = Query(None, description="events of one incident"),
    include_unconfirmed: str | None = Query(None, description="true: denied, expected and hypothetical "
                                                              "events too (default: occurred only)"),
) -> dict[str, str]:
    """The filter values given (no paging)."""
    return _collect(request, FILTER_KEYS)


def page_params(
    request: Request,
    limit: str | None = Query(None, description="at most this many records"),
    offset: str | None = Query(None, description="skip this many records first"),
) -> dict[str, str]:
    return _collect(request, PAGE_KEYS)


def _collect(request: Request, keys: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for key in keys:
        values = request.query_params.getlist(key)
        if len(values) > 1:
            raise BadRequest(f"{key} is given {len(values)} times; give it once "
                             f"(several values separated by commas where the filter takes a list)")
        if values and values[0] != "":
            out[key] = values[0]
            if key in NUMBERS and values[0].strip().lstrip("+-").isdigit() and abs(int(values[0])) > MAX_ID:
                raise BadRequest(f"{key}={values[0]!r}: too large")
    return out


def check_known(request: Request, *groups: tuple[str, ...] | str) -> None:
    """400 for a query parameter the endpoint does not take (a typo would otherwise filter nothing)."""
    allowed = {name for g in groups for name in ((g,) if isinstance(g, str) else g)}
    unknown = sorted(set(request.query_params) - allowed)
    if unknown:
        raise BadRequest(f"unknown query parameter {unknown[0]!r}; this endpoint takes: {', '.join(sorted(allowed))}")
