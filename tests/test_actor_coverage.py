"""Coverage of the actor dictionary beyond the dev set's wars.

Every sentence here was written for this file. Each positive case checks that find_actors names the
group with its canonical (ACLED-style) name; the negative cases check that ordinary words and
namesakes are not read as actors, and the country-dependent cases that an acronym or a generic
phrase means the group of the report's war.
"""
from __future__ import annotations

import pytest

from sitrep.stages.actors import actor_info, find_actors, validate_actor_table


def names(text: str, country: str | None = None, places: dict | None = None) -> list[str]:
    return [m.canonical for m in find_actors(text, country_hint=country, place_countries=places)]


def test_tables_still_validate():
    assert validate_actor_table() == []


# -- named groups: the sentence's group is found under its canonical -------------------------------------
@pytest.mark.parametrize("text, canonical", [
    # India
    ("Naxalites torched three trucks at a road site in Dantewada overnight.",
     "CPI (Maoist): Communist Party of India (Maoist)"),
    ("A CPI (Maoist) area commander surrendered in Gadchiroli.", "CPI (Maoist): Communist Party of India (Maoist)"),
    ("CRPF personnel came under fire near a forward camp.", "Police Forces of India"),
    ("Assam Rifles columns searched hamlets along the border.", "Military Forces of India"),
    ("Arambai Tenggol cadres stopped vehicles on the highway near Imphal.", "Arambai Tenggol"),
    ("Kuki militants fired at a paddy field from the hills.", "Kuki Ethnic Militia"),
    ("Meitei militants looted weapons from a police armoury.", "Meitei Ethnic Militia"),
    ("The Kuki National Army denied any role in the ambush.", "KNA: Kuki National Army"),
    ("UNLF cadres were arrested in Thoubal.", "UNLF: United National Liberation Front"),
    ("Lashkar-e-Taiba operatives infiltrated across the Line of Control.", "LeT: Lashkar-e-Taiba"),
    ("Two Jaish-e-Mohammed militants were killed in a gunfight in Pulwama.", "JeM: Jaish-e-Mohammed"),
    ("The Resistance Front said it carried out the attack near Srinagar.", "TRF: The Resistance Front"),
    ("A Hizbul Mujahideen commander was killed in Kishtwar.", "HM: Hizbul Mujahideen"),
    ("ULFA-I said it planted the bomb outside an army camp in Tinsukia.",
     "ULFA-I: United Liberation Front of Asom-Independent"),
    ("NSCN-IM cadres exchanged fire with troops in Ukhrul.",
     "NSCN-IM: National Socialist Council of Nagalim (Isak-Muivah)"),
    # Pakistan and Afghanistan
    ("Lashkar-e-Jhangvi gunmen shot dead two Hazara shopkeepers in Quetta.", "LeJ: Lashkar-e-Jhangvi"),
    ("BLF militants torched a construction company's machinery in Kech.", "BLF: Balochistan Liberation Front"),
    ("A Frontier Corps convoy was hit by a roadside bomb in Panjgur.", "Military Forces of Pakistan"),
    ("The Counter Terrorism Department raided a hideout in Lakki Marwat.", "Police Forces of Pakistan"),
    ("The Hafiz Gul Bahadur group said its fighters attacked a checkpost.", "Hafiz Gul Bahadur Group"),
    ("Jamaat-ul-Ahrar claimed the blast at the mosque.", "JuA: Jamaat-ul-Ahrar"),
    ("Troops killed eight khawarij in an operation in Bannu.", "TTP: Tehrik-i-Taliban Pakistan"),
    ("The Afghanistan Freedom Front said it hit a Taliban post in Panjshir.", "AFF: Afghanistan Freedom Front"),
    # Bangladesh, Myanmar, Thailand, Philippines
    ("RAB members detained a suspect in Narayanganj.", "Police Forces of Bangladesh"),
    ("Chhatra League activists attacked a student rally.", "BCL: Bangladesh Chhatra League"),
    ("KNDF fighters overran an outpost near Demoso.", "KNDF: Karenni Nationalities Defense Force"),
    ("The Chin National Army shelled a junta camp near the border.", "CNA: Chin National Army"),
    ("ARSA militants abducted two men from a refugee camp.", "ARSA: Arakan Rohingya Salvation Army"),
    ("SSPP troops moved into a village in Kyaukme township.",
     "SSPP/SSA: Shan State Progress Party/Shan State Army"),
    ("The PNLO said its forces took a hill position.", "PNLO: Pa-O National Liberation Organization"),
    ("BRN insurgents set off a bomb near a ranger base in Yala.", "BRN: Barisan Revolusi Nasional"),
    ("Dawlah Islamiyah gunmen attacked an army detachment in Lanao del Sur.", "Dawlah Islamiyah"),
    ("MILF commanders feuded over farmland in Maguindanao.", "MILF: Moro Islamic Liberation Front"),
    # Sahel, West and Central Africa
    ("Lakurawa fighters raided cattle markets in Kebbi.", "Lakurawa"),
    ("Ansaroul Islam claimed the ambush on a supply convoy near Djibo.", "Ansaroul Islam"),
    ("The Azawad Liberation Front said it downed a drone near Tinzaouaten.", "FLA: Azawad Liberation Front"),
    ("Dan Na Ambassagou hunters encircled the hamlet.", "Dan Na Ambassagou"),
    ("Fulani herdsmen attacked farming communities in Plateau.", "Fulani Ethnic Militia"),
    ("Amotekun operatives arrested four suspected kidnappers.", "Amotekun Corps"),
    ("Yan Sakai members lynched two men accused of banditry.", "Yan Sakai Militia"),
    ("Amba fighters burned a school in Kumbo.", "Ambazonian separatists"),
    ("3R rebels occupied a mining site near Bocaranga.", "3R: Return, Reclamation, Rehabilitation"),
    ("Anti-Balaka militiamen set up roadblocks near Bangassou.", "Anti-Balaka"),
    ("Twirwaneho fighters clashed with Mai-Mai groups in the highlands.", "Twirwaneho"),
    ("Zaire militia members attacked a displacement site in Djugu.", "Zaire Militia"),
    ("Imbonerakure members beat opposition supporters in Cibitoke.", "Imbonerakure"),
    # Sudan, South Sudan, Ethiopia, Somalia, Mozambique
    ("The Sudan Shield Forces entered Wad Madani with the army.", "Sudan Shield Forces"),
    ("The Al-Baraa Bin Malik Brigade lost several fighters in Omdurman.", "Al-Baraa Bin Malik Brigade"),
    ("White Army youths overran a garrison near Nasir.", "White Army"),
    ("The National Salvation Front said government troops attacked its base.", "NAS: National Salvation Front"),
    ("The Ethiopian Federal Police detained journalists in Addis Ababa.", "Police Forces of Ethiopia"),
    ("Macawiisley fighters pushed into the village at dawn.", "Macawisley militia"),
    ("Naparama militiamen repelled an attack in Nampula.", "Naparama"),
    # Middle East
    ("Kataib Hezbollah denied firing at the base.", "Kataib Hezbollah"),
    ("The Islamic Resistance in Iraq claimed a drone launch at Eilat.", "Islamic Resistance in Iraq"),
    ("Alawite insurgents ambushed a patrol near Jableh.", "Former Military Forces of Syria"),
    ("Remnants of the former regime attacked a checkpoint in Latakia.", "Former Military Forces of Syria"),
    ("Druze fighters held the road into Suwayda city.", "Druze Militia"),
    ("Bedouin tribal fighters besieged a neighbourhood of Suwayda.", "Bedouin Ethnic Militia"),
    ("The Sultan Murad Division shelled villages near the dam.", "SNA: Syrian National Army"),
    ("Islah fighters clashed with Security Belt forces in Shabwa.", "Islah: Yemeni Congregation for Reform"),
    ("Al-Aqsa Martyrs Brigades gunmen fired at an army post near Tubas.", "Al Aqsa Martyrs Brigades"),
    ("The Lions' Den claimed the shooting near Nablus.", "Lions' Den"),
    ("The Jenin Brigade said its fighters detonated an explosive device.", "Jenin Brigade"),
    ("UNIFIL reported damage to one of its positions.", "UNIFIL: United Nations Interim Force in Lebanon"),
    # Europe
    ("The Russian Volunteer Corps said it crossed into the Kursk region.", "Russian Volunteer Corps"),
    ("Freedom of Russia Legion fighters entered a village in Belgorod.", "Freedom of Russia Legion"),
    ("Rosgvardia officers detained dozens of people at the rally.", "Police Forces of Russia"),
    ("Akhmat fighters were redeployed to the Kursk front.", "Military Forces of Russia"),
    ("North Korean troops were seen near Sudzha.", "Military Forces of North Korea"),
    # Americas
    ("The Estado Mayor Central attacked a police station in Cauca.", "FARC dissidents"),
    ("Ejército Gaitanista de Colombia gunmen killed a social leader.", "Clan del Golfo"),
    ("Los Choneros members were transferred to another prison.", "Los Choneros"),
    ("Los Lobos gunmen opened fire in a Guayaquil neighbourhood.", "Los Lobos"),
    ("Los Ardillos gunmen blocked roads near Chilapa.", "Los Ardillos"),
    ("The Cartel del Noreste blocked roads in Nuevo Laredo.", "Los Zetas"),
    ("Gunmen of the 5 Segonn gang attacked a police station.", "5 Segonn Gang"),
    ("Kraze Baryè gunmen burned houses in Tabarre.", "Kraze Barye Gang"),
    ("The Canaan gang attacked villages on the road north.", "Canaan Gang"),
])
def test_named_groups_are_found_with_their_canonical(text, canonical):
    assert canonical in names(text), names(text)


