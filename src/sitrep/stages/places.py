"""Places stage: find place mentions in a text and resolve each to one gazetteer entry.

    find_places(text, gaz, country_hint=None) -> list[PlaceMention]

1. Mentions: runs of capitalised tokens (inner articles and hyphens allowed: "Deir ez-Zor",
   "Kafr Nabl", "al-Baghuz", "Old City of Mosul"), up to five tokens, longest match first, looked
   up by `name_key` in the gazetteer's in-memory key set. Words of `place_stopwords.txt` never
   make a place alone; nothing is read inside actor names ("Syrian Democratic Forces") or
   persons' names after a title ("President ..."); a lone word that the text also uses in
   lower case ("Pockets" / "pockets") is a common word, not a place.
2. Country context: the hint, countries and demonyms named in the text and the countries of
   unambiguous mentions vote. When the context is strong, candidates outside it are dropped
   (a mention left with none is dropped: never resolved abroad).
3. Each mention takes its best candidate: context country, closeness to the document's other
   places, curated entries, population.
4. Precision cues (`place_cues.tsv`) set geo_precision 1/2/3 and a modifier; a cue that points
   at a province ("Deir ez-Zor's eastern countryside", "X province") resolves the mention to the
   admin1 division with its centre.
"""
from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from sitrep.gazetteer import Gazetteer, fold, name_key
from sitrep.lexicons import parse_tsv
from sitrep.models import Place
from sitrep.stages.text import first_char_table, starts_at_word_boundary

__all__ = ["PlaceMention", "find_places"]

MAX_TOKENS = 5


@dataclass
class PlaceMention:
    start: int                 # offsets into the text passed in
    end: int
    surface: str
    place: Place               # the resolved gazetteer entry
    geo_precision: int         # 1 the place itself; 2 near / part of / small area; 3 province or larger
    modifier: str | None       # "outskirts", "near", "countryside", "province", "village", ...
    candidates: int            # how many gazetteer entries the surface matched


# ---------------------------------------------------------------------------------------------
# Lexicons (data files, loaded once)
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Cue:
    position: str
    regex: re.Pattern
    precision: str             # "1" "2" "3" or "admin"
    modifier: str


@dataclass(frozen=True)
class _Lexicon:
    stop: frozenset
    actor: frozenset
    title: frozenset
    before: tuple
    after: tuple
    gate: frozenset            # words a cue can end (before) or start (after) with: a cheap pre-test
    before_any: re.Pattern     # all before-cues in one pattern, one named group each
    before_by_first: dict      # first character -> the before-cues a match can start with (see _before_cue)


