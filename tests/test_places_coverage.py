"""Coverage of conflict places that GeoNames cities500 lacks or resolves to a namesake abroad.

Each case is a place added to `places_supplement.tsv` (or a GeoNames entry the supplement curates):
a plain sentence naming it must resolve the mention to the right country, within 5 km of the
coordinates the row carries. The wrong-namesake cases check that the curated entry outranks the
more populous namesake that shares its lookup key.
"""
from __future__ import annotations


import pytest

from sitrep.gazetteer import load_gazetteer
from sitrep.link import haversine_km
from sitrep.stages.places import find_places


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def _resolved(gaz, text, surface):
    found = [m for m in find_places(text, gaz) if m.surface == surface]
    assert found, (surface, [(m.surface, m.place.name, m.place.country) for m in find_places(text, gaz)])
    return found[0].place


# (surface as written, ISO2, latitude, longitude) of the row the mention must resolve to
ADDED = [
    ("Mondoro", "ML", 14.676, -1.951),
    ("Hombori", "ML", 15.283, -1.700),
    ("Sevare", "ML", 14.517, -4.100),
    ("Kantchari", "BF", 12.476, 1.512),
    ("Markoye", "BF", 14.639, 0.034),
    ("Djibasso", "BF", 13.122, -4.156),
    ("Ardamata", "SD", 13.453, 22.447),
    ("Jebel Marra", "SD", 12.950, 24.267),
    ("Nasir", "SS", 8.600, 33.067),
    ("Renk", "SS", 11.750, 32.800),
    ("Pibor", "SS", 6.800, 33.133),
    ("Zalambessa", "ET", 14.517, 39.383),
    ("Afmadow", "SO", 0.517, 42.067),
    ("Dolow", "SO", 4.167, 42.083),
    ("Kavumu", "CD", -2.309, 28.809),
    ("Fizi", "CD", -4.300, 28.933),
    ("Kolofata", "CM", 11.162, 14.011),
    ("Baga Sola", "TD", 13.533, 14.317),
    ("Thandwe", "MM", 18.467, 94.367),
    ("Sonamarg", "IN", 34.300, 75.283),
    ("Darra Adam Khel", "PK", 33.667, 71.500),
    ("Torkham", "AF", 34.100, 71.083),
    ("Seiyun", "YE", 15.933, 48.783),
    ("Jalawla", "IQ", 34.272, 45.168),
    ("Kadhimiya", "IQ", 33.380, 44.340),
    ("Sarmada", "SY", 36.183, 36.717),
    ("Sayyida Zeinab", "SY", 33.444, 36.333),
    ("Shayrat", "SY", 34.490, 36.909),
    ("Aitaroun", "LB", 33.116, 35.468),
    ("Maroun al-Ras", "LB", 33.081, 35.422),
    ("Aita al-Shaab", "LB", 33.097, 35.334),
    ("Dahiyeh", "LB", 33.850, 35.510),
    ("Nir Oz", "IL", 31.310, 34.400),
    ("Kissufim", "IL", 31.374, 34.399),
    ("Kiryat Arba", "PS", 31.533, 35.122),
    ("Tal al-Sultan", "PS", 31.297, 34.244),
    ("Cite Soleil", "HT", 18.583, -72.333),
    ("Tabarre", "HT", 18.580, -72.270),
    ("Mitiga", "LY", 32.894, 13.276),
    ("Hadrut", "AZ", 39.517, 47.033),
    ("Fordow", "IR", 34.885, 50.996),
    ("Hmeimim", "SY", 35.401, 35.949),
    ("Kuweires", "SY", 36.187, 37.583),
    ("Snake Island", "UA", 45.255, 30.204),
    ("Bab el-Mandeb", "YE", 12.583, 43.333),
    ("Houla", "LB", 33.210, 35.517),
    ("Auno", "NG", 11.848, 12.917),
    ("Pulka", "NG", 11.223, 13.780),
    ("Ngouboua", "TD", 13.529, 14.017),
    ("Jalazone", "PS", 31.952, 35.212),
    ("Tayr Debba", "LB", 33.274, 35.279),
]


