"""Cross-report linking: which stored events report the same occurrence, and what an incident says.

Pure functions over event dicts (the store's rows: event_type, dates, latitude/longitude,
location_name, geo_precision, admin1, actor1/actor2, fatalities...). `sitrep.store.ingest`
calls them while it writes, so linking is incremental: a new document's events join the
incidents already stored, or start new ones.

Two events are the same occurrence when they come from different documents and have
- the same event type and sub-event type (an air strike and a shelling the same day are two),
  except a fight at a place and the capture of that place by the side that attacked: one report
  tells the fight, another its outcome;
- date windows that overlap; two single days may also be `DATE_SLACK_DAYS` apart (outlets
  date by their own time zones and deadlines), but a week-wide window must really overlap, and
  a window wider than `WIDE_WINDOW_DAYS` ("in November") must hold the other one whole;
- the same place: the same name, or two precisely named places within `SAME_PLACE_KM`
  (two spellings of one village), or a place "near" a town within `NEAR_KM` of it; two
  province-level events need the same province;
- compatible actors: where both name a side, they share at least one (outlets often disagree
  on who attacked whom, rarely on everyone involved);
- for fighting, shelling and strikes, which recur day after day, a single day does not match a
  window of several days ("clashes in X this week"): the week holds more than one occurrence.
  A town taken or lost is one occurrence, so its capture day may sit inside another's window.
A report's own events are distinct occurrences, except the places of one list ("retook A, B
and C"): one sentence, one action, the same sides and dates. Such a list is one incident, and
an event of another report joins it when it matches any of its places.
An event joins an incident only when it is compatible with every report already in it, so an
incident never drifts along a chain of near matches. Among several compatible incidents the
closest in place and time wins; ties go to the oldest, so the same documents ingested in the
same order give the same incidents.
"""
from __future__ import annotations

import functools
import json
import math
from datetime import date, timedelta
from typing import Any, Iterable, Mapping

DATE_SLACK_DAYS = 1
RECURRING_WINDOW_DAYS = 3   # a single day and a window this wide or wider of fighting are two occurrences
SAME_PLACE_KM = 2.0
WIDE_WINDOW_DAYS = 7
NEAR_KM = 10.0
PROVINCE_PRECISION = 3
TERRITORY_CHANGES = ("government_regains_territory", "non_state_actor_overtakes_territory",
                     "non_violent_transfer_of_territory")


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def date_gap_days(a: Mapping[str, Any], b: Mapping[str, Any]) -> int | None:
    """Days between two date windows (0 when they overlap); None when either has no date."""
    a0, a1, b0, b1 = (_day(a.get("date_start")), _day(a.get("date_end") or a.get("date_start")),
                      _day(b.get("date_start")), _day(b.get("date_end") or b.get("date_start")))
    if not (a0 and a1 and b0 and b1):
        return None
    if a1 < b0:
        return (b0 - a1).days
    if b1 < a0:
        return (a0 - b1).days
    return 0


def place_distance_km(a: Mapping[str, Any], b: Mapping[str, Any]) -> float | None:
    """0 for the same named place; the distance for two precise places; None when not comparable."""
    pa, pb = a.get("geo_precision") or 3, b.get("geo_precision") or 3
    if (pa >= PROVINCE_PRECISION) != (pb >= PROVINCE_PRECISION):
        return None  # a province-wide report and a village report are not matched by place alone
    if pa >= PROVINCE_PRECISION:
        same = a.get("admin1") and a.get("admin1") == b.get("admin1") and a.get("country") == b.get("country")
        return 0.0 if same else None
    name_a, name_b = (a.get("location_name") or "").casefold(), (b.get("location_name") or "").casefold()
    if name_a and name_a == name_b and a.get("country") == b.get("country"):
        return 0.0
    if None in (a.get("latitude"), a.get("longitude"), b.get("latitude"), b.get("longitude")):
        return None
    km = haversine_km(a["latitude"], a["longitude"], b["latitude"], b["longitude"])
    if pa == 1 and pb == 1 and km > SAME_PLACE_KM:
        return None  # two differently named villages are two places, however close
    return km


