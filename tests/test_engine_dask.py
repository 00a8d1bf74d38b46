"""`sitrep extract --engine dask`: same bytes as the local engine, resumable, robust to lost
workers and bad input. One two-worker LocalCluster is shared by the module."""
from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import EXAMPLES
from sitrep.config import Settings
from sitrep.engines import ManifestError, iter_finished
from sitrep.engines.partitions import plan_partitions, read_partition
from sitrep.reader import read_input
from sitrep.runner import run_extract

distributed = pytest.importorskip("distributed")
from sitrep.engines.dask import run_dask  # noqa: E402

SETTINGS = Settings()


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as cl:
        yield cl


def local_output(source) -> bytes:
    out = io.StringIO()
    run_extract(read_input(str(source), SETTINGS.max_document_bytes), out, SETTINGS, progress=False)
    return out.getvalue().encode("utf-8")


def shards(out_dir: Path) -> bytes:
    manifest = json.loads((out_dir / "manifest.json").read_text())
    assert set(manifest["finished"]) == {str(i) for i in range(len(manifest["partitions"]))}
    return b"".join((out_dir / manifest["finished"][str(i)]["shard"]).read_bytes()
                    for i in range(len(manifest["partitions"])))


def doc_ids(data: bytes) -> list[str]:
    return [json.loads(line)["doc_id"] for line in data.splitlines()]


def sorted_lines(data: bytes) -> list[bytes]:
    return sorted(data.splitlines(), key=lambda line: json.loads(line)["doc_id"])


def many_reports(path: Path, copies: int) -> Path:
    """The bundled examples again and again, each copy with its own ids."""
    docs = [json.loads(line) for line in EXAMPLES.read_text(encoding="utf-8").splitlines() if line.strip()]
    with path.open("w", encoding="utf-8") as f:
        for n in range(copies):
            for doc in docs:
                f.write(json.dumps({**doc, "id": f"{doc['id']}-{n:03d}"}, ensure_ascii=False) + "\n")
    return path


def run(source, out, client, **kw):
    return run_dask(str(source), out, client=client, progress=False, **kw)


# ---------------------------------------------------------------- partitions (no cluster)

def test_partitions_of_a_jsonl_file_read_like_the_whole_file(tmp_path, write_jsonl):
    lines = [json.dumps({"id": f"d{i}", "text": f"Shelling hit Hajin on day {i}."}) for i in range(40)]
    lines[7] = "{broken json"
    lines[21] = ""
    lines[30] = json.dumps({"text": "no id here"})
    path = write_jsonl(lines)
    whole = list(read_input(str(path), 10_000))
    for n in (1, 3, 7, 40):
        plan = plan_partitions(str(path), n)
        starts = [p["start"] for p in plan.partitions]
        raw = path.read_bytes()
        assert all(s == 0 or raw[s - 1:s] == b"\n" for s in starts)
        parts = [item for spec in plan.partitions for item in read_partition(plan.source, spec, 10_000)]
        assert parts == whole
    assert [i.doc_id for i in whole if i.error] == ["line-8", "line-31"]


# ---------------------------------------------------------------- same results as local

def test_dask_engine_writes_the_local_engines_bytes_for_the_examples(client, tmp_path):
    result = run(EXAMPLES, tmp_path / "out", client, partitions=4)
    assert result.failed == {} and result.partitions == 4 and result.summary.documents == 10
    local, dask = local_output(EXAMPLES), shards(tmp_path / "out")
    assert sorted_lines(dask) == sorted_lines(local)
    assert dask == local  # partitions keep input order too


