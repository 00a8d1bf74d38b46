"""Trigger stage: words that signal an event, from the lexicon in data/triggers.tsv."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sitrep.lexicons import load_tsv
from sitrep.stages.text import first_char_table


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
    by_first: dict[str, re.Pattern | None]    # ASCII character -> the rows a match can start with


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    rows = load_tsv("triggers.tsv")
    rules = tuple(_Rule(r["event_type"], r["sub_event_type"], r["class"], int(r["weight"])) for r in rows)
    patterns = [r["pattern"] for r in rows]
    # one alternation tried only at word starts (much faster than scanning every character)
    pattern = _alternation(patterns, range(len(patterns)))
    by_first = first_char_table(patterns, re.I, lambda indexes: _alternation(patterns, indexes))
    return _Lexicon(pattern, rules, by_first)


def _alternation(patterns: list[str], indexes) -> re.Pattern:
    """The rows `indexes` in one pattern, in order, each in a group named r<index>."""
    return re.compile("(?:" + "|".join(f"(?P<r{i}>(?:{patterns[i]}))" for i in indexes) + ")\\b", re.I)


_WORD_START = re.compile(r"\b\w")


def find_triggers(text: str, offset: int = 0) -> list[Trigger]:
    """Non-overlapping triggers in `text`; offsets are shifted by `offset`."""
    lex = _lexicon()
    by_first, whole, rules = lex.by_first, lex.pattern, lex.rules
    found: list[Trigger] = []
    resume = 0
    for w in _WORD_START.finditer(text):
        start = w.start()
        if start < resume:
            continue
        pattern = by_first.get(w.group(), whole)  # only the rows that can start with this letter
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
