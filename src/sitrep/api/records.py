"""Linked records: incidents (one occurrence, every report of it), tally series, control timelines."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request

from sitrep.api.params import FILTER_KEYS, MAX_ID, PAGE_KEYS, check_known, filter_params, page_params

router = APIRouter()


@router.get("/incidents", tags=["incidents"], summary="Incidents whose events match the filters")
def incidents(request: Request, filters: dict = Depends(filter_params), page: dict = Depends(page_params)) -> Any:
    from sitrep.store.queries import EventFilter, list_incidents

    check_known(request, FILTER_KEYS, PAGE_KEYS)
    return {"incidents": list_incidents(request.app.state.store, EventFilter.from_params({**filters, **page}))}


@router.get("/incidents/{incident_id}", tags=["incidents"], summary="One incident with every source that reports it")
def incident(request: Request, incident_id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    from sitrep.store.queries import get_incident

    check_known(request)
    found = get_incident(request.app.state.store, incident_id)
    if found is None:
        raise HTTPException(404, f"no incident with id {incident_id}")
    return found


@router.get("/tallies", tags=["tallies"], summary="Tally series: each claimant's running totals over time")
def tallies(request: Request,
            claimant: str | None = Query(None, description="who gives the figures, e.g. SDF"),
            quantity: str | None = Query(None, description="killed, injured, captured, arrested, displaced, returned"),
            subject: str | None = Query(None, description="whose people are counted, e.g. Islamic State")) -> Any:
    """Series of `{claimant, quantity, subject, since, values}`, values latest first."""
    from sitrep.store.queries import tally_ledger

    check_known(request, "claimant", "quantity", "subject")
    return {"series": tally_ledger(request.app.state.store, claimant=claimant or None,
                                   quantity=quantity or None, subject=subject or None)}


@router.get("/control/places", tags=["control"], summary="Places that changed hands at least once")
def control_places(request: Request) -> Any:
    from sitrep.store.queries import control_places

    check_known(request)
    return {"places": control_places(request.app.state.store)}


@router.get("/control", tags=["control"], summary="Who held a place, and from when, as the reports tell it")
def control(request: Request, place: str = Query(..., min_length=1, max_length=400,
                                                   description="place name, e.g. Hajin")) -> Any:
    from sitrep.store.queries import control_timeline

    check_known(request, "place")
    return {"place": place, "periods": control_timeline(request.app.state.store, place)}