def test_broken_lines_and_a_corrupt_shard_become_error_results_and_the_rest_completes(client, tmp_path):
    folder = tmp_path / "shards"
    folder.mkdir()
    docs = EXAMPLES.read_bytes().splitlines(keepends=True)
    (folder / "a.jsonl").write_bytes(b"".join(docs[:4]))
    (folder / "b.jsonl").write_bytes(docs[4] + b'{"id": "cut", "text": "Clashes in\n' + b"\x00\x01\x02" * 50 + b"\n")
    (folder / "c.jsonl").write_bytes(bytes(range(256)) * 40)          # not text at all
    (folder / "d.jsonl").write_bytes(b"".join(docs[5:]))
    result = run(folder, tmp_path / "out", client)
    assert result.failed == {} and result.partitions == 4
    dask = shards(tmp_path / "out")
    assert dask == local_output(folder)
    records = [json.loads(line) for line in dask.splitlines()]
    assert [r["doc_id"] for r in records if not r.get("error")] == [json.loads(d)["id"] for d in docs]
    assert sum(bool(r.get("error")) for r in records) == result.summary.errors >= 3


# ---------------------------------------------------------------- lost workers, interrupted runs

def test_a_worker_killed_mid_run_loses_and_duplicates_no_document(client, tmp_path):
    source = many_reports(tmp_path / "many.jsonl", 24)
    out = tmp_path / "out"
    outcome: dict = {}
    thread = threading.Thread(target=lambda: outcome.update(result=run(source, out, client, partitions=12)))
    thread.start()
    killed = None
    deadline = time.monotonic() + 120
    while killed is None and time.monotonic() < deadline and thread.is_alive():
        busy = [addr for addr, keys in client.processing().items() if keys]
        if busy and any(out.glob("part-*.jsonl")):   # one partition done, others in flight
            pid = client.run(os.getpid, workers=[busy[0]])[busy[0]]
            os.kill(pid, signal.SIGKILL)
            killed = pid
        time.sleep(0.05)
    thread.join(timeout=300)
    assert killed, "no worker was busy to be killed"
    result = outcome["result"]
    assert result.failed == {} and sorted(result.ran) == list(range(12))
    data = shards(out)
    ids = doc_ids(data)
    assert len(ids) == len(set(ids)) == 240
    assert data == local_output(source)
    assert killed not in client.run(os.getpid).values()


def test_rerun_after_an_interruption_redoes_only_the_missing_partitions(client, tmp_path):
    out = tmp_path / "out"
    run(EXAMPLES, out, client, partitions=5)
    manifest = json.loads((out / "manifest.json").read_text())
    del manifest["finished"]["1"], manifest["finished"]["3"]    # as if killed before recording them
    (out / "manifest.json").write_text(json.dumps(manifest))
    (out / "part-00003.jsonl").unlink()
    (out / ".part-00003.jsonl.dead.tmp").write_text('{"doc_id": "half')
    before = {p.name: p.stat().st_mtime_ns for p in out.glob("part-*.jsonl")}
    result = run(EXAMPLES, out, client)
    assert result.skipped == [0, 2, 4] and sorted(result.ran) == [1, 3]
    assert result.summary.documents == sum(s["documents"] for k, s in
                                           json.loads((out / "manifest.json").read_text())["finished"].items()
                                           if k in ("1", "3"))
    for name in ("part-00000.jsonl", "part-00002.jsonl", "part-00004.jsonl"):
        assert (out / name).stat().st_mtime_ns == before[name]
    assert not list(out.glob(".part-*"))
    assert shards(out) == local_output(EXAMPLES)


def test_a_killed_client_process_resumes_with_the_same_command(client, tmp_path, run_cli):
    source = many_reports(tmp_path / "many.jsonl", 30)
    out = tmp_path / "out"
    args = [sys.executable, "-m", "sitrep", "extract", str(source), "--engine", "dask",
            "--scheduler", client.scheduler.address, "--partitions", "15", "--output", str(out)]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if json.loads((out / "manifest.json").read_text())["finished"]:
                break
        except (OSError, ValueError):
            pass
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    done = json.loads((out / "manifest.json").read_text())["finished"]
    assert 0 < len(done) < 15
    again = run_cli(*args[3:])
    assert again.returncode == 0, again.stderr
    assert f"resuming: {len(done)} of 15 partitions already done" in again.stderr
    assert "documents " in again.stderr.splitlines()[-1]
    ids = doc_ids(shards(out))
    assert len(ids) == len(set(ids)) == 300


