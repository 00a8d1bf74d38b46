"""Text stage: sentences with character offsets into the original report text.

Nothing here rewrites the text: every sentence is a (start, end) slice of the input, so
evidence spans computed later index the text the user gave us.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from re import _constants, _parser
from typing import Callable, Iterator

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = {
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "brig", "cpl", "pvt",
    "st", "no", "vs", "etc", "approx", "gov", "sen", "rep", "prof", "adm", "cmdr", "insp",
    "u.s", "u.n", "u.k", "e.g", "i.e", "a.m", "p.m", "inc", "ltd", "co", "corp", "mt",
}
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s)|\n\s*\n|\n(?=\s*[-–•*]\s)|\n")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int
    index: int = 0


_LAST_WORD = re.compile(r"([A-Za-z.]+)$")


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the full stop at `dot` closes an abbreviation or an initial (U.S., Lt., J.)."""
    if text[dot] != ".":
        return False
    word = _LAST_WORD.search(text[max(0, dot - 12):dot])
    if not word:
        return False
    token = word.group(1).lower().strip(".")
    if token in _ABBREVIATIONS:
        return True
    return len(token) == 1 and text[dot - 1].isupper()  # an initial such as "J."


def split_sentences(text: str) -> list[Sentence]:
    """Split `text` into sentences; line breaks always end a sentence (headlines, bullets)."""
    sentences: list[Sentence] = []
    paragraph = 0
    start = 0
    for match in _BOUNDARY.finditer(text):
        if match.group(0)[0] == "." and _is_abbreviation(text, match.start()):
            continue
        end = match.end() if match.group(0)[0] in ".!?" else match.start()
        _append(sentences, text, start, end, paragraph)
        if "\n" in match.group(0):
            paragraph += 1
        start = match.end()
    _append(sentences, text, start, len(text), paragraph)
    return sentences