@pytest.mark.parametrize("surface, country, lat, lon", ADDED, ids=[c[0] for c in ADDED])
def test_an_added_place_resolves_to_its_row(gaz, surface, country, lat, lon):
    p = _resolved(gaz, f"Gunmen attacked {surface} on Monday.", surface)
    assert p.country == country, (surface, p)
    assert haversine_km(lat, lon, p.latitude, p.longitude) <= 5.0, (surface, p)


# spellings written in reports that lead to the same row
@pytest.mark.parametrize("sentence, surface, country", [
    ("Drones struck Ayta ash-Shab and Odaisseh in southern Lebanon on Monday.", "Ayta ash-Shab", "LB"),
    ("Drones struck Ayta ash-Shab and Odaisseh in southern Lebanon on Monday.", "Odaisseh", "LB"),
    ("Israeli shelling hit Houla and Meiss al-Jabal, Lebanese media said.", "Houla", "LB"),
    ("Israeli shelling hit Houla and Meiss al-Jabal, Lebanese media said.", "Meiss al-Jabal", "LB"),
    ("Israeli forces raided Dheisheh camp near Bethlehem overnight.", "Dheisheh", "PS"),
    ("The RSF shelled Shambat and Kafouri in Khartoum Bahri on Sunday.", "Kafouri", "SD"),
    ("Al-Shabaab fighters attacked a checkpoint in Afmadoow in Somalia.", "Afmadoow", "SO"),
    ("Gangs torched houses in Martissant and Solino in Port-au-Prince.", "Solino", "HT"),
])
def test_report_spellings_resolve_in_context(gaz, sentence, surface, country):
    assert _resolved(gaz, sentence, surface).country == country


# a curated row outranks the more populous namesake sharing its lookup key
@pytest.mark.parametrize("sentence, surface, country, admin1, not_name", [
    ("Gunmen attacked Anka on Monday.", "Anka", "NG", "Zamfara", "Ankpa"),
    ("Gunmen attacked Bakura on Monday.", "Bakura", "NG", "Zamfara", "Bakori"),
    ("Maoists ambushed troops at Bijapur on Monday.", "Bijapur", "IN", "Chhattisgarh", "Vijayapura"),
    ("Militants attacked an army post in Rajouri on Monday.", "Rajouri", "IN", "Jammu and Kashmir", "Ahmadpur"),
    ("Shelling hit Uri on Monday.", "Uri", "IN", "Jammu and Kashmir", "Orai"),
    ("Gunmen attacked Moreh on Monday.", "Moreh", "IN", "Manipur", "Bilimora"),
    ("Israeli forces raided Bil'in on Monday.", "Bil'in", "PS", "West Bank", "Bethlehem"),
    ("Israeli forces raided Qalandia on Monday.", "Qalandia", "PS", "West Bank", "‘Aţārūt"),
    ("RSF fighters entered Al-Fao in eastern Sudan on Monday.", "Al-Fao", "SD", "Al Qadarif", "Al Fāw"),
    ("Ukrainian marines held Krynky on the left bank of the Dnipro.", "Krynky", "UA", "Kherson", "Velyki Krynky"),
    ("Russian forces captured Hrodivka on Monday.", "Hrodivka", "UA", "Donetsk", "Myrnohrad"),
    ("Militants stormed Rhamu on Monday.", "Rhamu", "KE", None, "Lamu"),
    ("Israeli forces raided Fawwar on Monday.", "Fawwar", "PS", "West Bank", "Huwara"),
    ("Boko Haram fighters attacked Banki on Monday.", "Banki", "NG", "Borno", "Krasnogorsk"),
    ("Drone strikes on Odaisseh wounded two, Lebanese media said.", "Odaisseh", "LB", "Nabatieh", "Odesa"),
])
def test_a_curated_place_outranks_its_namesake(gaz, sentence, surface, country, admin1, not_name):
    p = _resolved(gaz, sentence, surface)
    assert (p.country, p.admin1) == (country, admin1), p
    assert p.name != not_name


def test_a_neighbourhood_row_lies_within_its_city(gaz):
    """Rows that carry their city's coordinates (districts, camps) stay within a few km of it."""
    gaza = _resolved(gaz, "Airstrikes hit Rimal on Monday, Gaza officials said.", "Rimal")
    city = _resolved(gaz, "Airstrikes hit Rimal on Monday, Gaza officials said.", "Gaza")
    assert gaza.country == "PS" and haversine_km(gaza.latitude, gaza.longitude, city.latitude, city.longitude) <= 5.0
