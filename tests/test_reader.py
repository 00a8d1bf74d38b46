"""The reader: every bad input becomes that document's error or warning; the rest read on, in order."""
from __future__ import annotations

import io
import json

import pytest

from sitrep.reader import NOT_ENGLISH, check_published, html_to_text, looks_english, read_input, read_jsonl

MB = 1_000_000
LIMIT = 5 * MB
ENGLISH = "Government forces shelled the village on Monday, killing two civilians, the monitor said."


def good(i: int) -> dict:
    return {"id": f"ok-{i}", "text": f"{ENGLISH} Report number {i}.", "published": "2019-01-20"}


def read(path, **kw):
    return list(read_input(str(path), kw.pop("max_bytes", LIMIT), **kw))


def assert_neighbours_intact(items, bad_index, n=3):
    ids = [it.doc_id for i, it in enumerate(items) if i != bad_index]
    assert ids == [f"ok-{i}" for i in range(n - 1)]
    for i, it in enumerate(items):
        if i != bad_index:
            assert it.error is None and it.report is not None and it.warnings == []


def test_invalid_json_line_is_an_error_named_by_line_number(write_jsonl):
    items = read(write_jsonl([good(0), '{"id": "x", "text": ', good(1)]))
    assert [it.doc_id for it in items] == ["ok-0", "line-2", "ok-1"]
    assert items[1].report is None and "invalid JSON on line 2" in items[1].error
    assert_neighbours_intact(items, 1)


@pytest.mark.parametrize("record, reason", [
    ({"id": "t1"}, "missing text"),
    ({"id": "t1", "text": None}, "missing text"),
    ({"id": "t1", "text": 12345}, "text is not a string"),
    ({"id": "t1", "text": ["a", "b"]}, "text is not a string"),
])
def test_missing_or_non_string_text_is_an_error_keeping_the_id(write_jsonl, record, reason):
    items = read(write_jsonl([good(0), record, good(1)]))
    assert items[1].doc_id == "t1" and reason in items[1].error
    assert_neighbours_intact(items, 1)


def test_missing_id_gets_a_line_id(write_jsonl):
    items = read(write_jsonl([good(0), {"text": ENGLISH}, good(1)]))
    assert items[1].doc_id == "line-2" and items[1].error == "missing id"


@pytest.mark.parametrize("text", ["", "   \n\t  "])
def test_empty_text_is_an_error(write_jsonl, text):
    items = read(write_jsonl([good(0), {"id": "e", "text": text}, good(1)]))
    assert items[1].error == "empty text"
    assert_neighbours_intact(items, 1)


def test_non_utf8_bytes_are_replaced_with_a_warning(write_jsonl):
    line = json.dumps({"id": "latin", "text": "Caf\u00e9 ENGLISH"}, ensure_ascii=False).replace("ENGLISH", ENGLISH).encode("latin-1")
    items = read(write_jsonl([good(0), line, good(1)]))
    it = items[1]
    assert it.error is None and it.report.text.startswith("Caf\ufffd ")
    assert any("not valid UTF-8" in w for w in it.warnings)
    assert_neighbours_intact(items, 1)


def test_binary_line_is_an_error(write_jsonl):
    items = read(write_jsonl([good(0), bytes(range(0, 9)) * 50, good(1)]))
    assert items[1].doc_id == "line-2" and "binary" in items[1].error
    assert_neighbours_intact(items, 1)


def test_binary_file_in_a_folder_is_an_error(tmp_path):
    (tmp_path / "a.txt").write_text(ENGLISH)
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02\x89PNG" * 500)
    (tmp_path / "c.txt").write_text(ENGLISH)
    items = read(tmp_path)
    assert [it.doc_id for it in items] == ["a", "b", "c"]
    assert items[1].error == "binary content, not text"
    assert items[0].report.text == ENGLISH and items[2].report.text == ENGLISH


def test_control_characters_inside_json_text_are_binary(write_jsonl):
    items = read(write_jsonl([{"id": "nul", "text": "\u0000\u0001\u0002" * 200}]))
    assert "binary" in items[0].error


def test_20mb_jsonl_document_is_rejected_without_stopping_the_run(write_jsonl):
    huge = {"id": "huge", "text": "word " * (4 * MB)}  # 20 MB
    items = read(write_jsonl([good(0), huge, good(1)]))
    assert [it.doc_id for it in items] == ["ok-0", "line-2", "ok-1"]
    assert "too large" in items[1].error and items[1].report is None
    assert_neighbours_intact(items, 1)


def test_20mb_text_file_is_rejected(tmp_path):
    (tmp_path / "big.txt").write_bytes(b"word " * (4 * MB))
    (tmp_path / "small.txt").write_text(ENGLISH)
    items = read(tmp_path)
    assert [it.doc_id for it in items] == ["big", "small"]
    assert "too large" in items[0].error and items[1].report.text == ENGLISH


def test_size_limit_is_the_setting_not_a_constant(write_jsonl):
    items = read(write_jsonl([good(0)]), max_bytes=20)
    assert "too large" in items[0].error


