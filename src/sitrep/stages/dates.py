"""Dates stage: date expressions resolved to windows with the spec's precision codes.

Precision: 1 the day is known; 2 a window up to about two weeks; 3 a month or longer.
Relative expressions ("on Tuesday", "yesterday", "last week", "recently") resolve against the
publication date; when that is partial (YYYY-MM) or missing they widen or stay unresolved.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from re import _parser

from sitrep.stages.text import GatedPattern, lowers_like_ignorecase

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}
PARTS = {"early": (1, 10), "beginning": (1, 10), "mid": (11, 20), "middle": (11, 20), "late": (21, 31), "end": (21, 31)}


@dataclass(frozen=True)
class Anchor:
    """The publication date as far as it is known."""

    day: date | None = None      # the day, when known
    month: tuple[int, int] | None = None  # (year, month) when only that is known
    year: int | None = None

    @property
    def known(self) -> bool:
        return self.day is not None

    @property
    def latest(self) -> date | None:
        """The last day the publication can be on."""
        if self.day:
            return self.day
        if self.month:
            return _month_end(*self.month)
        if self.year:
            return date(self.year, 12, 31)
        return None

    @property
    def earliest(self) -> date | None:
        if self.day:
            return self.day
        if self.month:
            return date(self.month[0], self.month[1], 1)
        if self.year:
            return date(self.year, 1, 1)
        return None


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    first: date
    last: date
    precision: int
    kind: str = "point"   # point | since | range | counted (from another occurrence's date)
    relative: bool = False

    @property
    def window(self) -> tuple[str, str]:
        return self.first.isoformat(), self.last.isoformat()


def parse_published(value: object) -> tuple[Anchor, str | None]:
    """An Anchor from the `published` field, and a warning when the value is not usable."""
    if value is None or value == "":
        return Anchor(), None
    if not isinstance(value, str):
        return Anchor(), f"published {value!r} is not a date string; treated as unknown"
    s = value.strip()
    try:
        if re.fullmatch(r"\d{4}", s):
            return Anchor(year=int(s)), None
        if re.fullmatch(r"\d{4}-\d{2}", s):
            y, m = int(s[:4]), int(s[5:7])
            date(y, m, 1)
            return Anchor(month=(y, m), year=y), None
        d = date.fromisoformat(s[:10])
        return Anchor(day=d, month=(d.year, d.month), year=d.year), None
    except ValueError:
        return Anchor(), f"published {value!r} is not a valid date; treated as unknown"


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _month_window(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), _month_end(year, month)


def _part_window(year: int, month: int, part: str) -> tuple[date, date]:
    lo, hi = PARTS[part]
    return date(year, month, lo), date(year, month, min(hi, calendar.monthrange(year, month)[1]))


_M = r"(?P<{n}>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"(?P<{n}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{n}>(?:19|20)\d\d)"
_PART = r"(?P<{n}>early|mid|middle|late|beginning of|end of)[- ]?(?:of )?"


def _g(template: str, name: str) -> str:
    return template.replace("{n}", name)


_RULES: list[tuple[str, re.Pattern]] = [
    ("part_range", re.compile(
        rf"\b(?:from )?(?:{_g(_PART, 'p1')})?{_g(_M, 'm1')}(?: {_g(_YEAR, 'y1')})? (?:to|until|through|and|-|–) "
        rf"(?:{_g(_PART, 'p2')})?{_g(_M, 'm2')}(?:,? {_g(_YEAR, 'y2')})?\b", re.I)),
    ("iso", re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<mo>[01]\d)-(?P<d>[0-3]\d)\b")),
    ("day_range", re.compile(
        rf"\b(?:between |from )?(?:the )?{_g(_DAY, 'd1')}(?: (?:of )?{_g(_M, 'm1')})?(?:,? {_g(_YEAR, 'y1')})? ?(?:and|to|until|through|-|–) ?"
        rf"(?:the )?{_g(_DAY, 'd2')} (?:of )?{_g(_M, 'm2')}(?:,? {_g(_YEAR, 'y2')})?\b", re.I)),
    ("month_day_range", re.compile(
        rf"\b(?:between |from )?{_g(_M, 'm1')} {_g(_DAY, 'd1')} ?(?:and|to|until|through|-|–) ?(?:{_g(_M, 'm2')} )?{_g(_DAY, 'd2')}"
        rf"(?![\d:])(?:,? {_g(_YEAR, 'y2')})?\b", re.I)),
    ("day_month", re.compile(
        rf"\b(?:the )?{_g(_DAY, 'd')} (?:of )?{_g(_M, 'm')}(?:,? {_g(_YEAR, 'y')})?\b", re.I)),
    ("month_day", re.compile(rf"\b{_g(_M, 'm')} {_g(_DAY, 'd')}(?![\d:])(?:,? {_g(_YEAR, 'y')})?\b", re.I)),
    ("part_month", re.compile(rf"\b{_g(_PART, 'p')}{_g(_M, 'm')}(?:,? {_g(_YEAR, 'y')})?\b", re.I)),
    ("season", re.compile(r"\b(?P<s>spring|summer|autumn|fall|winter) (?:of )?(?P<y>(?:19|20)\d\d)\b", re.I)),
    ("month_year", re.compile(rf"\b{_g(_M, 'm')},? {_g(_YEAR, 'y')}\b", re.I)),
    ("month", re.compile(rf"\b(?P<pre>in|since|during|last|this|until|by|from|of|early|late|mid|throughout|in early|in late) {_g(_M, 'm')}(?![\w-])(?P<ly> last year| of last year)?", re.I)),
    ("part_year", re.compile(r"\b(?P<p>early|mid|late|end of|beginning of)[- ](?P<y>(?:19|20)\d\d)\b", re.I)),
    ("year", re.compile(r"\b(?P<pre>in|since the|since|during|of|by|until|throughout) (?P<y>(?:19|20)\d\d)\b", re.I)),
    ("weekday", re.compile(
        r"\b(?P<pre>last |this |on |early |late |since |until )?(?P<w>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
        r"(?P<part> night| morning| evening| afternoon)?\b", re.I)),
    ("days_ago", re.compile(r"\b(?P<n>\w+) (?P<u>days?|weeks?|months?) ago\b", re.I)),
    ("past_span", re.compile(
        r"\b(?:over |in |during |within )?the (?:past|last) (?:(?P<n>\w+) )?(?P<u>hours?|days?|weeks?|months?|week|month|year|24 hours|48 hours|72 hours)\b", re.I)),
    ("named", re.compile(
        r"\b(?P<w>today|tonight|yesterday|last night|this morning|earlier today|overnight|this week|last week|earlier this week|"
        r"earlier this month|this month|last month|this year|so far this year|last year|in recent days|in recent weeks|recently|recent|"
        r"the (?:start|beginning) of (?:the|this) year)\b", re.I)),
]

_WORD_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "several": 5, "few": 3, "couple": 2}


_MONTH_WORD = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?![a-z])", re.I)
_MONTH_RULES = frozenset({"part_range", "day_range", "month_day_range", "day_month", "month_day", "part_month",
                          "month_year", "month"})
# the other rules run only where a word they need occurs (a cheap scan instead of a full one per rule)
_GATES = {
    "iso": re.compile(r"\d-\d"),
    "season": re.compile(r"\b(?:spring|summer|autumn|fall|winter)\b", re.I),
    "part_year": re.compile(r"\b(?:19|20)\d\d\b"),
    "year": re.compile(r"\b(?:19|20)\d\d\b"),
    "weekday": re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.I),
    "days_ago": re.compile(r"\bago\b", re.I),
    "past_span": re.compile(r"\b(?:past|last)\b", re.I),
    "named": re.compile(r"\b(?:today|tonight|yesterday|last|this|overnight|earlier|so far|recent|recently|start|beginning)\b", re.I),
}
# The same gates read off one pass over the text's words: a gate's match is a whole word ("so far" aside,
# whose rule's every match also holds "this"); a year gate's is four digits starting 19 or 20.
_GATE_WORDS = {
    "season": "spring summer autumn fall winter",
    "weekday": "monday tuesday wednesday thursday friday saturday sunday",
    "days_ago": "ago",
    "past_span": "past last",
    "named": "today tonight yesterday last this overnight earlier recent recently start beginning",
}
_RULES_OF_WORD: dict[str, tuple[str, ...]] = {}
for _rule, _words in _GATE_WORDS.items():
    for _word in _words.split():
        _RULES_OF_WORD[_word] = _RULES_OF_WORD.get(_word, ()) + (_rule,)
_YEAR_GATED = ("part_year", "year")
_WORD = re.compile(r"\w+")
# Rules whose every match holds its gate's word and looks at nothing past its end but \b: they run only
# around those words, as far on each side as their longest match (the same matches as a full scan).
_AROUND_GATE = {name: width for name, width in ((name, _parser.parse(p.pattern, p.flags).getwidth()[1]) for name, p in _RULES)
                if name in ("iso", "season", "part_year", "year", "weekday", "named") and width <= 100}
_WINDOW = 70  # characters around a month name that a month-based expression can reach


def _month_windows(text: str) -> list[tuple[int, int]]:
    """Merged (start, end) spans around every month-like word: month-based rules only look there;
    a span's ends are then moved out of the words they fall in (they may overlap again)."""
    spans: list[tuple[int, int]] = []
    for m in _MONTH_WORD.finditer(text):
        lo, hi = max(0, m.start() - _WINDOW), min(len(text), m.end() + _WINDOW)
        if spans and lo <= spans[-1][1]:
            spans[-1] = (spans[-1][0], hi)
        else:
            spans.append((lo, hi))
    return [_whole_words(text, lo, hi) for lo, hi in spans]


