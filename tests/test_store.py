"""The store on SQLite and PostgreSQL: ingest once, corrections, incidents, ledger, control, queries."""
from __future__ import annotations

import pytest

from sitrep.models import Report
from sitrep.store import StoreError, open_store, schema_revision, head_revision
from sitrep.store.corrections import CorrectionError, apply_correction
from sitrep.store.ingest import ingest_report, reextract
from sitrep.store.queries import (EventFilter, FilterError, all_incidents, control_timeline, count_events,
                                  events_per_day, get_document, get_event, query_events, tally_ledger)
from sitrep.config import Settings


def place(name, lat, lon, admin1="Idlib", country="SY", precision=1):
    return {"name": name, "latitude": lat, "longitude": lon, "country": country, "admin1": admin1,
            "admin2": None, "geonameid": None, "geo_precision": precision}


def event(text, phrase, **fields):
    start = text.index(phrase)
    base = {"event_type": "explosions_remote_violence", "sub_event_type": "air_drone_strike",
            "date_start": "2023-03-13", "date_end": "2023-03-13", "time_precision": 1,
            "location": place("Saraqib", 35.8645, 36.8006), "actor1": None, "actor2": "Civilians",
            "assoc_actors": [], "fatalities": None, "fatalities_low": None, "fatalities_high": None,
            "counts": {}, "modality": "occurred", "claimant": None,
            "evidence": [{"start": start, "end": start + len(phrase)}]}
    return {**base, **fields}


def report(doc_id, text, published="2023-03-15", title=None):
    return Report(id=doc_id, text=text, published=published, title=title or doc_id, outlet="test")


STRIKE_A = "Air strikes hit Saraqib on Monday, killing 7 civilians, medics said."
STRIKE_B = "At least 9 civilians died when jets bombed Saraqib on Monday, a monitor said."
STRIKE_C = "A drone strike on a market in Saraqib killed 2 people on 2 April."


def ingest_strikes(store):
    a = ingest_report(store, report("a", STRIKE_A), result={
        "events": [event(STRIKE_A, "Air strikes hit Saraqib on Monday, killing 7 civilians", fatalities=7)],
        "tallies": []})
    b = ingest_report(store, report("b", STRIKE_B), result={
        "events": [event(STRIKE_B, "At least 9 civilians died when jets bombed Saraqib on Monday", fatalities=9)],
        "tallies": []})
    c = ingest_report(store, report("c", STRIKE_C, published="2023-04-03"), result={
        "events": [event(STRIKE_C, "A drone strike on a market in Saraqib killed 2 people", fatalities=2,
                         date_start="2023-04-02", date_end="2023-04-02")], "tallies": []})
    return a, b, c


def test_a_new_store_is_migrated_to_the_newest_schema(store_url):
    with open_store(store_url) as store:
        assert schema_revision(store) == head_revision()


def test_ingesting_the_same_document_twice_changes_nothing(store_url):
    with open_store(store_url) as store:
        first, _, _ = ingest_strikes(store)
        assert first.status == "stored"
        again = ingest_report(store, report("a", STRIKE_A))
        assert again.status == "unchanged"
        twin = ingest_report(store, report("a-copy", STRIKE_A))
        assert twin.status == "duplicate" and "same text as a" in twin.message
        assert count_events(store) == 3


def test_a_changed_document_replaces_its_records(store_url):
    with open_store(store_url) as store:
        ingest_strikes(store)
        changed = STRIKE_C.replace("killed 2", "killed 3")
        res = ingest_report(store, report("c", changed, published="2023-04-03"), result={
            "events": [event(changed, "A drone strike on a market in Saraqib killed 3 people", fatalities=3,
                             date_start="2023-04-02", date_end="2023-04-02")], "tallies": []})
        assert res.status == "replaced"
        rows = query_events(store, EventFilter(doc_id="c"))
        assert [e["fatalities"] for e in rows] == [3]


def test_two_reports_of_one_strike_become_one_incident_with_acled_fatalities(store_url):
    with open_store(store_url) as store:
        ingest_strikes(store)
        incidents = all_incidents(store)
        assert len(incidents) == 2  # the 13 March strike (two sources) and the 2 April one
        shared = next(i for i in incidents if len(i["sources"]) == 2)
        assert {s["doc_id"] for s in shared["sources"]} == {"a", "b"}
        assert {s["event_index"] for s in shared["sources"]} == {0}
        assert (shared["fatalities"], shared["fatalities_low"], shared["fatalities_high"]) == (7, 7, 9)
        assert sorted(s["fatalities"] for s in shared["sources"]) == [7, 9]


