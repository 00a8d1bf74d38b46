"""Cross-report linking on the shared dev set, scored by ../shared/eval/link_score.py.

The assertions are the issue's targets: pairwise F1 ≥ 0.85 and ≤ 1.1 incidents per real event
(precision is also held high, so the targets cannot be met by merging everything).
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from sitrep.config import Settings
from sitrep.reader import read_input
from sitrep.runner import run_extract
from sitrep.store import open_store
from sitrep.store.ingest import ingest_report
from sitrep.store.queries import all_incidents

PAIR_F1_FLOOR = 0.85
PAIR_PRECISION_FLOOR = 0.95
INCIDENTS_PER_REAL_EVENT_CEILING = 1.1


@pytest.mark.dev
def test_linking_on_the_dev_set_keeps_its_floor(shared_dir, tmp_path):
    gold = tmp_path / "dev.jsonl"
    gold.write_bytes(b"".join(p.read_bytes() for p in sorted((shared_dir / "dev").glob("*.jsonl"))))
    settings = Settings()
    extracted = tmp_path / "extracted.jsonl"
    with extracted.open("w", encoding="utf-8") as out:
        run_extract(read_input(str(gold), settings.max_document_bytes, None), out, settings, progress=False)
    results = {json.loads(line)["doc_id"]: json.loads(line) for line in extracted.read_text().splitlines()}
    with open_store(f"sqlite:///{tmp_path / 'dev.db'}") as store:
        for item in read_input(str(gold), settings.max_document_bytes, None):
            ingest_report(store, item.report, settings, result=results[item.doc_id])
        incidents = all_incidents(store)
    incidents_path = tmp_path / "incidents.jsonl"
    incidents_path.write_text("".join(json.dumps(i) + "\n" for i in incidents))
    done = subprocess.run([sys.executable, str(shared_dir / "eval" / "link_score.py"), str(gold), str(extracted),
                           str(incidents_path), "--json"], capture_output=True, text=True, check=True)
    figures = json.loads(done.stdout)
    print(f"\nlinking on dev: {figures} (targets: pair_f1 ≥ 0.85, incidents_per_real_event ≤ 1.1)")
    assert figures["pair_f1"] >= PAIR_F1_FLOOR
    assert figures["pair_precision"] >= PAIR_PRECISION_FLOOR
    assert figures["incidents_per_real_event"] <= INCIDENTS_PER_REAL_EVENT_CEILING
