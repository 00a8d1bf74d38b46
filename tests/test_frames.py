"""Frames and resolve on short coder-style notes: what kind of occurrence, who, where, how many."""
from __future__ import annotations

import pytest

from sitrep.models import Report
from sitrep.pipeline import extract


def _events(text, published="2023-06-30"):
    out = extract(Report(id="t", text=text, published=published))
    return [e for e in out["events"] if e["modality"] == "occurred"]


def _one(text, published="2023-06-30"):
    events = _events(text, published)
    assert len(events) == 1, events
    return events[0]


def test_a_weapon_that_heads_the_actor_phrase_is_the_trigger():
    e = _one("On 2 May 2023, Russian missiles struck a depot in Uman (Cherkasy), killing 3 workers.")
    assert (e["sub_event_type"], e["actor1"], e["location"]["name"]) == (
        "shelling_artillery_missile_attack", "Military Forces of Russia", "Uman")
    e = _one("On 5 May 2023, SAF warplanes bombed RSF positions in Omdurman (Khartoum).")
    assert (e["actor1"], e["actor2"]) == ("Military Forces of Sudan", "Rapid Support Forces")


def test_an_old_dated_note_is_not_background_history():
    e = _one("On 2 January 2022, gunmen killed a teacher in Kaya (Centre-Nord). 1 fatality.", "2023-06-30")
    assert (e["event_type"], e["date_start"], e["fatalities"]) == ("violence_against_civilians", "2022-01-02", 1)


def test_an_attack_on_a_school_or_killing_only_civilians_is_violence_against_civilians():
    e = _one("On 3 June 2023, ADF rebels attacked a primary school near Beni (North Kivu), killing 9 people.")
    assert (e["event_type"], e["actor2"], e["fatalities"]) == ("violence_against_civilians", "Civilians", 9)
    e = _one("On 3 June 2023, ISWAP militants attacked a military base in Monguno (Borno), killing 6 soldiers.")
    assert e["event_type"] == "battles"


def test_the_first_of_two_joined_actors_acts():
    e = _one("On 9 June 2023, SNA troops backed by clan militias recaptured Moqokori (Hiraan) from Al Shabaab.")
    assert e["actor1"] == "Military Forces of Somalia" and e["sub_event_type"] == "government_regains_territory"
    e = _one("On 9 June 2023, Fano militiamen and the ENDF clashed in Debre Markos (Amhara).")
    assert (e["actor1"], e["actor2"]) == ("Fano militia", "Military Forces of Ethiopia")


def test_a_cause_named_in_passing_is_no_second_event():
    events = _events("On 8 June 2023, some 3,000 people fled Djibo (Sahel) after repeated militant attacks.")
    assert [e["event_type"] for e in events] == ["displacement"]


@pytest.mark.parametrize("text, kind", [
    ("On 4 May 2023, police fired tear gas to disperse protesters in Nairobi (Nairobi).",
     ("protests", "protest_with_intervention", "Protesters (Kenya)")),
    ("On 4 May 2023, a mob lynched a suspected thief in Kano (Kano). 1 fatality.",
     ("riots", "mob_violence", "Rioters (Nigeria)")),
    ("On 4 May 2023, hundreds of residents of Wad Madani (Al Jazirah) marched against the war.",
     ("protests", "peaceful_protest", "Protesters (Sudan)")),
])
def test_protests_and_riots_one_event_with_the_crowd_as_actor1(text, kind):
    e = _one(text)
    assert (e["event_type"], e["sub_event_type"], e["actor1"]) == kind


def test_a_count_in_the_next_sentence_and_a_date_range():
    e = _one("Between 3 and 5 June 2023, SAF and RSF clashed in Omdurman (Khartoum). 12 fatalities reported.")
    assert (e["date_start"], e["date_end"], e["fatalities"]) == ("2023-06-03", "2023-06-05", 12)
    assert e["actor1"] == "Military Forces of Sudan"


def test_killing_and_abducting_is_an_attack_and_a_single_victim_counts_one():
    e = _one("On 4 June 2023, gunmen killed a priest and abducted two others in Kauru (Kaduna).")
    assert (e["sub_event_type"], e["fatalities"]) == ("attack", 1)


def test_a_source_named_after_the_event_takes_no_part_in_it():
    e = _one("A roadside bomb hit a minibus in Balkh province on 3 January 2023, killing 7 people, police said.")
    assert e["actor1"] == "Unidentified Armed Group" and e["actor2"] == "Civilians"  # not the police


def test_people_fleeing_towards_a_town_fled_from_elsewhere():
    events = _events("On 2 May 2023, fighters seized Kutum (North Darfur). Thousands of residents fled towards Kabkabiya.")
    flight = [e for e in events if e["event_type"] == "displacement"]
    assert flight and flight[0]["location"]["name"] == "Kutum"


