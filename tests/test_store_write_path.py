"""How ingest writes: a constant number of statements per document, links made from the rows in
memory the same as from the rows read back, and the candidate index migration up and down."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import event as sa_event
from sqlalchemy import inspect

from conftest import EXAMPLES
from sitrep.config import Settings
from sitrep.models import Report
from sitrep.reader import Item
from sitrep.store import head_revision, open_store, schema_revision
from sitrep.store import ingest as ingest_module
from sitrep.store.ingest import extract_safely, ingest_items, ingest_report
from sitrep.store.queries import all_incidents


def corpus(copies: int = 2) -> list[Report]:
    """The bundled examples, each `copies` times under new ids (a numbered closing line), so that
    the copies of one report link into one incident."""
    base = [json.loads(line) for line in EXAMPLES.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [Report(id=f"doc-{n:03d}", text=doc["text"] + f"\n\nFiled as report number {n}.",
                   published=doc.get("published"), title=doc.get("title"))
            for n, doc in enumerate(base * copies)]


@pytest.fixture(scope="module")
def extracted() -> dict[str, dict]:
    reports = corpus()
    changed = [Report(id=r.id, text=r.text + " Updated.", published=r.published, title=r.title) for r in reports[:3]]
    return {(r.id, r.text): extract_safely(r) for r in reports + changed}


def ingest_corpus(store, extracted: dict) -> None:
    """The corpus, then its first three documents changed (replaced), one transaction each."""
    reports = corpus()
    changed = [Report(id=r.id, text=r.text + " Updated.", published=r.published, title=r.title) for r in reports[:3]]
    items = [Item(r.id, r, None, []) for r in reports + changed]
    summary = ingest_items(store, items, Settings(), progress=False, extract=lambda r: extracted[(r.id, r.text)])
    assert summary.errors == 0 and summary.stored == len(items)


def incidents_of(store) -> list[dict]:
    return all_incidents(store)


def test_links_made_from_the_rows_in_memory_equal_links_made_from_the_rows_read_back(
        store_url, extracted, monkeypatch):
    with open_store(store_url) as store:
        ingest_corpus(store, extracted)
        in_memory = incidents_of(store)
        with store.write() as conn:  # empty the store, ids restarting as in a fresh one
            for table in ("events", "tallies", "incidents", "documents"):
                conn.exec_driver_sql(f"DELETE FROM {table}")
            if store.dialect == "postgresql":
                for table in ("events", "tallies", "incidents", "documents"):
                    conn.exec_driver_sql(f"ALTER SEQUENCE {table}_id_seq RESTART WITH 1")
        monkeypatch.setattr(ingest_module, "link_new_events", _read_back_first(ingest_module.link_new_events))
        ingest_corpus(store, extracted)
        assert incidents_of(store) == in_memory
        assert any(len(i["sources"]) > 1 for i in in_memory)  # the copies of a report share an incident


def _read_back_first(link_new_events):
    """link_new_events given the events as the store gives them back, whatever it was given."""
    def linked(conn, new):
        from sqlalchemy import select

        from sitrep.store.ingest import _link_select
        from sitrep.store.schema import events

        ids = [e["id"] for e in new]
        stored = [dict(r) for r in conn.execute(_link_select().where(events.c.id.in_(ids))
                                                .order_by(events.c.id)).mappings()] if ids else []
        assert [e["id"] for e in stored] == ids
        return link_new_events(conn, stored)
    return linked


def test_a_document_is_written_in_the_same_number_of_statements_however_many_events_it_has(store_url):
    from test_store import event, place, report

    text = "Jets struck Saraqib. " * 12
    one = {"events": [event(text, "Jets struck Saraqib.")], "tallies": []}
    many = {"events": [event(text, "Jets struck Saraqib.", location=place(f"Village {n}", 10 + n / 10, 10 + n / 10),
                             date_start=f"2023-03-{n + 1:02d}", date_end=f"2023-03-{n + 1:02d}") for n in range(12)],
            "tallies": []}
    with open_store(store_url) as store:
        statements: list[str] = []
        sa_event.listen(store.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
        ingest_report(store, report("warm", "Warm up."), result={"events": [], "tallies": []})
        counts = []
        for doc_id, result in (("one", one), ("many", many)):
            statements.clear()
            ingest_report(store, report(doc_id, text + doc_id), result=result)
            counts.append(len(statements))
        assert counts[0] == counts[1] <= 16


def test_the_index_migrations_go_down_and_up_keeping_the_incidents(store_url):
    from alembic import command

    from sitrep.store import _alembic_config
    from test_store import ingest_strikes

    def indexes(store, table: str) -> set[str]:
        with store.engine.connect() as conn:
            return {ix["name"] for ix in inspect(conn).get_indexes(table)}

    with open_store(store_url) as store:
        ingest_strikes(store)
        before = incidents_of(store)
        assert "ix_incidents_candidates" in indexes(store, "incidents") and "ix_events_box" in indexes(store, "events")
        cfg = _alembic_config()
        with store.write() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0004_map_index")
        assert schema_revision(store) == "0004_map_index"
        assert "ix_incidents_type_date" in indexes(store, "incidents") and "ix_incidents_candidates" not in indexes(store, "incidents")
        assert "ix_events_lat_lon" in indexes(store, "events") and "ix_events_box" not in indexes(store, "events")
    with open_store(store_url) as store:  # opening migrates to the newest schema
        assert schema_revision(store) == head_revision() == "0006_box_index"
        assert "ix_incidents_candidates" in indexes(store, "incidents") and "ix_incidents_type_date" not in indexes(store, "incidents")
        assert "ix_events_box" in indexes(store, "events") and "ix_events_lat_lon" not in indexes(store, "events")
        assert incidents_of(store) == before


def test_worker_processes_extract_only_what_is_new_or_changed(sqlite_url, monkeypatch):
    monkeypatch.setattr(ingest_module, "CHECK_BATCH", 3)  # several look-up batches, the last one short
    reports = corpus(copies=1)
    with open_store(sqlite_url) as store:
        first = ingest_items(store, [Item(r.id, r, None, []) for r in reports[:7]], Settings(), progress=False, jobs=2)
        assert (first.stored, first.unchanged) == (7, 0)
        changed = Report(id=reports[1].id, text=reports[1].text + " Updated.", published=reports[1].published)
        again = [Item(r.id, r, None, []) for r in reports[:1] + [changed] + reports[2:]]
        second = ingest_items(store, again, Settings(), progress=False, jobs=2)
        assert (second.documents, second.stored, second.unchanged, second.errors) == (len(reports), 1 + len(reports) - 7, 6, 0)
