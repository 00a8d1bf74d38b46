"""The places stage: finding place mentions, resolving them, precision cues."""
from __future__ import annotations

import time

import pytest

from sitrep.gazetteer import load_gazetteer, name_key
from sitrep.stages.places import find_places


@pytest.fixture(scope="session")
def gaz():
    return load_gazetteer()


def _names(mentions):
    return [m.surface for m in mentions]


def _only(mentions, surface):
    found = [m for m in mentions if m.surface == surface]
    assert found, (surface, _names(mentions))
    return found[0]


def test_offsets_point_at_the_surface(gaz):
    text = "Fighters advanced on Hajin and al-Baghuz in eastern Syria on Sunday."
    ms = find_places(text, gaz)
    assert {"Hajin", "al-Baghuz", "Syria"} <= set(_names(ms))
    for m in ms:
        assert text[m.start:m.end] == m.surface


@pytest.mark.parametrize("text", [
    "Since the war began, thousands have left.",
    "Said the official: nothing has changed.",
    "Early reports spoke of heavy losses.",
    "Most of the wounded were taken to a hospital.",
    "Police said the University was closed on Monday.",
])
def test_common_words_are_not_places(gaz, text):
    assert find_places(text, gaz) == []


def test_gazetteer_does_hold_the_common_words(gaz):
    # The test above means something only because GeoNames has places so named.
    assert gaz.has(name_key("Since")) or gaz.has(name_key("Said")) or gaz.has(name_key("Early"))


def test_actor_names_and_persons_are_not_places(gaz):
    text = ("The Syrian Democratic Forces and the Free Syrian Army met the Islamic State envoy. "
            "US President Donald Trump spoke, and Prime Minister Adil Abd al-Mahdi answered.")
    assert find_places(text, gaz) == []


def test_a_word_used_in_lower_case_is_a_common_word(gaz):
    text = "Last Pockets Hold Out\n\nThe last pockets held out for a week near Hajin."
    assert _names(find_places(text, gaz)) == ["Hajin"]


def test_village_in_a_syria_report_is_the_syrian_one(gaz):
    text = "Shelling hit Hajin and Susah in Syria's Deir ez-Zor province overnight."
    ms = find_places(text, gaz)
    assert _only(ms, "Hajin").place.country == "SY"
    assert _only(ms, "Susah").place.geonameid == 172415


def test_country_hint_and_named_country_decide_an_ambiguous_name(gaz):
    libya = find_places("Militias clashed in Tripoli, the capital of Libya.", gaz)
    assert _only(libya, "Tripoli").place.country == "LY"
    lebanon = find_places("Gunmen fired on a checkpoint in Tripoli on Friday.", gaz, country_hint="LB")
    assert _only(lebanon, "Tripoli").place.country == "LB"


def test_a_name_found_only_abroad_is_dropped_under_a_strong_context(gaz):
    text = ("In Syria, Syrian troops shelled Springfield and Hajin, a Syrian monitor said. "
            "Syria's army denied it.")
    names = _names(find_places(text, gaz))
    assert "Hajin" in names and "Springfield" not in names


@pytest.mark.parametrize("text,surface,precision,modifier", [
    ("Clashes broke out on the outskirts of Hajin on Monday.", "Hajin", 2, "outskirts"),
    ("An airstrike hit a house near Hajin.", "Hajin", 2, "near"),
    ("Families fled the Hajin pocket.", "Hajin", 2, "area"),
    ("The SDF took the village of al-Shaafah.", "al-Shaafah", 1, "village"),
    ("The SDF took al-Shaafah.", "al-Shaafah", 1, None),
    ("A car bomb exploded in Raqqa.", "Raqqa", 1, None),
    ("Fighting spread to the countryside of Hajin.", "Hajin", 2, "countryside"),
    ("A mine went off 250 meters west of Hajin.", "Hajin", 1, "distance"),
    ("Gunmen attacked the Kihondo camp.", "Kihondo", 2, "site"),
])
def test_precision_cues(gaz, text, surface, precision, modifier):
    m = _only(find_places(text, gaz, country_hint="SY" if "Kihondo" not in text else "CD"), surface)
    assert (m.geo_precision, m.modifier) == (precision, modifier)