def _whole_words(text: str, lo: int, hi: int) -> tuple[int, int]:
    """A window boundary inside a word would make \b true there: widen to whole words."""
    while lo > 0 and text[lo - 1].isalnum():
        lo -= 1
    while hi < len(text) and (text[hi].isalnum() or text[hi] in "-–"):
        hi += 1
    return lo, hi


def _gate_hits(text: str) -> dict[str, list[tuple[int, int]]]:
    """Rule name -> the spans of its gate's matches in `text`."""
    if not lowers_like_ignorecase(text):
        return {name: [m.span() for m in gate.finditer(text)] for name, gate in _GATES.items()}
    hits: dict[str, list[tuple[int, int]]] = {name: [] for name in _GATES}
    hits["iso"] = [m.span() for m in _GATES["iso"].finditer(text)]
    for m in _WORD.finditer(text):
        word = m.group()
        if len(word) == 4 and word.isdecimal() and word[:2] in ("19", "20"):  # \d is isdecimal()
            rules = _YEAR_GATED
        else:
            rules = _RULES_OF_WORD.get(word.lower(), ())
        for name in rules:
            hits[name].append(m.span())
    return hits


def _gate_windows(text: str, hits: list[tuple[int, int]], reach: int) -> list[tuple[int, int]]:
    """Disjoint (start, end) spans `reach` characters around each gate match, each end moved past the word
    characters it falls on (so \b at the end reads as in the whole text)."""
    spans: list[tuple[int, int]] = []
    for start, end in hits:
        lo, hi = max(0, start - reach), min(len(text), end + reach)
        while hi < len(text) and (text[hi].isalnum() or text[hi] == "_"):
            hi += 1
        if spans and lo <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(hi, spans[-1][1]))
        else:
            spans.append((lo, hi))
    return spans


