"""Shared fixtures: the repository paths, the shared dev set (skipped when absent), CLI runs."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "src" / "sitrep" / "data" / "examples" / "reports.jsonl"
EXAMPLES_GOLD = REPO / "tests" / "data" / "examples_gold.jsonl"


@pytest.fixture
def shared_dir() -> Path:
    """../shared beside the repository (spec, dev set, referee); tests using it skip without it."""
    path = REPO.parent / "shared"
    if not (path / "eval" / "score.py").is_file():
        pytest.skip("../shared (spec, dev set, referee) is not beside this checkout")
    return path


@pytest.fixture
def write_jsonl(tmp_path):
    """Write records (dicts, or raw str/bytes lines) to a JSONL file; returns its path."""
    def write(lines, name="input.jsonl") -> Path:
        path = tmp_path / name
        with path.open("wb") as f:
            for line in lines:
                if isinstance(line, dict):
                    line = json.dumps(line, ensure_ascii=False)
                if isinstance(line, str):
                    line = line.encode("utf-8")
                f.write(line + b"\n")
        return path
    return write


@pytest.fixture
def run_cli(tmp_path):
    """Run `python -m sitrep ARGS` in a subprocess; returns the CompletedProcess (text mode)."""
    def run(*args, stdin: str | None = None, env: dict | None = None, cwd=None):
        full_env = {**os.environ, **(env or {})}
        return subprocess.run([sys.executable, "-m", "sitrep", *map(str, args)], input=stdin,
                              capture_output=True, text=True, env=full_env, cwd=cwd or tmp_path, timeout=300)
    return run


def results(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """A URL for an empty store: a SQLite file, and a fresh PostgreSQL database when one answers."""
    from store_helpers import store_url_fixture

    yield from store_url_fixture(request, tmp_path)


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'store.db'}"
