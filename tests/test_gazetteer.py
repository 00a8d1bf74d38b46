"""The gazetteer: name keys, lookups, the cached index and GeoNames imports."""
from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest

from sitrep import gazetteer as gz
from sitrep.gazetteer import load_gazetteer, name_key

PACKAGE_DATA = Path(gz.__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def gaz():
    """The real gazetteer, built once into the user cache (or $SITREP_CACHE_DIR)."""
    return load_gazetteer()


@pytest.mark.parametrize("variants", [
    ["Hajin", "Hajjin", "Hajīn", "Hadjin"],
    ["Shaafah", "Sha'fah", "Sha’fah", "Shafa", "al-Shaafah"],
    ["Deir ez-Zor", "Deir Ezzor", "Dayr az Zawr", "Deir ez-Zour", "Deir al-Zour"],
    ["Baghouz", "Baghuz", "al-Baghuz"],
    ["Susah", "Sousa", "As-Sousah"],
    ["Mekele", "Mek'ele", "Mekelle"],
    ["Korem", "Korim"],
    ["Jisr al-Shughur", "Jisr ash-Shughour"],
])
def test_name_key_merges_transliterations(variants):
    assert len({name_key(v) for v in variants}) == 1, [name_key(v) for v in variants]


@pytest.mark.parametrize("a,b", [
    ("Homs", "Hama"), ("Aden", "Adana"), ("Niger", "Nigeria"), ("Iraq", "Iran"),
    ("Raqqa", "Ruqqa Hill"), ("Idlib", "Afrin"), ("Goma", "Gao"), ("Mosul", "Manbij"),
    ("Kobani", "Kobane Road"), ("Addis Ababa", "Abu Kamal"),
])
def test_name_key_keeps_different_names_apart(a, b):
    assert name_key(a) != name_key(b)


def test_name_key_keeps_short_names_non_empty():
    for name in ("Ibb", "Gao", "Bor", "Hit", "Ana"):
        assert len(name_key(name)) >= 2


def test_supplement_villages_are_found_under_their_spellings(gaz):
    for spelling in ("Baghouz", "al-Baghuz", "Baghuz Fawqani", "Sha'fah", "al-Shafa",
                     "Masashidah", "al-Marshada", "Shajilah", "al-Omar oil field"):
        places = [p for p in gaz.lookup(name_key(spelling)) if p.country == "SY"]
        assert places, spelling
        assert places[0].admin1 == "Deir ez-Zor"
    kihondo = gaz.lookup(name_key("Kihondo"))[0]
    assert (kihondo.country, kihondo.kind) == ("CD", "camp")
    assert any(p.country == "ML" for p in gaz.lookup(name_key("Soumpi")))


def test_supplement_spellings_join_the_geonames_entry(gaz):
    maisho = [p for p in gaz.lookup(name_key("Maisho")) if p.country == "ET"]
    assert maisho and maisho[0].geonameid == 331416
    korim = [p for p in gaz.lookup(name_key("Korim")) if p.country == "ET"][0]
    assert korim.geonameid == 332746 and korim.admin2 == "Southern Tigray"


def test_admin1_is_a_name_not_a_code(gaz):
    hajin = [p for p in gaz.lookup(name_key("Hajin")) if p.country == "SY"][0]
    assert hajin.admin1 == "Deir ez-Zor"
    dez = gaz.admin1_place("SY", "Deir Ezzor")
    assert dez.kind == "admin1" and (dez.latitude, dez.longitude) == (35.33588, 40.14084)
    assert gaz.admin1_place("ET", "Tigray").name == "Tigray"
    assert gaz.admin1_place("SY", "Atlantis") is None


def test_countries_are_places_but_demonyms_are_not(gaz):
    syria = gaz.country_place("SY")
    assert syria.kind == "country" and syria.name == "Syria"
    assert any(p.kind == "country" and p.country == "SY" for p in gaz.lookup(name_key("Syria")))
    assert not any(p.kind == "country" for p in gaz.lookup(name_key("Syrian")))
    assert gaz.demonym_country("Iraqi") == "IQ"


# --- the cache -------------------------------------------------------------------------------
def _tiny_inputs(tmp_path: Path) -> tuple[Path, Path]:
    cities = {
        "1": {"geonameid": 1, "name": "Qaryat Nur", "latitude": 35.1, "longitude": 40.1,
              "countrycode": "SY", "population": 900, "admin1code": "07",
              "alternatenames": ["Qariat Noor"]},
        "2": {"geonameid": 2, "name": "Damascus", "latitude": 33.5102, "longitude": 36.29128,
              "countrycode": "SY", "population": 2000000, "admin1code": "13", "alternatenames": []},
    }
    cities_path = tmp_path / "cities.json"
    cities_path.write_text(json.dumps(cities))
    data = tmp_path / "data"
    data.mkdir()
    for name in ("admin1.tsv", "countries_extra.tsv"):
        shutil.copy(PACKAGE_DATA / name, data / name)
    (data / "places_supplement.tsv").write_text(
        "# test supplement\nname\taliases\tlatitude\tlongitude\tcountry\tadmin1\tadmin2\tkind\tnote\tgeonameid\n"
        "Tall Waraq\tTell Waraq\t35.2\t40.2\tSY\tDeir ez-Zor\t\tvillage\ttest row\t\n", encoding="utf-8")
    return cities_path, data


def test_cache_is_rebuilt_when_a_data_file_changes(tmp_path):
    cities, data = _tiny_inputs(tmp_path)
    cache = tmp_path / "cache"
    g1 = load_gazetteer(str(cache), data_dir=str(data), cities_path=str(cities), reload=True)
    assert g1.lookup(name_key("Tell Waraq"))
    assert not g1.lookup(name_key("Khirbat Sama"))
    files1 = sorted(cache.glob("gazetteer-*.marshal"))
    assert len(files1) == 1
    with open(data / "places_supplement.tsv", "a", encoding="utf-8") as f:
        f.write("Khirbat Sama\t\t35.3\t40.3\tSY\tDeir ez-Zor\t\tvillage\ttest row\t\n")
    g2 = load_gazetteer(str(cache), data_dir=str(data), cities_path=str(cities), reload=True)
    assert g2.digest != g1.digest
    assert g2.lookup(name_key("Khirbat Sama"))
    files2 = sorted(cache.glob("gazetteer-*.marshal"))
    assert len(files2) == 1 and files2 != files1      # the stale index is removed
    g3 = load_gazetteer(str(cache), data_dir=str(data), cities_path=str(cities), reload=True)
    assert g3.digest == g2.digest                     # unchanged inputs: read from the cache
    assert not list(PACKAGE_DATA.glob("gazetteer-*"))


def test_cache_dir_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("SITREP_CACHE_DIR", str(tmp_path / "envcache"))
    assert gz.default_cache_dir() == tmp_path / "envcache"
    assert gz.default_cache_dir(str(tmp_path / "arg")) == tmp_path / "arg"


def test_loading_the_cached_index_is_fast(gaz):
    start = time.perf_counter()
    load_gazetteer(reload=True)
    assert time.perf_counter() - start < 2.0


# --- GeoNames import -------------------------------------------------------------------------
def _geonames_row(*cells: str) -> str:
    assert len(cells) == 19
    return "\t".join(cells) + "\n"


def test_import_geonames_keeps_places_skips_and_counts_bad_lines(tmp_path):
    cities, data = _tiny_inputs(tmp_path)
    cache = tmp_path / "cache"
    dump = tmp_path / "SY.txt"
    dump.write_text(
        _geonames_row("9000001", "Tall Qasab", "Tall Qasab", "Tell Qassab,Tal Qasab", "34.9", "40.6",
                      "P", "PPL", "SY", "", "07", "", "", "", "0", "", "230", "Asia/Damascus", "2024-01-01")
        + _geonames_row("9000002", "Wadi Sabkha", "Wadi Sabkha", "", "34.8", "40.7",
                        "H", "STM", "SY", "", "07", "", "", "", "0", "", "200", "Asia/Damascus", "2024-01-01")
        + _geonames_row("9000003", "Mukhayyam Sabkha", "Mukhayyam Sabkha", "Sabkha camp", "34.7", "40.8",
                        "S", "CMPRF", "SY", "", "07", "", "", "", "0", "", "200", "Asia/Damascus", "2024-01-01")
        + "9000004\tbroken line with too few columns\n"
        + _geonames_row("9000005", "Bad Coordinates", "", "", "north", "40.8",
                        "P", "PPL", "SY", "", "07", "", "", "", "0", "", "", "", "2024-01-01"),
        encoding="utf-8")
    kept = gz.import_geonames(dump, cache_dir=str(cache))
    assert kept == 2
    assert gz.last_import_stats() == {"kept": 2, "skipped": 1, "bad": 2}
    g = load_gazetteer(str(cache), data_dir=str(data), cities_path=str(cities), reload=True)
    village = g.lookup(name_key("Tell Qassab"))
    assert village and village[0].admin1 == "Deir ez-Zor" and village[0].geonameid == 9000001
    assert g.lookup(name_key("Sabkha camp"))[0].kind == "site"
    assert not g.lookup(name_key("Wadi Sabkha"))


# --- the data files --------------------------------------------------------------------------
def test_data_files_have_provenance_and_valid_rows():
    from sitrep.gazetteer_build import read_tsv

    for name in ("admin1.tsv", "places_supplement.tsv", "countries_extra.tsv",
                 "place_stopwords.txt", "place_cues.tsv"):
        head = (PACKAGE_DATA / name).read_text(encoding="utf-8").splitlines()[:10]
        assert any("source" in line for line in head if line.startswith("#")), name
    admin1 = read_tsv(PACKAGE_DATA / "admin1.tsv")
    names = {(r["country"], r["name"]) for r in admin1}
    assert len(names) == len(admin1)
    covered = {r["country"] for r in admin1}
    for cc in "SY IQ YE SO NG ML BF NE SD SS UA ET ER MX AF LY CD MM IL PS LB TR CM CF MZ PK".split():
        assert cc in covered, cc
    for r in read_tsv(PACKAGE_DATA / "places_supplement.tsv"):
        assert -90 <= float(r["latitude"]) <= 90 and -180 <= float(r["longitude"]) <= 180, r["name"]
        assert r["kind"] in {"village", "town", "camp", "site", "area"}, r["name"]
        assert r["note"].strip(), r["name"]
        assert not r["admin1"] or (r["country"], r["admin1"]) in names, r["name"]


def test_a_curated_row_can_take_a_colliding_spelling_away_from_a_geonames_place():
    from sitrep.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    assert all(p.country != "SD" for p in gaz.lookup_name("Jenin"))  # al-Junaynah's "Jenina" is dropped
    assert any(p.country == "SD" for p in gaz.lookup_name("El Geneina"))


def test_an_enriched_geonames_entry_is_curated_only_under_the_supplements_spellings(gaz):
    geneina = [p for p in gaz.lookup(name_key("Geneina")) if p.country == "SD"][0]
    assert geneina.source == "geonames+supplement"  # the supplement spells it so
    own_alternates = [p for k in gaz._keys for p in gaz.lookup(k) if p.geonameid == geneina.geonameid]
    assert any(p.source == "geonames" for p in own_alternates), "GeoNames' own alternates read as plain GeoNames"