def _in_windows(pattern: re.Pattern, text: str, windows: list[tuple[int, int]]):
    last_end = -1
    for lo, hi in windows:
        for m in pattern.finditer(text, lo, hi):
            if m.start() >= last_end:
                yield m
        last_end = hi


def _rule_matches(name: str, pattern: re.Pattern, text: str, windows: list[tuple[int, int]],
                  hits: dict[str, list[tuple[int, int]]]):
    if name in _MONTH_RULES:
        yield from _in_windows(pattern, text, windows)
        return
    reach = _AROUND_GATE.get(name)
    if reach is not None:
        yield from _in_windows(pattern, text, _gate_windows(text, hits[name], reach))
    elif name not in hits or hits[name]:
        yield from pattern.finditer(text)


def find_dates(text: str, anchor: Anchor, year_hint: int | None = None) -> list[DateMention]:
    """Every date expression in `text`, resolved; unresolvable ones are left out."""
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    windows, hits = _month_windows(text), _gate_hits(text)
    for name, pattern in _RULES:
        for m in _rule_matches(name, pattern, text, windows, hits):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            mention = _resolve(name, m, anchor, year_hint, text)
            if mention is not None:
                taken.append((m.start(), m.end()))
                found.append(mention)
    found.sort(key=lambda d: d.start)
    return found


