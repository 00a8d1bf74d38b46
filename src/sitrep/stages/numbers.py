"""Numbers stage: counts written as digits, words, vague quantities and ranges, with qualifiers.

"over 11,350" -> 11350 at_least; "dozens" -> 12 (ACLED); "between 20 and 30" -> 20, low 20, high 30;
"2.200" (a European thousands separator) -> 2200; "1.5 million" -> 1500000.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sitrep.lexicons import load_json


@dataclass(frozen=True)
class Number:
    start: int
    end: int
    value: int
    qualifier: str = "exact"  # exact | at_least | about | at_most
    low: int | None = None
    high: int | None = None
    vague: bool = False
    is_year: bool = False


@dataclass(frozen=True)
class _Lexicon:
    pattern: re.Pattern
    units: dict
    multipliers: dict
    vague: dict
    qualifier_of: dict
    starters: frozenset = frozenset()  # first words a number phrase can begin with (besides digits)


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    lex = load_json("numbers.json")
    units, multipliers, vague = lex["units"], lex["multipliers"], lex["vague"]
    qualifier_of = {phrase: kind for kind, phrases in lex["qualifiers"].items() for phrase in phrases}

    def alternation(words) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    word_units = [w for w in units if w not in ("a", "an", "no")]
    digits = r"\d{1,3}(?:,\d{3})+(?!\d|,\d)|\d{1,3}(?:\.\d{3})+(?!\d|\.\d)|\d+(?:\.\d+)?"
    word = rf"(?:{alternation(word_units)})(?:[- ](?:{alternation(word_units)}))?"
    mult = rf"(?:[ -](?:{alternation(multipliers)}))"
    amount = (rf"(?:(?:{digits}){mult}*|(?:(?:a|an) )?(?:{word}){mult}*|(?:a|an) (?:{alternation(multipliers)}|dozen)"
              rf"(?:{mult})*)")
    single = rf"(?P<vague>{alternation(vague)})|(?P<amount>{amount})"
    qualifier = rf"(?:(?P<qual>{alternation(qualifier_of)}) )?"
    rng = (rf"(?:(?P<between>between )?(?P<lo>{amount})(?: (?:to|and|or) |(?<=\d)\s?[-–]\s?(?=\d))"
           rf"(?P<hi>{amount}))")
    pattern = re.compile(rf"{qualifier}(?:{rng}|{single})(?![\w])", re.IGNORECASE)
    starters = {w.split()[0].lower() for w in [*units, *vague, *qualifier_of, *multipliers, "between"]}
    return _Lexicon(pattern, units, multipliers, vague, qualifier_of, frozenset(starters))


_DIGITS_THEN_REST = re.compile(r"^([\d.,]+)\s*(.*)$")
_GROUPED_THOUSANDS = re.compile(r"\d{1,3}([,.]\d{3})+")
_WORD_GAP = re.compile(r"[ -]+")
_YEAR = re.compile(r"(?:19|20)\d\d")


def parse_amount(text: str) -> int | None:
    """The integer value of a digit or word amount ("11,350", "two thousand", "1.5 million")."""
    lex = _lexicon()
    t = text.lower().strip()
    m = _DIGITS_THEN_REST.match(t)
    if m:
        raw, rest = m.group(1), m.group(2)
        if _GROUPED_THOUSANDS.fullmatch(raw) and not (rest and "." in raw):
            value = float(raw.replace(",", "").replace(".", ""))
        else:
            try:
                value = float(raw.replace(",", ""))
            except ValueError:
                return None
        for w in _WORD_GAP.split(rest):
            if w in lex.multipliers:
                value *= lex.multipliers[w]
        return int(round(value))
    total, current = 0, 0
    for w in _WORD_GAP.split(t):
        if w in ("a", "an"):
            current = max(current, 1)
        elif w == "dozen":
            current = max(current, 1) * 12
        elif w in lex.units:
            current += lex.units[w]
        elif w in lex.multipliers:
            current = max(current, 1) * lex.multipliers[w]
            if lex.multipliers[w] >= 1000:
                total, current = total + current, 0
        else:
            return None
    return total + current


def find_numbers(text: str) -> list[Number]:
    lex = _lexicon()
    out: list[Number] = []
    for m in _matches(text, lex):
        qual = lex.qualifier_of.get((m.group("qual") or "").lower(), "exact")
        if m.group("lo"):
            lo, hi = parse_amount(m.group("lo")), parse_amount(m.group("hi"))
            if lo is None or hi is None:
                continue
            if not m.group("between") and " and " in m.group(0).lower():
                out.extend(_single(m.start("lo"), m.end("lo"), lo, qual, text))
                out.extend(_single(m.start("hi"), m.end("hi"), hi, "exact", text))
                continue
            if not m.group("between") and (hi <= lo or _looks_like_years(lo, hi)):
                # "10 to 2" is not a range; "2017-2018" are years: keep the first number alone
                out.extend(_single(m.start("lo"), m.end("lo"), lo, qual, text))
                continue
            out.append(Number(m.start(), m.end(), lo, "at_least" if qual == "exact" else qual, lo, hi))
        elif m.group("vague"):
            value = lex.vague[m.group("vague").lower()]
            out.append(Number(m.start(), m.end(), value, "about" if qual == "exact" else qual, vague=True))
        else:
            value = parse_amount(m.group("amount"))
            if value is None:
                continue
            out.extend(_single(m.start(), m.end(), value, qual, text))
    return out


_WORD = re.compile(r"\b[\w.]+")


def _matches(text: str, lex: _Lexicon):
    """Pattern matches tried only where a word that can open a number phrase starts."""
    resume = 0
    for w in _WORD.finditer(text):
        if w.start() < resume:
            continue
        word = w.group(0)
        if not (word[0].isdigit() or word.lower().rstrip(".") in lex.starters):
            continue
        m = lex.pattern.match(text, w.start())
        if m:
            resume = m.end()
            yield m


def _single(start: int, end: int, value: int, qual: str, text: str) -> list[Number]:
    surface = text[start:end]
    is_year = bool(_YEAR.fullmatch(surface.strip()))
    return [Number(start, end, value, qual, is_year=is_year)]


def _looks_like_years(lo: int, hi: int) -> bool:
    return 1900 <= lo <= 2100 and (1900 <= hi <= 2100 or hi < 100)