@pytest.mark.parametrize("text,surface", [
    ("Civilians reached Deir ez-Zour's eastern countryside on foot.", "Deir ez-Zour"),
    ("Civilians reached the eastern Deir Ezzor countryside on foot.", "Deir Ezzor"),
    ("The raid took place in Deir ez-Zor province, Syria.", "Deir ez-Zor"),
    ("Drones were seen over eastern Suweida in Syria.", "Suweida"),
])
def test_province_cues_resolve_to_the_admin1_centre(gaz, text, surface):
    ms = find_places(text, gaz)
    m = [m for m in ms if m.surface.startswith(surface)][0]
    assert m.geo_precision == 3 and m.place.kind == "admin1"
    assert m.place.country == "SY"


def test_admin1_and_country_alone_have_precision_3(gaz):
    ms = find_places("Fighting in Tigray spread to Afar and Amhara, Ethiopia.", gaz)
    for surface in ("Tigray", "Amhara", "Ethiopia"):
        assert _only(ms, surface).geo_precision == 3
    assert _only(ms, "Tigray").place.latitude == pytest.approx(13.49667)


def test_ethiopian_and_congolese_villages(gaz):
    ms = find_places("Troops entered Korim and Maisho in southern Tigray, Ethiopia.", gaz)
    assert _only(ms, "Korim").place.geonameid == 332746
    assert _only(ms, "Maisho").place.geonameid == 331416
    ms = find_places("Rebels took Nyanzale in North Kivu province, Congo.", gaz, country_hint="CD")
    assert _only(ms, "Nyanzale").place.country == "CD"


def test_finding_places_is_fast(gaz):
    sentence = ("The Syrian Democratic Forces said on Tuesday that fighters pushed into Hajin and "
                "the nearby village of al-Shaafah, east of the Euphrates, while civilians fled "
                "towards Deir ez-Zour's eastern countryside and camps in Hasakah. ")
    text = sentence * 14  # about 500 words
    find_places(text, gaz)
    start = time.perf_counter()
    for _ in range(50):
        find_places(text, gaz)
    assert (time.perf_counter() - start) / 50 < 0.005


def test_a_province_of_a_neighbour_named_outright_is_kept(gaz):
    text = ("In Syria, the SDF pressed on Hajin in Syria's Deir ez-Zor province, near the Syrian "
            "border with Iraq. Baghdad sent more troops to Anbar province.")
    ms = find_places(text, gaz)
    anbar = _only(ms, "Anbar")
    assert anbar.place.country == "IQ" and anbar.geo_precision == 3


def test_a_province_of_a_country_with_some_context_is_kept(gaz):
    text = ("Syrian troops and the SDF fought in Syria's Deir ez-Zor province for a week, Syrian "
            "sources said. The Iraqi government sent reinforcements to Anbar.")
    assert _only(find_places(text, gaz), "Anbar").place.country == "IQ"


def test_a_bracketed_province_decides_the_place(gaz):
    # "Bulo Marer" is a supplement town of the hinted province
    ms = find_places("Militants stormed a base in Bulo Marer (Lower Shabeellaha) at dawn.", gaz)
    assert [(m.surface, m.place.kind, m.place.country) for m in ms] == [
        ("Bulo Marer", "town", "SO"), ("Lower Shabeellaha", "admin1", "SO")]
    jenin = find_places("Troops raided the Jenin refugee camp (West Bank) overnight.", gaz)
    assert _only(jenin, "Jenin").place.country == "PS"


def test_a_province_after_a_comma_is_a_hint_but_a_list_of_towns_is_not(gaz):
    ms = find_places("Gunmen attacked a village near Damboa, Borno State, on Friday.", gaz)
    assert _only(ms, "Damboa").place.country == "NG"
    towns = find_places("Strikes hit Hajin, Susah and al-Baghuz in Syria.", gaz)
    assert {"Hajin", "Susah", "al-Baghuz"} <= set(_names(towns))


def test_residents_of_a_town_name_the_town(gaz):
    assert "Wad Madani" in _names(find_places("Residents of Wad Madani marched on Sunday.", gaz))