def test_a_list_of_towns_gives_one_event_each_and_splits_an_undivided_toll():
    events = _events("On 4 March 2021, artillery shelling of Alamata, Korem and Mehoni killed 7 civilians.")
    by_town = {e["location"]["name"]: e["fatalities"] for e in events}
    assert len(by_town) == 3 and "Alamata" in by_town and "Korem" in by_town
    assert sum(by_town.values()) == 7 and by_town["Alamata"] == 3  # even split, remainder to the first


def test_deaths_tied_to_one_listed_town_stay_with_that_town():
    events = _events("On 6 July 2023, Russian forces shelled Kherson and Nikopol, killing 3 people in Nikopol.")
    assert {e["location"]["name"]: e["fatalities"] for e in events} == {"Kherson": None, "Nikopol": 3}
    events = _events("On 6 July 2023, Russian forces shelled Kherson and Nikopol, killing 2 people in Kherson and 1 in Nikopol.")
    assert {e["location"]["name"]: e["fatalities"] for e in events} == {"Kherson": 2, "Nikopol": 1}


@pytest.mark.parametrize("text, dead", [
    ("Clashes broke out in Kaya on Sunday. Nine soldiers and 4 militants were killed in the fighting.", 13),
    ("Militants attacked a base in Gao on Monday; 6 soldiers and 11 attackers died.", 17),
    ("Two soldiers and a civilian were killed when a roadside bomb hit a convoy near Gao on Friday.", 3),
    ("Gunmen killed 3 villagers and wounded 5 others in Kaya on Sunday.", 3),
])
def test_the_dead_of_every_side_named_together_add_up(text, dead):
    from sitrep.models import Report
    from sitrep.pipeline import extract

    events = extract(Report(id="x", text=text, published="2023-01-10"))["events"]
    assert events and events[0]["fatalities"] == dead


def test_a_headline_that_only_names_a_campaign_is_no_event():
    text = ("Militia gives new toll for the Tessit offensive\n\nThe number of fighters killed since 1 March "
            "has risen to 300, a militia spokesman said on Monday.")
    assert _events(text, "2023-06-30") == []
    # a headline that tells the campaign was launched still counts when the body tells nothing else
    text = "Army launches offensive against militants in Gao\n\nNo further details were given."
    assert len(_events(text, "2023-06-30")) == 1


def test_a_list_of_areas_is_one_event_not_one_per_town():
    events = _events("On 3 March 2023, M23 rebels clashed with the army in the Rutshuru and Masisi areas (North Kivu).")
    assert len(events) == 1
    events = _events("On 3 March 2023, M23 rebels clashed with the army in Rutshuru and Masisi (North Kivu).")
    assert len(events) == 2


LONG_FILLER = ("\n\nThe region has seen years of unrest and aid groups say the humanitarian situation remains dire, "
               "with many families relying on food deliveries that arrive irregularly and at great cost.") * 3


def test_fighting_going_on_as_the_report_is_filed_is_dated_the_publication_day():
    text = "Army pushes into Kidal\n\nMalian troops are pushing into the northern town of Kidal, a commander said." + LONG_FILLER
    e = _one(text, "2023-11-10")
    assert (e["date_start"], e["date_end"], e["time_precision"]) == ("2023-11-10", "2023-11-10", 1)
    text = "Strikes go on\n\nSAF warplanes continued to bomb RSF positions in the south of Omdurman." + LONG_FILLER
    e = _one(text, "2023-11-10")
    assert (e["date_start"], e["time_precision"]) == ("2023-11-10", 1)


def test_an_undated_sentence_takes_the_date_its_paragraph_gave():
    text = ("Kidal report\n\nThe situation around Kidal changed sharply over the past 48 hours as the army broke "
            "through rebel lines. The assault opened with drone strikes on the town." + LONG_FILLER)
    e = _one(text, "2023-11-10")
    assert (e["sub_event_type"], e["date_start"], e["date_end"]) == ("air_drone_strike", "2023-11-08", "2023-11-10")


def test_the_day_a_report_was_given_yields_to_the_day_of_the_occurrence():
    text = ("Base attacked\n\nJNIM militants killed 12 soldiers in Djibo overnight on Thursday, "
            "the army said Friday." + LONG_FILLER)
    e = _one(text, "2023-11-10")  # a Friday
    assert (e["date_start"], e["date_end"], e["time_precision"]) == ("2023-11-09", "2023-11-09", 1)


def test_fighters_taken_prisoner_are_no_territory_taken():
    e = _one("On 4 June 2023, ISWAP militants captured 10 soldiers near Monguno (Borno).")
    assert (e["event_type"], e["sub_event_type"]) == ("battles", "armed_clash")
    e = _one("On 4 June 2023, ISWAP militants captured Monguno (Borno).")
    assert e["sub_event_type"] == "non_state_actor_overtakes_territory"


