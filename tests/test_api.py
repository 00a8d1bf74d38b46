"""The HTTP API through FastAPI's test client, on a hand-built store (tests/api_support.py).

Read endpoints run on SQLite and on PostgreSQL (skipped when no server answers); writes run on
a fresh SQLite store each, with the real extractor behind POST /api/documents.
"""
from __future__ import annotations

import contextlib
import csv
import io
import re

import pytest
from fastapi.testclient import TestClient

from api_support import HAJIN, MAP_EVENTS, XSS_TEXT, build_store
from sitrep.api import STATIC, create_app
from sitrep.api.security import content_security_policy, is_loopback
from sitrep.config import Settings
from store_helpers import fresh_pg_database, pg_available


# -- fixtures ---------------------------------------------------------------------------------

@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def reader(request, tmp_path_factory):
    """A client over the hand-built store, shared by the read-only tests of this module."""
    drop = None
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('api') / 'read.db'}"
    else:
        reason = pg_available()
        if reason:
            pytest.skip(reason)
        url, drop = fresh_pg_database()
    settings = Settings(db_url=url)
    store = build_store(url, settings)
    try:
        with TestClient(create_app(settings, store)) as client:
            yield client
    finally:
        store.close()
        if drop:
            drop()


@contextlib.contextmanager
def writer_client(tmp_path, host: str | None = None, name: str = "write.db", **settings_values):
    """A client over a fresh copy of the hand-built store (SQLite), closed afterwards."""
    url = f"sqlite:///{tmp_path / name}"
    settings = Settings(db_url=url, **settings_values)
    store = build_store(url, settings)
    try:
        with TestClient(create_app(settings, store, host=host)) as client:
            yield client
    finally:
        store.close()


@pytest.fixture
def writer(tmp_path):
    with writer_client(tmp_path) as client:
        yield client


def first_event_id(client: TestClient, **params) -> int:
    return client.get("/api/events", params=params).json()["events"][0]["id"]


# -- events -----------------------------------------------------------------------------------

def test_events_are_listed_newest_first_with_total_and_paging(reader):
    body = reader.get("/api/events").json()
    assert body["total"] == MAP_EVENTS and len(body["events"]) == MAP_EVENTS
    starts = [e["date_start"] for e in body["events"]]
    assert starts == sorted(starts, reverse=True)
    page = reader.get("/api/events", params={"limit": 3, "offset": 3}).json()
    assert page["total"] == MAP_EVENTS and [e["id"] for e in page["events"]] == [e["id"] for e in body["events"][3:6]]


def test_event_filters_narrow_the_list(reader):
    def ids(**params):
        return {e["id"] for e in reader.get("/api/events", params=params).json()["events"]}

    battles = reader.get("/api/events", params={"event_type": "battles"}).json()["events"]
    assert len(battles) == 3 and all(e["event_type"] == "battles" for e in battles)
    assert len(ids(country="UA")) == 2 and len(ids(country="sy")) == 4
    assert len(ids(admin1="deir ez-zor")) == 4
    assert len(ids(since="2022-01-01")) == 3 and len(ids(until="2018-12-31")) == 1
    assert len(ids(bbox="35,45,40,52")) == 2
    assert len(ids(actor="Islamic State")) == 3
    assert len(ids(text="market")) == 1
    assert len(ids(doc_id="t-kharkiv")) == 2
    assert len(ids(include_unconfirmed="true")) == MAP_EVENTS + 1


def test_filter_values_are_parameters_not_sql(reader):
    for value in ("' OR 1=1 --", "x\"); DROP TABLE events; --", "%", "_"):
        r = reader.get("/api/events", params={"actor": value})
        assert r.status_code == 200 and r.json()["total"] == 0
    assert reader.get("/api/events").json()["total"] == MAP_EVENTS


def test_events_as_geojson(reader):
    body = reader.get("/api/events", params={"format": "geojson", "country": "UA"}).json()
    assert body["type"] == "FeatureCollection" and body["total"] == 2
    lon, lat = body["features"][0]["geometry"]["coordinates"]
    assert 36 < lon < 37 and 49 < lat < 51