def _data_text(name: str) -> str:
    return resources.files("sitrep").joinpath("data", name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    sections: dict[str, set] = {"common": set(), "actor": set(), "title": set()}
    cur = "common"
    for line in _data_text("place_stopwords.txt").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            cur = line[1:-1]
            sections.setdefault(cur, set())
            continue
        sections[cur].update(w.lower() for w in line.split())
    before, after = [], []
    for row in parse_tsv(_data_text("place_cues.tsv").splitlines()):
        cue = _Cue(row["position"], re.compile(row["pattern"], re.I), row["precision"], row["modifier"])
        (before if cue.position == "before" else after).append(cue)
    gate = {w for c in before + after for w in re.findall(r"[a-z]+", c.regex.pattern.lower())}
    patterns = [c.regex.pattern for c in before]
    before_any = _cue_alternation(patterns, range(len(patterns)))
    # a match found only at word starts: every before-cue must start with \b and a word character
    by_first = first_char_table(patterns, re.I, lambda indexes: _cue_alternation(patterns, indexes))
    if not all(starts_at_word_boundary(p, re.I) for p in patterns) \
            or any(pattern is not None and not (ch.isalnum() or ch == "_") for ch, pattern in by_first.items()):
        by_first = {}
    return _Lexicon(frozenset(sections["common"] | sections["actor"]), frozenset(sections["actor"]),
                    frozenset(sections["title"]), tuple(before), tuple(after), frozenset(gate),
                    before_any, by_first)


def _cue_alternation(patterns: list[str], indexes) -> re.Pattern:
    return re.compile("|".join(f"(?P<c{i}>{patterns[i]})" for i in indexes), re.I)


# ---------------------------------------------------------------------------------------------
# Tokens
# ---------------------------------------------------------------------------------------------
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W\d_]+(?:['’][^\W\d_]+)*)*")
_ARTICLES = frozenset("al el ez ad as ash ar az an at ath adh ed es er et en".split())
_CONNECTORS = _ARTICLES | frozenset("of de du des la le los las del di da bin ibn bani beni abu wa and".split())
# lower-case words inside hyphenated names: "Port-au-Prince", "Croix-des-Bouquets", "Saint-Louis-du-Sud"
_HYPHEN_JOINERS = frozenset("au aux des de du la le les sur en el al ed ez ash as ad".split())
_KEY_MEMO: dict[str, str] = {}


def _key(surface: str) -> str:
    k = _KEY_MEMO.get(surface)
    if k is None:
        if len(_KEY_MEMO) > 200_000:
            _KEY_MEMO.clear()
        k = _KEY_MEMO[surface] = name_key(surface)
    return k


def _tokens(text: str) -> list[tuple[int, int, str, bool]]:
    """(start, end, token, capitalised) with possessives and '-held'-like suffixes cut off."""
    out = []
    append = out.append
    for m in _TOKEN.finditer(text):
        t = m.group()
        s, e = m.span()
        if len(t) > 3 and t[-1] in "sS" and t[-2] in "'’":
            e -= 2
            t = t[:-2]
        if "-" not in t:
            append((s, e, t, t[0].isupper()))
            continue
        parts = t.split("-")
        keep = len(parts)
        for i in range(1, len(parts)):
            inner = i + 1 < len(parts) and parts[i] in _HYPHEN_JOINERS and parts[i + 1][:1].isupper()
            if parts[i].islower() and parts[i - 1].lower() not in _ARTICLES and not inner:
                keep = i  # "Hajin-held": the name ends before the lower-case word
                break
        if keep < len(parts):
            parts = parts[:keep]
            t = "-".join(parts)
            e = s + len(t)
        cap = t[0].isupper() or (len(parts) > 1 and parts[0].lower() in _ARTICLES and parts[1][:1].isupper())
        append((s, e, t, cap))
    return out


def _joined(text: str, a: tuple, b: tuple) -> bool:
    """True when only spaces separate two tokens (no punctuation, no line break)."""
    gap = text[a[1]:b[0]]
    return 0 < len(gap) <= 2 and gap.strip(" ") == ""


# ---------------------------------------------------------------------------------------------
# Finding
# ---------------------------------------------------------------------------------------------
@dataclass
class _Raw:
    start: int
    end: int
    surface: str
    key: str
    cands: list


_SPEECH = frozenset("said told says according".split())
_ABBREV_GAP = re.compile(r"\. ?$")
_APPOS = re.compile(r"\s*,\s+((?:[a-z][a-z'’-]*\s+){0,3})([A-Za-z]+)\b")


def _name_gap(text: str, a: tuple, b: tuple, lex: _Lexicon) -> bool:
    """Tokens of one title-and-name phrase: joined by spaces, or an abbreviated title's full stop
    ("Brig. Gen. Nabil Abdallah", "Lt. Col. Ivan Petrov")."""
    if _joined(text, a, b):
        return True
    gap = text[a[1]:b[0]]
    return gap in (". ", ".") and a[2].lower() in lex.title and len(a[2]) <= 5


def _skipped_tokens(text: str, toks: list, lex: _Lexicon, gaz: Gazetteer | None = None) -> set[int]:
    """Token numbers inside actor names and persons' names after a title ("acting governor Alexei
    Smirnov", "the governor, Oleg Sinegubov,", "Brig. Gen. Nabil Abdallah") or before a title in
    apposition ("Alexei Smirnov, the acting governor,"). After a speech verb ("said Mustafa Bali")
    only a name of two or more words that is not itself a place ("said Deir ez-Zor was ...") is skipped."""
    skip: set[int] = set()
    n = len(toks)

    def place_prefix(a: int, b: int) -> bool:
        return gaz is not None and any(gaz.has(_key(text[toks[a][0]:toks[x][1]])) for x in range(a + 1, b + 1))

    for i, (s, e, t, cap) in enumerate(toks):
        low = t.lower()
        if cap and low in lex.actor:
            j = i
            while j > 0 and i - j < 4 and _joined(text, toks[j - 1], toks[j]) and (
                    toks[j - 1][3] or toks[j - 1][2].lower() in _CONNECTORS):
                j -= 1
            skip.update(range(j, i + 1))
            k = i
            while k + 1 < n and _joined(text, toks[k], toks[k + 1]) and toks[k + 1][3] \
                    and toks[k + 1][2].lower() in lex.actor:
                k += 1
                skip.add(k)
        elif low in lex.title and i + 1 < n and toks[i + 1][3]:  # "residents of Wad Madani" is a place
            speech = low in _SPEECH
            comma = text[e:toks[i + 1][0]].strip(" ") == ","
            if not (_name_gap(text, toks[i], toks[i + 1], lex) or (comma and not speech)):
                continue
            k = i
            names: list[int] = []
            while k + 1 < n and k - i < 4 and (k == i or _name_gap(text, toks[k], toks[k + 1], lex)) and (
                    toks[k + 1][3] or toks[k + 1][2].lower() in _CONNECTORS):
                k += 1
                if toks[k][2].lower() in lex.title and not names:
                    continue  # "Prime Minister", "Lieutenant General"
                names.append(k)
            caps = [x for x in names if toks[x][3]]
            if speech and len(caps) == 1 and gaz is not None and any(
                    p.kind == "country" for p in gaz.lookup(_key(toks[caps[0]][2]))):
                skip.add(caps[0])  # "said Russia had fired six missiles": the speaker's subject
                continue
            if (speech or comma) and (len(caps) < 2 or place_prefix(names[0], names[-1])):
                continue  # "said Kharkiv was hit", "the governor, Kursk ..."
            skip.update(names)
    # "Alexei Smirnov, the acting governor of Kursk," : a two- or three-word name before a title in apposition
    for m in _APPOS.finditer(text):
        if m.group(2).lower() not in lex.title or m.group(2).lower() in _SPEECH:
            continue
        if any(w in _SPEECH for w in m.group(1).split()):
            continue  # "Bakhmut, officials said"
        end = next((x for x in range(n) if toks[x][1] == m.start()), None)
        if end is None:
            continue
        a = end
        while a > 0 and end - a < 2 and _joined(text, toks[a - 1], toks[a]) and toks[a - 1][3]:
            a -= 1
        if a == end or not all(toks[x][3] for x in range(a, end + 1)) or place_prefix(a, end):
            continue
        if a > 0 and toks[a - 1][2].lower() in lex.stop and toks[a - 1][3]:
            continue
        skip.update(range(a, end + 1))
    return skip


_SETTLEMENT_AFTER = re.compile(r"\s+(?:village|town|township|hamlet|camp|neighbou?rhood|quarter|district|locality|settlement)s?\b")


def _find_raw(text: str, gaz: Gazetteer, lex: _Lexicon, demonyms: list) -> list[_Raw]:
    toks = _tokens(text)
    if not toks:
        return []
    lower_words = {t for (_, _, t, cap) in toks if t.islower()}
    skip = _skipped_tokens(text, toks, lex, gaz)
    out: list[_Raw] = []
    n = len(toks)
    i = 0
    while i < n:
        s, e, t, cap = toks[i]
        if not cap or i in skip:
            i += 1
            continue
        upper = t.isupper() and len(t) > 1  # an acronym is a place only as a country ("DRC", "DR Congo")
        hit = None
        last = i
        # furthest token the run may reach
        while last + 1 < n and last + 1 - i < MAX_TOKENS and last + 1 not in skip \
                and _joined(text, toks[last], toks[last + 1]) \
                and (toks[last + 1][3] or toks[last + 1][2].lower() in _CONNECTORS
                     or (toks[last + 1][2] == "the" and toks[last][2] == "of")):  # "Republic of the Congo"
            last += 1
        for j in range(last, i - 1, -1):
            if not toks[j][3]:
                continue
            if upper and not any(p.kind == "country" for p in gaz.lookup(_key(text[s:toks[j][1]]))):
                continue
            surface = text[s:toks[j][1]]
            k = _key(surface)
            if j == i and gaz.is_demonym_key(k):
                demonyms.append(gaz.demonym_country_of_key(k))
                break
            if not gaz.has(k):
                continue
            words = [toks[x][2].lower() for x in range(i, j + 1)]
            if all(w in lex.stop or w in _CONNECTORS for w in words) and not (
                    j > i and all(p.kind in ("admin1", "country") for p in gaz.lookup(k))) \
                    and not (j == i and words[0] not in lex.stop and _town_named(gaz.lookup(k), surface)):
                continue  # "West Bank", "Red Sea" are provinces although each word is common
            if j == i and (t.lower() in lower_words or t.lower().split("-")[-1] in lower_words):
                continue  # a common word the text also writes in lower case
            hit = _Raw(s, toks[j][1], surface, k, gaz.lookup(k))
            break
        if hit and j < last and all(toks[x][3] for x in range(j + 1, last + 1)) and _SETTLEMENT_AFTER.match(text, toks[last][1]):
            i = last + 1  # "Sin Phyu Kyun village": the whole run names an unknown village, not "Sin"
            continue
        if hit and _in_persons_name(text, toks, i, j, lex):
            while i + 1 < n and _joined(text, toks[i], toks[i + 1]) and toks[i + 1][3]:
                i += 1  # the rest of the name ("Itzel Madero Larrea") is no place either
            i += 1
            continue
        if hit:
            out.append(hit)
            while i < n and toks[i][0] < hit.end:
                i += 1
        else:
            i += 1
    return out


def _town_named(cands: list[Place], surface: str) -> bool:
    """A sizeable town called exactly `surface`: "Beni" (North Kivu) though "beni" also joins names."""
    return any(p.kind not in ("country", "admin1") and p.population >= 50_000 and p.name == surface for p in cands)


_NAME_NOUNS = frozenset("state province region district county governorate camp city town village valley river "
                        "mountains mountain hills hill lake desert airport base road highway street square bridge "
                        "university hospital school mosque church market".split())
_SAID_AFTER = re.compile(r"\s*,?\s+(?:said|says|told|added|explained|wrote|stated)\b")


def _in_persons_name(text: str, toks: list, i: int, j: int, lex: _Lexicon) -> bool:
    """ "the victims Itzel Madero Larrea and ...", "Carlos Aguililla said": a place name written right after
    a first name, with a surname after it or "said", belongs to a person's name."""
    if i == 0 or not toks[i - 1][3] or not _joined(text, toks[i - 1], toks[i]):
        return False
    first = toks[i - 1][2].lower()
    if first in lex.stop or first in _CONNECTORS or toks[i - 1][2].isupper() or first.endswith(("ern", "ian", "ese", "ish")):
        return False  # "Eastern Ghouta", "SDF Hajin", "Syrian Hajin"
    nxt = toks[j + 1] if j + 1 < len(toks) else None
    surname = nxt is not None and nxt[3] and _joined(text, toks[j], nxt) and nxt[2].lower() not in _NAME_NOUNS \
        and nxt[2].lower() not in lex.stop
    return surname or bool(_SAID_AFTER.match(text, toks[j][1]))


# ---------------------------------------------------------------------------------------------
# Resolving
# ---------------------------------------------------------------------------------------------
def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance between two places in kilometres."""
    la1, lo1, la2, lo2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def _votes(raws: list[_Raw], demonyms: list, hint: str | None) -> dict[str, float]:
    """Country context: hint 3, each country mention 2, each demonym 1, each distinct surface
    whose candidates all lie in one country 1, curated candidates (supplement, admin1) 1."""
    votes: dict[str, float] = {}

    def add(cc: str, w: float) -> None:
        votes[cc] = votes.get(cc, 0.0) + w

    if hint:
        add(hint.upper(), 3.0)
    for cc in demonyms:
        if cc:
            add(cc, 1.0)
    countries: dict[str, str | None] = {}  # key -> ISO2 when the surface names a country (each mention votes)
    for r in raws:
        if r.key in countries:
            cc = countries[r.key]
            if cc is not None:
                add(cc, 2.0)
            continue
        country = next((p for p in r.cands if p.kind == "country"), None)
        countries[r.key] = country.country if country is not None else None
        if country is not None:
            add(country.country, 2.0)
            continue
        ccs = {p.country for p in r.cands}
        if len(ccs) == 1:
            add(next(iter(ccs)), 1.0)
        for cc in {p.country for p in r.cands if p.kind == "admin1" or "supplement" in p.source}:
            add(cc, 1.0)
    return votes


def _score(p: Place, votes: dict, top: float, anchors: list[Place], provinces: frozenset = frozenset(),
           surface: str = "") -> float:
    s = 10.0 * votes.get(p.country, 0) / top if top else 0.0
    if surface and _spelling_ratio(surface, p) >= SPELT_AS_WRITTEN:
        s += 1.5  # "Merawi": Mer'āwī (Ethiopia), spelt as written, over Meru (Kenya), which only shares the key
    if p.admin1 and p.kind not in ("admin1", "country") and (p.country, p.admin1) in provinces:
        s += 5.0  # the province the text names ("fighting in the Kursk region ... near Korenevo")
    s += 0.5 * min(math.log10(p.population + 1), 7.0)
    if "supplement" in p.source:
        s += 3.0
    if p.kind == "country":
        s += 4.0
    elif p.kind == "admin1":
        s += 2.0
    if anchors:
        d = min(distance_km(p, a) for a in anchors)
        s += 4.0 if d < 50 else 2.5 if d < 150 else 1.0 if d < 400 else 0.0
    return s


def _admin_reading(p: Place, cands: list[Place], gaz: Gazetteer) -> Place | None:
    """The admin1 division a mention can stand for ("Deir ez-Zor" the governorate)."""
    if p.kind == "admin1":
        return p
    for c in cands:
        if c.kind == "admin1" and c.country == p.country:
            return c
    return None


def _pick(r: _Raw, allowed, votes, top, anchors, locative: bool = False,
          provinces: frozenset = frozenset()) -> Place | None:
    cands = [p for p in r.cands if allowed is None or p.country in allowed or p.kind == "country"
             or (p.kind == "admin1" and votes.get(p.country, 0.0) >= 1.0)]
    if not cands:
        big = _major_city(r.cands) if locative else None
        return big if big is not None and name_key(big.name) == r.key else None
    best = cands[0] if len(cands) == 1 else max(
        cands, key=lambda p: _score(p, votes, top, anchors, provinces, r.surface))
    big = _major_city(r.cands) if locative and best.kind == "place" else None
    if big is not None and big not in cands and best.population * 100 < big.population \
            and "supplement" not in best.source and _spelling_ratio(r.surface, best) < ALIKE:
        return big  # "Russian missiles hit Kiev": the capital, not a hamlet of the attacker's country
    if best.kind == "admin1":  # "Raqqa": the city that is the capital of Raqqa governorate
        for c in cands:
            if c.kind != "admin1" and c.country == best.country and c.admin1 == best.admin1 \
                    and distance_km(c, best) < 5:
                return c
    return best


MAJOR_CITY = 200_000
SPELT_AS_WRITTEN = 0.95
_LOCATIVE = re.compile(r"\b(?:in|on|at|near|into|targeting|targeted|hit|struck|of|outside|over)\s+(?:the\s+)?$", re.I)


def _major_city(cands: list[Place]) -> Place | None:
    """A strike across the border ("drones hit Moscow" in a Ukraine report): outside the context only
    a city far larger than every other place of that name is taken."""
    towns = sorted((p for p in cands if p.kind not in ("country", "admin1")), key=lambda p: -p.population)
    if towns and towns[0].population >= MAJOR_CITY and (len(towns) == 1 or towns[0].population >= 10 * towns[1].population):
        return towns[0]
    return None


# ---------------------------------------------------------------------------------------------
# Admin hints: "Bulo Marer (Lower Shabeellaha)", "Mpondwe (Kasese, Uganda)", "Damboa, Borno State"
# ---------------------------------------------------------------------------------------------
_HINT_OPEN = re.compile(r"(?:\s+[\w'’-]+){0,3}?\s*\(")  # "Jenin refugee camp (West Bank)", "Bulo Marer (...)"
_HINT_COMMA = re.compile(r"\s*,\s*(?:the\s+)?")
ADMIN_WORDS = "province|state|region|governorate|oblast|department|prefecture|county"
_ADMIN_WORD = re.compile(rf"\s+(?:{ADMIN_WORDS})\b", re.I)


_HINT_POSSESSIVE = re.compile(
    rf"(?:\s+(?:{ADMIN_WORDS}|district|city))?['’]s"
    r"\s+(?:(?:eastern|western|northern|southern|central|rural|remote)\s+)?")


def _hint_places(r: _Raw) -> list[Place]:
    admin = [p for p in r.cands if p.kind in ("admin1", "country")]
    if admin:
        return admin
    countries = {p.country for p in r.cands}
    return [r.cands[0]] if len(countries) == 1 and r.cands else []


def _admin_hints(text: str, raws: list[_Raw]) -> tuple[dict[int, list[Place]], set[int]]:
    """Raw index -> the provinces or countries written right after it, in brackets or after a comma,
    or right before it as a possessive ("Sagaing region's Kani"); and the indexes of the raws that
    serve as such hints in brackets or after a comma."""
    hints: dict[int, list[Place]] = {}
    used: set[int] = set()
    for i, r in enumerate(raws):
        m = _HINT_OPEN.match(text, r.end)
        if m:
            close = text.find(")", m.end(), m.end() + 80)
            if close < 0:
                continue
            inner = [k for k in range(i + 1, min(i + 4, len(raws))) if m.end() <= raws[k].start and raws[k].end <= close]
            found = [p for k in inner for p in _hint_places(raws[k])]
            if found:
                hints[i] = found
                used.update(k for k in inner if any(p.kind in ("admin1", "country") for p in raws[k].cands))
            continue
        m = _HINT_POSSESSIVE.match(text, r.end)
        if m and i + 1 < len(raws) and raws[i + 1].start == m.end():
            found = _hint_places(r)  # "Sagaing region's Kani township", "Mogadishu's Hodan district"
            if found:
                hints.setdefault(i + 1, found)
            continue
        m = _HINT_COMMA.match(text, r.end)
        if m and i + 1 < len(raws) and raws[i + 1].start == m.end():
            nxt = raws[i + 1]
            admin = [p for p in nxt.cands if p.kind in ("admin1", "country")]
            if admin and (len(admin) == len(nxt.cands) or _ADMIN_WORD.match(text, nxt.end)
                          or any(p.kind == "country" and name_key(p.name) == nxt.key for p in admin)):
                hints[i] = admin
                used.add(i + 1)
    return hints, used


def _fits(p: Place, hint: list[Place]) -> bool:
    for h in hint:
        if h.country != p.country:
            continue
        if h.kind == "country" or h.kind not in ("admin1",) and distance_km(p, h) < 60:
            return True
        if h.kind == "admin1" and (p.admin1 is None or p.admin1 == h.admin1 or p.admin1 == h.name or distance_km(p, h) < 150):
            return True
    return False


def _apply_hints(raws: list[_Raw], hints: dict[int, list[Place]], used: set[int]) -> list[_Raw]:
    """Candidates narrowed to the hinted province or country; a name with none there is no place of ours.
    A name that serves as the hint is the province ("Kani (Sagaing)": the region, not the city)."""
    by_key: dict[str, list[Place]] = {}
    for i, hint in hints.items():
        by_key.setdefault(raws[i].key, []).extend(hint)
    out = []
    for n, r in enumerate(raws):
        if n in used:
            r = _Raw(r.start, r.end, r.surface, r.key, [p for p in r.cands if p.kind in ("admin1", "country")])
            out.append(r)
            continue
        hint = by_key.get(r.key)
        if hint:
            fit = [p for p in r.cands if p.kind not in ("admin1", "country") and _fits(p, hint)
                   or p.kind == "admin1" and any(h.kind == "country" and h.country == p.country for h in hint)]
            if not fit:
                fit = [p for p in r.cands if p.kind == "admin1" and any(h.country == p.country for h in hint)]
            if not fit and all(h.kind == "admin1" for h in hint) and not {p.country for p in r.cands} & {h.country for h in hint}:
                out.append(r)  # "Aribinda (Soum province)": a province we do not know read as one abroad (Sumy)
                continue
            if not fit:
                continue
            r = _Raw(r.start, r.end, r.surface, r.key, fit)
        out.append(r)
    return out


def _gated(word: str, lex: _Lexicon) -> bool:
    w = word.lower().strip(".,;:()\"'’")
    return w in lex.gate or w.endswith("ern") or w[:1].isdigit()


def _precision(text: str, r: _Raw, place: Place, gaz: Gazetteer, lex: _Lexicon):
    before = text[max(0, r.start - 60):r.start]
    after = text[r.end:r.end + 50]
    cues = []
    words = before.split()
    if words and _gated(words[-1], lex):
        m = _before_cue(before, lex)
        if m:
            cues.append(lex.before[int(m.lastgroup[1:])])
    words = after.replace("’s", " ").replace("'s", " ").split(None, 1)
    if words and _gated(words[0], lex):
        first = next((c for c in lex.after if c.regex.match(after)), None)
        if first is not None:
            cues.append(first)
    if place.kind in ("admin1", "country"):
        return place, 3, cues[0].modifier if cues else None
    admin = _admin_reading(place, r.cands, gaz)
    for want in ("3", "admin", "2", "1"):
        for c in cues:
            if c.precision != want:
                continue
            if want == "3":
                return (admin or place), 3, c.modifier
            if want == "admin":
                return (admin, 3, c.modifier) if admin else (place, 2, c.modifier)
            return place, int(want), c.modifier
    if place.kind in ("camp", "area", "site"):
        return place, 2, place.kind
    return place, 1, None


_WORD_START = re.compile(r"\b\w")


def _before_cue(before: str, lex: _Lexicon) -> re.Match | None:
    """`lex.before_any.search(before)`, tried only at word starts and only with the cues that can start
    with the letter there (the same match, several times faster)."""
    if not lex.before_by_first:
        return lex.before_any.search(before)
    for w in _WORD_START.finditer(before):
        pattern = lex.before_by_first.get(w.group(), lex.before_any)
        if pattern is not None:
            m = pattern.match(before, w.start())
            if m:
                return m
    return None


_NICK_BEFORE = re.compile(r"\b[A-Z][\w'’.-]*\s+[\"“‘']$")
_NICK_AFTER = re.compile(r"[\"”’']\s+[A-Z]")


_FACILITY = r"(?:air\s?base|airbase|air\s?field|airport|barracks|military\s+base|base|camp|cantonment|hospital|stadium|bank)\b"
_NAMED_FACILITY_AFTER = re.compile(r"\s+(?!(?:Air|International|Military|Naval|Army|Central|General|Main|Regional|National|"
                                   r"Police|City|Teaching|Referral|Joint)\b)(?:[A-Z][\w'’-]+\s+){1,2}" + _FACILITY
                                   + r"|\s+Bank\b(?!\s+of)")
_NAMED_FACILITY_BEFORE = re.compile(r"\b(?!(?:In|At|Near|The|A|An|On|From|Outside|Inside|To|Into|Toward|Towards)\s)"
                                    r"[A-Z][\w'’-]+\s+$")
_FACILITY_AFTER = re.compile(r"\s+" + _FACILITY, re.I)


def _in_facility_name(text: str, r: _Raw) -> bool:
    """A place word inside a facility named after a person is no place: "Osman Digna air base",
    "Marco Fidel Suarez air base", a "Kabul Bank" branch ("Bagram Air Base" and "Port Sudan airport" are
    where they stand)."""
    if _NAMED_FACILITY_AFTER.match(text, r.end):
        return True
    return bool(_NAMED_FACILITY_BEFORE.search(text, max(0, r.start - 40), r.start)) \
        and bool(_FACILITY_AFTER.match(text, r.end))


def _nickname(text: str, r: _Raw) -> bool:
    """A quoted name between a person's given name and surname is a nickname, not a place:
    Ismael "El Mayo" Zambada, Joaquin "El Chapo" Guzman."""
    return bool(_NICK_BEFORE.search(text, max(0, r.start - 40), r.start)) \
        and bool(_NICK_AFTER.match(text, r.end))


_ARTICLE_PREFIX = re.compile(r"^(?:al|el|ar|as|ash|ad|az|an|at|ath|ez|es|er|ed) ")


ALIKE = 0.75              # "Raqqa" ~ "Ar Raqqah"; "Kurram" is not "Korem"
ALIKE_IN_HEADLINE = 0.85  # stricter where every word is capitalised ("Drone" is not "Dronero")


def _spelling_ratio(surface: str, p: Place) -> float:
    """How alike the text's spelling and the gazetteer's name are (0..1), the name's article left out."""
    return difflib.SequenceMatcher(None, fold(surface), _ARTICLE_PREFIX.sub("", fold(p.name))).ratio()


def _title_case_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of the headlines written in title case ("Drone Strike Kills Nine At Wedding"): lines
    without a final stop whose longer words are nearly all capitalised."""
    spans, start = [], 0
    for line in text.split("\n"):
        words = [w for w in line.split() if len(w) > 3 and w[0].isalpha()]
        if not line.rstrip().endswith(".") and len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.8 * len(words):
            spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def _spelt_alike_in_headline(r: _Raw, headlines: list[tuple[int, int]]) -> _Raw:
    """In a title-case headline every word is capitalised, so a one-word name is taken only where the
    gazetteer spells a candidate much as the text does ("Raqqa" ~ "Ar Raqqah"), not through a looser key
    ("Bomb" -> Bombay -> Mumbai, "Drone" -> Dronero). Curated entries, provinces and countries stay."""
    if " " in r.surface or "-" in r.surface or not any(a <= r.start < b for a, b in headlines):
        return r
    kept = [p for p in r.cands if p.kind != "place" or "supplement" in p.source or p.population >= MAJOR_CITY
            or _spelling_ratio(r.surface, p) >= ALIKE_IN_HEADLINE]
    return r if len(kept) == len(r.cands) else _Raw(r.start, r.end, r.surface, r.key, kept)


_NEAR_GAP = re.compile(r"\s*,?\s+(?:(?:just|about|some)\s+)?(?:near|outside|close to|(?:\d+\s*(?:km|kilometres|kilometers|miles)\s+)?"
                       r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of)\s+(?:the\s+)?(?:(?:city|town|village)\s+of\s+)?", re.I)
NEAR_KM = 80.0


def _near_its_reference(text: str, raws: list[_Raw], chosen: dict) -> None:
    """ "Novoselivka near Pokrovsk": of the many places so named, the one near the reference town."""
    for a, b in zip(raws, raws[1:]):
        ref = chosen.get(b.key)
        if ref is None or ref.kind in ("country", "admin1") or len(a.cands) < 2 or a.key == b.key \
                or not _NEAR_GAP.fullmatch(text, a.end, b.start):
            continue
        close = [p for p in a.cands if p.kind not in ("country", "admin1") and distance_km(p, ref) <= NEAR_KM]
        if close:
            chosen[a.key] = min(close, key=lambda p: distance_km(p, ref))


def _lone_loose_match(r: _Raw, votes: dict) -> bool:
    """ "Kurram" read as Korem (Ethiopia), "Mir Ali" as a Philippine town through an alternate name: a name
    whose every reading is spelt quite unlike it, in a country nothing else in the text points to."""
    if any(p.kind != "place" or "supplement" in p.source or votes.get(p.country, 0.0) > 1.0
           or (p.population >= MAJOR_CITY and name_key(p.name) == r.key) for p in r.cands):
        # a big city under its own name ("Kiev", Kyiv) stays; one reached through an alternate ("Osman") may go
        return False
    return all(_spelling_ratio(r.surface, p) < ALIKE and not _same_sounding(r.key, p) for p in r.cands)


def _same_sounding(key: str, p: Place) -> bool:
    """ "Beit Lahia" and Bayt Lāhyā: transliterations of one name, whose lookup keys differ by a letter at
    most; a short key is left to the spelling alone ("Kurram" is no Korem)."""
    return len(key) >= 6 and difflib.SequenceMatcher(None, key, name_key(p.name)).ratio() >= 0.85


def _no_fuzzy_country(r: _Raw) -> _Raw:
    """A country that only shares the lookup key with a place spelt exactly as the text writes it is no
    reading of it: "Uman" is the Ukrainian town, not Oman; "As Samawah" not Samoa; "Chin" not China."""
    f = fold(r.surface)
    if not any(p.kind == "country" for p in r.cands) \
            or not any(p.kind != "country" and fold(p.name) == f for p in r.cands):
        return r
    cands = [p for p in r.cands if p.kind != "country" or fold(p.name) == f]
    return r if len(cands) == len(r.cands) else _Raw(r.start, r.end, r.surface, r.key, cands)


def find_places(text: str, gaz: Gazetteer, country_hint: str | None = None) -> list[PlaceMention]:
    """Place mentions of `text`, resolved against `gaz` (see the module docstring)."""
    lex = _lexicon()
    demonyms: list = []
    raws = [_no_fuzzy_country(r) for r in _find_raw(text, gaz, lex, demonyms)
            if not _nickname(text, r) and not _in_facility_name(text, r)]
    headlines = _title_case_lines(text)
    if headlines:
        raws = [_spelt_alike_in_headline(r, headlines) for r in raws]
    raws = [r for r in raws if r.cands]
    if not raws:
        return []
    hints, used = _admin_hints(text, raws)
    if hints:
        hinted = {raws[i].key for i in hints} | {raws[i].key for i in used}
        raws = _apply_hints(raws, hints, used)
        if not raws:
            return []
    else:
        hinted = set()
    votes = _votes(raws, demonyms, country_hint)
    raws = [r for r in raws if not _lone_loose_match(r, votes)]
    if not raws:
        return []
    top = max(votes.values(), default=0.0)
    allowed = {cc for cc, v in votes.items() if v >= max(1.0, 0.34 * top)} if top >= 1 else None
    if allowed is not None:  # a country named outright, or one of its provinces, is in context too
        for r in raws:
            if r.cands and all(p.kind in ("country", "admin1") for p in r.cands) \
                    and len({p.country for p in r.cands}) == 1:
                allowed.add(r.cands[0].country)
    # provinces the text names: a town of that name inside one of them outranks its namesakes elsewhere
    # (named by another mention: "Sinaloa" the state does not make "Sinaloa" the town of Sinaloa)
    named: dict[tuple, set] = {}
    for r in raws:
        for p in r.cands:
            if p.kind == "admin1" and (allowed is None or p.country in allowed):
                named.setdefault((p.country, p.name), set()).add(r.key)
    # unambiguous mentions first: they anchor the others by distance
    anchors: dict[tuple, Place] = {}
    chosen: dict[str, Place | None] = {}
    for r in raws:
        if r.key in chosen:
            continue
        cands = [p for p in r.cands if allowed is None or p.country in allowed]
        if len(cands) == 1 and cands[0].kind not in ("country", "admin1") and _major_city(r.cands) in (None, cands[0]):
            chosen[r.key] = cands[0]
            anchors[(cands[0].latitude, cands[0].longitude)] = cands[0]
    anchor_list = list(anchors.values())
    for r in raws:
        if r.key not in chosen:
            scope = None if r.key in hinted else allowed  # the hint outranks the context
            chosen[r.key] = _pick(r, scope, votes, top, anchor_list,
                                  locative=bool(_LOCATIVE.search(text, max(0, r.start - 16), r.start)),
                                  provinces=frozenset(k for k, by in named.items() if by - {r.key}))
    _near_its_reference(text, raws, chosen)
    out = []
    for r in raws:
        p = chosen[r.key]
        if p is None:
            continue
        place, prec, mod = _precision(text, r, p, gaz, lex)
        out.append(PlaceMention(r.start, r.end, r.surface, place, prec, mod, len(r.cands)))
    return out