def _year_for(month: int, day: int | None, anchor: Anchor, year_hint: int | None) -> int | None:
    """The year of a day or month given without one: the latest that is not after publication."""
    latest = anchor.latest
    if latest is None:
        return year_hint
    year = latest.year
    if (month, day or 1) > (latest.month, latest.day):
        year -= 1
    return year


_SINCE_CLAUSE = GatedPattern(
    r"\bsince\s+[^.;:,]{0,70}?\b(?:began|begun|started|erupted|broke out|launched|crossed|entered|invaded|seized|"
    r"took (?:power|control)|was launched|were launched)\b[^.;:,]{0,40}?\s(?:on\s+|in\s+)?$"
    # "since fighting reached the city on May 10", "since the SDF announced its assault on February 9":
    # any past-tense verb of the clause, its date right after on/in
    r"|\bsince\s+(?:the\s+)?[^.;:,]{0,60}?\b(?:\w{3,}ed|came|fell|went|took|won|struck|overran)\b[^.;:,]{0,50}?\s(?:on|in)\s+$", re.I)


_SINCE_BEFORE = re.compile(r"\bsince\s*$")


def _since_kind(text: str, start: int) -> str:
    before = text[max(0, start - 8):start].lower()
    if _SINCE_BEFORE.search(before):
        return "since"
    # "since the protests began on June 18", "since troops crossed the border last Tuesday"
    return "since" if _SINCE_CLAUSE.search(text[max(0, start - 130):start]) else "point"


def _resolve(name: str, m: re.Match, anchor: Anchor, year_hint: int | None, text: str) -> DateMention | None:
    try:
        window = _window(name, m, anchor, year_hint)
    except (ValueError, KeyError, OverflowError):
        return None
    if window is None:
        return None
    first, last, precision, relative = window
    if first > last:
        first, last = last, first
    kind = "range" if name == "part_range" else _since_kind(text, m.start())
    if m.group(0).lower().startswith("since "):
        kind = "since"
    return DateMention(m.start(), m.end(), first, last, precision, kind, relative)


def _month_of(m: re.Match, group: str) -> int:
    return MONTHS[m.group(group).lower().rstrip(".")]


