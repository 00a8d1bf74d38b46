"""The runner: per-document isolation, order, warnings, counts, progress, exit status."""
from __future__ import annotations

import io
import json

import pytest

from sitrep.config import Settings
from sitrep.models import Report
from sitrep.reader import Item
from sitrep.runner import Progress, Summary, run_extract

SETTINGS = Settings()


def item(i, text="Forces shelled the town.", warnings=()):
    return Item(f"d{i}", Report(id=f"d{i}", text=text), None, list(warnings))


def fake_extract(report):
    if "explode" in report.text:
        raise ValueError("cannot parse clause 3")
    return {"doc_id": report.id, "events": [{"event_type": "battles"}], "tallies": [], "warnings": ["from pipeline"]}


def run(items, **kw):
    out, err = io.StringIO(), io.StringIO()
    summary = run_extract(items, out, SETTINGS, extract=fake_extract, err=err, **kw)
    return summary, [json.loads(l) for l in out.getvalue().splitlines()], err.getvalue()


def test_an_exception_becomes_that_documents_error_and_the_run_goes_on():
    summary, res, err = run([item(0), item(1, "explode"), item(2)])
    assert [r["doc_id"] for r in res] == ["d0", "d1", "d2"]
    assert res[1]["error"] == "ValueError: cannot parse clause 3"
    assert res[1]["events"] == [] and res[1]["tallies"] == []
    assert len(res[0]["events"]) == 1 and len(res[2]["events"]) == 1
    assert (summary.documents, summary.events, summary.errors) == (3, 2, 1)
    assert summary.exit_code == 0


def test_keyboard_interrupt_is_not_swallowed():
    def interrupted(report):
        raise KeyboardInterrupt
    with pytest.raises(KeyboardInterrupt):
        run_extract([item(0)], io.StringIO(), SETTINGS, extract=interrupted, err=io.StringIO())


def test_reader_errors_and_warnings_reach_the_result():
    bad = Item("line-2", None, "invalid JSON on line 2", [])
    summary, res, _ = run([item(0, warnings=["text does not look like English"]), bad])
    assert res[0]["warnings"] == ["text does not look like English", "from pipeline"]
    assert res[1] == {"doc_id": "line-2", "events": [], "tallies": [], "error": "invalid JSON on line 2"}


def test_every_document_failing_gives_exit_code_1():
    summary, _, _ = run([Item("a", None, "empty text", []), item(1, "explode")])
    assert summary.errors == 2 and summary.exit_code == 1
    assert Summary().exit_code == 0  # no documents is not a failure


def test_summary_line_on_stderr():
    _, _, err = run([item(0), item(1)])
    last = err.strip().splitlines()[-1]
    assert last.startswith("documents 2, events 2, tallies 0, errors 0, ") and last.endswith(" docs/s")


def test_output_keeps_non_ascii_characters():
    def echo(report):
        return {"events": [{"location": {"name": "Ḩajīn"}}], "tallies": []}
    out = io.StringIO()
    run_extract([item(0)], out, SETTINGS, extract=echo, err=io.StringIO())
    assert "Ḩajīn" in out.getvalue()
    assert json.loads(out.getvalue())["doc_id"] == "d0"


def test_progress_lines_appear_on_a_non_terminal_only_for_long_runs():
    _, _, short = run([item(i) for i in range(10)], total=10)
    assert len(short.strip().splitlines()) == 1  # only the summary
    _, _, long = run([item(i) for i in range(120)], total=120)
    lines = long.strip().splitlines()
    assert any(l.startswith("[") and "/120" in l for l in lines[:-1])


def test_progress_redraws_in_place_on_a_terminal():
    class Tty(io.StringIO):
        def isatty(self):
            return True
    stream = Tty()
    bar = Progress(stream, total=4)
    for done in range(1, 5):
        bar.update(done)
    bar.close()
    assert stream.getvalue().startswith("\r[") and "4/4 100%" in stream.getvalue()
    assert stream.getvalue().endswith("\n")


def test_table_format_lists_events_tallies_and_notes():
    def rich(report):
        return {"events": [{"event_type": "battles", "sub_event_type": "armed_clash", "date_start": "2019-01-19",
                            "date_end": "2019-01-19", "location": {"name": "Hajin", "geo_precision": 1},
                            "actor1": "SDF", "actor2": "Islamic State", "fatalities": 17, "modality": "occurred"}],
                "tallies": [{"quantity": "killed", "subject": "Islamic State", "value": 1650,
                             "qualifier": "at_least", "since": "2018-09-10", "claimant": "SDF"}]}
    out = io.StringIO()
    run_extract([item(0), Item("x", None, "empty text", [])], out, SETTINGS, extract=rich, fmt="table",
                err=io.StringIO())
    table = out.getvalue()
    assert "battles/armed_clash" in table and "SDF > Islamic State" in table and "Hajin (1)" in table
    assert "1650 (at_least)" in table and "2018-09-10" in table
    assert "x: error: empty text" in table
    header = table.splitlines()[1]
    assert header.split() == ["doc", "type/sub-type", "date", "place", "actors", "fatalities", "modality"]