def test_every_new_canonical_has_facts():
    for canonical, inter in [("CPI (Maoist): Communist Party of India (Maoist)", 2), ("Fulani Ethnic Militia", 4),
                             ("Settlers (Israel)", 4), ("Los Lobos", 3), ("Police Forces of India", 1),
                             ("UNIFIL: United Nations Interim Force in Lebanon", 8)]:
        info = actor_info(canonical)
        assert info is not None and info.inter == inter and info.kind == "armed"


# -- country-dependent names -------------------------------------------------------------------------------
@pytest.mark.parametrize("text, country, canonical", [
    ("Maoist rebels ambushed a patrol.", "IN", "CPI (Maoist): Communist Party of India (Maoist)"),
    ("Maoist rebels ambushed a patrol.", "PH", "NPA: New People's Army"),
    ("The KIA captured a jade-mining town.", "MM", "KIA: Kachin Independence Army"),
    ("The KNA said its men were fired upon.", "IN", "KNA: Kuki National Army"),
    ("The KNA said its men were fired upon.", "MM", "KNA: Karen National Army"),
    ("The EMC killed two soldiers.", "CO", "FARC dissidents"),
    ("The FLA said it shot down a drone.", "ML", "FLA: Azawad Liberation Front"),
    ("UPC fighters raided the market.", "CF", "UPC: Union for Peace in the Central African Republic"),
    ("Settlers torched cars in the village.", "PS", "Settlers (Israel)"),
    ("General Security forces arrested a former officer.", "SY", "Police Forces of Syria"),
    ("Junta troops burned the village.", "ML", "Military Forces of Mali"),
    ("Junta troops burned the village.", "MM", "Military Forces of Myanmar"),
    ("Al-Shabaab insurgents beheaded two men.", "MZ", "Islamic State Mozambique Province"),
    ("Al-Shabaab insurgents beheaded two men.", "SO", "Al Shabaab"),
    ("Gangs attacked the town overnight.", "HT", "Viv Ansanm"),
    ("Separatists killed two soldiers.", "CM", "Ambazonian separatists"),
    ("Separatists attacked a train.", "PK", "BLA: Balochistan Liberation Army"),
    ("Kurdish militants attacked a border post.", "TR", "PKK: Kurdistan Workers Party"),
    ("The BIR raided a separatist camp.", "CM", "Military Forces of Cameroon"),
    ("The BIR raided a jihadist camp.", "BF", "Military Forces of Burkina Faso"),
    ("The Islamic Resistance fired rockets at a base.", "LB", "Hezbollah"),
])
def test_acronyms_and_generic_words_follow_the_war(text, country, canonical):
    assert canonical in names(text, country), names(text, country)


