"""SQLite: an R*Tree over event coordinates, kept in step by triggers, for bounding-box queries.

PostgreSQL uses the (latitude, longitude) B-tree index of the initial schema instead.

Revision ID: 0002_sqlite_rtree
Revises: 0001_initial
"""
from alembic import op

revision = "0002_sqlite_rtree"
down_revision = "0001_initial"
branch_labels = None
depends_on = None

STATEMENTS = [
    "CREATE VIRTUAL TABLE events_rtree USING rtree(id, min_lon, max_lon, min_lat, max_lat)",
    """CREATE TRIGGER events_rtree_insert AFTER INSERT ON events
       WHEN new.latitude IS NOT NULL AND new.longitude IS NOT NULL BEGIN
         INSERT INTO events_rtree VALUES (new.id, new.longitude, new.longitude, new.latitude, new.latitude);
       END""",
    """CREATE TRIGGER events_rtree_delete AFTER DELETE ON events BEGIN
         DELETE FROM events_rtree WHERE id = old.id;
       END""",
    """CREATE TRIGGER events_rtree_update AFTER UPDATE OF latitude, longitude ON events BEGIN
         DELETE FROM events_rtree WHERE id = old.id;
         INSERT INTO events_rtree SELECT new.id, new.longitude, new.longitude, new.latitude, new.latitude
           WHERE new.latitude IS NOT NULL AND new.longitude IS NOT NULL;
       END""",
    """INSERT INTO events_rtree SELECT id, longitude, longitude, latitude, latitude FROM events
       WHERE latitude IS NOT NULL AND longitude IS NOT NULL""",
]


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in STATEMENTS:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for name in ("events_rtree_insert", "events_rtree_delete", "events_rtree_update"):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS events_rtree")