def test_another_input_in_the_same_folder_is_refused_unless_restarted(client, tmp_path, write_jsonl):
    out = tmp_path / "out"
    run(EXAMPLES, out, client, partitions=2)
    other = write_jsonl([{"id": "x1", "text": "Gunmen attacked a checkpoint near Mopti on Monday."}])
    with pytest.raises(ManifestError, match="another input"):
        run(other, out, client)
    result = run(other, out, client, restart=True)
    assert result.partitions == 1 and doc_ids(shards(out)) == ["x1"]
    assert not (out / "part-00001.jsonl").exists()


# ---------------------------------------------------------------- Parquet

def test_a_parquet_dataset_gives_the_results_of_the_same_jsonl(client, tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    docs = [json.loads(line) for line in EXAMPLES.read_text(encoding="utf-8").splitlines() if line.strip()]
    columns = ("id", "text", "published", "title", "url", "outlet")
    dataset = tmp_path / "dataset"
    (dataset / "year=2019").mkdir(parents=True)
    for name, part in (("year=2019/a.parquet", docs[:6]), ("b.parquet", docs[6:])):
        table = pa.table({c: [d.get(c) for d in part] for c in columns}, schema=pa.schema([(c, pa.string()) for c in columns]))
        pq.write_table(table, dataset / name, row_group_size=4)
    (dataset / "_SUCCESS").write_text("")
    result = run(dataset, tmp_path / "out", client)
    assert result.failed == {} and result.summary.documents == 10
    reordered = tmp_path / "reordered.jsonl"   # the dataset's file order: b.parquet, year=2019/a.parquet
    reordered.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs[6:] + docs[:6]))
    assert sorted_lines(shards(tmp_path / "out")) == sorted_lines(local_output(reordered))


def test_a_corrupt_parquet_file_is_an_error_result_and_the_rest_completes(client, tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    dataset = tmp_path / "dataset"
    dataset.mkdir()
    pq.write_table(pa.table({"id": ["p1", "p2"], "text": ["Troops shelled Izium on Monday, killing 3.", None]}),
                   dataset / "good.parquet")
    (dataset / "zz-bad.parquet").write_bytes(b"PAR1 this is not a parquet file PAR1")
    result = run(dataset, tmp_path / "out", client)
    assert result.failed == {}
    records = [json.loads(line) for line in shards(tmp_path / "out").splitlines()]
    assert [(r["doc_id"], r.get("error")) for r in records] == [
        ("p1", None), ("p2", "missing text"), ("zz-bad.parquet", "unreadable Parquet file zz-bad.parquet")]


# ---------------------------------------------------------------- reading results back

def test_iter_finished_pairs_every_result_with_its_input_report(client, tmp_path, write_jsonl):
    docs = EXAMPLES.read_bytes().splitlines()
    source = write_jsonl([docs[0], b"{not json", docs[1]])
    out = tmp_path / "out"
    run(source, out, client, partitions=2)
    pairs = list(iter_finished(out))
    assert [r["doc_id"] for _, r in pairs] == [json.loads(docs[0])["id"], "line-2", json.loads(docs[1])["id"]]
    assert [rep.id if rep else None for rep, _ in pairs] == [json.loads(docs[0])["id"], None, json.loads(docs[1])["id"]]
    assert pairs[0][0].text == json.loads(docs[0])["text"]
    source.unlink()
    assert [rep for rep, _ in iter_finished(out)] == [None, None, None]


# ---------------------------------------------------------------- the command

def test_without_distributed_the_dask_engine_is_a_clear_usage_error(monkeypatch, tmp_path, capsys):
    from sitrep import cli

    monkeypatch.setitem(sys.modules, "distributed", None)
    code = cli.main(["extract", str(EXAMPLES), "--engine", "dask", "--output", str(tmp_path / "out")])
    assert code == 2
    assert "sitrep[cluster]" in capsys.readouterr().err


def test_dask_options_without_the_dask_engine_are_refused(run_cli):
    done = run_cli("extract", EXAMPLES, "--partitions", "4")
    assert done.returncode == 2 and "--engine dask" in done.stderr