def test_map_points_are_compact_rows_for_the_dashboard(reader):
    body = reader.get("/api/events", params={"format": "points", "limit": 10000}).json()
    assert body["total"] == MAP_EVENTS and len(body["rows"]) == MAP_EVENTS
    row = dict(zip(body["fields"], body["rows"][-1]))
    assert row["event_type"] == "explosions_remote_violence" and row["location"] == "Zabid"


def test_events_per_day_add_up_to_the_total(reader):
    days = reader.get("/api/events/per-day").json()["days"]
    assert sum(d["count"] for d in days) == MAP_EVENTS
    assert {"date": "2019-01-19", "count": 2} in days
    assert sum(d["count"] for d in reader.get("/api/events/per-day", params={"country": "UA"}).json()["days"]) == 2


def test_one_event_has_its_evidence(reader):
    event_id = first_event_id(reader, text="market")
    event = reader.get(f"/api/events/{event_id}").json()
    assert event["location"]["name"] == "Zabid" and event["fatalities"] == 9
    assert event["evidence"][0]["text"].startswith("Coalition jets struck")


def test_facets_list_the_values_in_the_store(reader):
    f = reader.get("/api/facets").json()
    assert "battles" in f["event_types"] and "UA" in f["countries"] and "Deir ez-Zor" in f["admin1"]
    assert "Islamic State" in f["actors"]


# -- documents, incidents, tallies, control ---------------------------------------------------

def test_document_text_with_evidence_spans_that_index_it(reader):
    doc = reader.get("/api/documents/t-hajin-1").json()
    assert doc["title"] == "SDF takes Hajin" and len(doc["events"]) == 2 and len(doc["tallies"]) == 1
    for record in doc["events"] + doc["tallies"]:
        for s in record["evidence"]:
            assert doc["text"][s["start"]:s["end"]] == s["text"]


def test_report_html_comes_back_as_the_same_text_in_json(reader):
    r = reader.get("/api/documents/t-xss")
    assert r.headers["content-type"].startswith("application/json")
    doc = r.json()
    assert doc["text"] == XSS_TEXT and doc["title"] == "Checkpoint <b>attack</b>"


def test_incident_lists_every_source(reader):
    hajin = [i for i in reader.get("/api/incidents", params={"since": "2019-01-19", "until": "2019-01-19"}).json()["incidents"]]
    assert len(hajin) == 1 and {s["doc_id"] for s in hajin[0]["sources"]} == {"t-hajin-1", "t-hajin-2"}
    one = reader.get(f"/api/incidents/{hajin[0]['id']}").json()
    assert len(one["sources"]) == 2 and one["location"]["name"] == HAJIN["name"]


def test_tally_series_claimant_by_claimant(reader):
    series = reader.get("/api/tallies", params={"quantity": "captured"}).json()["series"]
    by_claimant = {s["claimant"]: [v["value"] for v in s["values"]] for s in series}
    assert by_claimant == {"SDF": [610, 400], "SOHR": [520]}
    assert reader.get("/api/tallies", params={"claimant": "SOHR"}).json()["series"][0]["latest"] == 520


def test_control_timeline_of_a_place(reader):
    assert "Hajin" in reader.get("/api/control/places").json()["places"]
    periods = reader.get("/api/control", params={"place": "hajin"}).json()["periods"]
    assert [(p["holder"], p["from"]) for p in periods][-2:] == [("SDF", "2019-01-19"), ("Islamic State", "2019-02-08")]