def test_html_drops_scripts_and_styles_and_keeps_paragraphs(tmp_path):
    (tmp_path / "page.html").write_text(
        "<html><head><title>Shelling  report</title><style>p { color: red }</style>"
        "<script>var killed = 999;</script></head><body><p>Forces shelled the town &amp; its outskirts.</p>"
        "<script type='text/javascript'>document.write('ad')</script>"
        "<div>Two   civilians\nwere killed.</div><noscript>enable js</noscript></body></html>")
    [it] = read(tmp_path / "page.html", published="2020-02-03")
    text = it.report.text
    assert text == "Forces shelled the town & its outskirts.\n\nTwo civilians were killed."
    assert it.report.title == "Shelling report" and it.report.published == "2020-02-03"
    assert it.doc_id == "page"


def test_html_line_breaks():
    text, _ = html_to_text("<p>one<br>two<br/>three</p><p>four</p>")
    assert text == "one\ntwo\nthree\n\nfour"


@pytest.mark.parametrize("text", [
    "Les forces du régime ont bombardé la périphérie de Kafr Nabl dans le sud d'Idleb. "
    "Aucune victime n'a été signalée selon les secours locaux sur place.",
    "قصفت قوات النظام أطراف بلدة كفرنبل في ريف إدلب الجنوبي ولم ترد أنباء عن إصابات",
])
def test_non_english_report_gets_a_warning_but_is_extracted(write_jsonl, text):
    items = read(write_jsonl([good(0), {"id": "fr", "text": text}, good(1)]))
    assert items[1].report is not None and items[1].error is None
    assert NOT_ENGLISH in items[1].warnings
    assert_neighbours_intact(items, 1)


@pytest.mark.parametrize("text", [
    ENGLISH,
    "Regime forces shelled the outskirts of Kafr Nabl in southern Idleb. No fatalities reported.",
    "Airstrike hits Saada",
])
def test_english_reports_are_not_flagged(text):
    assert looks_english(text)


@pytest.mark.parametrize("value", ["yesterday", "2018-13-45", 12345, "2019-02-30", "20/01/2019", ["2019"]])
def test_bad_published_value_warns_and_is_unknown(write_jsonl, value):
    items = read(write_jsonl([good(0), {"id": "p", "text": ENGLISH, "published": value}, good(1)]))
    assert items[1].report.published is None
    assert any("published" in w and "treated as unknown" in w for w in items[1].warnings)
    assert_neighbours_intact(items, 1)


@pytest.mark.parametrize("value", ["2019-01-20", "2018-09", "2019", "2019-01-20T08:30:00Z", "2019-01-20 08:30:00+02:00", None])
def test_good_published_values_are_kept_as_given(value):
    assert check_published(value) == (value, None)


def test_text_is_kept_exactly_for_offsets(write_jsonl):
    text = "  Line one.\r\n\r\nLine two \u2014 Deir ez-Zour\u2019s \ufeffcountryside.\t\n"
    [it] = read(write_jsonl([{"id": "exact", "text": text}]))
    assert it.report.text == text


def test_blank_lines_are_skipped_and_line_numbers_stay_true(write_jsonl):
    items = read(write_jsonl([good(0), "", "   ", "not json"]))
    assert [it.doc_id for it in items] == ["ok-0", "line-4"]


def test_stdin_jsonl_and_plain_text():
    stream = io.BytesIO(b'\n{"id": "s1", "text": "%s"}\n{"id": "s2"}\n' % ENGLISH.encode())
    items = list(read_input("-", LIMIT, stdin=stream))
    assert [(it.doc_id, it.error) for it in items] == [("s1", None), ("s2", "missing text")]
    text = "\n  " + ENGLISH + "\n"
    [it] = list(read_input("-", LIMIT, published="2021-05-01", stdin=io.BytesIO(text.encode())))
    assert it.doc_id == "stdin" and it.report.text == text and it.report.published == "2021-05-01"


def test_folder_is_read_in_name_order_with_stems_as_ids(tmp_path):
    for name in ["b.txt", "a.html", "c.htm", "notes.md", "d.jsonl"]:
        content = ENGLISH if not name.endswith("jsonl") else json.dumps({"id": "inner", "text": ENGLISH})
        (tmp_path / name).write_text(content)
    items = read(tmp_path, published="2019-03-01")
    assert [it.doc_id for it in items] == ["a", "b", "c", "inner"]
    assert [it.report.published for it in items] == ["2019-03-01"] * 3 + [None]


def test_utf8_bom_on_first_jsonl_line_is_tolerated(write_jsonl):
    items = read(write_jsonl([b"\xef\xbb\xbf" + json.dumps(good(0)).encode(), good(1)]))
    assert [it.error for it in items] == [None, None]


def test_read_jsonl_streams_without_reading_ahead():
    class OneLineAtATime(io.BytesIO):
        pass
    stream = OneLineAtATime(b"\n".join(json.dumps(good(i)).encode() for i in range(3)))
    gen = read_jsonl(stream, LIMIT)
    first = next(gen)
    assert first.doc_id == "ok-0" and stream.tell() < len(stream.getvalue())
