"""Actors stage: dictionary matches -> candidate actors with canonical names.

The dictionary (data/actors.tsv) maps every surface form to one canonical, ACLED-style name;
data/actor_generic.tsv holds the phrases that name no organisation ("regime forces", "the
group", "gunmen", "civilians") and the rule that resolves each from the document's context.

Matching works on tokens, not on one giant regex: the text is split into words and punctuation
(a hyphen joining two words is dropped, so "al-Shabaab" = "al Shabaab" and "IS-held" = "IS held"),
and a token trie built once from both files finds the longest phrase at each position, leftmost
first. A word written without lowercase letters in the data ("IS", "SDF", "US") only matches in
that case; other words match in any case.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from sitrep.lexicons import data_path, load_tsv

ACTORS_FILE = "actors.tsv"
GENERIC_FILE = "actor_generic.tsv"
KINDS = ("armed", "monitor", "official", "civilian", "media")
GENERIC_RULES = ("demonym", "country", "state_forces", "police", "government", "protesters", "rioters",
                 "fixed", "by_country", "dominant", "suffix", "adjective")
DOMINANT_TARGETS = ("jihadist", "nsag", "monitor", "separatist")
UNIDENTIFIED = "Unidentified Armed Group"
CIVILIANS = "Civilians"

# a hyphen (or U+2010/U+2011) between two word characters is not a token
_TOKEN = re.compile(r"\w+|(?<!\w)[-\u2010\u2011]|[-\u2010\u2011](?!\w)|[^\w\s\-\u2010\u2011]")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u02bc": "'"})
_PARENS_SUFFIX = re.compile(r"\s*\([^()]*\)\s*$")
_ACTIVE = re.compile(r"^\d{4}-(\d{4})?$")
_HYPHENS = ("-", "\u2010", "\u2011")


@dataclass
class ActorMention:
    start: int
    end: int
    surface: str
    canonical: str
    inter: int
    country: str | None
    kind: str
    generic: bool = False            # resolved from a generic phrase by context
    role_hint: str | None = None     # "victims", "spokesperson", "official", "territory", ...


@dataclass(frozen=True)
class ActorInfo:
    canonical: str
    country: str | None
    inter: int
    kind: str
    tags: frozenset[str]


@dataclass(frozen=True)
class _Entry:
    """What a phrase in the trie stands for: a named actor row or a generic rule."""

    rule: str                        # "named" or one of GENERIC_RULES
    target: str                      # canonical for named/fixed; ISO2, selector or mapping for rules
    role_hint: str | None
    exact: tuple[tuple[int, str], ...]   # (token index, required original form) for case-sensitive words
    country: str | None = None       # the country a {demonym}/{country} placeholder fixed


def _norm(token: str) -> str:
    return token.translate(_APOSTROPHES).lower()


def tokenize(text: str) -> list[tuple[int, int, str]]:
    """(start, end, form) of each word or punctuation mark; joining hyphens are skipped, curly
    apostrophes read as "'" (the text keeps its length, so offsets stay those of the original)."""
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text.translate(_APOSTROPHES))]


def _exact_spec(alias: str, tokens: list[str]) -> tuple[tuple[int, str], ...]:
    if alias.startswith("="):
        return tuple((i, t) for i, t in enumerate(tokens) if t.lower() != t.upper())
    return tuple((i, t) for i, t in enumerate(tokens) if t.upper() == t and t.lower() != t)


class _Lexicon:
    """Both data files, parsed: actor facts, the phrase trie, suffix and adjective tries."""

    def __init__(self) -> None:
        self.actors: dict[str, ActorInfo] = {}
        self.aliases: dict[str, list[tuple[str, tuple]]] = {}   # normalised alias -> [(canonical, exact)]
        self.country_names: dict[str, str] = {}                  # ISO2 -> ACLED country name
        self.trie: dict = {}
        self.suffix_trie: dict = {}
        self.problems: list[str] = []
        self._state_names: dict[tuple[str, str], str | None] = {}   # state_canonical's answers
        self._load_actors()
        self._load_generic()

    # -- loading ---------------------------------------------------------------------------------------
    def _load_actors(self) -> None:
        seen_alias: dict[tuple, str] = {}
        for n, row in enumerate(load_tsv(ACTORS_FILE), 1):
            canonical = row.get("canonical", "")
            try:
                inter = int(row.get("inter") or 0)
            except ValueError:
                inter = 0
            country = row.get("country") or None
            kind = row.get("kind", "")
            note = row.get("note", "")
            where = f"{ACTORS_FILE} row {n} ({canonical})"
            if not canonical:
                self.problems.append(f"{where}: empty canonical")
                continue
            if not 1 <= inter <= 8:
                self.problems.append(f"{where}: inter {row.get('inter')!r} is not an ACLED code 1-8")
            if kind not in KINDS:
                self.problems.append(f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}")
            if country and not re.fullmatch(r"[A-Z]{2}", country):
                self.problems.append(f"{where}: country {country!r} is not ISO 3166-1 alpha-2")
            if row.get("active") and not _ACTIVE.match(row["active"]):
                self.problems.append(f"{where}: active {row['active']!r} is not YYYY- or YYYY-YYYY")
            tags = frozenset(re.findall(r"#(\w+)", note))
            first = canonical not in self.actors
            if first:
                self.actors[canonical] = ActorInfo(canonical, country, inter, kind, tags)
            role = "spokesperson" if "spokespeople" in tags else None
            aliases = [a.strip() for a in row.get("aliases", "").split("|") if a.strip()]
            seen_here: set[tuple] = set()
            if not aliases:
                self.problems.append(f"{where}: no aliases")
            for alias in aliases:
                tokens = [t for _, _, t in tokenize(alias.lstrip("="))]
                exact = _exact_spec(alias, tokens)
                key = (tuple(_norm(t) for t in tokens), exact)
                other = seen_alias.setdefault(key, canonical)
                if other != canonical:
                    self.problems.append(f"{where}: alias {alias!r} is also an alias of {other!r}")
                    continue
                if key in seen_here:
                    continue
                seen_here.add(key)
                self.aliases.setdefault(" ".join(key[0]), []).append((canonical, exact))
                self._add(self.trie, tokens, _Entry("named", canonical, role, exact))

    def _load_generic(self) -> None:
        rows = list(enumerate(load_tsv(GENERIC_FILE), 1))
        demonyms: list[tuple[str, str]] = []
        countries: list[tuple[str, str]] = []
        for n, row in rows:
            rule, target = row.get("rule", ""), row.get("target", "")
            phrases = [p.strip() for p in row.get("pattern", "").split("|") if p.strip()]
            if rule in ("demonym", "country"):
                if not re.fullmatch(r"[A-Z]{2}", target):
                    self.problems.append(f"{GENERIC_FILE} row {n}: {rule} target {target!r} is not ISO2")
                (demonyms if rule == "demonym" else countries).extend((p, target) for p in phrases)
                if rule == "country" and phrases:
                    self.country_names.setdefault(target, phrases[0])
        for n, row in rows:
            rule, target = row.get("rule", ""), row.get("target", "")
            role = row.get("role_hint") or None
            where = f"{GENERIC_FILE} row {n} ({rule})"
            if rule not in GENERIC_RULES:
                self.problems.append(f"{where}: unknown rule {rule!r}")
                continue
            self._check_target(where, rule, target)
            phrases = [p.strip() for p in row.get("pattern", "").split("|") if p.strip()]
            for phrase in phrases:
                expansions: Iterable[tuple[str, str | None]] = [(phrase, None)]
                if "{demonym}" in phrase:
                    expansions = [(phrase.replace("{demonym}", d), c) for d, c in demonyms]
                elif "{country}" in phrase:
                    expansions = [(phrase.replace("{country}", d), c) for d, c in countries]
                for text, country in expansions:
                    tokens = [t for _, _, t in tokenize(text.lstrip("="))]
                    exact = _exact_spec(text, tokens)
                    if rule in ("demonym", "country"):
                        country = target
                    elif rule == "fixed":
                        country = None  # "Palestinians" as victims: not evidence of the document's country
                    trie = self.suffix_trie if rule in ("suffix", "adjective") else self.trie
                    self._add(trie, tokens, _Entry(rule, target, role, exact, country))

    def _check_target(self, where: str, rule: str, target: str) -> None:
        if rule == "fixed" and target not in self.actors:
            self.problems.append(f"{where}: target {target!r} is not a canonical of {ACTORS_FILE}")
        elif rule == "by_country":
            for part in filter(None, target.split(";")):
                code, _, canonical = part.partition("=")
                if not (code == "*" or re.fullmatch(r"[A-Z]{2}", code)) or canonical not in self.actors:
                    self.problems.append(f"{where}: bad mapping {part!r}")
        elif rule == "adjective" and target not in ("", "any"):
            self.problems.append(f"{where}: adjective target {target!r} is not empty or 'any'")
        elif rule == "dominant" and target not in DOMINANT_TARGETS:
            self.problems.append(f"{where}: dominant target {target!r} is not one of {DOMINANT_TARGETS}")

    @staticmethod
    def _add(trie: dict, tokens: list[str], entry: _Entry) -> None:
        node = trie
        for t in tokens:
            node = node.setdefault(_norm(t), {})
        node.setdefault(None, []).append(entry)

    # -- lookups ---------------------------------------------------------------------------------------
    def state_canonical(self, prefix: str, country: str) -> str | None:
        """The country's own "Military Forces of X" / "Police Forces of X" / "Government of X"."""
        key = (prefix, country)
        if key not in self._state_names:
            self._state_names[key] = self._state_canonical(prefix, country)
        return self._state_names[key]

    def _state_canonical(self, prefix: str, country: str) -> str | None:
        rows = [a.canonical for a in self.actors.values()
                if a.country == country and a.inter == 1 and a.canonical.startswith(prefix + " ")]
        if rows:
            return min(rows, key=len)
        name = self.country_names.get(country)
        if not name:
            return None
        the = "the " if name.split()[0] in ("United", "Democratic", "Central") else ""
        return f"{prefix} {the}{name}"


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    return _Lexicon()


