from dataclasses import dataclass

from sitrep.stages.dates import find_dates, parse_published
from sitrep.stages.numbers import find_numbers
from sitrep.stages.tallies import find_tallies, is_tally_sentence
from sitrep.stages.text import split_sentences


@dataclass
class Actor:
    start: int
    end: int
    canonical: str
    kind: str = "armed"


def tallies(text, actors=(), published="2020-05-20"):
    anchor, _ = parse_published(published)
    sentence = split_sentences(text)[0]
    found = find_tallies(sentence, find_numbers(text), find_dates(text, anchor), list(actors), None)
    return [(t.quantity, t.subject, t.number.value, t.number.qualifier,
             t.since.first.isoformat() if t.since else None) for t in found]


def test_running_total_with_since_date():
    text = "The number of rebels killed since 2 March 2020 has risen to 740."
    assert tallies(text, [Actor(14, 20, "Rebels")]) == [("killed", "Rebels", 740, "exact", "2020-03-02")]


def test_displaced_total_defaults_to_civilians():
    text = "More than 21,000 people have fled the district so far."
    assert tallies(text) == [("displaced", "Civilians", 21000, "at_least", None)]


def test_one_event_is_not_a_tally():
    text = "Two soldiers were killed on Monday near the bridge."
    assert not is_tally_sentence(split_sentences(text)[0]) or tallies(text) == []


def test_small_present_perfect_count_is_an_event():
    assert tallies("Four people have been killed in the blast.") == []


def test_large_flow_without_cue_is_a_tally():
    assert tallies("The clashes saw over 60,000 residents flee the town.")[0][:3] == ("displaced", "Civilians", 60000)


def test_the_rising_toll_of_one_strike_is_that_strike_not_a_tally():
    from sitrep.models import Report
    from sitrep.pipeline import extract

    text = "The death toll from Tuesday's car bombing in Mogadishu has risen to 19, police said."
    result = extract(Report(id="x", text=text, published="2020-07-16"))
    assert result["tallies"] == []
    assert [e["fatalities"] for e in result["events"]] == [19]
    running = "The number of civilians killed in Idlib since 1 January has risen to 1,250, a monitor said."
    assert [t["value"] for t in extract(Report(id="y", text=running, published="2020-07-16"))["tallies"]] == [1250]


def test_the_cause_named_inside_a_running_total_is_no_event():
    from sitrep.models import Report
    from sitrep.pipeline import extract
    out = extract(Report(id="t", published="2018-10-14", text=(
        "Since Monday, 40 militants have been killed near Hajin, most of them in coalition air strikes, the monitor said.")))
    assert [t["value"] for t in out["tallies"]] == [40]
    assert [e for e in out["events"] if e["modality"] == "occurred"] == []


def test_strikes_made_difficult_did_not_happen():
    from sitrep.models import Report
    from sitrep.pipeline import extract
    out = extract(Report(id="t", published="2018-10-14", text=(
        "Dust storms near Hajin have made it hard for the coalition to carry out air strikes this week.")))
    assert [e for e in out["events"] if e["modality"] == "occurred"] == []


def test_a_day_of_a_since_date_is_not_mistaken_for_the_count_after_it():
    from sitrep.evaluate import run_in_process
    preds, _ = run_in_process([{"id": "t", "published": "2023-10-20",
                                "text": "Since Oct. 2, at least 25 people have been killed in the province."}])
    assert [(t["value"], t["since"]) for t in preds[0]["tallies"]] == [(25, "2023-10-02")]


def test_a_state_office_giving_a_total_is_its_government():
    from sitrep.models import Report
    from sitrep.pipeline import extract
    r = extract(Report(id="t", text="Since January, at least 140 people have been killed in the province, "
                       "according to the Nigerien interior ministry.", published="2024-05-01"))
    assert r["tallies"] and r["tallies"][0]["claimant"] == "Government of Niger"


def _since(text, published="2020-05-20"):
    return [t[4] for t in tallies(text, published=published)]


def test_since_an_occurrence_told_with_its_date():
    text = "Some 950 people have been killed in Marib since the militia stormed the outskirts on March 3, officials say."
    assert _since(text) == ["2020-03-03"]


def test_since_month_and_day_takes_the_last_such_date_before_publication():
    assert _since("More than 2,400 villagers have fled since November 14.", "2020-05-20") == ["2019-11-14"]
    assert _since("More than 2,400 villagers have fled since May 2.", "2020-05-20") == ["2020-05-02"]


def test_since_the_start_of_the_year():
    assert _since("Since the beginning of the year at least 310 civilians have been killed, the agency said.") == ["2020-01-01"]


def test_since_a_month_and_year_is_its_first_day():
    assert _since("Over 60,000 people have been displaced since the rebellion erupted in August 2018.") == ["2018-08-01"]


def test_since_a_year_named_occurrence_is_the_first_of_january():
    assert _since("About 7,000 civilians have been killed since the 2017 uprising, monitors say.") == ["2017-01-01"]


def test_since_so_far_this_year_and_the_past_week():
    assert _since("So far this year 212 fighters have been killed in the province.") == ["2020-01-01"]
    assert _since("At least 140 soldiers have been killed over the past week, officers said.") == ["2020-05-13"]


def test_an_elliptical_clause_shares_the_since_date():
    text = "The ministry said 412 people had been killed since Sunday, and more than 900 wounded."
    assert _since(text) == ["2020-05-17", "2020-05-17"]


def test_since_without_any_date_stays_null():
    assert _since("More than 3,000 people have been killed since the unrest began, the UN said.") == [None]


def test_since_the_offensive_began_takes_the_offensive_date_told_elsewhere():
    from sitrep.evaluate import run_in_process
    text = ("Rebels launched an offensive on the town of Kafr Nabl on Friday, residents said.\n\n"
            "A monitoring group said 86 people had been killed since the offensive began.")
    preds, _ = run_in_process([{"id": "t-offensive", "text": text, "published": "2020-05-20"}])
    assert [t["since"] for t in preds[0]["tallies"]] == ["2020-05-15"]
    undated = text.replace(" on Friday", "")
    preds, _ = run_in_process([{"id": "t-offensive2", "text": undated, "published": "2020-05-20"}])
    assert [t["since"] for t in preds[0]["tallies"]] == [None]
