"""Analyst corrections: a field of an event set by hand, with author and time.

A correction is written over the event row (so every filter, view and export sees it) and kept
in the `corrections` table with the machine's value. When a document is re-extracted, its
corrections are applied again to the new records: the event is found by its machine event type
and the start of its evidence, or failing that by its position.
"""
from __future__ import annotations

import json
from datetime import date
from typing import Any, Callable

from sqlalchemy import select, update

from sitrep.store import Store
from sitrep.store.schema import corrections, events


class CorrectionError(ValueError):
    """A correction names an unknown field or gives a value the field cannot take."""


EVENT_TYPES = {
    "battles": {"armed_clash", "government_regains_territory", "non_state_actor_overtakes_territory"},
    "explosions_remote_violence": {"chemical_weapon", "air_drone_strike", "suicide_bomb",
                                   "shelling_artillery_missile_attack", "remote_explosive_landmine_ied", "grenade"},
    "violence_against_civilians": {"sexual_violence", "attack", "abduction_forced_disappearance"},
    "protests": {"peaceful_protest", "protest_with_intervention", "excessive_force_against_protesters"},
    "riots": {"violent_demonstration", "mob_violence"},
    "strategic_developments": {"agreement", "arrests", "change_to_group_activity", "disrupted_weapons_use",
                               "headquarters_or_base_established", "looting_property_destruction",
                               "non_violent_transfer_of_territory", "other"},
    "displacement": {"flight", "evacuation", "return"},
}
SUB_EVENT_TYPES = {sub for subs in EVENT_TYPES.values() for sub in subs}
MODALITIES = {"occurred", "denied", "expected", "hypothetical"}
LINK_FIELDS = {"event_type", "date_start", "date_end", "latitude", "longitude", "location_name",
               "geo_precision", "admin1", "country", "actor1", "actor2", "modality"}


def _none(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.strip().lower() in ("", "null", "none"))


def _int(lo: int | None = None, hi: int | None = None) -> Callable[[Any], int | None]:
    def coerce(value: Any) -> int | None:
        if _none(value):
            return None
        if isinstance(value, bool):
            raise ValueError("want a whole number")
        try:
            number = int(str(value).replace(",", "").strip()) if isinstance(value, str) else int(value)
        except (ValueError, TypeError):
            raise ValueError("want a whole number") from None
        top = hi if hi is not None else 2**31 - 1
        if (lo is not None and number < lo) or number > top:
            raise ValueError(f"want a number from {lo} to {top}")
        return number
    return coerce


def _float(lo: float, hi: float) -> Callable[[Any], float | None]:
    def coerce(value: Any) -> float | None:
        if _none(value):
            return None
        try:
            number = float(value)
        except (ValueError, TypeError):
            raise ValueError("want a number") from None
        if not lo <= number <= hi:
            raise ValueError(f"want a number from {lo} to {hi}")
        return number
    return coerce


def _date(value: Any) -> str | None:
    if _none(value):
        return None
    try:
        return date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        raise ValueError("want a date as YYYY-MM-DD") from None


def _choice(allowed: set[str]) -> Callable[[Any], str]:
    def coerce(value: Any) -> str:
        text = str(value).strip()
        if text not in allowed:
            raise ValueError("want one of " + ", ".join(sorted(allowed)))
        return text
    return coerce


def _text(value: Any) -> str | None:
    return None if _none(value) else str(value).strip()[:400]


def _actor(value: Any) -> str | None:
    if _none(value):
        return None
    from sitrep.stages.actors import canonical_actor

    text = str(value).strip()[:400]
    return canonical_actor(text) or text


def _country(value: Any) -> str | None:
    if _none(value):
        return None
    text = str(value).strip().upper()
    if len(text) != 2 or not text.isalpha():
        raise ValueError("want an ISO 3166-1 alpha-2 code such as SY")
    return text


FIELDS: dict[str, Callable[[Any], Any]] = {
    "event_type": _choice(set(EVENT_TYPES)),
    "sub_event_type": _choice(SUB_EVENT_TYPES),
    "date_start": _date, "date_end": _date,
    "time_precision": _int(1, 3), "geo_precision": _int(1, 3),
    "location_name": _text, "admin1": _text, "admin2": _text, "country": _country,
    "latitude": _float(-90, 90), "longitude": _float(-180, 180),
    "actor1": _actor, "actor2": _actor, "claimant": _actor,
    "fatalities": _int(0), "fatalities_low": _int(0), "fatalities_high": _int(0),
    "modality": _choice(MODALITIES),
}
ALIASES = {"location": "location_name", "place": "location_name", "type": "event_type",
           "sub_type": "sub_event_type", "lat": "latitude", "lon": "longitude", "date": "date_start"}


def parse_assignments(pairs: list[str]) -> dict[str, str]:
    """`["fatalities=12", "actor1=SDF"]` -> {"fatalities": "12", "actor1": "SDF"}."""
    changes = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise CorrectionError(f"{pair!r}: want FIELD=VALUE")
        changes[name.strip()] = value
    return changes