def test_a_capital_abroad_struck_across_the_border_is_kept(gaz):
    text = "Ukrainian drones struck buildings in Moscow, Ukrainian officials said of the Ukrainian raid."
    assert _only(find_places(text, gaz), "Moscow").place.country == "RU"


@pytest.mark.parametrize("sentence, country, admin1", [
    ("Rebels entered Kitchanga after a day of fighting.", "CD", "North Kivu"),
    ("Fighters attacked the naval base at Baga on Lake Chad.", "NG", "Borno"),
    ("A strike hit a school in the Maghazi refugee camp.", "PS", "Gaza Strip"),
    ("Tanks advanced into Shejaiya at dawn.", "PS", "Gaza Strip"),
    ("Troops pushed south of Rabotino towards Tokmak.", "UA", "Zaporizhzhia"),
    ("Survivors of the Mai Kadra killings fled to Sudan.", "ET", "Tigray"),
    ("Gunmen stormed Solhan overnight.", "BF", "Sahel"),
    ("Al-Shabaab fighters left Barawa before the troops arrived.", "SO", "Lower Shabelle"),
])
def test_conflict_towns_of_the_supplement_resolve_in_their_country(gaz, sentence, country, admin1):
    found = [m for m in find_places(sentence, gaz) if m.place.country == country]
    assert found and found[0].place.admin1 == admin1


def test_a_place_name_inside_a_persons_name_is_no_place(gaz):
    text = ("Gunmen killed two guards in Uruapan; the victims were named as Rosa Madero Ibarra and a colleague. "
            "Miguel Aguililla said the road was closed. Shelling hit Eastern Ghouta and Mount Sinjar.")
    names = _names(find_places(text, gaz))
    assert "Uruapan" in names and "Madero" not in names and "Ibarra" not in names and "Aguililla" not in names
    assert "Sinjar" in names


def test_a_town_whose_name_also_joins_arabic_names_is_still_a_place():
    from sitrep.gazetteer import load_gazetteer

    mentions = find_places("ADF rebels attacked Beni on Monday.", load_gazetteer())
    assert [(m.place.name, m.place.country) for m in mentions] == [("Beni", "CD")]


@pytest.mark.parametrize("sentence, surface, country, kind", [
    ("Police exchanged fire with a gang in Petion-Ville (Ouest) overnight.", "Petion-Ville", "HT", "place"),
    ("A car bomb went off outside a barracks in Tame (Arauca) on Tuesday.", "Tame", "CO", "place"),
    ("Several families left their homes around Tibu (Norte de Santander).", "Tibu", "CO", "place"),
    ("Gunmen torched houses in a village close to Imphal (Manipur).", "Manipur", "IN", "admin1"),
    ("Shelling was reported near Glushkovo (Kursk) late on Friday.", "Glushkovo", "RU", "place"),
    ("Settlers set vehicles alight in Jit (Qalqilya) at dawn.", "Jit", "PS", "village"),
])
def test_a_bracketed_province_places_the_town_in_its_country(gaz, sentence, surface, country, kind):
    m = _only(find_places(sentence, gaz), surface)
    assert (m.place.country, m.place.kind) == (country, kind)


def test_a_bracketed_philippine_province_is_not_a_shorter_town(gaz):
    ms = find_places("A grenade was thrown at a market in Marawi (Lanao del Sur) on Monday.", gaz)
    assert "Lanao del Sur" in _names(ms) and "Lanao" not in _names(ms)
    assert _only(ms, "Marawi").place.country == "PH"


def test_the_province_named_in_the_text_picks_the_namesake_town(gaz):
    text = ("Evacuations went on across the Kursk region. Troops held off an assault near the village "
            "of Korenevo, officials in Moscow said.")
    m = _only(find_places(text, gaz), "Korenevo")
    assert m.place.admin1 == "Kursk"


def test_a_state_named_like_its_town_stays_the_state(gaz):
    m = _only(find_places("Clashes shook Culiacan, the capital of Sinaloa, on Monday.", gaz), "Sinaloa")
    assert m.place.kind == "admin1"