def _append(out: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start >= 2:
        out.append(Sentence(start, end, text[start:end], paragraph, len(out)))


_CLAUSE_BREAK = re.compile(r";|, (?:while|but|whereas|as|after|before|when|and then)\b| – | — ")


def clauses(sentence: Sentence) -> list[tuple[int, int]]:
    """Rough clause boundaries inside a sentence, as absolute (start, end) offsets."""
    parts = []
    start = 0
    for m in _CLAUSE_BREAK.finditer(sentence.text):
        parts.append((sentence.start + start, sentence.start + m.start()))
        start = m.end()
    parts.append((sentence.start + start, sentence.end))
    return [p for p in parts if p[1] > p[0]]


_DATELINE = re.compile(r"^(?:[A-Z]{2}(?=[ ,]+[A-Z][A-Z'’.-]+\b)|[A-Z][A-Z'’.-]{2,})(?:[ ,]+[A-Z][A-Z'’.-]+)*\b[^–—:\n]{0,50}?(?:\s*(?:[–—:]|--)|\s+-(?=\s))\s*")


def dateline_end(sentence: Sentence) -> int:
    """Absolute end offset of a dateline that opens the sentence ("BAMAKO:", "ERBIL, Region –"), or its start."""
    m = _DATELINE.match(sentence.text)
    return sentence.start + m.end() if m else sentence.start


# ---------------------------------------------------------------------------------------------
# The characters a pattern's match can start with: lexicon alternations tried only on the rows that can match
# ---------------------------------------------------------------------------------------------
# a back reference by number would point at another group once rows are left out of an alternation
_NUMBERED_GROUPS = re.compile(r"\\[1-9]|\(\?\(")


def first_char_table(patterns: list[str], flags: int,
                     build: Callable[[list[int]], re.Pattern]) -> dict[str, re.Pattern | None]:
    """For each ASCII character, `build(indexes)` of only the patterns whose match can start with it (None:
    none can); a character missing from the table (non-ASCII) must be tried with the whole alternation.
    `build` must keep the patterns in order, so that the first one that matches at a position is the one
    the whole alternation finds there; a pattern that may start with anything is in every entry. Empty
    (always use the whole alternation) when a pattern refers to a group by number."""
    if any(_NUMBERED_GROUPS.search(p) for p in patterns):
        return {}
    firsts = [first_chars(p, flags) for p in patterns]
    table: dict[str, re.Pattern | None] = {}
    for ch in map(chr, range(128)):
        if ch.isupper():
            continue
        indexes = [i for i, first in enumerate(firsts) if first is None or ch in first]
        table[ch] = table[ch.upper()] = build(indexes) if indexes else None
    return table


def starts_at_word_boundary(pattern: str, flags: int = 0) -> bool:
    """True when every match of `pattern` starts where \\b holds (the pattern opens with \\b)."""
    items = _parser.parse(pattern, flags)
    return len(items) > 0 and items[0] == (_constants.AT, _constants.AT_BOUNDARY)


_CATEGORIES = {_constants.CATEGORY_DIGIT: r"\d", _constants.CATEGORY_WORD: r"\w", _constants.CATEGORY_SPACE: r"\s"}


def first_chars(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """The lower-cased ASCII characters a match of `pattern` can start with; None when it may start with
    some other character or match the empty string. Lower-casing both sides keeps this a superset under
    any case flag; a non-ASCII character in the text must be tried against the whole pattern."""
    first, nullable = _sequence_first(_parser.parse(pattern, flags))
    if first is None or nullable or not all(ch.isascii() for ch in first):
        return None
    return frozenset(ch.lower() for ch in first)


def _sequence_first(items) -> tuple[set[str] | None, bool]:
    """(first characters or None for any, whether the sequence can match the empty string)."""
    out: set[str] = set()
    for op, av in items:
        first, nullable = _item_first(op, av)
        if first is None:
            return None, False
        out |= first
        if not nullable:
            return out, False
    return out, True


def _item_first(op, av) -> tuple[set[str] | None, bool]:
    c = _constants
    if op is c.LITERAL:
        return {chr(av)}, False
    if op is c.IN:
        return _set_first(av), False
    if op is c.BRANCH:
        out, nullable = set(), False
        for alternative in av[1]:
            first, empty = _sequence_first(alternative)
            if first is None:
                return None, False
            out |= first
            nullable = nullable or empty
        return out, nullable
    if op is c.SUBPATTERN:
        return _sequence_first(av[3])
    if op is c.ATOMIC_GROUP:
        return _sequence_first(av)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        first, empty = _sequence_first(av[2])
        return first, empty or av[0] == 0
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):  # zero width: the next item starts the match
        return set(), True
    return None, False  # any character, a negated one, a back reference ...


def _set_first(items) -> set[str] | None:
    """The characters of a [...] set; its non-ASCII members are left to the whole pattern."""
    c = _constants
    out: set[str] = set()
    for op, av in items:
        if op is c.LITERAL:
            out.add(chr(av))
        elif op is c.RANGE and av[1] < 128:
            out.update(map(chr, range(av[0], av[1] + 1)))
        elif op is c.CATEGORY and av in _CATEGORIES:
            out.update(ch for ch in map(chr, range(128)) if re.match(_CATEGORIES[av], ch))
        else:
            return None
    return out


# ---------------------------------------------------------------------------------------------
# Literal gates: a pattern searched only where the text holds a word every match needs
# ---------------------------------------------------------------------------------------------
# the only characters beyond ASCII that match an ASCII letter case-insensitively (İ ı ſ K)
_ASCII_CASE_TWINS = "\u0130\u0131\u017f\u212a"


def lowers_like_ignorecase(text: str) -> bool:
    """True when an ASCII word occurs case-insensitively (re.I) in `text` exactly where it occurs in
    `text.lower()`: nothing beyond ASCII in it matches an ASCII letter."""
    return text.isascii() or not any(ch in text for ch in _ASCII_CASE_TWINS)


class GatedPattern:
    """A compiled pattern whose `search` and `finditer` first test that the text holds one of the literals
    every match contains (`required_literals`): most sentences lack them and skip the search. The answers
    are those of the pattern itself."""

    def __init__(self, pattern: str | re.Pattern, flags: int = 0):
        self.pattern = pattern if isinstance(pattern, re.Pattern) else re.compile(pattern, flags)
        self.literals = required_literals(self.pattern.pattern, self.pattern.flags)

    def may_match(self, text: str) -> bool:
        if self.literals is None or not lowers_like_ignorecase(text):
            return True
        low = text.lower()
        for literal in self.literals:  # a plain loop: cheaper than any() over a generator here
            if literal in low:
                return True
        return False

    def search(self, text: str) -> re.Match | None:
        return self.pattern.search(text) if self.may_match(text) else None

    def finditer(self, text: str) -> Iterator[re.Match]:
        return self.pattern.finditer(text) if self.may_match(text) else iter(())


# words so common that a literal made only of them tells little
_COMMON = frozenset("a an the of in on at to by for from and or with as is are was were has have had be it".split())


def required_literals(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
    """Lower-cased ASCII strings one of which every match of `pattern` contains (case aside); None when
    none can be told. Literal runs of the pattern's obligatory parts, the most telling ones chosen."""
    found = _required_in_sequence(_parser.parse(pattern, flags))
    return None if found is None else tuple(sorted(found))


def _required_in_sequence(items) -> set[str] | None:
    best, run = None, ""
    for op, av in items:
        if op is _constants.LITERAL and chr(av).isascii():
            run += chr(av).lower()
            continue
        if run:
            best, run = _more_telling(best, {run}), ""
        best = _more_telling(best, _required_in_item(op, av))
    return _more_telling(best, {run}) if run else best


def _required_in_item(op, av) -> set[str] | None:
    c = _constants
    if op is c.SUBPATTERN:
        return _required_in_sequence(av[3])
    if op is c.ATOMIC_GROUP:
        return _required_in_sequence(av)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
        return _required_in_sequence(av[2])
    if op is c.BRANCH:  # one of each alternative's literals
        out: set[str] = set()
        for alternative in av[1]:
            found = _required_in_sequence(alternative)
            if found is None:
                return None
            out |= found
        return out
    return None  # optional, a character class, an assertion ...


def _more_telling(a: set[str] | None, b: set[str] | None) -> set[str] | None:
    """Of two literal sets that each hold for every match, the one likely rarer in text."""
    if a is None or b is None:
        return a if b is None else b

    def score(literals: set[str]) -> tuple[int, int]:
        weakest = min(0 if all(w in _COMMON for w in lit.split()) else len(lit.strip()) for lit in literals)
        return weakest, -len(literals)

    return a if score(a) >= score(b) else b