def _window(name: str, m: re.Match, anchor: Anchor, year_hint: int | None):
    g = m.groupdict()
    if name == "iso":
        d = date(int(g["y"]), int(g["mo"]), int(g["d"]))
        return d, d, 1, False
    if name in ("day_month", "month_day"):
        month, day = _month_of(m, "m"), int(g["d"])
        year = int(g["y"]) if g.get("y") else _year_for(month, day, anchor, year_hint)
        if year is None:
            return None
        d = date(year, month, day)
        return d, d, 1, False
    if name in ("day_range", "month_day_range"):
        m2 = _month_of(m, "m2") if g.get("m2") else _month_of(m, "m1")
        m1 = _month_of(m, "m1") if g.get("m1") else m2
        d1, d2 = int(g["d1"]), int(g["d2"])
        y2 = int(g["y2"]) if g.get("y2") else (int(g["y1"]) if g.get("y1") else _year_for(m2, d2, anchor, year_hint))
        if y2 is None:
            return None
        y1 = int(g["y1"]) if g.get("y1") else (y2 if (m1, d1) <= (m2, d2) else y2 - 1)
        first, last = date(y1, m1, d1), date(y2, m2, d2)
        if not 0 < (last - first).days <= 62:
            return None
        return first, last, 2 if (last - first).days <= 14 else 3, False
    if name == "part_month":
        month = _month_of(m, "m")
        year = int(g["y"]) if g.get("y") else _year_for(month, None, anchor, year_hint)
        if year is None:
            return None
        part = g["p"].lower().replace(" of", "")
        first, last = _part_window(year, month, part)
        return first, last, 2, False
    if name == "part_range":
        m1, m2 = _month_of(m, "m1"), _month_of(m, "m2")
        y2 = int(g["y2"]) if g.get("y2") else (int(g["y1"]) if g.get("y1") else _year_for(m2, None, anchor, year_hint))
        if y2 is None:
            return None
        y1 = int(g["y1"]) if g.get("y1") else (y2 if m1 <= m2 else y2 - 1)
        first = _part_window(y1, m1, g["p1"].lower().replace(" of", ""))[0] if g.get("p1") else date(y1, m1, 1)
        last = _part_window(y2, m2, g["p2"].lower().replace(" of", ""))[1] if g.get("p2") else _month_end(y2, m2)
        return first, last, 3 if (last - first).days > 14 else 2, False
    if name == "season":
        lo, hi = SEASONS[g["s"].lower()]
        y = int(g["y"])
        return date(y, lo, 1), _month_end(y + (1 if hi < lo else 0), hi), 3, False
    if name in ("month_year", "month"):
        if name == "month" and g["m"].lower() in ("may", "mar") and not m.group(0)[m.start("m") - m.start()].isupper():
            return None
        if name == "month" and not m.group("m")[0].isupper():
            return None
        month = _month_of(m, "m")
        year = int(g["y"]) if g.get("y") else _year_for(month, None, anchor, year_hint)
        if year is None:
            return None
        if g.get("ly") and anchor.latest is not None:
            year = anchor.latest.year - 1   # "since October last year"
        pre = (g.get("pre") or "").lower()
        if pre in ("early", "late", "mid", "in early", "in late"):
            first, last = _part_window(year, month, pre.split()[-1])
            return first, last, 2, False
        first, last = _month_window(year, month)
        return first, last, 3, False
    if name == "part_year":
        y = int(g["y"])
        part = g["p"].lower()
        spans = {"early": (1, 4), "beginning of": (1, 4), "mid": (5, 8), "late": (9, 12), "end of": (9, 12)}
        lo, hi = spans[part]
        return date(y, lo, 1), _month_end(y, hi), 3, False
    if name == "year":
        y = int(g["y"])
        return date(y, 1, 1), date(y, 12, 31), 3, False
    return _relative(name, m, anchor)