def test_a_quoted_nickname_is_no_place(gaz):
    ms = find_places('Authorities detained the trafficker Joaquin "El Mayo" Ortega in Sonora, Mexico.', gaz)
    assert "El Mayo" not in _names(ms) and "Mayo" not in _names(ms)


@pytest.mark.parametrize("text, places", [
    ("The acting governor Alexei Smirnov said the village was shelled.", []),
    ("The regional governor, Oleg Sinegubov, said two houses burned.", []),
    ("Alexei Smirnov, the acting governor, wrote on Telegram.", []),
    ("The army spokesman Brig. Gen. Nabil Abdallah spoke on Sunday.", []),
    ("Deputy governor Ivan Petrov said Kursk was hit.", ["Kursk"]),
    ("President Volodymyr Zelensky said Pokrovsk was under attack.", ["Pokrovsk"]),
    ("General Mohamed Hamdan Dagalo said El Fasher would fall.", ["El Fasher"]),
])
def test_names_after_or_before_a_title_are_persons(gaz, text, places):
    assert _names(find_places(text, gaz)) == places


def test_a_country_right_after_said_is_the_speakers_subject(gaz):
    text = "Governor Ivan Petrov said Russia had fired six missiles at Dnipro."
    assert _names(find_places(text, gaz)) == ["Dnipro"]


@pytest.mark.parametrize("text, surface, cc", [
    ("Ukrainian troops said fighting was reported in Uman on Monday.", "Uman", "UA"),
    ("Fighting was reported in As Samawah, Iraq, on Monday.", "As Samawah", "IQ"),
    ("Myanmar troops fought in Chin state.", "Chin", "MM"),
])
def test_a_town_spelt_as_written_is_not_a_country_of_like_key(gaz, text, surface, cc):
    assert _only(find_places(text, gaz), surface).place.country == cc


def test_country_names_with_the_and_acronyms(gaz):
    ms = find_places("Fighting was reported in Aketi, Democratic Republic of the Congo, on Monday.", gaz)
    assert _only(ms, "Aketi").place.country == "CD"
    ms = find_places("Rebels attacked a village in the DRC on Monday.", gaz)
    assert _only(ms, "DRC").place.country == "CD"
    assert find_places("The SDF and ISIS said nothing.", gaz) == []


@pytest.mark.parametrize("name, country", [("Port-au-Prince", "HT"), ("Croix-des-Bouquets", "HT")])
def test_hyphenated_names_with_lower_case_joiners_are_whole(name, country):
    mentions = find_places(f"Gangs attacked {name} on Monday.", load_gazetteer())
    assert [(m.surface, m.place.country) for m in mentions] == [(name, country)]


@pytest.mark.parametrize("text,surface,country,admin1", [
    ("Rebels captured the town of Anadan on Wednesday.", "Anadan", "SY", "Aleppo"),
    ("A suicide bomber struck a military base in Balcad on Monday.", "Balcad", "SO", "Middle Shabelle"),
    ("Drones struck a pharmacy in Tinzaouaten on Sunday.", "Tinzaouaten", "ML", "Kidal"),
])
def test_supplement_towns_from_sourced_coordinates(gaz, text, surface, country, admin1):
    m = _only(find_places(text, gaz), surface)
    assert (m.place.country, m.place.admin1, m.geo_precision) == (country, admin1, 1)


@pytest.mark.parametrize("text,want", [
    ("GOMA, Congo (Reuters) - M23 rebels clashed with Congolese soldiers in Sake, 25 km west of Goma, on Tuesday, "
     "killing four people, the army said.", "Sake"),
    ("In Sake, 25 km west of Goma, M23 rebels clashed with Congolese soldiers on Tuesday, killing four people.", "Sake"),
    ("BEIRUT (AFP) - Rebels launched an offensive against government forces west of Aleppo on Wednesday and "
     "captured the town of Anadan, a monitor said.", "Anadan"),
])
def test_reference_place_gives_way_to_the_named_town(gaz, text, want):
    from sitrep.models import Report
    from sitrep.pipeline import extract
    events = extract(Report(id="t", text=text, published="2024-11-28"), gaz)["events"]
    assert events and {e["location"]["name"] for e in events} == {want}, [e["location"] for e in events]


