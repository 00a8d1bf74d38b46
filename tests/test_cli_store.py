"""The store's commands end to end: ingest, events/incidents/tallies/control output, edit, bad input."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import os

import pytest

from conftest import EXAMPLES
from sitrep.export import ACLED_COLUMNS


@pytest.fixture
def example_db(tmp_path, run_cli):
    db = tmp_path / "examples.db"
    done = run_cli("ingest", EXAMPLES, "--db", db)
    assert done.returncode == 0, done.stderr
    assert "documents 10, stored 10" in done.stderr
    return db


def test_ingest_twice_changes_nothing(example_db, run_cli):
    again = run_cli("ingest", EXAMPLES, "--db", example_db)
    assert again.returncode == 0 and "stored 0, unchanged 10" in again.stderr


def test_sitrep_db_environment_variable_picks_the_store(example_db, run_cli):
    done = run_cli("events", "--format", "jsonl", env={"SITREP_DB": str(example_db)})
    assert done.returncode == 0 and len(done.stdout.splitlines()) > 5


def test_events_export_acled_csv_with_acled_spellings(example_db, run_cli):
    done = run_cli("events", "--db", example_db, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert tuple(rows[0].keys()) == ACLED_COLUMNS
    types = {r["event_type"] for r in rows}
    assert types <= {"Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
                     "Strategic developments"}
    assert any(r["sub_event_type"] == "Air/drone strike" for r in rows)
    assert all(r["geo_precision"] in ("1", "2", "3") and r["time_precision"] in ("1", "2", "3") for r in rows)
    assert any(r["country"] == "Syria" and r["iso"] == "760" for r in rows)


def test_events_geojson_and_filters(example_db, run_cli):
    done = run_cli("events", "--db", example_db, "--format", "geojson", "--country", "SY")
    collection = json.loads(done.stdout)
    assert collection["type"] == "FeatureCollection" and collection["features"]
    for feature in collection["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert 35 < lon < 43 and 32 < lat < 38 and feature["properties"]["country"] == "SY"
    boxed = run_cli("events", "--db", example_db, "--format", "jsonl", "--bbox", "36,35,37.5,36.5")
    assert boxed.stdout and all(36 <= json.loads(l)["location"]["longitude"] <= 37.5 for l in boxed.stdout.splitlines())


def test_incidents_jsonl_names_document_and_event_index(example_db, run_cli, tmp_path):
    out = tmp_path / "incidents.jsonl"
    done = run_cli("incidents", "--db", example_db, "--format", "jsonl", "--output", out)
    assert done.returncode == 0
    extracted = {json.loads(l)["doc_id"]: json.loads(l) for l in run_cli("extract", EXAMPLES).stdout.splitlines()}
    for line in out.read_text().splitlines():
        incident = json.loads(line)
        for s in incident["sources"]:
            ev = extracted[s["doc_id"]]["events"][s["event_index"]]
            assert ev["event_type"] == incident["event_type"]


def test_edit_corrects_an_event_and_every_view_shows_it(example_db, run_cli):
    first = json.loads(run_cli("events", "--db", example_db, "--format", "jsonl", "--limit", "1").stdout)
    done = run_cli("edit", first["id"], "fatalities=41", "--author", "ana", "--db", example_db)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["corrected"]["fatalities"]["author"] == "ana"
    rows = list(csv.DictReader(io.StringIO(run_cli("events", "--db", example_db, "--format", "csv").stdout)))
    fixed = next(r for r in rows if r["event_id_cnty"].endswith(str(first["id"])))
    assert fixed["fatalities"] == "41" and "corrected:fatalities by ana" in fixed["tags"]
    table = run_cli("events", "--db", example_db).stdout
    assert "fatalities" in table.splitlines()[0]


def test_tallies_and_control_tables(example_db, run_cli):
    ledger = run_cli("tallies", "--db", example_db, "--format", "jsonl")
    series = [json.loads(l) for l in ledger.stdout.splitlines()]
    assert any(s["quantity"] == "killed" and s["since"] for s in series)
    control = run_cli("control", "al-Susah", "--db", example_db)
    assert control.returncode == 0 and "held by" in control.stdout


def digest(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def test_bad_input_gives_a_message_a_nonzero_exit_and_an_untouched_store(example_db, run_cli, tmp_path):
    before = digest(example_db)
    cases = [
        (("events", "--db", example_db, "--since", "2019-02-30"), "want a date"),
        (("events", "--db", example_db, "--bbox", "a,b,c,d"), "WEST,SOUTH"),
        (("edit", "999999", "fatalities=3", "--db", example_db), "no event with id 999999"),
        (("edit", "1", "colour=red", "--db", example_db), "unknown field"),
        (("events", "--db", "mysql://root@localhost/x"), "unsupported database URL"),
        (("events", "--db", "postgresql://postgres@127.0.0.1:1/nothing"), "does not answer"),
        (("events", "--db", tmp_path / "missing.db"), "no such database"),
    ]
    for args, message in cases:
        done = run_cli(*args)
        assert done.returncode != 0 and message in done.stderr, (args, done.stderr)
        assert "Traceback" not in done.stderr
    assert digest(example_db) == before


def test_a_corrupt_database_file_is_refused_untouched(tmp_path, run_cli):
    bad = tmp_path / "corrupt.db"
    bad.write_bytes(os.urandom(4096))
    before = digest(bad)
    for args in (("ingest", EXAMPLES, "--db", bad), ("events", "--db", bad)):
        done = run_cli(*args)
        assert done.returncode == 1 and "not a SQLite database" in done.stderr
    assert digest(bad) == before


def test_a_read_only_database_refuses_writes_and_still_answers_reads(example_db, run_cli, tmp_path):
    other = tmp_path / "other.jsonl"
    other.write_text(json.dumps({"id": "new", "published": "2023-01-02",
                                 "text": "Gunmen killed 3 villagers in Kaya on Sunday."}) + "\n")
    read_only = f"sqlite:///file:{example_db}?mode=ro&uri=true"
    before = digest(example_db)
    done = run_cli("ingest", other, "--db", read_only)
    assert done.returncode == 1 and "read-only" in done.stderr
    reads = run_cli("events", "--db", read_only, "--format", "jsonl")
    assert reads.returncode == 0 and reads.stdout
    assert digest(example_db) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="file permissions do not bind root; the mode=ro test covers it")
def test_a_database_file_without_write_permission_refuses_writes(example_db, run_cli, tmp_path):
    other = tmp_path / "other.jsonl"
    other.write_text(json.dumps({"id": "new", "text": "Gunmen killed 3 villagers in Kaya on Sunday."}) + "\n")
    os.chmod(example_db, 0o444)
    os.chmod(example_db.parent, 0o555)
    try:
        done = run_cli("ingest", other, "--db", example_db)
        assert done.returncode == 1 and "read-only" in done.stderr
    finally:
        os.chmod(example_db.parent, 0o755)
        os.chmod(example_db, 0o644)


def test_db_upgrade_creates_a_store_and_reports_its_revision(tmp_path, run_cli):
    done = run_cli("db", "upgrade", "--db", tmp_path / "new.db")
    assert done.returncode == 0 and "schema at 0006_box_index" in done.stdout
    assert (tmp_path / "new.db").exists()


def test_ingest_loads_the_finished_shards_of_a_dask_run(tmp_path, run_cli):
    pytest.importorskip("distributed")
    out = tmp_path / "shards"
    done = run_cli("extract", EXAMPLES, "--engine", "dask", "--partitions", "3", "--output", out)
    assert done.returncode == 0, done.stderr
    first = run_cli("ingest", out, "--db", tmp_path / "shards.db")
    assert first.returncode == 0 and "documents 10, stored 10" in first.stderr, first.stderr
    again = run_cli("ingest", out, "--db", tmp_path / "shards.db")
    assert "stored 0, unchanged 10" in again.stderr
    direct = run_cli("ingest", EXAMPLES, "--db", tmp_path / "direct.db")
    assert direct.returncode == 0
    a = run_cli("events", "--db", tmp_path / "shards.db", "--format", "csv").stdout
    b = run_cli("events", "--db", tmp_path / "direct.db", "--format", "csv").stdout
    assert a == b