def _relative(name: str, m: re.Match, anchor: Anchor):
    """Expressions that need the publication date."""
    g = m.groupdict()
    if anchor.latest is None:
        return None
    if not anchor.known:  # only the month or year of publication: widen to it
        return anchor.earliest, anchor.latest, 3, True
    pub = anchor.day
    if name == "weekday":
        target = WEEKDAYS[g["w"].lower()]
        back = (pub.weekday() - target) % 7
        if (g.get("pre") or "").strip().lower() == "last" and back == 0:
            back = 7
        d = pub - timedelta(days=back)
        return d, d, 1, True
    if name == "days_ago":
        n = _WORD_NUMBERS.get(g["n"].lower()) or (int(g["n"]) if g["n"].isdigit() else None)
        if n is None:
            return None
        unit = g["u"].lower().rstrip("s")
        if unit == "day":
            d = pub - timedelta(days=n)
            return d, d, 1, True
        days = 7 * n if unit == "week" else 30 * n
        return pub - timedelta(days=days + 3), pub - timedelta(days=max(0, days - 3)), 2 if days <= 14 else 3, True
    if name == "past_span":
        unit = g["u"].lower()
        n_raw = (g.get("n") or "").lower()
        n = _WORD_NUMBERS.get(n_raw) or (int(n_raw) if n_raw.isdigit() else 1)
        if "hour" in unit:
            hours = int(re.match(r"\d+", unit).group(0)) if unit[0].isdigit() else n
            days = max(1, round(hours / 24))
        elif unit.startswith("day"):
            days = n
        elif unit.startswith("week"):
            days = 7 * n
        elif unit.startswith("month"):
            days = 30 * n
        else:
            days = 365
        return pub - timedelta(days=days), pub, 1 if days == 0 else (2 if days <= 14 else 3), True
    word = g["w"].lower()
    if word in ("today", "tonight", "this morning", "earlier today"):
        return pub, pub, 1, True
    if word in ("yesterday", "last night"):
        d = pub - timedelta(days=1)
        return d, d, 1, True
    if word == "overnight":
        return pub - timedelta(days=1), pub, 2, True
    if word in ("this week", "last week", "earlier this week", "in recent days", "recently", "recent"):
        return pub - timedelta(days=7), pub, 2, True
    if word in ("in recent weeks",):
        return pub - timedelta(days=21), pub, 3, True
    if word in ("earlier this month", "this month"):
        first = pub.replace(day=1)
        end = pub - timedelta(days=1) if word.startswith("earlier") and pub.day > 1 else pub
        return first, end, 2 if (end - first).days <= 16 else 3, True
    if word == "last month":
        prev = pub.replace(day=1) - timedelta(days=1)
        first, last = _month_window(prev.year, prev.month)
        return first, last, 3, True
    if word.startswith("the start of") or word.startswith("the beginning of"):
        return date(pub.year, 1, 1), pub, 3, True
    if word in ("this year", "so far this year"):
        return date(pub.year, 1, 1), pub, 3, True
    if word == "last year":
        return date(pub.year - 1, 1, 1), date(pub.year - 1, 12, 31), 3, True
    return None


_COUNTED_BACK = re.compile(
    r"\b(?:(?:just|only|barely|some)\s+)?(?P<n>an?|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2}|a few|few|several)?\s*"
    r"(?P<u>hours?|days?|weeks?)\s+after\b", re.I)
_AFTER = re.compile("after", re.I)  # in every match of _COUNTED_BACK: a cheap test first


def counted_back(text: str) -> tuple[int, int, int] | None:
    """ "The attack came two days after militants ambushed ...": (where the earlier occurrence's clause
    starts in `text`, and how many days before the reference it lies at the most and at the least).
    "hours after" is the same day; "days after" without a number is within the week before."""
    m = _COUNTED_BACK.search(text) if _AFTER.search(text) else None
    if m is None:
        return None
    unit = m.group("u").lower().rstrip("s")
    raw = (m.group("n") or "").lower()
    if unit == "hour":
        return m.end(), 0, 0
    if raw in ("", "a few", "few", "several"):
        most, least = (7, 1) if unit == "day" else (35, 7)
        return m.end(), most, least
    n = _WORD_NUMBERS.get(raw) or int(raw)
    days = n * (7 if unit == "week" else 1)
    return m.end(), days, days


def shifted(reference: DateMention, start: int, end: int, most: int, least: int) -> DateMention:
    """The window `most` to `least` days before `reference`, as a mention at start..end."""
    first, last = reference.first - timedelta(days=most), reference.last - timedelta(days=least)
    span = (last - first).days
    precision = max(reference.precision, 1 if span == 0 else 2 if span <= 14 else 3)
    return DateMention(start, end, first, last, precision, "counted", True)