def test_exports_are_csv_and_geojson_of_every_match(reader):
    r = reader.get("/api/export/events.csv", params={"country": "SY"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == 4 and {row["location"] for row in rows} >= {"Hajin", "Deir ez-Zor"}
    g = reader.get("/api/export/events.geojson").json()
    assert g["type"] == "FeatureCollection" and len(g["features"]) == MAP_EVENTS


# -- bad requests: 4xx with a message, never 500 ----------------------------------------------

@pytest.mark.parametrize("path, params, status, words", [
    ("/api/events", {"event_type": "skirmish"}, 400, "event_type"),
    ("/api/events", {"since": "yesterday"}, 400, "YYYY-MM-DD"),
    ("/api/events", {"since": "2020-02-30"}, 400, "since"),
    ("/api/events", {"bbox": "1,2,3"}, 400, "bbox"),
    ("/api/events", {"limit": "0"}, 400, "limit"),
    ("/api/events", {"limit": "many"}, 400, "limit"),
    ("/api/events", {"country": "Syria"}, 400, "country"),
    ("/api/events", {"contry": "SY"}, 400, "unknown query parameter 'contry'"),
    ("/api/events", {"format": "xml"}, 422, "format"),
    ("/api/events/per-day", {"until": "2019-13-01"}, 400, "until"),
    ("/api/events/999999", {}, 404, "no event"),
    ("/api/events/abc", {}, 422, "event_id"),
    ("/api/events/99999999999999999999", {}, 422, "event_id"),
    ("/api/incidents/99999999999999999999", {}, 422, "incident_id"),
    ("/api/events", {"offset": "99999999999999999999"}, 400, "too large"),
    ("/api/events", {"since": "2020-01-01", "until": "2019-01-01"}, 400, "after"),
    ("/api/export/events.csv", {"limit": "5"}, 400, "unknown query parameter 'limit'"),
    ("/api/documents/no-such-doc", {}, 404, "no document"),
    ("/api/incidents/424242", {}, 404, "no incident"),
    ("/api/control", {}, 422, "place"),
    ("/api/tallies", {"who": "SDF"}, 400, "unknown query parameter"),
    ("/api/export/events.csv", {"since": "soon"}, 400, "since"),
])
def test_bad_reads_get_4xx_with_a_message(reader, path, params, status, words):
    r = reader.get(path, params=params)
    assert r.status_code == status, r.text
    assert words in r.json()["detail"]


# -- writes -----------------------------------------------------------------------------------

NEW_REPORT = {"id": "t-new", "title": "Shelling in Idlib", "published": "2019-03-10",
              "text": "Government forces shelled the town of Maarat al-Numan in Idlib on Tuesday, "
                      "killing four civilians, rescuers said."}


def test_post_document_extracts_stores_and_returns_records(writer):
    r = writer.post("/api/documents", json=NEW_REPORT)
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["doc_id"] == "t-new" and body["status"] == "stored" and body["events"]
    event = body["events"][0]
    assert event["id"] and event["location"]["country"] == "SY"
    assert writer.get(f"/api/events/{event['id']}").json()["doc_id"] == "t-new"
    assert writer.get("/api/documents/t-new").json()["text"] == NEW_REPORT["text"]
    again = writer.post("/api/documents", json=NEW_REPORT)
    assert again.status_code == 200 and again.json()["status"] == "unchanged"


def test_post_document_without_id_gets_one_from_its_text(writer):
    body = writer.post("/api/documents", json={"text": NEW_REPORT["text"], "published": "2019-03-10"}).json()
    assert body["doc_id"].startswith("api-")
    dup = writer.post("/api/documents", json={**NEW_REPORT, "id": "other-id", "published": "2019-03-10",
                                              "title": None})
    assert dup.status_code == 409 and "already stored" in dup.json()["detail"]


def test_html_in_a_posted_report_is_stored_as_text(writer):
    text = "Gunmen killed three people in Hajin on Monday. <script>alert(1)</script><img src=x onerror=alert(2)>"
    r = writer.post("/api/documents", json={"id": "t-html", "text": text, "published": "2019-01-22"})
    assert r.status_code == 201
    assert writer.get("/api/documents/t-html").json()["text"] == text


@pytest.mark.parametrize("body, status, words", [
    (b'{"text": "unterminated', 400, "not valid JSON"),
    (b"[1, 2", 400, "not valid JSON"),
    (b'{"title": "no text"}', 422, "text"),
    (b'{"text": ""}', 422, "text"),
    (b'{"text": "   "}', 422, "empty"),
    (b'{"text": 42}', 422, "text"),
    (b'{"text": "Clashes in Hajin.", "published": "last week"}', 422, "published"),
])
def test_bad_document_bodies_get_4xx_with_a_message(writer, body, status, words):
    r = writer.post("/api/documents", content=body, headers={"Content-Type": "application/json"})
    assert r.status_code == status, r.text
    assert words in r.json()["detail"]


def test_oversized_bodies_are_refused_with_413(tmp_path):
    with writer_client(tmp_path, max_body_bytes=2000) as client:
        big = {"id": "big", "text": "word " * 1000}
        r = client.post("/api/documents", json=big)
        assert r.status_code == 413 and "max_body_bytes" in r.json()["detail"]

        def chunks():  # no Content-Length: the limit counts the bytes as they arrive
            yield b'{"text": "'
            for _ in range(100):
                yield b"x" * 100
            yield b'"}'
        r = client.post("/api/documents", content=chunks(), headers={"Content-Type": "application/json"})
        assert r.status_code == 413
        assert client.get("/api/documents/big").status_code == 404


def test_patch_event_records_the_correction_and_the_machine_value(writer):
    event_id = first_event_id(writer, text="market")
    r = writer.patch(f"/api/events/{event_id}", json={"changes": {"fatalities": 11}, "author": "analyst-a"})
    assert r.status_code == 200, r.text
    fixed = writer.get(f"/api/events/{event_id}").json()
    assert fixed["fatalities"] == 11
    assert fixed["corrected"]["fatalities"]["machine_value"] == 9 and fixed["corrected"]["fatalities"]["author"] == "analyst-a"


@pytest.mark.parametrize("body, status, words", [
    ({"changes": {"colour": "red"}}, 400, "unknown field"),
    ({"changes": {"fatalities": "lots"}}, 400, "fatalities"),
    ({"changes": {"event_type": "skirmish"}}, 400, "event_type"),
    ({"changes": {}}, 400, "no changes"),
    ({"fatalities": 3}, 422, "changes"),
    ({"changes": {"fatalities": True}}, 422, "fatalities"),
    ({"changes": {"fatalities": 10**30}}, 400, "too large"),
    ({"changes": {"date_start": "2019-02-01", "date_end": "2019-01-01"}}, 400, "before"),
])
def test_bad_corrections_get_4xx_with_a_message(writer, body, status, words):
    event_id = first_event_id(writer)
    r = writer.patch(f"/api/events/{event_id}", json=body)
    assert r.status_code == status, r.text
    assert words in r.json()["detail"]


def test_cached_map_answers_follow_every_write(writer):
    def points():
        body = writer.get("/api/events", params={"format": "points", "limit": 10000}).json()
        return {row[0]: dict(zip(body["fields"], row)) for row in body["rows"]}

    before = points()
    assert points() == before and writer.app.state.cache.hits >= 1
    event_id = first_event_id(writer, text="market")
    writer.patch(f"/api/events/{event_id}", json={"changes": {"event_type": "battles", "sub_event_type": "armed_clash"}})
    assert points()[event_id]["event_type"] == "battles"
    days = sum(d["count"] for d in writer.get("/api/events/per-day").json()["days"])
    writer.post("/api/documents", json=NEW_REPORT)
    after = points()
    assert len(after) > len(before)
    assert sum(d["count"] for d in writer.get("/api/events/per-day").json()["days"]) == days + len(after) - len(before)


def test_correcting_an_unknown_event_is_404(writer):
    r = writer.patch("/api/events/987654", json={"changes": {"fatalities": 1}})
    assert r.status_code == 404 and "no event" in r.json()["detail"]


# -- security ---------------------------------------------------------------------------------

def test_writes_need_the_bearer_token_when_one_is_set(tmp_path):
    with writer_client(tmp_path, host="0.0.0.0", token="s3cret-token") as client:
        event_id = first_event_id(client)
        patch = {"changes": {"fatalities": 1}}
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic s3cret-token"},
                        {"Authorization": "Bearer "}):
            assert client.post("/api/documents", json=NEW_REPORT, headers=headers).status_code == 401
            r = client.patch(f"/api/events/{event_id}", json=patch, headers=headers)
            assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
        assert client.get("/api/documents/t-new").status_code == 404
        good = {"Authorization": "Bearer s3cret-token"}
        assert client.post("/api/documents", json=NEW_REPORT, headers=good).status_code == 201
        assert client.patch(f"/api/events/{event_id}", json=patch, headers=good).json()["corrected"]["fatalities"]["author"] == "token"
        assert client.get("/api/config").json()["writes"] == "token"


def test_without_a_token_writes_are_refused_beyond_loopback(tmp_path):
    with writer_client(tmp_path, host="0.0.0.0") as client:
        r = client.post("/api/documents", json=NEW_REPORT)
        assert r.status_code == 403 and "SITREP_TOKEN" in r.json()["detail"]
        assert client.patch(f"/api/events/{first_event_id(client)}", json={"changes": {"fatalities": 1}}).status_code == 403
        assert client.get("/api/events").status_code == 200
        assert client.get("/api/config").json()["writes"] == "disabled"


def test_loopback_addresses():
    assert all(is_loopback(h) for h in ("127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost", None))
    assert not any(is_loopback(h) for h in ("0.0.0.0", "::", "192.168.1.5", "10.0.0.1", "example.org", ""))


def test_cors_is_off_unless_origins_are_configured(tmp_path):
    with writer_client(tmp_path) as client:
        r = client.get("/api/events", headers={"Origin": "https://elsewhere.example"})
        assert "access-control-allow-origin" not in r.headers
    with writer_client(tmp_path, name="cors.db", cors_origins="https://analysts.example") as client:
        r = client.get("/api/events", headers={"Origin": "https://analysts.example"})
        assert r.headers["access-control-allow-origin"] == "https://analysts.example"
        r = client.get("/api/events", headers={"Origin": "https://elsewhere.example"})
        assert "access-control-allow-origin" not in r.headers


def test_pages_carry_a_policy_that_forbids_inline_and_foreign_scripts(reader):
    policy = reader.get("/").headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert "img-src 'self' data:;" in policy
    tiles = content_security_policy("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png")
    assert "img-src 'self' data: https://*.tile.openstreetmap.org;" in tiles


# -- the dashboard is served, whole, from the package -----------------------------------------

def test_dashboard_and_every_asset_it_loads_are_served_locally(reader):
    page = reader.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    refs = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assets = [r for r in refs if r.startswith("/static/")]
    assert len(assets) >= 10 and not [r for r in refs if "//" in r], refs
    for path in assets:
        assert reader.get(path).status_code == 200, path
    assert reader.get("/static/vendor/world-atlas-2.0.2/countries-50m.json").json()["type"] == "Topology"
    docs = reader.get("/docs").text
    assert "/static/vendor/swagger-ui-dist-5.17.14/swagger-ui-bundle.js" in docs and "cdn" not in docs
    assert reader.get("/openapi.json").json()["paths"]["/api/events"]


def test_dashboard_scripts_never_put_data_into_html():
    for js in STATIC.glob("*.js"):
        code = js.read_text(encoding="utf-8")
        assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(", code), js.name


def test_serve_reports_a_store_it_cannot_open(run_cli, tmp_path):
    r = run_cli("serve", "--db", str(tmp_path / "missing-folder" / "x.db"), "--port", "8765")
    assert r.returncode == 1 and "does not exist" in r.stderr
    r = run_cli("serve", "--port", "70000")
    assert r.returncode == 2 and "--port" in r.stderr