def test_linking_is_incremental_and_independent_of_unrelated_documents(store_url):
    with open_store(store_url) as store:
        ingest_strikes(store)
        late = "Residents of Saraqib buried victims of Monday's air strikes, which killed 8."
        ingest_report(store, report("d", late, published="2023-03-16"), result={
            "events": [event(late, late, fatalities=8)], "tallies": []})
        shared = max(all_incidents(store), key=lambda i: len(i["sources"]))
        assert {s["doc_id"] for s in shared["sources"]} == {"a", "b", "d"}
        assert shared["fatalities"] == 7 and shared["fatalities_high"] == 9


def test_events_of_one_document_never_share_an_incident(store_url):
    text = "Jets struck Saraqib twice on Monday. A second raid later that day killed 3."
    with open_store(store_url) as store:
        ingest_report(store, report("x", text), result={"events": [
            event(text, "Jets struck Saraqib twice on Monday."), event(text, "A second raid later that day killed 3.")],
            "tallies": []})
        assert len(all_incidents(store)) == 2


def test_the_towns_of_one_list_are_one_incident_that_a_second_report_joins(store_url):
    text = "Rebels retook Saraqib and Sarmin on Monday. Jets later struck Taftanaz."
    listed = "Rebels retook Saraqib and Sarmin on Monday."
    taken = {"event_type": "battles", "sub_event_type": "non_state_actor_overtakes_territory",
             "actor1": "HTS: Hayat Tahrir al-Sham", "actor2": "Military Forces of Syria"}
    with open_store(store_url) as store:
        ingest_report(store, report("x", text), result={"events": [
            event(text, listed, **taken), event(text, listed, location=place("Sarmin", 35.9033, 36.7247), **taken),
            event(text, "Jets later struck Taftanaz.", location=place("Taftanaz", 35.9983, 36.7836))], "tallies": []})
        later = "Fighters took Sarmin from the army on Monday, a monitor said."
        ingest_report(store, report("y", later, published="2023-03-16"), result={"events": [
            event(later, later, location=place("Sarmin", 35.9033, 36.7247), **taken)], "tallies": []})
        shared = max(all_incidents(store), key=lambda i: len(i["sources"]))
        assert sorted((s["doc_id"], s["event_index"]) for s in shared["sources"]) == [("x", 0), ("x", 1), ("y", 0)]
        assert len(all_incidents(store)) == 2   # the list, and the strike on Taftanaz


def test_a_correction_is_applied_shown_and_kept_across_reextraction(store_url):
    with open_store(store_url) as store:
        ingest_strikes(store)
        target = query_events(store, EventFilter(doc_id="a"))[0]
        fixed = apply_correction(store, target["id"], {"fatalities": "6", "actor1": "Russian air force"}, "ana")
        assert fixed["fatalities"] == 6
        assert fixed["corrected"]["fatalities"]["machine_value"] == 7
        assert fixed["corrected"]["fatalities"]["author"] == "ana"
        assert query_events(store, EventFilter(actor=fixed["actor1"]))[0]["id"] == target["id"]
        # the incident now takes the corrected figure as its lowest
        shared = next(i for i in all_incidents(store) if len(i["sources"]) == 2)
        assert shared["fatalities"] == 6
        # re-extraction renumbers events; the correction follows the event
        summary = reextract(store, Settings(), everything=True, progress=False)
        assert summary.documents == 3
        again = query_events(store, EventFilter(doc_id="a"))
        assert again and again[0]["fatalities"] == 6 and "fatalities" in again[0]["corrected"]


def test_bad_corrections_are_refused_and_change_nothing(store_url):
    with open_store(store_url) as store:
        ingest_strikes(store)
        target = query_events(store, EventFilter(doc_id="b"))[0]
        with pytest.raises(CorrectionError, match="unknown field"):
            apply_correction(store, target["id"], {"colour": "red"}, "ana")
        with pytest.raises(CorrectionError, match="fatalities"):
            apply_correction(store, target["id"], {"fatalities": "many"}, "ana")
        with pytest.raises(CorrectionError, match="does not belong"):
            apply_correction(store, target["id"], {"sub_event_type": "arrests"}, "ana")
        with pytest.raises(KeyError):
            apply_correction(store, 999_999, {"fatalities": "1"}, "ana")
        assert get_event(store, target["id"])["fatalities"] == 9
        assert get_event(store, target["id"])["corrected"] == {}


def test_filters_select_by_date_place_type_and_text(store_url):
    with open_store(store_url) as store:
        ingest_strikes(store)
        assert count_events(store, EventFilter(since="2023-04-01")) == 1
        assert count_events(store, EventFilter(until="2023-03-31")) == 2
        assert count_events(store, EventFilter(bbox=(36.5, 35.5, 37.0, 36.0))) == 3
        assert count_events(store, EventFilter(bbox=(30.0, 30.0, 31.0, 31.0))) == 0
        assert count_events(store, EventFilter(country="SY", admin1="idlib")) == 3
        assert count_events(store, EventFilter(event_type="battles")) == 0
        assert count_events(store, EventFilter(text="market")) == 1
        assert [d["count"] for d in events_per_day(store)] == [2, 1]
        page = query_events(store, EventFilter(limit=1, offset=1))
        assert len(page) == 1 and page[0]["date_start"] == "2023-03-13"