def test_a_placeless_mention_of_a_strike_folds_into_the_named_one_beside_it():
    text = ("Mall hit\n\nRescuers searched the rubble after a Russian missile strike on a shopping centre "
            "two days ago killed at least 11.\n\nOfficials said Russia had pounded the centre in Poltava." + LONG_FILLER)
    events = _events(text, "2023-11-10")
    assert len(events) == 1, events
    e = events[0]
    assert (e["location"]["name"], e["sub_event_type"], e["date_start"], e["fatalities"]) == (
        "Poltava", "shelling_artillery_missile_attack", "2023-11-08", 11)


def test_a_region_hard_hit_by_violence_is_no_strike():
    text = "Michoacan has been hard hit by cartel violence in recent years, officials in Morelia said."
    assert _events(text) == []


def test_people_named_by_their_plight_are_no_flight():
    e = _one("On 9 October 2023, a junta airstrike hit a camp for displaced people in Laiza (Kachin), killing 29 people.")
    assert e["sub_event_type"] == "air_drone_strike"


def test_sides_left_open_are_filled_by_their_roles_in_the_report():
    text = ("Army closes in on Boni\n\nMalian troops attacked JNIM positions near Boni on Monday, the army said. "
            "JNIM fighters ambushed a convoy near Douentza on Sunday and JNIM later shelled a camp near Boni. "
            "Soldiers are now pushing into the last JNIM stronghold near Boni. Drone strikes hit the town on Tuesday." + LONG_FILLER)
    by_trigger = {e["trigger"]: e for e in _events(text, "2023-11-10")}
    mali, jnim = "Military Forces of Mali", "JNIM: Group for Support of Islam and Muslims"
    # a side named only after the word is acted upon; the side acting comes from the report
    assert (by_trigger["pushing into"]["actor1"], by_trigger["pushing into"]["actor2"]) == (mali, jnim)
    # air strikes are flown by armed forces, even where the militia is named acting more often
    strike = next(e for e in by_trigger.values() if e["sub_event_type"] == "air_drone_strike")
    assert (strike["actor1"], strike["actor2"]) == (mali, jnim)


def test_a_camp_named_for_the_displaced_is_no_flight():
    e = _one("On 12 October 2023, ISWAP fighters stormed a displacement camp near Dikwa (Borno), killing 4 people.")
    assert e["event_type"] != "displacement"
    assert [x for x in _events("On 12 October 2023, gunmen raided a displaced persons camp in Dikwa (Borno).")
            if x["event_type"] == "displacement"] == []


def test_a_purpose_is_no_occurrence():
    text = "On 3 May 2023, the army sealed off Kidal (Kidal) in order to facilitate the evacuation of residents."
    assert [e for e in _events(text) if e["event_type"] == "displacement"] == []


def test_a_list_of_towns_in_brackets_after_the_province_gives_one_event_per_town():
    events = _events("On 12 May 2023, Russian forces seized three villages in the Kharkiv region (Kupiansk, Balakliia and Izium).")
    assert sorted(e["location"]["name"] for e in events) == ["Balakliya", "Izyum", "Kupyansk"]


def test_a_province_inside_a_list_of_struck_towns_does_not_end_it():
    events = _events("On 4 April 2023, warplanes bombed the towns of Kupiansk and Izium in eastern Kharkiv, "
                     "as well as the regional capital, Kharkiv.")
    assert len(events) == 3, events
    assert {e["event_type"] for e in events} == {"explosions_remote_violence"}


def test_the_strikes_named_town_by_town_after_a_regional_report_are_one_event_per_town():
    events = _events("On 4 April 2023, air strikes by the Sudanese army killed civilians in Darfur. "
                     "The strikes hit the towns of Nyala and Zalingei.")
    assert sorted(e["location"]["name"] for e in events) == ["Nyala", "Zalinjay"], events
    assert {e["date_start"] for e in events} == {"2023-04-04"}
    assert {e["actor1"] for e in events} == {"Military Forces of Sudan"}


def test_neighbouring_villages_listed_together_stay_two_events_though_their_coordinates_coincide():
    events = _events("On 3 October 2018, ISIS fighters recaptured the villages of al-Susah and Safafinah near Hajin.")
    assert len(events) == 2, events


def test_the_occurrence_a_day_after_which_another_came_is_dated_the_day_before():
    events = _events("On Friday, RSF shelling killed four people in El Fasher. The shelling came a day after the army "
                     "said it had repelled an RSF assault on El Fasher.", published="2024-09-20")
    assert sorted((e["sub_event_type"], e["date_start"]) for e in events) == [
        ("armed_clash", "2024-09-19"), ("shelling_artillery_missile_attack", "2024-09-20")]


def test_fighting_named_as_a_trend_is_no_occurrence():
    assert _events("Aid is scarce in Kadugli as fighting escalates in the region.") == []
    assert _events("Aid is scarce in Kadugli after fighting in the town on Monday.")


def test_a_time_known_only_to_the_year_is_no_event_time():
    assert _events("The militants were driven out of Kismayo in 2012, officials recalled.", published=None) == []


