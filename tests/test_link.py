"""The linking rules of sitrep.link on hand-built events."""
from __future__ import annotations

from sitrep import link


def ev(doc="a", **kw):
    base = {"doc_id": doc, "event_type": "battles", "sub_event_type": "armed_clash", "date_start": "2023-03-13",
            "date_end": "2023-03-13", "location_name": "Nawa", "latitude": 32.89, "longitude": 36.04,
            "country": "SY", "admin1": "Daraa", "geo_precision": 1, "actor1": "Military Forces of Syria",
            "actor2": "HTS: Hayat Tahrir al-Sham", "fatalities": None, "fatalities_low": None, "fatalities_high": None}
    return {**base, **kw}


def test_the_same_clash_from_two_reports_matches():
    assert link.match_cost(ev("b"), [ev("a")]) is not None


def test_events_of_one_report_never_match():
    assert link.match_cost(ev("a"), [ev("a")]) is None


def test_a_different_sub_event_type_is_another_occurrence():
    assert link.match_cost(ev("b", event_type="explosions_remote_violence",
                              sub_event_type="shelling_artillery_missile_attack"), [ev("a")]) is None


def test_a_fight_at_a_place_and_its_capture_by_the_attacker_are_one_occurrence():
    week = {"date_start": "2023-03-09", "date_end": "2023-03-15"}
    retaken = ev("b", sub_event_type="government_regains_territory", **week)
    assert link.match_cost(ev("a"), [retaken]) is not None  # the army's fight on the 13th, the town retaken that week
    assert link.match_cost(retaken, [ev("a")]) is not None
    # the other side's attack is not the army's capture; nor is a week of fighting one day's capture
    rebels_attack = ev("a", actor1="HTS: Hayat Tahrir al-Sham", actor2="Military Forces of Syria")
    assert link.match_cost(rebels_attack, [retaken]) is None
    assert link.match_cost(ev("a", **week), [ev("b", sub_event_type="government_regains_territory")]) is None
    # nor a fight at a neighbouring village
    assert link.match_cost(ev("a", location_name="Tasil", latitude=32.83, longitude=35.97), [retaken]) is None
    # a month of fighting around a town holds more than the day it fell
    month = ev("b", sub_event_type="government_regains_territory", date_start="2023-03-01", date_end="2023-03-31")
    assert link.match_cost(ev("a"), [month]) is None


def test_single_days_may_be_one_day_apart_but_not_two():
    assert link.match_cost(ev("b", date_start="2023-03-14", date_end="2023-03-14"), [ev("a")]) is not None
    assert link.match_cost(ev("b", date_start="2023-03-15", date_end="2023-03-15"), [ev("a")]) is None


def test_a_month_window_must_hold_the_precise_one():
    november = ev("b", date_start="2023-11-01", date_end="2023-11-30", geo_precision=1)
    inside = ev("a", date_start="2023-11-14", date_end="2023-11-14")
    straddling = ev("a", date_start="2023-11-28", date_end="2023-12-05")
    assert link.match_cost(november, [inside]) is not None
    assert link.match_cost(november, [straddling]) is None


def test_two_named_villages_a_few_km_apart_are_two_places():
    nearby = ev("b", location_name="Tasil", latitude=32.83, longitude=35.97)
    assert link.match_cost(nearby, [ev("a")]) is None
    spelled_apart = ev("b", location_name="Nawá", latitude=32.891, longitude=36.045)
    assert link.match_cost(spelled_apart, [ev("a")]) is not None


def test_actors_must_share_a_side():
    disjoint = ev("b", actor1="Islamic State", actor2="Civilians")
    assert link.match_cost(disjoint, [ev("a")]) is None
    roles_swapped = ev("b", actor1="HTS: Hayat Tahrir al-Sham", actor2="Civilians")
    assert link.match_cost(roles_swapped, [ev("a")]) is not None
    one_side = ev("b", actor1="Military Forces of Syria", actor2=None)
    assert link.match_cost(one_side, [ev("a")]) is not None


def test_an_event_must_fit_every_source_of_the_incident():
    first, second = ev("a", date_start="2023-03-13", date_end="2023-03-13"), ev("b", date_start="2023-03-14", date_end="2023-03-14")
    third = ev("c", date_start="2023-03-15", date_end="2023-03-15")  # fits b, two days from a
    assert link.match_cost(third, [second]) is not None
    assert link.match_cost(third, [first, second]) is None


def test_a_single_day_of_fighting_is_not_the_week_of_fighting_around_it():
    week = ev("b", date_start="2023-03-09", date_end="2023-03-15")
    assert link.match_cost(ev("a"), [week]) is None
    # a town is taken once: the day it fell may sit inside another report's week
    taken = {"sub_event_type": "non_state_actor_overtakes_territory"}
    assert link.match_cost(ev("a", **taken), [ev("b", date_start="2023-03-09", date_end="2023-03-15", **taken)]) is not None


def _listed(name, lat, lon, **kw):
    return ev("a", sub_event_type="non_state_actor_overtakes_territory", location_name=name, latitude=lat,
              longitude=lon, evidence='[{"start": 10, "end": 90}]', **kw)


def test_the_towns_of_one_list_share_an_incident_that_another_report_joins_by_any_of_them():
    first, second = _listed("Nawa", 32.89, 36.04), _listed("Jasim", 32.99, 36.06)
    assert link.listed_together(first, second)
    assert link.match_cost(second, [first]) == 0.0
    other_sentence = {**second, "evidence": '[{"start": 95, "end": 140}]'}
    assert link.match_cost(other_sentence, [first]) is None
    other_report = ev("b", sub_event_type="non_state_actor_overtakes_territory", location_name="Jasim",
                      latitude=32.99, longitude=36.06)
    assert link.match_cost(other_report, [first, second]) is not None
    elsewhere = {**other_report, "location_name": "Inkhil", "latitude": 33.02, "longitude": 36.13}
    assert link.match_cost(elsewhere, [first, second]) is None


def test_the_places_of_one_list_add_up_to_their_report_s_toll():
    summary = link.incident_summary([_listed("Nawa", 32.89, 36.04, id=1, fatalities=4),
                                     _listed("Jasim", 32.99, 36.06, id=2, fatalities=4),
                                     ev("b", id=3, fatalities=10)])
    assert (summary["fatalities"], summary["fatalities_low"], summary["fatalities_high"]) == (8, 8, 10)


def test_incident_fatalities_follow_acled():
    summary = link.incident_summary([ev("a", id=1, fatalities=7), ev("b", id=2, fatalities=9),
                                     ev("c", id=3, fatalities=None, fatalities_low=5, fatalities_high=12)])
    assert (summary["fatalities"], summary["fatalities_low"], summary["fatalities_high"]) == (7, 5, 12)
    assert summary["sources"] == 3


def test_control_periods_merge_repeated_reports_of_one_holder():
    changes = [ev("a", id=1, date_start="2023-01-05", actor1="X", actor2="Y"),
               ev("b", id=2, date_start="2023-01-06", actor1="X", actor2="Y"),
               ev("c", id=3, date_start="2023-02-01", actor1="Y", actor2="X")]
    periods = link.control_periods(changes)
    assert [(p["holder"], p["from"], p["to"], len(p["sources"])) for p in periods] == [
        ("X", "2023-01-05", "2023-02-01", 2), ("Y", "2023-02-01", None, 1)]
