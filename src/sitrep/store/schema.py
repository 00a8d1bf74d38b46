"""The store's tables (SQLAlchemy Core): documents, events, tallies, corrections, incidents.

Dates are ISO strings (`YYYY-MM-DD`), which sort and compare the same in SQLite and
PostgreSQL. Lists and objects (evidence spans, counts, warnings) are JSON text. Events and
tallies keep the machine's values; an analyst correction is written over the event row and kept,
with the machine's value, in `corrections` so it survives re-extraction.

The Alembic migrations in `migrations/versions/` create exactly these tables; a test checks the
two agree.
"""
from __future__ import annotations

from sqlalchemy import (Column, Float, ForeignKey, Index, Integer, MetaData, String, Table, Text,
                        UniqueConstraint)

metadata = MetaData()

PASSAGE_SEPARATOR = " … "  # joins a record's evidence passages in its evidence_text column

documents = Table(
    "documents", metadata,
    Column("id", Integer, primary_key=True),
    Column("doc_id", String(400), nullable=False, unique=True),
    Column("content_hash", String(64), nullable=False, index=True),
    Column("title", Text),
    Column("text", Text, nullable=False),
    Column("published", String(32)),
    Column("url", Text),
    Column("outlet", Text),
    Column("error", Text),
    Column("warnings", Text),                      # JSON list
    Column("extractor_version", String(64), nullable=False),
    Column("ingested_at", String(32), nullable=False),
)

incidents = Table(
    "incidents", metadata,
    Column("id", Integer, primary_key=True),
    Column("event_type", String(40), nullable=False),
    Column("sub_event_type", String(60)),
    Column("date_start", String(10)),
    Column("date_end", String(10)),
    Column("location_name", Text),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("country", String(2)),
    Column("admin1", Text),
    Column("fatalities", Integer),
    Column("fatalities_low", Integer),
    Column("fatalities_high", Integer),
    Column("sources", Integer, nullable=False, default=0),
    # linking's candidate query (types, dates, near places or provinces) read from the index alone
    Index("ix_incidents_candidates", "event_type", "date_start", "date_end", "latitude", "longitude", "admin1"),
)

events = Table(
    "events", metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("doc_id", String(400), nullable=False),
    Column("event_index", Integer, nullable=False),   # position in the document's extract result
    Column("event_type", String(40), nullable=False),
    Column("sub_event_type", String(60)),
    Column("date_start", String(10)),
    Column("date_end", String(10)),
    Column("time_precision", Integer),
    Column("location_name", Text),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("country", String(2)),
    Column("admin1", Text),
    Column("admin2", Text),
    Column("geonameid", Integer),
    Column("geo_precision", Integer),
    Column("actor1", Text),
    Column("actor2", Text),
    Column("assoc_actors", Text),                  # JSON list
    Column("inter1", Integer),
    Column("inter2", Integer),
    Column("fatalities", Integer),
    Column("fatalities_low", Integer),
    Column("fatalities_high", Integer),
    Column("counts", Text),                        # JSON object
    Column("modality", String(20), nullable=False),
    Column("claimant", Text),
    Column("confidence", Float),
    Column("trigger", Text),
    Column("evidence", Text),                      # JSON list of {"start", "end"}
    Column("evidence_text", Text),                 # the passages joined by PASSAGE_SEPARATOR
    Column("incident_id", Integer, ForeignKey("incidents.id", ondelete="SET NULL")),
    Column("corrected", Integer, nullable=False, default=0),
    Column("extractor_version", String(64), nullable=False),
    UniqueConstraint("document_id", "event_index", name="uq_events_document_index"),
    Index("ix_events_date", "date_start"),
    # the dashboard's filters: each leads with its column, then modality (views show occurred
    # events) and the start date, so counts and per-day timelines read the index alone
    Index("ix_events_modality_date", "modality", "date_start"),
    Index("ix_events_type_modality_date", "event_type", "modality", "date_start"),
    Index("ix_events_country_modality_date", "country", "modality", "date_start"),
    Index("ix_events_country_type_modality_date", "country", "event_type", "modality", "date_start"),
    # the dashboard's map: its newest points read from the index alone
    Index("ix_events_map", "modality", "date_start", "latitude", "longitude", "event_type", "date_end",
          "fatalities", "location_name"),
    Index("ix_events_admin1_modality_date", "admin1", "modality", "date_start"),
    Index("ix_events_actor1", "actor1"),
    Index("ix_events_actor2", "actor2"),
    Index("ix_events_box", "latitude", "longitude", "modality", "date_start"),  # box counts from the index alone
    Index("ix_events_incident", "incident_id"),
    Index("ix_events_doc", "doc_id"),
)

tallies = Table(
    "tallies", metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("doc_id", String(400), nullable=False),
    Column("tally_index", Integer, nullable=False),
    Column("quantity", String(20), nullable=False),
    Column("subject", Text),
    Column("value", Integer, nullable=False),
    Column("qualifier", String(20)),
    Column("since", String(10)),
    Column("as_of", String(10)),
    Column("area", Text),                          # JSON location object
    Column("claimant", Text),
    Column("evidence", Text),
    Column("evidence_text", Text),
    Column("extractor_version", String(64), nullable=False),
    UniqueConstraint("document_id", "tally_index", name="uq_tallies_document_index"),
    Index("ix_tallies_series", "claimant", "quantity", "subject", "since"),
    Index("ix_tallies_doc", "doc_id"),
)

corrections = Table(
    "corrections", metadata,
    Column("id", Integer, primary_key=True),
    Column("doc_id", String(400), nullable=False),
    # which event: its position, and its machine type and evidence start to find it again
    # after a re-extraction has renumbered the document's events
    Column("event_index", Integer, nullable=False),
    Column("anchor", String(80), nullable=False),
    Column("field", String(40), nullable=False),
    Column("value", Text),                         # JSON
    Column("machine_value", Text),                 # JSON
    Column("author", Text, nullable=False),
    Column("created_at", String(32), nullable=False),
    Index("ix_corrections_doc", "doc_id"),
)