def test_a_building_destroyed_by_a_coalition_is_a_strike_and_by_militants_is_not():
    e = _one("The US-led coalition destroyed a school used as a militant headquarters in Hajin on 3 December 2018.",
             published="2018-12-05")
    assert (e["sub_event_type"], e["actor1"], e["date_start"]) == (
        "air_drone_strike", "Global Coalition Against Daesh", "2018-12-03")
    assert _events("Al Shabaab militants destroyed a telecom mast in Barawe on 3 June 2023.") == []


def test_a_corrected_death_toll_is_no_second_event():
    events = _events("On 14 October 2019, gunmen ambushed a police convoy in Aguililla, killing 13 officers. "
                     "Officials initially said 14 officers had died, but the state later put the toll at 13.")
    assert len(events) == 1 and events[0]["fatalities"] == 13, events


def test_what_a_crowd_protests_about_is_not_an_occurrence():
    from sitrep.stages.frames import drop_grievances
    from sitrep.stages.triggers import find_triggers
    text = "Nurses protested outside the ministry over the killing of a colleague."
    kept = drop_grievances(text, 0, find_triggers(text))
    assert {t.cls for t in kept} == {"protest"}


def test_a_crowds_storming_stays_part_of_the_protest_it_belongs_to():
    from sitrep.stages.frames import select_triggers
    from sitrep.stages.triggers import find_triggers
    text = "Troops opened fire on demonstrators who stormed the governor's office."
    assert [t.cls for t in select_triggers(find_triggers(text))] == ["protest"]


def test_nationality_plural_is_the_victims_of_the_force_before_it():
    r = extract(Report(id="t", text="Government troops arrested 14 Eritreans in Kassala on 2 March 2024.", published="2024-03-05"))
    ev = [e for e in r["events"] if e["sub_event_type"] == "arrests"]
    assert ev and ev[0]["actor2"] == "Civilians"


def test_a_relative_clause_happens_at_the_place_it_hangs_on():
    events = _events("Hundreds fled Raqqa, a city on the Euphrates that the rebels captured in December, and nearby "
                     "Tabqa, which the army still holds.", published="2019-02-10")
    taken = next(e for e in events if e["sub_event_type"] == "non_state_actor_overtakes_territory")
    assert taken["location"]["name"] == "Ar Raqqah" and taken["date_start"] == "2018-12-01"
    fled = next(e for e in events if e["event_type"] == "displacement")
    assert fled["date_start"] != "2018-12-01"  # December dates the capture the clause tells, not the flight


def test_the_occurrence_that_opens_a_count_is_an_event_when_it_names_its_town():
    e = _one("Since the rebels launched their assault on Tabqa on February 9, about 12,000 people have left the area.",
             published="2019-02-20")
    assert (e["date_start"], e["date_end"]) == ("2019-02-09", "2019-02-09")
    assert e["actor2"] != "Civilians"  # the people counted after the clause are not its victims
    assert _events("Since the rebels began their assault on the city on February 9, about 12,000 people have left.",
                   published="2019-02-20") == []


def test_towns_counted_in_a_region_and_named_later_are_one_event_each():
    events = _events("The army says it has recaptured three towns in the Amhara region from the militia. "
                     "The fall of Lalibela, with its airport, is a heavy blow to the fighters. "
                     "Woldia and Kobo are the other two towns the army now claims.", published="2021-12-02")
    taken = sorted(e["location"]["name"] for e in events if e["sub_event_type"] == "government_regains_territory")
    assert taken == ["Kobo", "Lalibela", "Weldiya"]


@pytest.mark.parametrize("text", [
    "The total includes people displaced from Dessie, officials said.",
    "Aid groups are providing safe passage for civilians leaving Dessie, the spokesman said.",
])
def test_people_described_by_their_flight_are_no_flight(text):
    assert [e for e in _events(text, "2022-10-20") if e["event_type"] == "displacement"] == []


def test_people_still_leaving_a_town_are_a_flight():
    e = _one("Thousands of residents are already leaving Dessie, despite assurances from the rebels.", "2022-10-20")
    assert (e["sub_event_type"], e["location"]["name"]) == ("flight", "Dessie")


@pytest.mark.parametrize("text,dead", [
    ("A police commander and her two bodyguards were killed in an ambush near Uruapan on Sunday.", 3),
    ("A soldier and three civilians were killed when a bomb exploded in Uruapan on Sunday.", 4),
])
def test_a_single_victim_named_with_others_counts_one(text, dead):
    assert _one(text, "2024-03-18")["fatalities"] == dead


def test_the_day_a_later_sentence_gives_replaces_the_day_the_news_was_given():
    e = _one("A police commander and her two bodyguards were killed in an ambush in Michoacan state, officials said "
             "Monday.\n\nThe state police said that three of its members had died on duty Sunday night.", "2024-03-18")
    assert (e["date_start"], e["fatalities"]) == ("2024-03-17", 3)
    told_only = _one("Two soldiers were killed in an ambush near Uruapan, army officials said Monday.", "2024-03-18")
    assert told_only["date_start"] == "2024-03-18"  # nothing better: the statement's day stands


