"""Trigger stage: words that signal an event, from the lexicon in data/triggers.tsv."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from re import _constants, _parser

from sitrep.lexicons import load_tsv


@dataclass(frozen=True)
class Trigger:
    start: int
    end: int
    event_type: str
    sub_event_type: str
    cls: str
    weight: int

    @property
    def key(self) -> tuple[str, str]:
        return self.event_type, self.sub_event_type


@dataclass(frozen=True)
class _Rule:
    event_type: str
    sub_event_type: str
    cls: str
    weight: int


@dataclass(frozen=True)
class _Lexicon:
    pattern: re.Pattern                       # every row, one alternation
    rules: tuple[_Rule, ...]
    by_first: dict[str, re.Pattern | None]    # lower-case ASCII character -> the rows a match can start with


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    rows = load_tsv("triggers.tsv")
    rules = tuple(_Rule(r["event_type"], r["sub_event_type"], r["class"], int(r["weight"])) for r in rows)
    patterns = [r["pattern"] for r in rows]
    # one alternation tried only at word starts (much faster than scanning every character)
    pattern = _alternation(patterns, range(len(patterns)))
    return _Lexicon(pattern, rules, _by_first_char(patterns))


def _alternation(patterns: list[str], indexes) -> re.Pattern:
    """The rows `indexes` in one pattern, in order, each in a group named r<index>."""
    return re.compile("(?:" + "|".join(f"(?P<r{i}>(?:{patterns[i]}))" for i in indexes) + ")\\b", re.I)


def _by_first_char(patterns: list[str]) -> dict[str, re.Pattern | None]:
    """For each lower-case ASCII character, the alternation of only the rows whose match can start with it
    (None: no row can). The rows keep their order, so the first row that matches is the same as in the
    full alternation; a row that may start with anything is in every one."""
    if any(_NUMBERED_GROUPS.search(p) for p in patterns):
        return {}
    firsts = [first_chars(p, re.I) for p in patterns]
    table: dict[str, re.Pattern | None] = {}
    for ch in map(chr, range(128)):
        if ch.isupper():
            continue
        indexes = [i for i, first in enumerate(firsts) if first is None or ch in first]
        table[ch] = _alternation(patterns, indexes) if indexes else None
    return table


# a back reference by number would point at another group once rows are left out of the alternation
_NUMBERED_GROUPS = re.compile(r"\\[1-9]|\(\?\(")
_WORD_START = re.compile(r"\b\w")


def find_triggers(text: str, offset: int = 0) -> list[Trigger]:
    """Non-overlapping triggers in `text`; offsets are shifted by `offset`."""
    lex = _lexicon()
    by_first, rules = lex.by_first, lex.rules
    found: list[Trigger] = []
    resume = 0
    for w in _WORD_START.finditer(text):
        start = w.start()
        if start < resume:
            continue
        first = w.group()
        pattern = by_first.get(first.lower(), lex.pattern) if first.isascii() else lex.pattern
        if pattern is None:
            continue
        m = pattern.match(text, start)
        if m is None:
            continue
        resume = m.end()
        rule = rules[int(m.lastgroup[1:])]
        found.append(Trigger(m.start() + offset, m.end() + offset, rule.event_type, rule.sub_event_type,
                             rule.cls, rule.weight))
    return found


# ---------------------------------------------------------------------------------------------
# The characters a pattern's match can start with
# ---------------------------------------------------------------------------------------------
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


def validate_triggers() -> list[str]:
    """Problems in the trigger lexicon (for `sitrep lexicon validate`)."""
    problems = []
    allowed_types = {"battles", "explosions_remote_violence", "violence_against_civilians", "protests", "riots",
                     "strategic_developments", "displacement"}
    for n, row in enumerate(load_tsv("triggers.tsv"), 1):
        try:
            re.compile(row["pattern"])
        except re.error as e:
            problems.append(f"triggers.tsv row {n}: bad pattern: {e}")
        if row["event_type"] not in allowed_types:
            problems.append(f"triggers.tsv row {n}: unknown event_type {row['event_type']!r}")
        if not row.get("weight", "").isdigit():
            problems.append(f"triggers.tsv row {n}: weight must be an integer")
    return problems
