"""The store: documents, events, tallies, corrections and incidents in SQLite or PostgreSQL.

    store = open_store("sqlite:///sitrep.db")      # or postgresql://user@host/db, or a file path
    ingest_report(store, report)                    # sitrep.store.ingest
    query_events(store, EventFilter(country="SY"))  # sitrep.store.queries

`open_store` checks the database answers and that its schema is at the newest migration
(running the migrations when `migrate=True`). Every problem — a wrong URL, a server that does
not answer, a corrupt or read-only file — becomes a `StoreError` with a message for the user.
"""
from __future__ import annotations

import contextlib
import functools
import hashlib
import re
from pathlib import Path
from typing import Any, Iterator

from sitrep.config import Settings

MIGRATIONS = Path(__file__).with_name("migrations")
SQLITE_BUSY_TIMEOUT_MS = 60_000
SQLITE_CACHE_KIB = 65_536        # page cache per connection (SQLite's default is 2 MiB): big reads stay fast
SQLITE_MMAP_BYTES = 268_435_456  # read the file through a 256 MiB memory map


class StoreError(RuntimeError):
    """The store cannot be opened, read or written; the message says why.

    `per_document` is true when the database refused one document's values (a number out of
    range, say): that document fails and a run goes on.
    """

    per_document = False


def normalise_url(url: str) -> str:
    """A SQLAlchemy URL from what a user types: a file path, sqlite:///…, postgresql://…"""
    url = url.strip()
    if not url:
        raise StoreError("empty database URL")
    if "://" not in url:
        return "sqlite:///" + url
    scheme = url.split("://", 1)[0].lower()
    if scheme in ("postgresql", "postgres"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    if scheme in ("sqlite", "postgresql+psycopg"):
        return url
    raise StoreError(f"{url}: unsupported database URL (want sqlite:///FILE or postgresql://USER@HOST/DB)")


class Store:
    """An open database: its engine, and connections for reading and for one-writer transactions."""

    def __init__(self, url: str, engine: Any):
        self.url = url
        self.engine = engine
        self.dialect = engine.dialect.name

    @contextlib.contextmanager
    def read(self) -> Iterator[Any]:
        with self._errors(), self.engine.connect() as conn:
            with conn.begin():
                yield conn

    @contextlib.contextmanager
    def write(self) -> Iterator[Any]:
        """One transaction that holds the write lock from its first statement.

        SQLite: BEGIN IMMEDIATE, so two processes never both read-then-write and deadlock (the
        busy timeout makes the second wait). PostgreSQL: an advisory lock serialises writers, so
        incremental linking sees every incident committed before it.
        """
        with self._errors(), self.engine.connect() as conn:
            conn = conn.execution_options(sitrep_immediate=True)
            with conn.begin():
                if self.dialect == "postgresql":
                    from sqlalchemy import text

                    conn.execute(text("SELECT pg_advisory_xact_lock(72510001)"))
                yield conn

    @contextlib.contextmanager
    def _errors(self) -> Iterator[None]:
        from sqlalchemy.exc import DataError, DBAPIError, IntegrityError

        try:
            yield
        except DBAPIError as e:
            error = StoreError(describe_db_error(self.url, e))
            error.per_document = isinstance(e, (DataError, IntegrityError))
            raise error from e

    def close(self) -> None:
        self.engine.dispose()

    def optimize(self) -> None:
        """After a batch of writes, refresh the statistics SQLite's query planner reads, when the
        events table has more than doubled (or halved) since they were taken: without them the
        planner walks the wrong index for a map box (seconds instead of milliseconds on 1,000,000
        events). A full ANALYZE of 1,000,000 events takes about 1.3 s; doubling keeps the total
        cost proportional to the store. PostgreSQL's autovacuum does this on its own."""
        if self.dialect != "sqlite":
            return
        with self.write() as conn:  # the write lock first: another ingest process may be writing
            rows_now = conn.exec_driver_sql("SELECT max(id) FROM events").scalar() or 0
            has_stats = conn.exec_driver_sql(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'").scalar()
            stat = has_stats and conn.exec_driver_sql(
                "SELECT stat FROM sqlite_stat1 WHERE tbl = 'events' LIMIT 1").scalar()
            rows_then = int(stat.split()[0]) if stat else 0
            if rows_now > REANALYZE_GROWTH * rows_then or rows_now * REANALYZE_GROWTH < rows_then:
                conn.exec_driver_sql("ANALYZE")

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


REANALYZE_GROWTH = 2


def open_store(url: str | None = None, settings: Settings | None = None, migrate: bool = True,
               must_exist: bool = False) -> Store:
    """Open the store at `url` (default: $SITREP_DB, else the `db_url` setting), schema at the newest migration.

    migrate=False refuses a store whose schema is behind (`sitrep db upgrade` updates it);
    must_exist=True refuses a SQLite file that is not there instead of creating it.
    """
    from sqlalchemy import create_engine
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    import os

    settings = settings or Settings.load()
    raw = url or os.environ.get("SITREP_DB") or settings.db_url
    full = normalise_url(raw)
    if full.startswith("sqlite"):
        path = sqlite_path(full)
        if path and must_exist and not Path(path).exists():
            raise StoreError(f"{path}: no such database (run `sitrep ingest` first)")
        if path and not Path(path).parent.exists():
            raise StoreError(f"{path}: folder {Path(path).parent} does not exist")
    try:
        if full.startswith("sqlite"):
            engine = create_engine(full, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
            _configure_sqlite(engine)
        else:
            engine = create_engine(full, pool_pre_ping=True, connect_args={"connect_timeout": 5})
    except (ArgumentError, NoSuchModuleError, ValueError) as e:
        raise StoreError(f"{raw}: not a usable database URL ({e})") from None
    store = Store(full, engine)
    try:
        current = schema_revision(store)
        head = head_revision()
        if current != head:
            if not migrate:
                raise StoreError(f"{display_url(full)}: schema is at {current or 'nothing'}, "
                                 f"sitrep needs {head}; run `sitrep db upgrade`")
            upgrade(store)
    except Exception:
        engine.dispose()
        raise
    return store


def sqlite_path(url: str) -> str | None:
    """The file of a SQLite URL (also of sqlite:///file:PATH?mode=ro&uri=true); None for memory."""
    rest = url.split(":///", 1)[1] if ":///" in url else ""
    rest = rest.split("?", 1)[0]
    if rest.startswith("file:"):
        rest = rest[len("file:"):]
    return None if rest in ("", ":memory:") else rest


def display_url(url: str) -> str:
    """The URL without a password."""
    return re.sub(r"://([^:/@]+):[^@/]*@", r"://\1:***@", url)


def _configure_sqlite(engine: Any) -> None:
    from sqlalchemy import event

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_conn: Any, record: Any) -> None:
        dbapi_conn.isolation_level = None  # sitrep issues BEGIN itself (see on_begin)
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys = ON")
        try:
            cur.execute("PRAGMA journal_mode = WAL")
        except Exception as e:  # a read-only file keeps its journal mode; writes will say so
            if "not a database" in str(e) or "malformed" in str(e):
                raise
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
        cur.execute(f"PRAGMA mmap_size = {SQLITE_MMAP_BYTES}")
        cur.close()

    @event.listens_for(engine, "begin")
    def on_begin(conn: Any) -> None:
        immediate = conn.get_execution_options().get("sitrep_immediate")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def describe_db_error(url: str, e: Exception) -> str:
    where = display_url(url)
    message = str(getattr(e, "orig", e)).strip().splitlines()[0] if str(getattr(e, "orig", e)).strip() else type(e).__name__
    low = message.lower()
    if "not a database" in low or "malformed" in low:
        return f"{where}: the file is not a SQLite database or is corrupt ({message})"
    if "readonly" in low or "read-only" in low:
        return f"{where}: the database is read-only ({message})"
    if "unable to open" in low:
        return f"{where}: cannot open the database file ({message})"
    if "connection refused" in low or "could not connect" in low or "connection failed" in low:
        return f"{where}: the database server does not answer ({message})"
    if "does not exist" in low and "database" in low:
        return f"{where}: {message}"
    return f"{where}: database error: {message}"


# -- migrations -------------------------------------------------------------------------------

def _alembic_config() -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config()).get_current_head()


def schema_revision(store: Store) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with store.read() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(store: Store) -> str:
    """Run the migrations up to the newest; returns the revision. Safe when two processes race."""
    from alembic import command

    cfg = _alembic_config()
    try:
        with store.write() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    except StoreError:
        # another process may have migrated the same database a moment before us
        if schema_revision(store) != head_revision():
            raise
    return head_revision()


@functools.lru_cache(maxsize=1)
def extractor_version() -> str:
    """The package version and a digest of the extractor's code and data: changes when they do
    (read once per process: every stored document asks for it)."""
    import sitrep

    root = Path(sitrep.__file__).parent
    digest = hashlib.sha256()
    files = sorted([*root.joinpath("stages").glob("*.py"), root / "pipeline.py",
                    *root.joinpath("data").glob("*.*")])
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return f"{sitrep.__version__}+{digest.hexdigest()[:10]}"