def actors_compatible(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    sides_a = {x for x in (a.get("actor1"), a.get("actor2")) if x}
    sides_b = {x for x in (b.get("actor1"), b.get("actor2")) if x}
    if not sides_a or not sides_b:
        return True
    return bool(sides_a & sides_b)


def listed_together(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Two places of one list in one report: one sentence, the same type, dates and sides."""
    return (a.get("doc_id") == b.get("doc_id")
            and all(a.get(k) == b.get(k) for k in ("event_type", "sub_event_type", "date_start", "date_end",
                                                    "actor1", "actor2"))
            and _first_span(a) is not None and _first_span(a) == _first_span(b))


def _first_span(e: Mapping[str, Any]) -> Any:
    spans = e.get("evidence")
    return _first_span_of(spans) if isinstance(spans, str) else _span_key(spans)


@functools.lru_cache(maxsize=65536)
def _first_span_of(spans: str) -> Any:
    try:
        return _span_key(json.loads(spans))
    except ValueError:
        return None


def _span_key(spans: Any) -> Any:
    return (spans[0].get("start"), spans[0].get("end")) if spans and isinstance(spans[0], dict) else None


def pair_cost(event: Mapping[str, Any], m: Mapping[str, Any]) -> float | None:
    """How far two events of different reports are; None when they are not the same occurrence."""
    if m.get("event_type") != event.get("event_type"):
        return None
    if m.get("sub_event_type") != event.get("sub_event_type") and not _fight_for_capture(event, m):
        return None
    gap = date_gap_days(event, m)
    km = place_distance_km(event, m)
    slack = DATE_SLACK_DAYS if _window_days(event) == 0 and _window_days(m) == 0 else 0
    if gap is None or gap > slack or not _nested_if_wide(event, m) or _day_in_recurring_week(event, m) \
            or km is None or km > NEAR_KM or not actors_compatible(event, m):
        return None
    return km + gap * 2


def match_cost(event: Mapping[str, Any], members: Iterable[Mapping[str, Any]]) -> float | None:
    """How far `event` is from an incident's sources; None when it is not the same occurrence.

    The sources are taken report by report: `event` must match at least one source of every other
    report, and may share the incident with its own report's events only as a place of their list."""
    by_doc: dict[Any, list[Mapping[str, Any]]] = {}
    for m in members:
        by_doc.setdefault(m.get("doc_id"), []).append(m)
    if not by_doc:
        return None
    costs = []
    for doc, sources in by_doc.items():
        if doc == event.get("doc_id"):
            if not any(listed_together(event, m) for m in sources):
                return None
            continue
        best = min((c for c in (pair_cost(event, m) for m in sources) if c is not None), default=None)
        if best is None:
            return None
        costs.append(best)
    if not costs:
        return 0.0
    return sum(costs) / len(costs) + _window_days(event) * 0.01


def _fight_for_capture(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """A fight at a place and that place taken by the side that attacked: one report tells the fight,
    another its outcome ("IS attacked Sousa on Friday", "IS retook Sousa, Safafinah and Shajilah this week").
    The fight is one day and the capture's window at most a week: a month of fighting around a town holds
    more than the day it fell."""
    clash, change = sorted((a, b), key=lambda e: e.get("sub_event_type") in TERRITORY_CHANGES)
    if clash.get("sub_event_type") != "armed_clash" or change.get("sub_event_type") not in TERRITORY_CHANGES \
            or not clash.get("actor1") or clash.get("actor1") != change.get("actor1"):
        return False
    if _window_days(clash) != 0 or _window_days(change) > WIDE_WINDOW_DAYS:
        return False
    km = place_distance_km(clash, change)
    return km is not None and km <= SAME_PLACE_KM


def _day_in_recurring_week(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """True for a single day of fighting and a window of several days: two occurrences (see above)."""
    if a.get("sub_event_type") in TERRITORY_CHANGES or b.get("sub_event_type") in TERRITORY_CHANGES:
        return False
    short, long_ = sorted((_window_days(a), _window_days(b)))
    return short == 0 and RECURRING_WINDOW_DAYS <= long_ <= WIDE_WINDOW_DAYS


def _nested_if_wide(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """False when a wide window only partly overlaps another: "in November" and "30 Nov–7 Dec"."""
    if max(_window_days(a), _window_days(b)) <= WIDE_WINDOW_DAYS:
        return True
    a0, a1 = a.get("date_start") or "", a.get("date_end") or a.get("date_start") or ""
    b0, b1 = b.get("date_start") or "", b.get("date_end") or b.get("date_start") or ""
    return (a0 <= b0 and b1 <= a1) or (b0 <= a0 and a1 <= b1)


def _window_days(e: Mapping[str, Any]) -> int:
    start, end = _day(e.get("date_start")), _day(e.get("date_end"))
    return (end - start).days if start and end else 365


def candidate_box(event: Mapping[str, Any]) -> tuple[str, str]:
    """The date range in which an incident can hold `event` (its window widened by the slack)."""
    start = _day(event.get("date_start")) or date.min
    end = _day(event.get("date_end")) or start
    slack = timedelta(days=DATE_SLACK_DAYS)
    return (str(start - slack) if start > date.min + slack else str(start)), str(end + slack)


def incident_summary(members: list[Mapping[str, Any]]) -> dict[str, Any]:
    """An incident's own fields from its sources.

    Place and date window come from the most precise source (smallest geo_precision, then the
    narrowest window, then the first stored). Fatalities follow ACLED: the lowest figure a
    report gives, with the range from the lowest low to the highest high; the places of one
    report's list add up to that report's figure.
    """
    best = min(members, key=lambda m: (m.get("geo_precision") or 3, _window_days(m), m.get("id") or 0))
    by_doc: dict[Any, list[Mapping[str, Any]]] = {}
    for m in members:
        by_doc.setdefault(m.get("doc_id"), []).append(m)
    figures = [f for f in (_report_total(ms, "fatalities") for ms in by_doc.values()) if f is not None]
    lows = [f for f in (_report_total(ms, "fatalities_low") for ms in by_doc.values()) if f is not None]
    highs = [f for f in (_report_total(ms, "fatalities_high") for ms in by_doc.values()) if f is not None]
    return {
        "event_type": best["event_type"],
        "sub_event_type": best.get("sub_event_type"),
        "date_start": best.get("date_start"),
        "date_end": best.get("date_end"),
        "location_name": best.get("location_name"),
        "latitude": best.get("latitude"),
        "longitude": best.get("longitude"),
        "country": best.get("country"),
        "admin1": best.get("admin1"),
        "fatalities": min(figures) if figures else None,
        "fatalities_low": min(lows) if lows else None,
        "fatalities_high": max(highs) if highs else None,
        "sources": len(members),
    }


def _report_total(sources: list[Mapping[str, Any]], field: str) -> int | None:
    """One report's figure: the sum over its sources (a low or high falls back to the figure)."""
    values = [m.get(field) if m.get(field) is not None else m.get("fatalities") for m in sources]
    values = [v for v in values if v is not None]
    return sum(values) if values else None


def control_periods(changes: list[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Who held a place from when to when, from its territory-change events (oldest first).

    Each change starts a period held by its actor1 until the next change by another holder;
    changes by the same holder in a row (several outlets, a retaking reported twice) merge.
    """
    ordered = sorted((c for c in changes if c.get("actor1") and c.get("date_start")),
                     key=lambda c: (c["date_start"], c.get("date_end") or "", c.get("id") or 0))
    periods: list[dict[str, Any]] = []
    for c in ordered:
        if periods and periods[-1]["holder"] == c["actor1"]:
            periods[-1]["sources"].append({"event_id": c.get("id"), "doc_id": c.get("doc_id")})
            continue
        if periods:
            periods[-1]["to"] = c["date_start"]
        periods.append({"place": c.get("location_name"), "holder": c["actor1"], "from": c["date_start"],
                        "to": None, "previous_holder": c.get("actor2"), "event_id": c.get("id"),
                        "doc_id": c.get("doc_id"), "sources": [{"event_id": c.get("id"), "doc_id": c.get("doc_id")}]})
    return periods