def test_place_word_inside_an_organisation_name_is_no_place(gaz):
    assert "Gezira" not in _names(find_places("The Gezira Conference said fighters abducted 20 men.", gaz))


# --- collisions of lookup keys, fixed in the data (supplement rows and stopwords) -----------------------
def test_tyre_in_a_lebanese_report_is_not_tera_in_niger(gaz):
    ms = find_places("Two people died when a drone hit a car outside Tyre, Lebanese officials said on Monday.", gaz)
    m = _only(ms, "Tyre")
    assert m.place.country == "LB"
    ms = find_places("Soldiers were ambushed close to Tera in western Niger on Friday.", gaz)
    assert _only(ms, "Tera").place.country == "NE"


def test_gulf_of_aden_is_a_sea_area_not_the_city(gaz):
    ms = find_places("A tanker was struck by a drone in the Gulf of Aden on Tuesday, Yemeni sources said.", gaz)
    m = _only(ms, "Gulf of Aden")
    assert m.place.kind == "area" and m.geo_precision == 2
    assert "Aden" not in _names(ms) and "Gulf" not in _names(ms)


@pytest.mark.parametrize("text, word", [
    ("Houthi forces launched drones toward Marib on Sunday.", "Houthi"),
    ("The Houthis said they had downed a drone over Saada.", "Houthis"),
    ("Al-Shabaab fighters stormed a base near Jowhar in Somalia.", "Al-Shabaab"),
    ("Militants attacked Ceel Baraf in Middle Shabelle, Somalia, on Sunday.", "Ceel"),
])
def test_group_names_and_name_prefixes_are_no_places(gaz, text, word):
    ms = find_places(text, gaz)
    assert word not in _names(ms)
    assert all(m.place.name not in ("Ḩūth", "Eyl", "Shabāb") for m in ms)


@pytest.mark.parametrize("text, surface", [
    ("Israeli strikes on Gaza killed 20 people on Monday.", "Gaza"),
    ("Israeli strikes on Rafah killed 20 people on Monday.", "Rafah"),
    ("Israeli troops raided Hebron, Bethlehem and Jericho overnight.", "Hebron"),
    ("Israeli troops raided Hebron, Bethlehem and Jericho overnight.", "Jericho"),
])
def test_palestinian_towns_named_like_towns_abroad(gaz, text, surface):
    assert _only(find_places(text, gaz), surface).place.country == "PS"


@pytest.mark.parametrize("text, surface, country, admin1", [
    ("Shelling hit Khiam and Kfarchouba on Monday, Lebanese media said.", "Khiam", "LB", "Nabatieh"),
    ("Shelling hit Khiam and Kfarchouba on Monday, Lebanese media said.", "Kfarchouba", "LB", "Nabatieh"),
    ("The Arakan Army took Ponnagyun and Rathedaung in Myanmar.", "Ponnagyun", "MM", "Rakhine"),
    ("The Arakan Army took Ponnagyun and Rathedaung in Myanmar.", "Rathedaung", "MM", "Rakhine"),
    ("Airstrikes hit Kyaukphyu in Myanmar on Friday.", "Kyaukphyu", "MM", "Rakhine"),
    ("Rebels overran the Rumangabo camp in North Kivu.", "Rumangabo", "CD", "North Kivu"),
    ("Gangs burned homes in Petite-Rivière in Haiti on Monday.", "Petite-Rivière", "HT", "Artibonite"),
    ("Insurgents shelled Bulo Burte in Somalia on Monday.", "Bulo Burte", "SO", "Hiiraan"),
])
def test_added_places_resolve(gaz, text, surface, country, admin1):
    p = _only(find_places(text, gaz), surface).place
    assert (p.country, p.admin1) == (country, admin1)


def test_a_province_named_with_and_is_one_hint(gaz):
    # "Jammu and Kashmir" is one province: the bracket keeps the town in India
    found = {m.surface: m.place for m in find_places("Gunmen shot a trader in Srinagar (Jammu and Kashmir) today.", gaz)}
    assert found["Srinagar"].country == "IN"
    assert "Kashmir" not in found


