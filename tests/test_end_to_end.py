"""End to end on the bundled example reports (our own writing) against our own gold."""
from __future__ import annotations

from sitrep.evaluate import read_jsonl, run_in_process, score
from tests.conftest import EXAMPLES_GOLD


def test_examples_score_above_their_floor():
    golds = read_jsonl(EXAMPLES_GOLD)
    preds, _ = run_in_process(golds)
    s = score(golds, preds)
    assert s["events"]["f1"] >= 0.85, s["events"]
    assert s["tallies"]["f1"] >= 0.95, s["tallies"]
    assert s["evidence_valid"] == 1.0


def test_one_line_coder_note_gives_one_shelling_event():
    golds = [g for g in read_jsonl(EXAMPLES_GOLD) if g["id"] == "ex-idlib-note"]
    preds, _ = run_in_process(golds)
    events = [e for e in preds[0]["events"] if e["modality"] == "occurred"]
    assert len(events) == 1
    e = events[0]
    assert e["sub_event_type"] == "shelling_artillery_missile_attack"
    assert e["location"]["geo_precision"] == 2 and e["location"]["country"] == "SY"
    assert not e["fatalities"]


def test_statement_report_yields_no_occurred_event():
    golds = [g for g in read_jsonl(EXAMPLES_GOLD) if not g["events"] and not g["tallies"]]
    assert golds, "the examples include a statements-only report"
    preds, _ = run_in_process(golds)
    for p in preds:
        assert [e for e in p["events"] if e["modality"] == "occurred"] == []


def _occurred(text: str, published: str) -> list[dict]:
    preds, _ = run_in_process([{"id": "t", "text": text, "published": published}])
    return [e for e in preds[0]["events"] if e["modality"] == "occurred"]


def test_the_datelines_date_does_not_override_the_weekday_the_report_gives():
    events = _occurred("Market blast kills nine\n\nQUETTA, Pakistan, March 11 (Wire) - A bomb hidden in a cart "
                       "exploded in a market in Quetta on Thursday, killing nine people.", "2023-03-11")
    assert events and {e["date_start"] for e in events} == {"2023-03-09"}


def test_a_force_firing_on_a_crowd_acts_and_a_crowd_that_burns_riots():
    fired = _occurred("On 3 May 2023, police opened fire on protesters in Mombasa, killing two people.", "2023-05-04")
    assert [(e["actor1"], e["actor2"]) for e in fired] == [("Police Forces of Kenya", "Protesters (Kenya)")]
    burned = _occurred("On 3 May 2023, demonstrators torched a police post in Kisumu.", "2023-05-04")
    assert [(e["event_type"], e["actor1"]) for e in burned] == [("riots", "Rioters (Kenya)")]


def test_a_group_claiming_responsibility_is_the_attacks_actor1():
    events = _occurred("A bomb exploded at a bus stop in Quetta on 2 March 2023, killing five people. "
                       "The BLA claimed responsibility for the attack.", "2023-03-03")
    assert [e["actor1"] for e in events] == ["BLA: Balochistan Liberation Army"]


def test_passengers_shot_dead_are_the_attacks_dead():
    events = _occurred("On 4 April 2023, gunmen stopped a bus near Quetta and shot dead 11 passengers.", "2023-04-05")
    assert [(e["event_type"], e["actor2"], e["fatalities"]) for e in events] == [("violence_against_civilians", "Civilians", 11)]


def test_the_occurrence_that_opens_a_counted_period_is_not_reported_again():
    events = _occurred("Since the militia began its offensive on the town on 2 May, at least 140 people have been "
                       "killed in Kadugli, officials said.", "2023-06-20")
    assert events == []


def test_a_capital_speaking_for_its_government_is_not_the_events_place():
    events = _occurred("Troops shelled Kherson on 3 May 2023, killing two people.\n\nKyiv said on Thursday that the "
                       "shelling of Kherson had been repelled.", "2023-05-05")
    assert all(e["location"]["name"] != "Kyiv" for e in events)


def test_a_government_signs_an_agreement_and_its_shelling_is_its_forces():
    signed = _occurred("On 2 June 2023, the Colombian government and the ELN signed a ceasefire agreement in Bogota.",
                       "2023-06-03")
    assert [(e["actor1"], e["actor2"]) for e in signed] == [("Government of Colombia", "ELN: National Liberation Army")]
    shelled = _occurred("On 2 June 2023, two civilians were killed by Syrian government shelling on Sarmin (Idlib).",
                        "2023-06-03")
    assert [e["actor1"] for e in shelled] == ["Military Forces of Syria"]


