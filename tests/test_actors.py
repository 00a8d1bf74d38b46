"""Actors stage: dictionary matches, case rules, longest match, generic mentions resolved by context.

Every sentence here is written for these tests.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.stages.actors import (
    actor_country,
    actor_inter,
    canonical_actor,
    find_actors,
    is_state_force,
    state_forces_of,
    validate_actor_table,
)

SPEC_ALIASES = Path(__file__).resolve().parents[1].parent / "shared" / "spec" / "actor_aliases.json"

SDF = "QSD: Syrian Democratic Forces"
IS = "Islamic State"
SYRIA_ARMY = "Military Forces of Syria"


def names(text: str, **kw) -> list[str]:
    return [m.canonical for m in find_actors(text, **kw)]


def surfaces(text: str, **kw) -> list[str]:
    return [m.surface for m in find_actors(text, **kw)]


# -- the dictionary --------------------------------------------------------------------------------------
def test_actor_table_validates_clean():
    assert validate_actor_table() == []


@pytest.mark.skipif(not SPEC_ALIASES.exists(), reason="shared/spec/actor_aliases.json not present")
def test_every_scorer_alias_maps_to_its_group():
    groups = json.loads(SPEC_ALIASES.read_text(encoding="utf-8"))
    wrong = {}
    for canonical, aliases in groups.items():
        for name in [canonical, *aliases]:
            got = canonical_actor(name)
            if got != canonical:
                wrong[name] = (got, canonical)
    assert wrong == {}


@pytest.mark.skipif(not SPEC_ALIASES.exists(), reason="shared/spec/actor_aliases.json not present")
def test_every_scorer_alias_is_found_in_running_text():
    groups = json.loads(SPEC_ALIASES.read_text(encoding="utf-8"))
    missing = []
    for canonical, aliases in groups.items():
        for alias in aliases:
            found = find_actors(f"Reports said that {alias} were seen near the town.", country_hint="SY")
            if not any(m.surface.startswith(alias) or alias.startswith(m.surface) for m in found):
                missing.append(alias)
    assert missing == []


def test_canonical_actor_lookups():
    assert canonical_actor("ISIS") == IS
    assert canonical_actor("Daesh") == IS
    assert canonical_actor("Syrian Democratic Forces") == SDF
    assert canonical_actor("is") is None
    assert canonical_actor("Unidentified Armed Group (Mali)") == "Unidentified Armed Group"
    assert canonical_actor("Military Forces of Syria (2000-)") == SYRIA_ARMY
    assert canonical_actor("no such group") is None


def test_actor_facts():
    assert actor_country(SDF) == "SY"
    assert actor_inter(SDF) == 2
    assert actor_inter("Civilians") == 7
    assert actor_inter("Protesters (Syria)") == 6
    assert is_state_force(SYRIA_ARMY)
    assert is_state_force("Police Forces of Mexico")
    assert not is_state_force(SDF)
    assert not is_state_force("Government of Iraq")
    assert state_forces_of("CD") == "Military Forces of the Democratic Republic of Congo"
    assert state_forces_of("YE") == "Military Forces of Yemen"


# -- case and word boundaries ------------------------------------------------------------------------------
def test_acronyms_match_only_in_capitals_and_as_whole_words():
    assert names("What is left of the village is rubble.") == []
    assert names("IS fighters entered the village.") == [IS]
    assert names("The attack this week was claimed by nobody.") == []
    assert names("Fighters of the sdf moved in.", country_hint="SY") == []   # lowercase "sdf" is not the SDF
    assert "QSD: Syrian Democratic Forces" not in names("The ISDF training plan was shelved.")


def test_long_names_match_in_any_case():
    assert names("the syrian democratic forces advanced") == [SDF]
    assert names("THE SYRIAN DEMOCRATIC FORCES ADVANCED") == [SDF]


def test_islamic_state_needs_its_capitals():
    assert names("The rebels wanted an Islamic state in the north.") == []
    assert names("The Islamic State claimed the bombing.") == [IS]


# -- longest match -------------------------------------------------------------------------------------------
def test_longest_match_wins():
    assert names("The Syrian Democratic Forces took the hill.") == [SDF]
    assert names("Islamic State West Africa Province fighters raided a base in Borno.") == [
        "Islamic State West Africa Province"]
    assert names("Al-Qaeda in the Arabian Peninsula attacked a checkpoint.") == [
        "AQAP: Al Qaeda in the Arabian Peninsula"]
    found = find_actors("ISIS militants shelled the camp.")
    assert [(m.surface, m.canonical) for m in found] == [("ISIS militants", IS)]


def test_group_name_absorbs_its_head_noun_and_spokespeople_speak_for_it():
    found = find_actors("An SDF official said Daesh gunmen had fled, SDF spokesman Mustafa Bali added.")
    assert [(m.surface, m.canonical, m.role_hint) for m in found] == [
        ("SDF official", SDF, "spokesperson"),
        ("Daesh gunmen", IS, None),
        ("SDF spokesman", SDF, "spokesperson"),
        ("Mustafa Bali", SDF, "spokesperson"),
    ]


# -- adjective forms -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, surface, canonical", [
    ("Shells fell on IS-held farms.", "IS", IS),
    ("They left the ISIS-held pocket.", "ISIS", IS),
    ("They left Daesh-held hamlets.", "Daesh", IS),
    ("An SDF-led push began at dawn.", "SDF", SDF),
    ("The Kurdish-led SDF entered the market.", "SDF", SDF),
    ("A Houthi attack hit the port.", "Houthi", "Military Forces of Yemen Supreme Political Council"),
])
def test_adjective_forms_are_found_with_the_name_span(text, surface, canonical):
    found = find_actors(text)
    assert (found[0].surface, found[0].canonical) == (surface, canonical)
    assert text[found[0].start:found[0].end] == surface


def test_held_gives_a_territory_hint():
    assert find_actors("They fled the IS-held pocket.")[0].role_hint == "territory"


# -- generic mentions ------------------------------------------------------------------------------------------
def test_army_and_troops_are_the_state_forces_of_the_report_country():
    text = "Soldiers repelled the attack and the army shelled the hills."
    assert names(text, country_hint="ML") == ["Military Forces of Mali"] * 2
    assert names(text, country_hint="NG") == ["Military Forces of Nigeria"] * 2
    assert names(text) == []   # no country known: nothing to resolve


def test_country_is_inferred_from_named_actors():
    text = "Boko Haram raided the market at night; troops later retook it."
    assert names(text) == ["Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad", "Military Forces of Nigeria"]
    assert names("Al-Shabaab struck a checkpoint and government forces responded.")[-1] == "Military Forces of Somalia"


def test_context_set_supplies_countries_and_actors():
    assert names("Police dispersed the crowd.", context={"KE"}) == ["Police Forces of Kenya"]
    assert names("The group denied it.", context={"M23: March 23 Movement"}) == ["M23: March 23 Movement"]


def test_regime_forces_and_police_and_protesters_follow_the_country():
    assert names("Regime forces shelled the town.", country_hint="SY") == [SYRIA_ARMY]
    assert names("Police fired on protesters.", country_hint="MX") == ["Police Forces of Mexico", "Protesters (Mexico)"]
    assert names("Demonstrators gathered in the square.", country_hint="SD") == ["Protesters (Sudan)"]


def test_the_group_is_the_dominant_armed_group_only_when_one_is_named():
    text = "ISIS fighters attacked the SDF at dawn. The group later withdrew, the jihadists said."
    found = find_actors(text)
    assert [m.canonical for m in found] == [IS, SDF, IS, IS]
    assert found[2].generic and found[2].surface == "The group"
    assert names("The group later withdrew.") == []


def test_jihadist_words_prefer_a_jihadist_group():
    text = "The SDF, the SDF and the SDF pressed on while ISIS held out; militants fired mortars."
    assert names(text)[-1] == IS


def test_unidentified_attackers():
    found = find_actors("Unknown gunmen killed a trader near the market.", country_hint="ML")
    assert [(m.canonical, m.country) for m in found] == [("Unidentified Armed Group", "ML"), ("Civilians", "ML")]
    assert names("Armed men and bandits stormed the village.", country_hint="NG")[:2] == ["Unidentified Armed Group"] * 2


def test_civilians_are_victims():
    found = find_actors("Residents said women and children were among the displaced people.")
    assert [(m.canonical, m.role_hint, m.generic) for m in found] == [("Civilians", "victims", True)] * 3


@pytest.mark.parametrize("text, country, canonical", [
    ("Coalition warplanes struck a bridge.", "SY", "Global Coalition Against Daesh"),
    ("Coalition warplanes struck a bridge.", "IQ", "Global Coalition Against Daesh"),
    ("Coalition warplanes struck a bridge.", "YE", "Operation Restoring Hope"),
    ("Saudi-led coalition warplanes struck a bridge.", None, "Operation Restoring Hope"),
    ("The Arab coalition struck a bridge.", None, "Operation Restoring Hope"),
    ("The US-led coalition struck a bridge.", None, "Global Coalition Against Daesh"),
])
def test_coalitions_follow_the_war(text, country, canonical):
    assert names(text, country_hint=country) == [canonical]


@pytest.mark.parametrize("text, canonical", [
    ("Russian warplanes bombed the road.", "Military Forces of Russia"),
    ("A Russian missile strike hit the depot.", "Military Forces of Russia"),
    ("An Israeli strike hit a car.", "Military Forces of Israel"),
    ("A Turkish drone hit a car.", "Military Forces of Turkey"),
    ("Ethiopian federal troops took the town.", "Military Forces of Ethiopia"),
    ("Kenyan police arrested two men.", "Police Forces of Kenya"),
])
def test_demonym_and_weapon_name_the_state(text, canonical):
    assert names(text)[0] == canonical


def test_context_dependent_acronyms():
    assert names("The SNA retook the village.", country_hint="SO") == ["Military Forces of Somalia"]
    assert names("The SNA retook the village.", country_hint="SY") == ["SNA: Syrian National Army"]
    assert names("The AA seized a base.", country_hint="MM") == ["Arakan Army"]
    assert names("The AA seized a base.", country_hint="SY") == []


def test_kurdish_forces_depend_on_the_country():
    assert names("Kurdish forces held the bridge.", country_hint="SY") == [SDF]
    assert names("Kurdish forces held the bridge.", country_hint="IQ") == ["Peshmerga"]


def test_monitor_words_point_to_the_named_monitor():
    text = "The Syrian Observatory for Human Rights counted 12 dead; the monitor said more were missing."
    assert names(text) == ["SOHR", "SOHR"]


# -- several wars, spans and speed ---------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("RSF fighters shelled a market and SAF jets struck back.", ["Rapid Support Forces", "Military Forces of Sudan"]),
    ("M23 rebels clashed with FARDC troops near a camp run by MONUSCO.",
     ["M23: March 23 Movement", "Military Forces of the Democratic Republic of Congo",
      "MONUSCO: United Nations Organization Stabilization Mission in the DR Congo"]),
    ("JNIM claimed the ambush on FAMa soldiers; Wagner fighters were also hit.",
     ["JNIM: Group for Support of Islam and Muslims", "Military Forces of Mali", "Wagner Group"]),
    ("The TDF said ENDF units and Eritrean troops advanced.",
     ["TPLF: Tigray People's Liberation Front", "Military Forces of Ethiopia", "Military Forces of Eritrea"]),
    ("The CJNG ambushed Michoacan police.", ["CJNG: Jalisco New Generation Cartel", "Police Forces of Mexico"]),
    ("The Tatmadaw bombed a village held by the Arakan Army.", ["Military Forces of Myanmar", "Arakan Army"]),
    ("Hashd al-Shaabi and Peshmerga units met CTS officers.",
     ["Popular Mobilization Forces", "Peshmerga", "Military Forces of Iraq"]),
    ("OCHA and UNHCR said the ICRC and MSF were helping.", ["UN", "UN", "ICRC", "MSF"]),
])
def test_actors_of_several_wars(text, expected):
    assert names(text) == expected


def test_spans_are_offsets_into_the_text():
    text = "Yesterday the Syrian Democratic Forces (SDF) and Hay’at Tahrir al-Sham both said so."
    for m in find_actors(text):
        assert text[m.start:m.end] == m.surface
    assert names(text) == [SDF, "HTS: Hayat Tahrir al-Sham"]


def test_hyphens_are_optional_inside_names():
    assert names("al Shabaab and al-Shabaab and Al Shabaab") == ["Al Shabaab"] * 3


def test_a_long_report_is_handled():
    text = ("The SDF said ISIS fighters shelled Hajin while coalition jets struck IS-held farms and "
            "hundreds of civilians fled towards the river. ") * 60
    found = find_actors(text)
    assert len(found) == 5 * 60


def test_validator_reports_duplicate_aliases_and_bad_codes(monkeypatch):
    import sitrep.stages.actors as stage

    rows = {
        stage.ACTORS_FILE: (
            {"canonical": "Group A", "aliases": "Alpha Front|AF", "country": "SY", "inter": "2", "kind": "armed"},
            {"canonical": "Group B", "aliases": "alpha front", "country": "Syria", "inter": "9", "kind": "army"},
        ),
        stage.GENERIC_FILE: (
            {"pattern": "the front", "rule": "fixed", "target": "Group C"},
            {"pattern": "somebody", "rule": "guess", "target": ""},
        ),
    }
    monkeypatch.setattr(stage, "load_tsv", lambda name: rows[name])
    problems = "\n".join(stage._Lexicon().problems)
    assert "'alpha front' is also an alias of 'Group A'" in problems
    assert "inter '9'" in problems and "kind 'army'" in problems and "country 'Syria'" in problems
    assert "'Group C' is not a canonical" in problems and "unknown rule 'guess'" in problems


# -- coordinated modifiers and governments at war ---------------------------------------------------------
def test_demonyms_sharing_one_head_name_each_side():
    assert names("Ukrainian and Russian forces traded fire near the river.") == [
        "Military Forces of Ukraine", "Military Forces of Russia"]
    assert names("Ethiopian, Eritrean and Somali troops gathered at the border.") == [
        "Military Forces of Ethiopia", "Military Forces of Eritrea", "Military Forces of Somalia"]
    # a lower-case word joined to the phrase is no actor
    assert names("Tired and Russian forces withdrew.") == ["Military Forces of Russia"]


def test_a_government_named_as_a_side_in_combat_stands_for_its_forces():
    assert names("The Ethiopian government clashed with the TPLF near the town.")[0] == "Military Forces of Ethiopia"
    assert names("Heavy fighting between the Government of Ethiopia and the TPLF went on.")[0] == \
        "Military Forces of Ethiopia"
    # talks and statements keep the government
    assert names("Talks between the Ethiopian government and the TPLF resumed.")[0] == "Government of Ethiopia"
    assert names("The Ethiopian government said the TPLF had withdrawn.")[0] == "Government of Ethiopia"


@pytest.mark.parametrize("form, canonical", [
    ("Military Forces of Sudan (2019-)", "Military Forces of Sudan"),
    ("Police Forces of Nigeria (2015-2023)", "Police Forces of Nigeria"),
    ("Unidentified Armed Group (Burkina Faso)", "Unidentified Armed Group"),
    ("Protesters (Kenya)", "Protesters (Kenya)"),
])
def test_acled_coder_note_forms_name_the_canonical_actor(form, canonical):
    assert names(f"On 3 May 2023, {form} were reported in the area.")[0] == canonical


def test_the_force_a_subject_is_fighting_is_not_the_one_acting():
    from sitrep.models import Report
    from sitrep.pipeline import extract
    out = extract(Report(id="t", published="2019-03-19", text=(
        "Kurdish-led SDF fighters battling ISIS on Tuesday took control of the village of al-Susah near Hajin.")))
    e = [e for e in out["events"] if e["modality"] == "occurred"][0]
    assert (e["actor1"], e["actor2"]) == ("QSD: Syrian Democratic Forces", "Islamic State")


def test_islamic_state_in_a_report_from_an_affiliates_country_is_that_province():
    text = "Islamic State-linked insurgents raided a village near Mocimboa da Praia in Mozambique."
    names = {m.canonical for m in find_actors(text)}
    assert "Islamic State Mozambique Province" in names
    assert "Islamic State" in {m.canonical for m in find_actors("Islamic State fighters attacked a checkpoint in Syria.")}


def test_crowds_of_countries_beyond_the_war_zones_are_named_for_their_country():
    from sitrep.stages.actors import crowd_of
    assert crowd_of("IN") == "Protesters (India)"
    assert crowd_of("HT", "Rioters") == "Rioters (Haiti)"
    assert "Military Forces of the Philippines" in {m.canonical for m in find_actors("Philippine Army troops clashed with NPA rebels.")}


def test_the_militants_are_the_group_named_through_its_affiliate_phrase():
    from sitrep.stages.actors import find_actors
    text = ("Islamic State militants killed 30 SDF fighters in Hajin on Friday. "
            "The militants later attacked a nearby village.")
    mentions = {a.surface: a.canonical for a in find_actors(text)}
    assert mentions["The militants"] == "Islamic State"