@pytest.mark.parametrize("params, message", [
    ({"since": "2023-13-01"}, "YYYY-MM-DD"), ({"bbox": "1,2,3"}, "WEST,SOUTH"),
    ({"country": "Syria"}, "alpha-2"), ({"event_type": "war"}, "want one of"),
    ({"colour": "red"}, "unknown filter"), ({"since": "2023-05-01", "until": "2023-01-01"}, "after"),
    ({"limit": "0"}, "limit"),
])
def test_bad_filters_say_what_is_wrong(params, message):
    with pytest.raises(FilterError, match=message):
        EventFilter.from_params(params)


def test_the_tallies_ledger_keeps_series_per_claimant_latest_first(store_url):
    texts = {"t1": "The monitor said 1,250 civilians have been killed in Idlib since 1 January.",
             "t2": "The monitor now says 1,400 civilians have been killed in Idlib since 1 January.",
             "t3": "The government says 300 civilians have been killed in Idlib since 1 January."}

    def tally(text, value, claimant, as_of):
        return {"quantity": "killed", "subject": "Civilians", "value": value, "qualifier": "exact",
                "since": "2023-01-01", "as_of": as_of, "area": None, "claimant": claimant,
                "evidence": [{"start": 0, "end": len(text)}]}
    with open_store(store_url) as store:
        for doc_id, value, claimant, as_of in (("t1", 1250, "SOHR", "2023-03-20"), ("t2", 1400, "SOHR", "2023-04-20"),
                                               ("t3", 300, "Government of Syria", "2023-04-21")):
            ingest_report(store, report(doc_id, texts[doc_id], published=as_of),
                          result={"events": [], "tallies": [tally(texts[doc_id], value, claimant, as_of)]})
        series = tally_ledger(store, quantity="killed")
        assert [s["claimant"] for s in series] == ["Government of Syria", "SOHR"]
        sohr = series[1]
        assert [v["value"] for v in sohr["values"]] == [1400, 1250]
        assert sohr["values"][0]["evidence"][0]["text"] == texts["t2"]


def test_the_control_timeline_follows_territory_changes(store_url):
    seize = "HTS fighters seized Nawa on Wednesday."
    retake = "The army recaptured Nawa on Monday."
    nawa = place("Nawa", 32.8906, 36.0431, admin1="Daraa")
    with open_store(store_url) as store:
        ingest_report(store, report("s", seize, published="2023-03-16"), result={"events": [event(
            seize, seize, event_type="battles", sub_event_type="non_state_actor_overtakes_territory",
            date_start="2023-03-15", date_end="2023-03-15", location=nawa,
            actor1="HTS: Hayat Tahrir al-Sham", actor2="Military Forces of Syria")], "tallies": []})
        ingest_report(store, report("r", retake, published="2023-05-02"), result={"events": [event(
            retake, retake, event_type="battles", sub_event_type="government_regains_territory",
            date_start="2023-05-01", date_end="2023-05-01", location=nawa,
            actor1="Military Forces of Syria", actor2="HTS: Hayat Tahrir al-Sham")], "tallies": []})
        periods = control_timeline(store, "nawa")
        assert [(p["holder"], p["from"], p["to"]) for p in periods] == [
            ("HTS: Hayat Tahrir al-Sham", "2023-03-15", "2023-05-01"), ("Military Forces of Syria", "2023-05-01", None)]
        assert control_timeline(store, "Nowhere") == []


def test_a_document_keeps_its_text_and_evidence_offsets(store_url):
    with open_store(store_url) as store:
        ingest_strikes(store)
        doc = get_document(store, "b")
        span = doc["events"][0]["evidence"][0]
        assert doc["text"][span["start"]:span["end"]] == span["text"]
        assert span["text"].startswith("At least 9 civilians")
        assert get_document(store, "nope") is None


def test_the_extractor_runs_on_ingest_and_records_its_version(sqlite_url):
    text = ("Hayat Tahrir al-Sham fighters seized the village of Nawa in Daraa province on Wednesday "
            "after clashes with the Syrian army that left 4 soldiers dead.")
    with open_store(sqlite_url) as store:
        res = ingest_report(store, report("live", text, published="2023-03-16"))
        assert res.status == "stored" and res.result["events"]
        stored = query_events(store, EventFilter(doc_id="live"))
        assert stored[0]["location"]["admin1"] and stored[0]["extractor_version"].startswith("0.")
        assert stored[0]["evidence"][0]["text"] in text