def _walk(trie: dict, norm: list[str], orig: list[str], i: int) -> tuple[int, list[_Entry]]:
    """Longest phrase of `trie` starting at token i whose case-sensitive words match: (end, entries)."""
    node, j, best = trie, i, (i, [])
    n = len(norm)
    while j < n:
        node = node.get(norm[j])
        if node is None:
            break
        j += 1
        entries = node.get(None)
        if entries:
            ok = [e for e in entries if all(orig[i + k] == form for k, form in e.exact)]
            if ok:
                best = (j, ok)
    return best


@dataclass
class _Hit:
    start_tok: int
    end_tok: int
    entries: list[_Entry]
    role_hint: str | None = None
    end_ext: int | None = None      # token end after a suffix noun


def _scan(text: str, tokens: list[tuple[int, int, str]], lex: _Lexicon) -> list[_Hit]:
    orig = [t for _, _, t in tokens]
    norm = [t.lower() for t in orig]
    hits: list[_Hit] = []
    i, n = 0, len(tokens)
    trie, suffix_trie = lex.trie, lex.suffix_trie
    while i < n:
        if norm[i] not in trie:
            i += 1
            continue
        end, entries = _walk(trie, norm, orig, i)
        if not entries:
            i += 1
            continue
        hit = _Hit(i, end, entries)
        if any(e.rule not in ("demonym", "country") and e.target != CIVILIANS for e in entries):
            s_end, s_entries = _walk(suffix_trie, norm, orig, end)
            if s_entries and s_entries[0].rule == "adjective" and s_entries[0].target != "any":
                gap = text[tokens[end - 1][1]:tokens[end][0]]
                if gap not in _HYPHENS:
                    s_entries = []
            if s_entries:
                hit.role_hint = s_entries[0].role_hint
                if s_entries[0].rule == "suffix":
                    hit.end_ext = s_end
                    end = s_end
        hits.append(hit)
        i = end
    return _coordinated(hits, text, tokens, orig, norm, lex)