def validate(changes: dict[str, Any]) -> dict[str, Any]:
    """Field names resolved and values coerced; raises CorrectionError naming the bad one."""
    if not changes:
        raise CorrectionError("no changes given")
    clean = {}
    for name, value in changes.items():
        column = ALIASES.get(name, name)
        if column not in FIELDS:
            raise CorrectionError(f"unknown field {name!r}; editable: {', '.join(sorted(FIELDS))}")
        try:
            clean[column] = FIELDS[column](value)
        except (ValueError, TypeError) as e:
            raise CorrectionError(f"{name}={value!r}: {e}") from None
    if "date_start" in clean and "date_end" not in clean:
        clean["date_end"] = clean["date_start"]
    return clean


def _check_consistent(row: dict[str, Any]) -> None:
    if row.get("date_start") and row.get("date_end") and row["date_end"] < row["date_start"]:
        raise CorrectionError(f"date_end {row['date_end']} is before date_start {row['date_start']}")
    subs = EVENT_TYPES.get(row.get("event_type") or "")
    if subs is not None and row.get("sub_event_type") and row["sub_event_type"] not in subs:
        raise CorrectionError(f"sub_event_type {row['sub_event_type']} does not belong to {row['event_type']}")


def anchor_of(event_type: str, evidence_json: str | None) -> str:
    try:
        spans = json.loads(evidence_json or "[]")
        start = spans[0]["start"] if spans else ""
    except (ValueError, KeyError, TypeError, IndexError):
        start = ""
    return f"{event_type}@{start}"


def apply_correction(store: Store, event_id: int, changes: dict[str, Any], author: str) -> dict[str, Any]:
    """Correct fields of an event; returns the event as every view now shows it.

    Raises KeyError for an unknown event id, CorrectionError for a bad field or value.
    """
    from sitrep.store.ingest import link_event, now, unlink_event
    from sitrep.store.queries import get_event

    if not author or not str(author).strip():
        raise CorrectionError("an author is required")
    clean = validate(changes)
    with store.write() as conn:
        row = conn.execute(select(events).where(events.c.id == event_id)).mappings().first()
        if row is None:
            raise KeyError(event_id)
        merged = {**row, **clean}
        _check_consistent(merged)
        earlier = {c.field: c.machine_value for c in conn.execute(
            select(corrections.c.field, corrections.c.machine_value)
            .where(corrections.c.doc_id == row["doc_id"], corrections.c.event_index == row["event_index"]))}
        machine_type = json.loads(earlier["event_type"]) if "event_type" in earlier else row["event_type"]
        stamp = now()
        for name, value in clean.items():
            machine = earlier.get(name, json.dumps(row[name]))
            conn.execute(corrections.insert().values(
                doc_id=row["doc_id"], event_index=row["event_index"], anchor=anchor_of(machine_type, row["evidence"]),
                field=name, value=json.dumps(value), machine_value=machine, author=str(author).strip()[:200],
                created_at=stamp))
        conn.execute(update(events).where(events.c.id == event_id).values(**clean, **_inter_updates(clean), corrected=1))
        if LINK_FIELDS & set(clean):
            unlink_event(conn, event_id)
            link_event(conn, event_id)
    return get_event(store, event_id)


def _inter_updates(clean: dict[str, Any]) -> dict[str, Any]:
    from sitrep.stages.actors import actor_inter

    out = {}
    for side in ("1", "2"):
        if f"actor{side}" in clean:
            actor = clean[f"actor{side}"]
            out[f"inter{side}"] = actor_inter(actor) if actor else None
    return out


def reapply_corrections(conn: Any, doc_id: str) -> int:
    """Apply a document's stored corrections to its (new) event rows; returns how many applied."""
    stored = conn.execute(select(corrections).where(corrections.c.doc_id == doc_id)
                          .order_by(corrections.c.id)).mappings().all()
    if not stored:
        return 0
    rows = conn.execute(select(events).where(events.c.doc_id == doc_id)).mappings().all()
    by_anchor = {anchor_of(r["event_type"], r["evidence"]): r for r in rows}
    by_index = {r["event_index"]: r for r in rows}
    pending: dict[int, dict[str, Any]] = {}
    applied = 0
    for c in stored:
        target = by_anchor.get(c["anchor"]) or by_index.get(c["event_index"])
        if target is None:
            continue  # the event is gone from the new extraction; the correction stays on file
        pending.setdefault(target["id"], {})[c["field"]] = json.loads(c["value"])
        conn.execute(update(corrections).where(corrections.c.id == c["id"]).values(
            event_index=target["event_index"], machine_value=json.dumps(target[c["field"]])))
        applied += 1
    for event_id, values in pending.items():
        conn.execute(update(events).where(events.c.id == event_id)
                     .values(**values, **_inter_updates(values), corrected=1))
    return applied
