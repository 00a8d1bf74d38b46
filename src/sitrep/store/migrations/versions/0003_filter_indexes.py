"""Covering indexes for the dashboard's filters: (column, modality, date_start).

Revision ID: 0003_filter_indexes
Revises: 0002_sqlite_rtree
"""
from alembic import op

revision = "0003_filter_indexes"
down_revision = "0002_sqlite_rtree"
branch_labels = None
depends_on = None

REPLACED = {"ix_events_type_date": ["event_type", "date_start"],
            "ix_events_country_date": ["country", "date_start"],
            "ix_events_admin1_date": ["admin1", "date_start"]}
ADDED = {"ix_events_modality_date": ["modality", "date_start"],
         "ix_events_type_modality_date": ["event_type", "modality", "date_start"],
         "ix_events_country_modality_date": ["country", "modality", "date_start"],
         "ix_events_country_type_modality_date": ["country", "event_type", "modality", "date_start"],
         "ix_events_admin1_modality_date": ["admin1", "modality", "date_start"]}


def upgrade() -> None:
    for name in REPLACED:
        op.drop_index(name, table_name="events")
    for name, columns in ADDED.items():
        op.create_index(name, "events", columns)


def downgrade() -> None:
    for name in ADDED:
        op.drop_index(name, table_name="events")
    for name, columns in REPLACED.items():
        op.create_index(name, "events", columns)
