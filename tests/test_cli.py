"""`sitrep` as a user runs it: subprocesses, real files, stdin, exit codes, stderr summary."""
from __future__ import annotations

import json
import re

import pytest

from conftest import EXAMPLES, results

ENGLISH = "Government forces shelled the village on Monday, killing two civilians, the monitor said."
SUMMARY = re.compile(r"^documents (\d+), events (\d+), tallies (\d+), errors (\d+), [\d.]+ docs/s$", re.M)


def summary_of(stderr: str) -> tuple[int, ...]:
    m = SUMMARY.findall(stderr)
    assert m, f"no summary line in stderr: {stderr!r}"
    return tuple(map(int, m[-1]))


def test_extract_jsonl_file_writes_one_line_per_document_in_order(run_cli, write_jsonl):
    path = write_jsonl([{"id": "a", "text": ENGLISH}, "not json", {"id": "c", "text": ENGLISH}])
    proc = run_cli("extract", path)
    assert proc.returncode == 0, proc.stderr
    res = results(proc.stdout)
    assert [r["doc_id"] for r in res] == ["a", "line-2", "c"]
    assert "error" in res[1] and "error" not in res[0]
    assert all(isinstance(r["events"], list) and isinstance(r["tallies"], list) for r in res)
    assert summary_of(proc.stderr)[0] == 3 and summary_of(proc.stderr)[3] == 1


def test_extract_to_output_file(run_cli, write_jsonl, tmp_path):
    out = tmp_path / "out" / "res.jsonl"
    out.parent.mkdir()
    proc = run_cli("extract", write_jsonl([{"id": "a", "text": ENGLISH}]), "--output", out)
    assert proc.returncode == 0 and proc.stdout == ""
    assert [r["doc_id"] for r in results(out.read_text())] == ["a"]


def test_extract_from_stdin(run_cli):
    lines = "\n".join(json.dumps({"id": f"s{i}", "text": ENGLISH}) for i in range(3)) + "\n"
    proc = run_cli("extract", "-", stdin=lines)
    assert proc.returncode == 0
    assert [r["doc_id"] for r in results(proc.stdout)] == ["s0", "s1", "s2"]
    proc = run_cli("extract", "-", "--published", "2019-01-20", stdin=ENGLISH)
    assert [r["doc_id"] for r in results(proc.stdout)] == ["stdin"]


def test_extract_folder_of_text_and_html_with_published(run_cli, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "b.txt").write_text(ENGLISH)
    (folder / "a.html").write_text(f"<p>{ENGLISH}</p><script>alert(1)</script>")
    (folder / "c.txt").write_text("")
    proc = run_cli("extract", folder, "--published", "2019-01-21")
    assert proc.returncode == 0
    res = results(proc.stdout)
    assert [r["doc_id"] for r in res] == ["a", "b", "c"]
    assert res[2]["error"] == "empty text" and "error" not in res[0]
    assert not any("published" in w for r in res for w in r.get("warnings", []))


def test_table_format(run_cli):
    proc = run_cli("extract", EXAMPLES, "--format", "table")
    assert proc.returncode == 0
    assert proc.stdout.startswith("EVENTS (") and "\nTALLIES (" in proc.stdout
    assert not proc.stdout.lstrip().startswith("{")
    assert summary_of(proc.stderr)[0] == 10


@pytest.mark.parametrize("args", [
    ("extract", "does-not-exist.jsonl"),
    ("extract", "-", "--published", "yesterday"),
    ("extract", "-", "--format", "xml"),
    ("extract",),
    ("frobnicate",),
    (),
])
def test_usage_errors_exit_2(run_cli, args):
    proc = run_cli(*args, stdin="")
    assert proc.returncode == 2
    assert "usage:" in proc.stderr


def test_every_document_failed_exits_1(run_cli, write_jsonl):
    proc = run_cli("extract", write_jsonl(["{broken", {"id": "x", "text": ""}, {"id": "y"}]))
    assert proc.returncode == 1
    assert summary_of(proc.stderr) == (3, 0, 0, 3)
    assert len(results(proc.stdout)) == 3


def test_some_documents_failed_exits_0(run_cli, write_jsonl):
    proc = run_cli("extract", write_jsonl(["{broken", {"id": "ok", "text": ENGLISH}]))
    assert proc.returncode == 0 and summary_of(proc.stderr)[3] == 1


def test_20mb_document_on_the_command_line(run_cli, write_jsonl):
    path = write_jsonl([{"id": "a", "text": ENGLISH}, {"id": "big", "text": "x" * 20_000_000},
                        {"id": "c", "text": ENGLISH}])
    proc = run_cli("extract", path)
    assert proc.returncode == 0
    res = results(proc.stdout)
    assert [r["doc_id"] for r in res] == ["a", "line-2", "c"] and "too large" in res[1]["error"]


def test_max_document_bytes_from_environment(run_cli, write_jsonl):
    proc = run_cli("extract", write_jsonl([{"id": "a", "text": ENGLISH}]), env={"SITREP_MAX_DOCUMENT_BYTES": "10"})
    assert proc.returncode == 1 and "too large" in results(proc.stdout)[0]["error"]


def test_long_runs_show_progress_on_stderr(run_cli, write_jsonl):
    proc = run_cli("extract", write_jsonl([{"id": f"d{i}", "text": ENGLISH} for i in range(120)]))
    assert re.search(r"^\[[#-]+\] \d+/120 ", proc.stderr, re.M)


def test_version(run_cli):
    from sitrep import __version__
    proc = run_cli("version")
    assert proc.returncode == 0 and proc.stdout.strip() == f"sitrep {__version__}"


def test_lexicon_validate_reports_each_check(run_cli):
    proc = run_cli("lexicon", "validate")
    lines = [l for l in proc.stdout.splitlines() if l and not l.startswith(" ")]
    assert lines and all(l.split()[0] in {"ok", "fail", "skip"} for l in lines)
    assert proc.returncode == (1 if any(l.startswith("fail") for l in lines) else 0)


def test_gazetteer_import(run_cli, tmp_path):
    dump = tmp_path / "XX.txt"
    row = ["9999001", "Testabad", "Testabad", "Testabad,Test Abad", "34.5", "40.9", "P", "PPL", "SY", "",
           "07", "", "", "", "1200", "", "200", "Asia/Damascus", "2020-01-01"]
    dump.write_text("\t".join(row) + "\n", encoding="utf-8")
    env = {"SITREP_CACHE_DIR": str(tmp_path / "cache"), "XDG_CACHE_HOME": str(tmp_path / "xdg"),
           "HOME": str(tmp_path)}
    proc = run_cli("gazetteer", "import", dump, env=env)
    try:
        import sitrep.gazetteer as gaz
        available = hasattr(gaz, "import_geonames")
    except ImportError:
        available = False
    if available:
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.startswith("imported")
    else:
        assert proc.returncode == 1 and "not available" in proc.stderr
    assert run_cli("gazetteer", "import", tmp_path / "missing.txt").returncode == 2
