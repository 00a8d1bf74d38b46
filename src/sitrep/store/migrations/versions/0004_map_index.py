"""A covering index for the dashboard's map points (newest occurred events with coordinates).

Revision ID: 0004_map_index
Revises: 0003_filter_indexes
"""
from alembic import op

revision = "0004_map_index"
down_revision = "0003_filter_indexes"
branch_labels = None
depends_on = None

COLUMNS = ["modality", "date_start", "latitude", "longitude", "event_type", "date_end", "fatalities", "location_name"]


def upgrade() -> None:
    op.create_index("ix_events_map", "events", COLUMNS)


def downgrade() -> None:
    op.drop_index("ix_events_map", table_name="events")