_COORD = frozenset({"and", "or", ",", "&"})


def _coordinated(hits: list[_Hit], text: str, tokens, orig: list[str], norm: list[str], lex: _Lexicon) -> list[_Hit]:
    """Heads shared by a list of modifiers: "Ukrainian and Russian forces" names two sides, "Ethiopian,
    Eritrean and Amhara forces" three. A capitalised word joined by "and"/"or"/"," to the first word of a
    matched phrase stands for the same phrase with that word in its place, when that phrase matches too."""
    taken = {k for h in hits for k in range(h.start_tok, h.end_tok)}
    # a lone demonym ("Ukrainian") is only evidence of a country: the shared head may claim it
    loose = {h.start_tok: h for h in hits if h.end_tok == h.start_tok + 1
             and all(e.rule in ("demonym", "country") for e in h.entries)}
    extra: list[_Hit] = []
    for hit in hits:
        if hit.end_tok - hit.start_tok < 2:
            continue
        rest_norm, rest_orig = norm[hit.start_tok + 1:hit.end_tok], orig[hit.start_tok + 1:hit.end_tok]
        j = hit.start_tok - 1
        while j >= 1 and norm[j] in _COORD:
            w = j - 1
            word = orig[w]
            if (w in taken and w not in loose) or not word[:1].isupper() or not word.isalpha():
                break
            end, entries = _walk(lex.trie, [norm[w]] + rest_norm, [word] + rest_orig, 0)
            if end != len(rest_norm) + 1 or not entries:
                break
            extra.append(_Hit(w, w + 1, entries))
            taken.add(w)
            j = w - 1
    if not extra:
        return hits
    replaced = {h.start_tok for h in extra}
    return sorted([h for h in hits if not (h.start_tok in replaced and h.start_tok in loose)] + extra,
                  key=lambda h: h.start_tok)


