"""The ordered stages: extract(report) -> result dict (spec/records.md). STUB, replaced by the core."""
from __future__ import annotations

from typing import Any

from sitrep.models import Report


def extract(report: Report) -> dict[str, Any]:
    return {"doc_id": report.id, "events": [], "tallies": []}