def test_a_corrupt_database_file_is_refused_with_a_clear_message(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="not a SQLite database"):
        open_store(f"sqlite:///{bad}")
    assert bad.read_bytes() == b"this is not a database" * 100


def test_a_wrong_url_is_refused(tmp_path):
    with pytest.raises(StoreError, match="unsupported database URL"):
        open_store("mysql://root@localhost/x")
    with pytest.raises(StoreError, match="does not answer|database error"):
        open_store("postgresql://postgres@127.0.0.1:1/none")
    with pytest.raises(StoreError, match="does not exist"):
        open_store(f"sqlite:///{tmp_path}/no/such/folder/x.db")


def test_the_migrations_build_exactly_the_schema_the_code_declares(store_url):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from sitrep.store.schema import metadata

    with open_store(store_url) as store, store.engine.connect() as conn:
        def declared(name, kind, parents):  # the R*Tree is SQLite's own index, kept by migration 0002
            return not (name or "").startswith("events_rtree")
        context = MigrationContext.configure(conn, opts={"include_name": declared})
        diff = compare_metadata(context, metadata)
    assert diff == []


def test_absurd_figures_and_malformed_results_never_stop_a_run(store_url, tmp_path):
    from sitrep.reader import Item
    from sitrep.store.ingest import ingest_items

    huge = "The ministry said 9,000,000,000,000 people were displaced."
    tally = {"quantity": "displaced", "subject": "Civilians", "value": 9_000_000_000_000_000_000_000,
             "qualifier": "exact", "since": None, "as_of": None, "area": None, "claimant": None,
             "evidence": [{"start": 0, "end": len(huge)}]}
    fine = report("fine", STRIKE_A)
    broken = report("broken", "Jets struck Saraqib.")
    items = [Item("huge", report("huge", huge), None, []), Item("broken", broken, None, []),
             Item("fine", fine, None, [])]
    results = {"huge": {"events": [], "tallies": [tally]},
               "broken": {"events": [{"event_type": "battles", "location": "not an object"}], "tallies": []},
               "fine": {"events": [], "tallies": []}}
    with open_store(store_url) as store:
        summary = ingest_items(store, items, Settings(), progress=False, extract=lambda r: results[r.id])
        assert (summary.documents, summary.stored, summary.errors) == (3, 2, 1)
        assert get_document(store, "huge")["tallies"] == []  # stored, without a total no column can hold
        assert get_document(store, "broken") is None and get_document(store, "fine") is not None


@pytest.mark.parametrize("small_box_limit, big_box_share", [(20_000, 0.02), (0, 1e9), (0, 0.0)],
                         ids=["small box: R*Tree", "mid box: coordinates index", "big box: date index"])
def test_a_bounding_box_selects_the_same_events_by_rtree_or_by_coordinates(store_url, small_box_limit, big_box_share,
                                                                            monkeypatch):
    from sitrep.store import queries

    monkeypatch.setattr(queries, "RTREE_SMALL_BOX", small_box_limit)
    monkeypatch.setattr(queries, "BIG_BOX_SHARE", big_box_share)
    with open_store(store_url) as store:
        ingest_strikes(store)
        inside = EventFilter(bbox=(36.5, 35.5, 37.0, 36.0))
        listed = query_events(store, inside)
        assert count_events(store, inside) == 3 and len(listed) == 3
        assert [e["date_start"] for e in listed] == sorted((e["date_start"] for e in listed), reverse=True)
        page = query_events(store, EventFilter(bbox=inside.bbox, limit=1, offset=1))
        assert [e["id"] for e in page] == [listed[1]["id"]]
        assert sum(d["count"] for d in events_per_day(store, inside)) == 3
        assert count_events(store, EventFilter(bbox=(170.0, 35.5, 36.9, 36.0))) == 3  # across the antimeridian
        assert count_events(store, EventFilter(bbox=(36.9, 35.5, 37.0, 36.0))) == 0



def test_ingest_refreshes_sqlite_planner_statistics_when_the_store_has_doubled(tmp_path):
    import sqlite3

    url = f"sqlite:///{tmp_path / 'stats.db'}"
    with open_store(url) as store:
        ingest_strikes(store)  # one document at a time: no statistics yet
        store.optimize()
        rows = lambda: sqlite3.connect(tmp_path / "stats.db").execute(  # noqa: E731
            "SELECT stat FROM sqlite_stat1 WHERE tbl = 'events' LIMIT 1").fetchone()[0]
        taken = int(rows().split()[0])
        assert taken >= 3
        store.optimize()  # nothing new: statistics kept as they were
        assert int(rows().split()[0]) == taken