def test_a_group_is_named_after_the_places_country_when_the_text_names_no_country():
    # "al-Shabaab" in a note that names only Cabo Delgado places is Mozambique's insurgency
    text = "Al-Shabaab militants killed five villagers in Macomia."
    assert names(text, places={"MZ": 2})[0] == "Islamic State Mozambique Province"


def test_an_acronym_is_no_actor_outside_its_war():
    assert names("The KIA captured a jade-mining town.", "US") == []
    assert names("CNA reported the story first.", "SG") == []
    assert names("The bank BNP Paribas reported profits.") == []
    assert "Settlers (Israel)" not in names("Settlers arrived in Virginia in 1607.", "US")


# -- state forces named by a demonym and a weapon or unit --------------------------------------------------
@pytest.mark.parametrize("text, canonical", [
    ("Russian guided bombs hit an apartment block.", "Military Forces of Russia"),
    ("Russian occupiers shelled the village again.", "Military Forces of Russia"),
    ("Israeli fire killed a man near the fence.", "Military Forces of Israel"),
    ("Ukrainian servicemen repelled the assault.", "Military Forces of Ukraine"),
    ("Beninese soldiers were ambushed near the park.", "Military Forces of Benin"),
    ("Ivorian troops reinforced the northern border.", "Military Forces of the Ivory Coast"),
    ("Burkinabe gendarmes were attacked at a checkpoint.", "Police Forces of Burkina Faso"),
])
def test_demonym_and_weapon_phrases_name_the_state(text, canonical):
    assert canonical in names(text), names(text)


def test_unnamed_security_personnel_are_the_forces_of_the_report_country():
    assert names("Security personnel killed two militants near the border.", "IN")[0] == "Military Forces of India"


# -- ordinary words and namesakes are not actors -------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Residents said the front line had barely moved in weeks.",
    "A lion escaped from the zoo and was recaptured.",
    "The resistance of residents to the new tax surprised officials.",
    "A resistance front of cold weather moved in.",
    "Let the children play, he said.",
    "The cobra bit a farmer in the field.",
    "He wore a white army jacket to the wedding.",
    "Men of dignity do not beg, the preacher said.",
    "The general security situation improved last year.",
    "The Sea of Azov froze early this year.",
    "Kia sales rose in Korea.",
    "The chin strap of his helmet broke.",
    "Territorial defence was discussed at the summit.",
    "The Shane family moved to Zaire in 1975.",
    "Guinea pigs were sold at the market.",
    "The Islamic state of Pakistan was founded in 1947.",
    "A local gang turf war was mentioned in the novel's blurb.",
])
def test_common_words_are_not_armed_actors(text):
    armed = [m for m in find_actors(text) if m.kind == "armed"]
    assert armed == [], [(m.surface, m.canonical) for m in armed]
