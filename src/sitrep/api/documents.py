"""Documents: a stored report with its records and evidence spans; a new report in, records out."""
from __future__ import annotations

import hashlib
from typing import Any

from fastapi import APIRouter, Body, HTTPException, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from sitrep.api.params import check_known

router = APIRouter(tags=["documents"])
writer = APIRouter(tags=["documents"])


@router.get("/documents/{doc_id:path}", summary="A report's text, its events and tallies with evidence spans")
def one_document(doc_id: str, request: Request) -> Any:
    """Evidence spans are `{"start", "end"}` offsets into `text` (Python string indices)."""
    from sitrep.store.queries import get_document

    check_known(request)
    doc = get_document(request.app.state.store, doc_id)
    if doc is None:
        raise HTTPException(404, f"no document with id {doc_id!r}")
    return doc


class ReportIn(BaseModel):
    """One report, as a line of the JSONL input (spec/records.md)."""

    text: str = Field(..., min_length=1, description="the article body, plain text")
    id: str | None = Field(None, min_length=1, max_length=400,
                           description="the document id (default: a digest of the text)")
    title: str | None = Field(None, max_length=2000)
    published: str | None = Field(None, max_length=40, description="YYYY-MM-DD, YYYY-MM, YYYY or ISO 8601")
    url: str | None = Field(None, max_length=4000)
    outlet: str | None = Field(None, max_length=400)

    model_config = {"json_schema_extra": {"example": {
        "id": "my-report-1", "title": "Shelling near the river", "published": "2019-01-20",
        "text": "Government forces shelled the town of Hajin in Deir ez-Zor on Saturday, killing four civilians."}}}


@writer.post("/documents", status_code=201, summary="Extract a report, store it and return its records")
def add_document(request: Request, report: ReportIn = Body(...)) -> Any:
    """201 with the stored document (events with their ids) when stored or replaced; 200 when the
    same document was already stored unchanged; 409 when the same text is stored under another id."""
    from sitrep.models import Report
    from sitrep.reader import check_published
    from sitrep.store.ingest import ingest_report
    from sitrep.store.queries import get_document

    if not report.text.strip():
        raise HTTPException(422, "text: the report text is empty")
    settings = request.app.state.settings
    if len(report.text.encode("utf-8", "surrogatepass")) > settings.max_document_bytes:
        raise HTTPException(413, f"text is larger than {settings.max_document_bytes} bytes "
                                 f"(the max_document_bytes setting)")
    published, problem = check_published(report.published)
    if problem:
        raise HTTPException(422, problem.replace("; treated as unknown", ""))
    doc_id = report.id or "api-" + hashlib.sha256(report.text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    store = request.app.state.store
    res = ingest_report(store, Report(id=doc_id, text=report.text, published=published, title=report.title,
                                      url=report.url, outlet=report.outlet), settings)
    if res.status == "duplicate":
        raise HTTPException(409, f"this text is already stored ({res.message})")
    if res.created:
        store.optimize()  # statistics refreshed only when the store has doubled since they were taken
    doc = get_document(store, doc_id)
    if doc is None:  # extraction failed before anything was stored
        raise HTTPException(422, res.message or (res.result or {}).get("error") or "the report could not be stored")
    body = {"doc_id": doc_id, "status": res.status, "created": res.created,
            "warnings": (res.result or {}).get("warnings", []), "error": (res.result or {}).get("error"),
            "events": doc.get("events", []), "tallies": doc.get("tallies", [])}
    return JSONResponse(jsonable_encoder(body), status_code=201 if res.created else 200)