def test_weapons_carried_or_stored_are_no_strike():
    assert _events("A convoy was seen near Uruapan carrying armoured vehicles and missile launchers.", "2024-03-18") == []


def test_a_place_in_an_operation_s_name_is_no_event_place():
    events = _events("Operation Euphrates Shield troops stormed an Islamic State position near al-Bab on Monday.", "2017-01-10")
    assert [e["location"]["name"] for e in events] == ["Al Bāb"]


@pytest.mark.parametrize("text", [
    "Local authorities demanded that residents of Dessie evacuate the town on Sunday.",
    "The army ordered civilians in Dessie to evacuate on Sunday.",
])
def test_an_order_to_leave_is_no_evacuation_yet(text):
    assert _events(text, "2024-03-18") == []


@pytest.mark.parametrize("text,sides", [
    ("The Sudanese army said it had repelled a major RSF attack on El Fasher on Thursday.",
     ("Rapid Support Forces", "Military Forces of Sudan")),
    ("Government troops thwarted an attack by al-Shabaab fighters on a base in Jowhar on Thursday.",
     ("Al Shabaab", "Military Forces of Somalia")),
])
def test_the_side_whose_attack_was_repelled_acts(text, sides):
    e = _one(text, "2024-09-20")
    assert (e["actor1"], e["actor2"]) == sides


def test_the_sides_of_a_main_clause_are_not_those_of_raids_told_after_it():
    events = _events("Hundreds of fighters surrendered from the Islamic State group's last enclave in Baghuz, after "
                     "overnight air raids and shelling hit jihadist positions.", "2019-03-12")
    assert events and all(e["actor2"] == "Islamic State" and e["actor1"] != "Islamic State" for e in events)


def test_a_force_named_as_another_s_partner_is_not_its_target():
    e = _one("Islamic State fighters still hold most of the Euphrates valley. The coalition's partnered ground force, "
             "the SDF, shelled Hajin on Tuesday.", "2018-09-05")
    assert (e["actor1"], e["actor2"]) == ("QSD: Syrian Democratic Forces", "Islamic State")


def test_a_one_word_namesake_abroad_is_no_place_of_the_report():
    events = _events("Baloch separatists attacked the Jaffar Express near Quetta on Tuesday, Pakistani officials said.",
                     "2025-03-12")
    assert events and {e["location"]["country"] for e in events} == {"PK"}


def test_victims_counted_after_a_bombing_are_civilians():
    e = _one("On 29 June 2024, a suicide bomber blew herself up at a wedding party in Gwoza. At least 18 guests "
             "were killed.", "2024-06-30")
    assert (e["actor2"], e["fatalities"]) == ("Civilians", 18)


def test_an_army_patrol_that_struck_a_bomb_is_hit_by_an_unidentified_group():
    e = _one("On 5 June 2024, a Nigerien army patrol struck a roadside bomb near Tera. Four soldiers were killed.",
             "2024-06-06")
    assert (e["sub_event_type"], e["actor1"], e["actor2"], e["fatalities"]) == (
        "remote_explosive_landmine_ied", "Unidentified Armed Group", "Military Forces of Niger", 4)


def test_a_capture_after_a_withdrawal_is_one_change_of_hands():
    e = _one("On 6 August 2023, Fano militiamen seized Lalibela after army units withdrew from the town.", "2023-08-07")
    assert e["sub_event_type"] == "non_state_actor_overtakes_territory"


def test_glide_bombs_are_an_air_strike_and_fighting_an_accord_ends_is_no_event():
    assert _one("On 25 May 2024, guided aerial bombs struck a hypermarket in Kharkiv, killing 19 people.",
                "2024-05-26")["sub_event_type"] == "air_drone_strike"
    events = _events("On 1 January 2025, tribal elders signed a peace agreement in Kohat to end months of fighting.",
                     "2025-01-02")
    assert [e["sub_event_type"] for e in events] == ["agreement"]


@pytest.mark.parametrize("text", [
    "Witnesses said the gunmen arrived in two vehicles near Celaya and fled after a few minutes of shooting.",
    "The UN says more than 700,000 people are now displaced in Haiti.",
])
def test_attackers_getting_away_and_a_stock_of_displaced_are_no_flight(text):
    assert [e for e in _events(text, "2024-11-13") if e["event_type"] == "displacement"] == []


def test_the_other_side_s_dead_told_after_add_to_the_toll_and_all_n_counts():
    e = _one("Troops stormed a hijacked train near Sibi on Wednesday and killed all 33 militants who held it, the "
             "military said. Four soldiers also died in the operation.", "2025-03-13")
    assert e["fatalities"] == 37


