"""Nothing lost or half-written: a killed ingest resumes to the same store; two writers at once lose nothing.

These start real `sitrep ingest` processes on SQLite (WAL) and, when it answers, PostgreSQL.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import select

from conftest import EXAMPLES
from sitrep.store import open_store
from sitrep.store.queries import all_incidents
from sitrep.store.schema import documents, events, tallies


def make_corpus(path, count, first=0):
    """`count` distinct reports built from the bundled examples (new ids, a numbered closing line)."""
    base = [json.loads(line) for line in EXAMPLES.read_text(encoding="utf-8").splitlines() if line.strip()]
    with open(path, "w", encoding="utf-8") as f:
        for n in range(first, first + count):
            doc = dict(base[n % len(base)])
            doc["id"] = f"doc-{n:04d}"
            doc["text"] = doc["text"] + f"\n\nFiled as report number {n}."
            f.write(json.dumps(doc) + "\n")
    return path


def ingest_cmd(path, url):
    return [sys.executable, "-m", "sitrep", "ingest", str(path), "--db", url]


def snapshot(url):
    """The store's content, independent of row ids and insertion order."""
    with open_store(url) as store, store.read() as conn:
        docs = sorted(conn.execute(select(documents.c.doc_id, documents.c.content_hash)).all())
        evs = sorted(tuple(r) for r in conn.execute(select(
            events.c.doc_id, events.c.event_index, events.c.event_type, events.c.date_start,
            events.c.location_name, events.c.fatalities)).all())
        tls = sorted(tuple(r) for r in conn.execute(select(tallies.c.doc_id, tallies.c.tally_index, tallies.c.value)).all())
        incidents = sorted(sorted((s["doc_id"], s["event_index"]) for s in i["sources"]) for i in all_incidents(store))
    return docs, evs, tls, incidents


def count_documents(url):
    try:
        with open_store(url) as store, store.read() as conn:
            return len(conn.execute(select(documents.c.id)).all())
    except Exception:
        return 0


@pytest.fixture
def second_url(request, store_url, tmp_path):
    """Another empty store of the same kind as store_url."""
    if store_url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / 'other.db'}"
    from store_helpers import fresh_pg_database

    url, drop = fresh_pg_database()
    request.addfinalizer(drop)
    return url


def test_an_ingest_killed_midway_and_restarted_ends_with_the_same_store(store_url, second_url, tmp_path):
    corpus = make_corpus(tmp_path / "corpus.jsonl", 150)
    subprocess.run(ingest_cmd(corpus, second_url), check=True, capture_output=True, timeout=300)
    expected = snapshot(second_url)

    proc = subprocess.Popen(ingest_cmd(corpus, store_url), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while count_documents(store_url) < 20 and time.time() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert proc.poll() is None, "the ingest finished before it could be killed; make the corpus bigger"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = count_documents(store_url)
    assert 20 <= partial < 150

    rerun = subprocess.run(ingest_cmd(corpus, store_url), capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"unchanged {partial}" in rerun.stderr
    assert snapshot(store_url) == expected


def test_two_ingest_processes_at_once_lose_nothing(store_url, tmp_path):
    first = make_corpus(tmp_path / "first.jsonl", 60, first=0)
    second = make_corpus(tmp_path / "second.jsonl", 60, first=30)   # 30 documents in both
    open_store(store_url).close()  # the schema exists before the race, as after `sitrep db upgrade`
    env = {**os.environ}
    procs = [subprocess.Popen(ingest_cmd(path, store_url), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, env=env) for path in (first, second)]
    outputs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    docs, evs, _, incidents = snapshot(store_url)
    assert [d for d, _ in docs] == [f"doc-{n:04d}" for n in range(90)]
    per_doc = {}
    for doc_id, index, *_ in evs:
        per_doc.setdefault(doc_id, []).append(index)
    assert all(sorted(ix) == list(range(len(ix))) for ix in per_doc.values()), "an event stored twice"
    sources = [s for inc in incidents for s in inc]
    assert len(sources) == len(set(sources)), "an event in two incidents"


def test_extracting_in_worker_processes_stores_the_same_as_one_process(tmp_path):
    corpus = make_corpus(tmp_path / "corpus.jsonl", 30)
    one, two = f"sqlite:///{tmp_path / 'one.db'}", f"sqlite:///{tmp_path / 'two.db'}"
    subprocess.run(ingest_cmd(corpus, one), check=True, capture_output=True, timeout=300)
    done = subprocess.run(ingest_cmd(corpus, two) + ["--jobs", "2"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and "stored 30" in done.stderr, done.stderr
    assert snapshot(one) == snapshot(two)