def test_a_country_after_a_comma_narrows_the_town(gaz):
    # a name known only abroad is no place of ours when the text says which country it is in
    found = {m.surface: m.place for m in find_places("Raiders hit the outpost at Boulkessi, Mali, at dawn.", gaz)}
    assert all(p.country == "ML" for p in found.values())


def test_a_possessive_province_narrows_the_town_after_it(gaz):
    # the township is not in Sagaing; its namesakes elsewhere in the country must not be taken
    found = {m.surface: m.place for m in find_places("Jets bombed Sagaing region's Kani township on Sunday.", gaz)}
    assert all(p.admin1 == "Sagaing" for p in found.values())
    kherson = _only(find_places("Shells landed in Ukraine's Kherson overnight.", gaz), "Kherson")
    assert kherson.place.country == "UA"


def test_a_title_case_headline_reads_no_loose_namesakes(gaz):
    found = [m.place.name for m in find_places("Drone Strike Kills Nine At Wedding In Central Myanmar", gaz)]
    assert found == ["Myanmar"]  # not Dronero (Italy)
    found = [m.place.country for m in find_places("Bomb Blast Rocks Market As Rebels Shell Raqqa", gaz)]
    assert found == ["SY"]  # "Bomb" is not Bombay; "Raqqa" still is Ar Raqqah


def test_common_report_words_are_no_places(gaz):
    for text in ("Gas leaks after the strike.", "Mall closed.", "Wedding guests fled.", "Convoy hit overnight."):
        assert find_places(text, gaz) == [], text


def test_a_common_village_name_near_a_town_is_the_namesake_near_it(gaz):
    found = {m.surface: m.place for m in find_places("Troops took Novoselivka near Pokrovsk on Friday.", gaz)}
    from sitrep.stages.places import distance_km
    assert distance_km(found["Novoselivka"], found["Pokrovsk"]) < 80  # not the larger Novoselivka in Odesa region


def test_a_capital_struck_is_not_a_hamlet_of_the_attackers_country(gaz):
    found = [m.place for m in find_places("Russian missiles hit Kiev on Monday.", gaz)]
    assert [(p.name, p.country) for p in found] == [("Kyiv", "UA")]


def test_a_lone_loose_namesake_abroad_is_dropped(gaz):
    # "Mir Ali" matches only a Philippine town spelt nothing like it, in a country nothing else names
    assert all(m.place.country != "PH" for m in find_places("Gunmen killed an elder in Mir Ali on Monday.", gaz))


def test_title_case_headlines_are_found_once_per_text():
    from sitrep.stages.places import _title_case_lines

    text = "Drone Strike Kills Nine At Wedding\n\nA drone struck a wedding party in a village on Monday.\n"
    assert _title_case_lines(text) == [(0, 34)]
    assert _title_case_lines("one long paragraph without any headline at all, written in plain prose. " * 1000) == []


def test_a_transliteration_of_the_gazetteer_name_is_no_loose_namesake(gaz):
    # GeoNames spells it Bayt Lāhyā; a lone name is dropped only when every reading is spelt quite unlike it
    m = _only(find_places("Tank shells fell on Beit Lahia overnight.", gaz), "Beit Lahia")
    assert m.place.country == "PS"


def test_the_reading_spelt_as_written_wins_over_one_that_only_shares_the_key(gaz):
    m = _only(find_places("Clashes were reported in Merawi on Sunday.", gaz), "Merawi")
    assert m.place.country == "ET"


def test_a_capital_that_speaks_mid_sentence_and_a_province_named_with_its_noun():
    from sitrep.models import Report
    from sitrep.pipeline import extract

    out = extract(Report(id="t", published="2024-03-02", text=(
        "On 1 March 2024, Pakistani jets bombed two villages in Khost province, in what Islamabad said "
        "was a raid on TTP camps.")))
    (e,) = [e for e in out["events"] if e["modality"] == "occurred"]
    assert (e["location"]["name"], e["location"]["country"]) == ("Khost", "AF")