def test_taking_passengers_hostage_is_an_abduction():
    events = _events("Separatists attacked a train near Sibi on Tuesday, taking hundreds of passengers hostage.",
                     "2025-03-12")
    assert "abduction_forced_disappearance" in {e["sub_event_type"] for e in events}


def test_a_defused_bomb_is_a_disrupted_weapon_not_a_blast():
    e = _one("On 3 June 2023, soldiers defused a roadside bomb on the road between Gao and Ansongo.")
    assert (e["event_type"], e["sub_event_type"]) == ("strategic_developments", "disrupted_weapons_use")
    assert e["location"]["name"] == "Gao"  # a road between two towns is one occurrence


def test_fighting_that_eased_is_no_clash():
    events = _events("On 4 June 2023, some 400 families went back to their homes in Kidal after fighting eased.")
    assert [e["sub_event_type"] for e in events] == ["return"]


def test_a_base_set_up_is_a_base_established():
    e = _one("On 6 June 2023, JNIM fighters set up a new base near Boni (Mopti).")
    assert (e["sub_event_type"], e["actor1"]) == ("headquarters_or_base_established", "JNIM: Group for Support of Islam and Muslims")


def test_an_unknown_village_named_with_its_noun_is_not_a_namesake():
    # "Sin Phyu Kyun village" is not the town "Sin"; the event falls back to the region the text names
    e = _one("On 7 June 2023, a jet bombed Sin Phyu Kyun village in Myanmar's Magway region, killing 5 villagers.")
    assert (e["location"]["name"], e["location"]["geo_precision"]) == ("Magway", 3)


def test_a_source_named_after_the_strike_is_not_its_target_and_police_fly_no_strikes():
    text = ("On 8 June 2023, an air strike on a wedding party in Hsipaw (Shan) killed 9 people, residents and "
            "the KIA said. On 6 June 2023, fighters attacked a police post in Kyaukme (Shan), killing 4 police officers.")
    strike = next(e for e in _events(text) if e["sub_event_type"] == "air_drone_strike")
    assert strike["actor2"] == "Civilians"
    assert strike["actor1"] != "Police Forces of Myanmar"


def test_an_unnamed_source_is_no_claimant():
    out = extract(Report(id="t", published="2023-06-30", text=(
        "Since the coup in 2021, more than 4,000 civilians have been killed by the army, according to a rights group.")))
    assert [t["claimant"] for t in out["tallies"]] == [None]


def test_a_strike_made_with_a_drone_keeps_its_striker():
    e = _one("On 9 June 2023, the army hit an RSF convoy with a drone near Kadugli (South Kordofan).")
    assert (e["sub_event_type"], e["actor1"], e["actor2"]) == (
        "air_drone_strike", "Military Forces of Sudan", "Rapid Support Forces")


def test_a_verb_after_the_group_is_a_new_occurrence_not_a_reference():
    text = ("On 10 June 2023, RSF shelling killed 4 people in Kadugli (South Kordofan). "
            "On 11 June 2023, the group also struck a clinic in Dilling (South Kordofan) with a drone.")
    assert sorted(e["sub_event_type"] for e in _events(text)) == ["air_drone_strike", "shelling_artillery_missile_attack"]


def test_dead_counted_in_the_area_around_the_attack_are_its_dead():
    text = ("On 12 June 2023, militants blew up an army truck with a bomb in Beit Hanoun. "
            "The army said two soldiers were killed in northern Gaza.")
    e = _one(text)
    assert (e["sub_event_type"], e["fatalities"]) == ("remote_explosive_landmine_ied", 2)


def test_houses_burnt_in_an_attack_are_part_of_it():
    e = _one("On 14 June 2023, gunmen attacked Kuriga (Kaduna), killing 7 villagers and burning 20 houses.")
    assert (e["sub_event_type"], e["fatalities"]) == ("attack", 7)


def test_fire_set_to_a_building_is_property_destruction():
    e = _one("On 15 June 2023, unknown men set fire to a school in Bamenda (North-West).")
    assert e["sub_event_type"] == "looting_property_destruction"


def test_an_attack_on_a_displacement_site_is_violence_against_civilians():
    e = _one("On 16 June 2023, CODECO fighters attacked a displacement site in Djugu (Ituri), leaving 6 dead.")
    assert (e["event_type"], e["actor2"]) == ("violence_against_civilians", "Civilians")


def test_an_address_written_with_commas_is_one_place():
    e = _one("On 17 June 2023, NPA rebels and soldiers clashed in San Isidro, Lope de Vega, Northern Samar, leaving one rebel dead.")
    assert (e["location"]["name"], e["fatalities"]) == ("San Isidro", 1)


def test_firing_at_people_is_an_attack_and_firing_rockets_a_shelling():
    e = _one("On 18 June 2023, militants fired at farmers near Bishnupur (Manipur).")
    assert (e["event_type"], e["actor2"]) == ("violence_against_civilians", "Civilians")
    e = _one("On 18 June 2023, Israeli forces fired rockets at Khiam (Nabatieh).")
    assert e["sub_event_type"] == "shelling_artillery_missile_attack"