def _document_context(hits: list[_Hit], lex: _Lexicon, country_hint: str | None,
                      context: set[str] | None, fallback: dict | None = None) -> tuple[str | None, Counter]:
    """The document's country and the count of each named actor."""
    named: Counter = Counter()
    countries: Counter = Counter()
    first_seen: dict[str, int] = {}
    by_country: list[_Entry] = []
    for k, hit in enumerate(hits):
        e = hit.entries[0]
        if any(g.rule not in ("named", "by_country") and not g.country for g in hit.entries):
            continue   # "regime forces", "civilians": resolved by the context, not evidence of it
        e = next((g for g in hit.entries if g.rule == "named"), e)  # "Islamic State": named, whatever affiliate
        if e.rule == "by_country" and hit.role_hint != "affiliation":
            by_country.append(e)
        if e.rule == "named":
            if hit.role_hint == "affiliation":
                continue
            named[e.target] += 1
            info = lex.actors[e.target]
            if info.country and info.inter in (1, 2, 3, 4) and info.kind in ("armed", "official"):
                countries[info.country] += 2 if info.inter > 1 else 1
                first_seen.setdefault(info.country, k)
        elif e.country:
            countries[e.country] += 2 if e.rule == "country" else 1
            first_seen.setdefault(e.country, k)
    for item in context or ():
        if re.fullmatch(r"[A-Z]{2}", item):
            countries[item] += 3
            first_seen.setdefault(item, -1)
        elif item in lex.actors:
            named[item] += 1
    if country_hint:
        country = country_hint
    else:
        for cc, n in (fallback or {}).items():  # the places' countries ("police" in a Nairobi note; JNIM in Burkina Faso)
            countries[cc] += 1.5 * n
            first_seen.setdefault(cc, len(hits))
        country = max(countries, key=lambda c: (countries[c], -first_seen.get(c, 0))) if countries else None
    for e in by_country:  # "Islamic State militants" names the group whose affiliate the country tells
        resolved = _resolve(e, country, named, lex)
        if resolved:
            named[resolved[0]] += 1
    return country, named


def _dominant(selector: str, named: Counter, lex: _Lexicon) -> str | None:
    def pick(pred) -> str | None:
        pool = [c for c in named if pred(lex.actors[c])]
        return max(pool, key=lambda c: named[c]) if pool else None   # Counter keeps first-seen order on ties

    nsag = lambda a: a.kind == "armed" and a.inter in (2, 3, 4) and a.canonical != UNIDENTIFIED  # noqa: E731
    if selector == "jihadist":  # "militants" in a report that names no group: unidentified
        return pick(lambda a: nsag(a) and "jihadist" in a.tags) or pick(nsag) or UNIDENTIFIED
    if selector == "separatist":  # "suspected separatists": the separatist movement the report names, else any rebels
        return pick(lambda a: nsag(a) and "separatist" in a.tags) or pick(nsag)
    if selector == "monitor":
        return pick(lambda a: "monitor" in a.tags)
    return pick(nsag)


