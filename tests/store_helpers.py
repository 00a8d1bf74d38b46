"""Store fixtures shared by the store, CLI and API tests: a fresh SQLite file or PostgreSQL database.

PostgreSQL tests use the server on 127.0.0.1:5432 (user postgres) and a database created for
the test and dropped after it; when no server answers they skip and say so.
"""
from __future__ import annotations

import os
import uuid

import pytest

PG_ADMIN = os.environ.get("SITREP_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")


def pg_available() -> str | None:
    """None when the server answers, else why not."""
    try:
        import psycopg

        with psycopg.connect(PG_ADMIN, connect_timeout=3):
            return None
    except Exception as e:  # any failure means: skip, with the reason
        return f"PostgreSQL at {PG_ADMIN} does not answer ({type(e).__name__}: {str(e).strip()[:120]})"


def fresh_pg_database() -> tuple[str, object]:
    """A new empty database: (its URL, a function that drops it)."""
    import psycopg

    name = f"sitrep_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = PG_ADMIN.rsplit("/", 1)[0] + "/" + name

    def drop() -> None:
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return url, drop


def store_url_fixture(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    reason = pg_available()
    if reason:
        pytest.skip(reason)
    url, drop = fresh_pg_database()
    try:
        yield url
    finally:
        drop()