def test_a_country_named_as_the_side_that_strikes_is_its_armed_forces():
    text = ("KHARKIV, March 3 - Russia launched one of its heaviest drone attacks of the month on Sunday. "
            "A drone hit a dormitory in Kharkiv on Sunday, killing four people, the mayor said.")
    evs = _occurred(text, "2024-03-04")
    assert evs and all(e["actor1"] == "Military Forces of Russia" for e in evs)


def test_a_clash_told_before_the_town_is_regained_is_its_own_event():
    text = ("On Saturday, Congolese soldiers clashed with M23 rebels in Sake, and the army said it had regained "
            "control of the town by nightfall.")
    subs = sorted(e["sub_event_type"] for e in _occurred(text, "2025-01-27"))
    assert subs == ["armed_clash", "government_regains_territory"]


def test_a_toll_over_the_past_week_and_its_breakdown_are_one_tally():
    from sitrep.pipeline import extract
    from sitrep.models import Report
    text = ("GOMA, Jan 27 - Rebels shelled Goma on Sunday, killing three people. Nine peacekeepers have been killed "
            "in fighting over the past week. A monitor said 140 people have been killed since January 20, including "
            "80 rebels and 45 soldiers, while 300,000 are sheltering in camps.")
    out = extract(Report(id="t", text=text, published="2025-01-27"))
    values = sorted(t["value"] for t in out["tallies"])
    assert values == [9, 140]
    assert [e["fatalities"] for e in out["events"] if e["modality"] == "occurred"] == [3]


def test_unnamed_soldiers_are_the_forces_of_the_events_country_and_suspected_separatists_the_named_movement():
    text = ("OUAGADOUGOU, May 6 - JNIM fighters ambushed Burkinabe troops near Djibo on Saturday, killing 12. "
            "JNIM said it seized weapons. In Mali, where Tuareg separatists of the CSP have fought the army, "
            "soldiers arrested nine suspected separatists in Kidal on Sunday.")
    arrests = [e for e in _occurred(text, "2024-05-06") if e["sub_event_type"] == "arrests"]
    assert arrests and arrests[0]["actor1"] == "Military Forces of Mali"
    assert arrests[0]["actor2"] == "CSP: Permanent Strategic Framework"


def test_the_day_a_group_says_it_had_taken_a_town_is_not_the_days_of_the_capture():
    text = ("YANGON, Dec 12 (Reuters) - The rebels said on Thursday they had seized Maungdaw.\n\n"
            "Rebel fighters overran the last army base in Maungdaw on Sunday, residents said.\n\n"
            "The rebels now hold most of the state's townships, and analysts expect them to move on the state "
            "capital next. The army did not respond to requests for comment on the fighting, which has displaced "
            "thousands of people along the border over the past months, aid workers said.")
    evs = [e for e in _occurred(text, "2024-12-12") if e["event_type"] == "battles"]
    assert [e["date_start"] for e in evs] == ["2024-12-08"]


def test_many_attacks_counted_over_a_period_and_a_ceasefire_fought_despite_are_no_events():
    text = ("SANAA, May 16 - Since November, the group has launched more than 50 attacks on ships in the Red Sea. "
            "Fighting broke out near Hsipaw on Tuesday despite a China-brokered ceasefire.")
    subs = [e["sub_event_type"] for e in _occurred(text, "2024-05-16")]
    assert "agreement" not in subs and subs.count("armed_clash") <= 1


def test_a_town_retaken_after_a_told_fight_shares_its_sides_and_town_but_not_its_dead():
    text = ("On Sunday, Somali troops fought al-Shabaab fighters in Balcad, 30 km north of Mogadishu, and "
            "retook the town after two hours, killing 15 militants.")
    evs = {e["sub_event_type"]: e for e in _occurred(text, "2024-12-02")}
    regained = evs["government_regains_territory"]
    assert regained["actor1"] == "Military Forces of Somalia" and regained["actor2"] == "Al Shabaab"
    assert regained["location"]["name"] == evs["armed_clash"]["location"]["name"]