def _resolve(e: _Entry, doc_country: str | None, named: Counter, lex: _Lexicon) -> tuple[str, ActorInfo] | None:
    """(canonical, facts) of one trie entry in this document, or None when the context cannot tell."""
    country = e.country or doc_country
    rule = e.rule
    if rule == "named" or rule == "fixed":
        return e.target, lex.actors[e.target]
    if rule == "by_country":
        mapping = dict(part.partition("=")[::2] for part in e.target.split(";") if part)
        canonical = mapping.get(country or "", mapping.get("*"))
        return (canonical, lex.actors[canonical]) if canonical else None
    if rule == "dominant":
        canonical = _dominant(e.target, named, lex)
        return (canonical, lex.actors[canonical]) if canonical else None
    if not country:
        return None
    if rule in ("state_forces", "police", "government"):
        prefix = {"state_forces": "Military Forces of", "police": "Police Forces of", "government": "Government of"}[rule]
        canonical = lex.state_canonical(prefix, country)
        if canonical is None:
            return None
        info = lex.actors.get(canonical) or ActorInfo(canonical, country, 1,
                                                      "official" if rule == "government" else "armed", frozenset())
        return canonical, info
    if rule in ("protesters", "rioters"):
        name = lex.country_names.get(country)
        if not name:
            return None
        label = "Protesters" if rule == "protesters" else "Rioters"
        return f"{label} ({name})", ActorInfo(f"{label} ({name})", country, 6 if rule == "protesters" else 5,
                                             "civilian", frozenset())
    return None   # demonym, country: evidence of the country, not mentions


def find_actors(text: str, country_hint: str | None = None, context: set[str] | None = None,
                place_countries: dict | None = None) -> list[ActorMention]:
    """Actor mentions of `text`, in order, none overlapping.

    `country_hint` (ISO2) is the document's country where the caller knows it; `context` may hold
    ISO2 codes (countries of places found) and canonical names (actors named elsewhere, e.g. the
    title), both used to resolve generic mentions. Without a hint, the country is inferred from the
    named actors and the country names and demonyms of the text, else from `place_countries` (ISO2 ->
    number of place mentions: "police" in a note that names only Nairobi are Kenya's).
    """
    lex = _lexicon()
    tokens = tokenize(text)
    hits = _scan(text, tokens, lex)
    doc_country, named = _document_context(hits, lex, country_hint, context, place_countries)
    mentions: list[ActorMention] = []
    for hit in hits:
        # a context rule outranks the dictionary ("regime forces" is the army of the report's country,
        # "civilians" gets its role); one fixed by a demonym does not ("Sudanese army" stays named)
        plain = [e for e in hit.entries if e.rule == "named"]
        generic = [e for e in hit.entries if e.rule != "named" and not (plain and e.country)]
        resolved, used = None, None
        for e in generic + plain:
            resolved = _resolve(e, doc_country, named, lex)
            if resolved:
                used = e
                break
        if not resolved:
            # "Russia launched one of its largest air attacks", "Israel struck ...": a country named as
            # the side that fights stands for its armed forces (a country alone is otherwise no actor)
            e = next((g for g in hit.entries if g.rule == "country" and g.country), None)
            end_tok = hit.end_ext if hit.end_ext is not None else hit.end_tok
            if e is not None and _FIGHT_AFTER.match(text, tokens[end_tok - 1][1]) \
                    and not _POSSESSIVE.match(text, tokens[end_tok - 1][1]):
                forces = lex.state_canonical("Military Forces of", e.country)
                if forces:
                    resolved, used = (forces, lex.actors.get(forces) or ActorInfo(forces, e.country, 1, "armed",
                                                                                   frozenset())), e
        if not resolved or used is None:
            continue
        canonical, info = resolved
        end_tok = hit.end_ext if hit.end_ext is not None else hit.end_tok
        start, end = tokens[hit.start_tok][0], tokens[end_tok - 1][1]
        role = hit.role_hint or used.role_hint
        if used.rule == "government" and role is None:
            role = "official"
        country = info.country
        if canonical in (CIVILIANS, UNIDENTIFIED):
            country = doc_country
        if info.kind == "official" and canonical.startswith("Government of ") and (
                _fights(text, start, end) or _ARMED_NOUN_END.search(text, start, end)):
            forces = lex.state_canonical("Military Forces of", info.country or "")
            if forces:
                canonical, role = forces, None
                info = lex.actors.get(forces) or ActorInfo(forces, info.country, 1, "armed", frozenset())
        mentions.append(ActorMention(start, end, text[start:end], canonical, info.inter, country, info.kind,
                                     generic=used.rule != "named", role_hint=role))
    return mentions


_FIGHT_AFTER = re.compile(
    r"\s+(?:(?:has|have|had|was|were)\s+)?(?:clash(?:ed|es)|fought|attack(?:ed|s)|shell(?:ed|s)|bomb(?:ed|s)|struck|"
    r"strikes|captured|recaptured|retook|seized|ambushed|raided|stormed|repelled|engaged|shelling|bombardment|"
    r"artillery|air\s?strikes?|airstrikes?|warplanes|launched\s+(?:an?\s+|one\s+of\s+(?:its|the)\s+)?"
    r"(?:\w+\s+){0,2}?(?:offensive|attacks?|assault|strikes?|airstrikes?|operation|missiles?|rockets?|drones?|shells))\b(?!\s+(?:a\s+)?(?:deal|agreement))",
    re.I)