def test_forces_firing_on_a_protest_is_excessive_force_once():
    e = _one("On 19 June 2023, 3 demonstrators were killed when police opened fire on a protest in Kano (Kano).")
    assert (e["sub_event_type"], e["actor1"], e["actor2"], e["fatalities"]) == (
        "excessive_force_against_protesters", "Police Forces of Nigeria", "Protesters (Nigeria)", 3)


def test_a_grenade_thrown_into_a_bar_targets_civilians():
    e = _one("On 20 June 2023, unknown men threw a grenade into a bar in Bujumbura, wounding 6.")
    assert (e["sub_event_type"], e["actor2"]) == ("grenade", "Civilians")


def test_their_attacks_name_the_campaign_not_a_new_occurrence():
    text = ("On 21 June 2023, Houthi forces fired a missile at a ship off Hodeidah (Al Hudaydah). "
            "The group says its attacks are in solidarity with Gaza.")
    assert [e["location"]["country"] for e in _events(text)] == ["YE"]


def test_dead_counted_before_the_bombing_with_an_aside():
    e = _one("On 22 June 2023, six people, two of them policemen, were killed when a suicide bomber struck a checkpoint in Mogadishu.")
    assert e["fatalities"] == 6
    e = _one("On 22 June 2023, three members of the Popular Mobilization Forces were killed when a bomb exploded near Baiji (Salah al-Din).")
    assert e["fatalities"] == 3


def test_neutralised_fighters_are_dead_and_neutralised_mines_disrupted():
    e = _one("On 23 June 2023, the army neutralised 15 militants near Gao (Gao).")
    assert (e["sub_event_type"], e["fatalities"]) == ("armed_clash", 15)
    e = _one("On 23 June 2023, soldiers neutralised two IEDs near Gao (Gao).")
    assert e["sub_event_type"] == "disrupted_weapons_use"


def test_explosives_dropped_from_drones_are_a_drone_strike():
    e = _one("On 24 June 2023, ELN fighters dropped explosives from drones on an army base in Tame (Arauca).")
    assert (e["sub_event_type"], e["actor1"]) == ("air_drone_strike", "ELN: National Liberation Army")


def test_killing_verbs_in_participle_form():
    e = _one("On 25 June 2023, ADF rebels raided Oicha in Beni territory (North Kivu), hacking to death 9 villagers.")
    assert (e["sub_event_type"], e["fatalities"]) == ("attack", 9) and e["location"]["name"] != "Beni"


def test_a_town_left_without_a_fight_changed_hands_without_violence():
    e = _one("On 26 June 2023, the army recaptured Jalalaqsi (Hiiraan) from al-Shabaab, which left without a fight.")
    assert e["sub_event_type"] == "non_violent_transfer_of_territory"


def test_people_arrested_at_a_riot_are_part_of_it_and_a_dispersal_by_fire_is_excessive_force():
    events = _events("On 27 June 2023, youths burned tyres and threw stones at police in Jacmel (Sud-Est); police arrested 4 people.")
    assert [e["sub_event_type"] for e in events] == ["violent_demonstration"]
    e = _one("On 27 June 2023, teachers protested in Basra (Basra). Police opened fire to disperse them, wounding three.")
    assert (e["sub_event_type"], e["actor1"], e["actor2"]) == (
        "excessive_force_against_protesters", "Police Forces of Iraq", "Protesters (Iraq)")


def test_a_big_city_struck_is_kept_though_the_attackers_country_is_named():
    text = ("KYIV - A Russian missile struck a residential area of Dnipro on Monday, killing three people, "
            "the governor said, as Moscow pressed its campaign.")
    e = _one(text, "2023-06-27")
    assert (e["location"]["name"], e["actor1"]) == ("Dnipro", "Military Forces of Russia")


def test_said_that_is_no_reference_back_and_a_far_town_is_another_occurrence():
    text = ("On 26 June 2023, a Russian missile hit a school in Dnipro, killing 2 people. On 26 June 2023, the governor "
            "of Belgorod region said that Ukrainian drones had hit a depot in Belgorod.")
    assert sorted(e["location"]["name"] for e in _events(text)) == ["Belgorod", "Dnipro"]


def test_interceptions_over_no_named_place_are_no_event():
    assert _events("On 26 June 2023, the air force said it had intercepted 20 of 30 drones overnight.") == []


def test_drones_launched_by_a_force_are_its_strike_on_workers():
    e = _one("On 28 June 2023, drones launched by the RSF set a depot ablaze in Kosti (White Nile), killing two workers.")
    assert (e["sub_event_type"], e["actor1"], e["actor2"], e["fatalities"]) == (
        "air_drone_strike", "Rapid Support Forces", "Civilians", 2)


def test_vehicles_seized_and_people_long_displaced_are_no_events():
    assert _events("On 28 June 2023, the militants left Djibo (Sahel) with seized vehicles.") == []
    assert _events("On 28 June 2023, Djibo (Sahel), home to 300,000 people, many of them displaced from villages, ran short of food.") == []


def test_a_group_named_only_as_a_link_takes_no_part():
    e = _one("On 29 June 2023, fighters of the al-Qaeda-linked JNIM stormed an army post in Djibo (Sahel), killing 9 soldiers.")
    assert (e["actor1"], e["actor2"]) == ("JNIM: Group for Support of Islam and Muslims", "Military Forces of Burkina Faso")


def test_a_fight_with_only_civilian_victims_is_violence_against_civilians():
    e = _one("On 30 June 2023, bandits attacked several communities in Zamfara State, killing 14 villagers.")
    assert (e["event_type"], e["actor2"]) == ("violence_against_civilians", "Civilians")


def test_a_province_unknown_in_the_towns_country_does_not_drop_the_town():
    e = _one("On 30 June 2023, jihadists abducted 12 women near Aribinda (Soum province).")
    assert (e["location"]["country"], e["location"]["name"]) == ("BF", "Aribinda")


def test_a_gang_coalition_is_no_us_led_coalition():
    e = _one("On 30 June 2023, members of the Viv Ansanm gang coalition attacked Kenscoff (Ouest), killing 5 residents.")
    assert e["actor1"] == "Viv Ansanm"


def test_two_verbs_each_with_its_own_place_are_two_occurrences():
    events = _events("On 4 May 2023, al-Shabaab fighters attacked an army base in Afgoye and seized the town of "
                     "Bulo Marer (Lower Shabelle).")
    assert sorted((e["sub_event_type"], e["location"]["name"]) for e in events) == [
        ("armed_clash", "Afgooye"), ("non_state_actor_overtakes_territory", "Bulo Marer")]
    events = _events("On 4 May 2023, RSF fighters shelled El Fasher and attacked the village of Tawila (North Darfur).")
    assert sorted(e["location"]["name"] for e in events) == ["El Fasher", "Tawila"]
    # one place: "attacked ... with a car bomb" is one occurrence
    e = _one("On 4 May 2023, JNIM fighters attacked the town of Djibo with a car bomb, killing 12 soldiers.")
    assert (e["sub_event_type"], e["fatalities"]) == ("suicide_bomb", 12)


def test_the_side_fought_is_not_the_subject_of_the_next_verb():
    events = _events("On 4 May 2023, troops clashed with M23 rebels in Sake and shelled Kitshanga (North Kivu).")
    shelling = next(e for e in events if e["sub_event_type"] == "shelling_artillery_missile_attack")
    assert (shelling["actor1"], shelling["location"]["name"]) == (
        "Military Forces of the Democratic Republic of Congo", "Kitshanga")


def test_a_later_bare_attack_on_a_nearby_village_gives_the_lead_its_finer_place():
    text = ("Islamic State militants killed 30 SDF fighters in Hajin on Friday night, a monitor said. "
            "Rescue teams were still searching the area. The militants attacked the village of Sousa, the monitor added.")
    e = _one(text, "2018-10-27")
    assert (e["sub_event_type"], e["location"]["name"], e["fatalities"], e["date_start"]) == (
        "armed_clash", "As Sūsah", 30, "2018-10-26")
    # a village far from the lead's town is another occurrence
    far = text.replace("the village of Sousa", "the village of Tabqa")
    assert len(_events(far, "2018-10-27")) == 2


def test_gathering_to_demand_is_a_protest_and_a_detention_centre_no_arrest():
    e = _one("On 2 June 2023, about 300 teachers gathered peacefully outside the ministry in Bamako to demand unpaid wages.")
    assert e["sub_event_type"] == "peaceful_protest"
    e = _one("On 2 June 2023, an air strike hit a detention centre in Dhamar (Yemen), killing 40 inmates.")
    assert e["sub_event_type"] == "air_drone_strike"


def test_two_weapons_of_one_strike_are_one_event_by_the_named_state():
    e = _one("On 2 June 2023, Russian rockets and drones hit Zaporizhzhia, killing 4 people.")
    assert (e["sub_event_type"], e["actor1"], e["fatalities"]) == (
        "shelling_artillery_missile_attack", "Military Forces of Russia", 4)


def test_a_rally_that_is_bombed_is_the_target_not_a_protest():
    e = _one("On 2 June 2023, a suicide bomber blew himself up at a party rally in Quetta (Balochistan), killing 11.")
    assert (e["sub_event_type"], e["fatalities"]) == ("suicide_bomb", 11)


def test_a_place_word_inside_a_facility_named_after_a_person_is_no_place():
    e = _one("On 6 May 2025, rebel drones hit the Osman Digna air base outside Port Sudan.")
    assert e["location"]["name"] == "Port Sudan"