_POSSESSIVE = re.compile(r"['’]s\b")
_FIGHT_BETWEEN = re.compile(r"\b(?:clash(?:es|ed)?|fighting|battles?|hostilities|combat|war|confrontations?)\s+"
                            r"(?:\w+\s+){0,2}?between\s+(?:the\s+)?$", re.I)
_FIGHT_JOINED = re.compile(r"\s+and\s+(?:the\s+)?(?:[\w'’-]+\s+){1,4}?(?:clashed|fought|exchanged fire)\b", re.I)


_ARMED_NOUN_END = re.compile(r"\b(?:shelling|bombardment|artillery|air\s?strikes?|airstrikes?|warplanes|jets|drones?)$", re.I)


def _fights(text: str, start: int, end: int) -> bool:
    """ "the Ethiopian government clashed with the TPLF", "fighting between the Government of Ethiopia and
    ...": a government named as a side in combat stands for its forces."""
    return bool(_FIGHT_AFTER.match(text, end) or _FIGHT_BETWEEN.search(text[max(0, start - 60):start])
                or _FIGHT_JOINED.match(text[end:end + 80]))


# -- lookups for other stages ------------------------------------------------------------------------------
def canonical_actor(name: str) -> str | None:
    """The canonical name of any alias or canonical ("ISIS" -> "Islamic State"), or None.

    Case-sensitive words must match their case ("IS", not "is"); an ACLED suffix such as
    "(Syria)" or "(2000-)" is dropped when the full name is unknown.
    """
    lex = _lexicon()
    name = name.strip()
    if not name:
        return None
    if name in lex.actors:
        return name
    tokens = [t for _, _, t in tokenize(name)]
    for canonical, exact in lex.aliases.get(" ".join(_norm(t) for t in tokens), []):
        if len(tokens) > max((k for k, _ in exact), default=-1) and all(tokens[k] == f for k, f in exact):
            return canonical
    lowered = {c.lower(): c for c in lex.actors}
    if name.lower() in lowered:
        return lowered[name.lower()]
    stripped = _PARENS_SUFFIX.sub("", name)
    if stripped != name:
        return canonical_actor(stripped)
    return None


def actor_info(canonical: str) -> ActorInfo | None:
    lex = _lexicon()
    info = lex.actors.get(canonical)
    if info:
        return info
    m = re.fullmatch(r"(Protesters|Rioters) \((.+)\)", canonical or "")
    if m:
        code = next((c for c, n in lex.country_names.items() if n == m.group(2)), None)
        return ActorInfo(canonical, code, 6 if m.group(1) == "Protesters" else 5, "civilian", frozenset())
    return None


def actor_country(canonical: str) -> str | None:
    info = actor_info(canonical)
    return info.country if info else None


def actor_inter(canonical: str) -> int | None:
    info = actor_info(canonical)
    return info.inter if info else None


def is_state_force(canonical: str) -> bool:
    """True for a state's military or police (inter 1, armed), in any country."""
    info = actor_info(canonical)
    if info:
        return info.inter == 1 and info.kind == "armed"
    return bool(canonical) and canonical.startswith(("Military Forces of ", "Police Forces of "))


def crowd_of(country: str | None, label: str = "Protesters") -> str | None:
    """ACLED's "Protesters (Nigeria)" / "Rioters (Nigeria)" for an ISO2 code."""
    name = _lexicon().country_names.get(country or "")
    return f"{label} ({name})" if name else None


def state_forces_of(country: str) -> str | None:
    """"Military Forces of X" for an ISO2 code."""
    return _lexicon().state_canonical("Military Forces of", country)


def validate_actor_table() -> list[str]:
    """Problems in actors.tsv and actor_generic.tsv: bad codes, duplicate aliases across canonicals, bad targets."""
    problems = list(_lexicon().problems)
    for name in (ACTORS_FILE, GENERIC_FILE):
        with data_path(name).open(encoding="utf-8") as f:
            header = "".join(line for line in f if line.startswith("#"))
        for field in ("source:", "date:", "editor:", "columns:"):
            if field not in header:
                problems.append(f"{name}: provenance header lacks {field!r}")
    return problems
