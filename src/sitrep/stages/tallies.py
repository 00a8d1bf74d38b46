"""Tallies stage: running totals ("since 10 September ... has risen to 1650") kept apart from events.

A sentence holds a tally when a cumulative cue ("since", "so far", "the number of", "death toll",
"in total", "as of") or a present-perfect total ("have fled", "has rescued") governs a count.
Numbers read as tallies are never reused as event fatalities.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from sitrep.stages.dates import DateMention
from sitrep.stages.numbers import Number
from sitrep.stages.text import GatedPattern, Sentence

_CUE = GatedPattern(
    r"\b(?:since|so far|to date|in total|a total of|total(?:led|ed)?|overall|altogether|(?:has|have|had) (?:now )?risen to|"
    r"rose to|risen to|climbed to|increased to|death tally|tally|as of|throughout|"
    r"cumulative|in the (?:past|last) (?:\w+ )?(?:weeks|months|years)|(?:over|in|during) the (?:past|last) (?:\w+ )?(?:week|month|year|days)|since the start of|this year|estimated|estimates?|"
    r"(?:has|have) left)\b", re.I)
_UNIT_AFTER = re.compile(r"^\s*(?:-\s*)?(?:days?|hours?|weeks?|months?|years?|km|kilomet(?:er|re)s?|miles?|met(?:er|re)s?|"
                         r"per ?cent|percent|%|minutes?|times|vehicles?|trucks?|lorries|missiles?|rockets?|shells?|"
                         r"airstrikes?|strikes?|towns?|villages?|cities|waves?|storey|o'clock|am|pm|a\.m|p\.m)\b", re.I)
_PERFECT = re.compile(r"\b(?:has|have)\s+(?:\w+\s+){0,3}?(?:been\s+)?(?:killed|fled|left|displaced|rescued|evacuated|"
                      r"freed|escaped|captured|arrested|detained|returned|come out|emerged|died|murdered|"
                      r"resulted in|lost|taken|detained)\b", re.I)
_QUANTITIES = [
    ("killed", re.compile(r"\b(?:killed|dead|died|deaths?|death (?:toll|tally)|lost|murdered|slain|killing|lives)\b", re.I)),
    ("injured", re.compile(r"\b(?:wounded|injured|injuries)\b", re.I)),
    ("arrested", re.compile(r"\b(?:arrested|detained|detention)\b", re.I)),
    ("captured", re.compile(r"\b(?:captured|capture|surrendered|taken prisoner|prisoners)\b", re.I)),
    ("returned", re.compile(r"\b(?:returned|returnees)\b", re.I)),
    ("displaced", re.compile(r"\b(?:fled|flee|fleeing|displaced|left|escaped|evacuated|rescued|freed|come out|came out|"
                             r"emerged|exodus|from their homes|uprooted)\b", re.I)),
]
_CIVILIAN_NOUN = re.compile(r"^\s*(?:\w+\s+){0,2}?(?:civilians?|people|residents|citizens|families|villagers|"
                            r"women|children|persons|individuals|refugees|politicians|journalists)\b", re.I)
_FIGHTER_NOUN = re.compile(r"^\s*(?:\w+\s+){0,2}?(?:fighters?|militants?|members|soldiers|troops|combatants|jihadists|"
                           r"terrorists|rebels|assailants|insurgents|officers|policemen)\b", re.I)


_ONE_OCCURRENCE = re.compile(
    r"\b(?:killed|died|dead|wounded|injured)\s+(?:when|as|after)\b"
    r"|\b(?:killed|died|dead|wounded|injured)\s+in\s+(?:the|a|an|\w+'s|\w+’s)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:attack|strike|airstrike|air strike|raid|bombing|blast|explosion|shelling|ambush|crash|massacre|assault)\b"
    r"|\btoll (?:of|from|in) (?:the|a|an|\w+'s|\w+’s) (?:[\w-]+\s+){0,2}?"
    r"(?:attack|strike|airstrike|raid|bombing|blast|explosion|shelling|ambush|crash|massacre|assault)\b", re.I)
_STRONG_CUMULATIVE = re.compile(r"\b(?:since|so far|to date|in total|a total of|overall|altogether|this year|"
                                r"cumulative|in the (?:past|last))\b", re.I)


def is_single_occurrence_toll(text: str) -> bool:
    """A rising toll of one named occurrence ("killed when jets hit the market ... has risen to 12")."""
    return bool(_ONE_OCCURRENCE.search(text)) and not _STRONG_CUMULATIVE.search(text)


@dataclass
class TallyCandidate:
    sentence: Sentence
    number: Number
    quantity: str
    subject: str | None
    since: DateMention | None
    claimant: str | None
    evidence: list[tuple[int, int]] = field(default_factory=list)


_BREAKDOWN = re.compile(r"\b(?:including|among them|among whom|of whom|of them)\b[^.;]*$", re.I)
_OTHER_VERB = re.compile(r"^[^,;.]{0,40}?\b(?:are|is|were|was|remain|remained|live|lived|need|needs|sheltering|shelter)\b", re.I)
_CAUSE_WORD = re.compile(r"\b(?:in|by|from|during)\s+(?:the\s+|an?\s+)?$", re.I)


def is_tally_sentence(sentence: Sentence) -> bool:
    return bool(_CUE.search(sentence.text) or _PERFECT.search(sentence.text))


def find_tallies(sentence: Sentence, numbers: list[Number], dates: list[DateMention], actors: list,
                 claimant: str | None) -> list[TallyCandidate]:
    """Tallies in one sentence; `numbers`, `dates` and `actors` are those inside it."""
    text = sentence.text
    cue = _CUE.search(text)
    perfect = _PERFECT.search(text)
    if not cue and not perfect:
        return _large_flows(sentence, numbers, actors, claimant)
    if is_single_occurrence_toll(text):
        return []  # "the toll of Thursday's strike has risen to 12": that strike's figure, not a total
    sinces = [d for d in dates if d.kind == "since"]
    out = []
    sentence_quantity = _single_quantity(text)
    for num in numbers:
        if num.is_year or num.vague or num.value <= 0 or _is_date_part(text, num, sentence) or is_unit_count(text, num, sentence):
            continue
        quantity = _quantity_near(text, num, sentence)
        if quantity is None and not _OTHER_VERB.match(text[num.end - sentence.start:]):
            quantity = sentence_quantity  # "... and 500,000 are sheltering": the clause says what it counts
        if quantity is None:
            continue
        if quantity in ("killed", "injured") and _BREAKDOWN.search(text[:num.start - sentence.start]) and any(
                n.start < num.start and not n.vague and n.value > num.value for n in numbers):
            continue  # "132 killed, including 65 fighters and 17 civilians": the parts of the toll, no new total
        if not cue and num.value < 100:
            continue  # "three people have been killed" is one event, not a running total
        subject = _subject_near(text, num, sentence, actors, quantity)
        since = _since_for(text, num, sentence, sinces, dates)
        out.append(TallyCandidate(sentence, num, quantity, subject, since, claimant,
                                  [(sentence.start, sentence.end)]))
    return out


_CLAUSE_BREAK = re.compile(r"[;]|,\s+(?:while|whereas|and|but)\b")
_CLAUSE_BREAK_OR_END = re.compile(r"[;]|,\s+(?:while|whereas|and|but)\b|$")
_OWN_VERB = re.compile(r"\b(?:has|have|had|is|are|was|were|been|fled|left|died)\b", re.I)
_SPAN_START = re.compile(r"\b(?:so far this year|this year|the (?:start|beginning) of (?:the|this) year|"
                         r"(?:over|in|during) the (?:past|last) (?:\w+ )?(?:hours?|days?|weeks?|months?|year))\b", re.I)


def _since_for(text: str, num: Number, sentence: Sentence, sinces: list[DateMention],
               dates: list[DateMention] = ()) -> DateMention | None:
    """The "since" date of the number's own clause ("X killed since May ..., while Y fled since June")."""
    def clause_of(pos: int) -> int:
        return len(_CLAUSE_BREAK.findall(text[:pos - sentence.start]))
    same = [d for d in sinces if clause_of(d.start) == clause_of(num.start)]
    if same:
        return min(same, key=lambda d: abs(d.start - num.start))
    # "558 killed since Monday, ..., and more than 1,800 wounded": a clause without its own verb shares the period
    rel = num.start - sentence.start
    clause_start = max([m.end() for m in _CLAUSE_BREAK.finditer(text[:rel])], default=0)
    clause_end = _CLAUSE_BREAK_OR_END.search(text[rel:]).start() + rel
    if clause_start and not _OWN_VERB.search(text[clause_start:clause_end]):
        earlier = [d for d in sinces if d.start < num.start]
        if earlier:
            return earlier[-1]
    # "so far this year", "over the past week": the span the figure sums starts there
    spans = [d for d in dates if d.kind != "since" and d.relative and clause_of(d.start) == clause_of(num.start)
             and _SPAN_START.search(text[max(0, d.start - sentence.start - 8):d.end - sentence.start])]
    return min(spans, key=lambda d: abs(d.start - num.start)) if spans else None


_OCCURRENCE_SINCE = re.compile(
    r"\bsince\s+(?:the|this|that|their|its)\s+(?:[\w-]+\s+){0,2}?(?P<noun>offensive|war|fighting|assault|operation|"
    r"campaign|attack|siege|conflict|invasion|incursion|uprising|protests?|clashes|escalation|advance|push)\s+"
    r"(?:began|begun|started|erupted|broke out|was launched|got under way|intensified)\b", re.I)
_LAUNCH = r"\b(?:launched|began|started|opened|mounted|unleashed|announced)\b"


def date_by_occurrence(candidates: list[TallyCandidate], text: str, dates: list[DateMention]) -> None:
    """ "132 killed since the offensive began": the offensive's own date, where the report gives it
    ("launched an offensive ... on Wednesday"); left undated otherwise."""
    for c in candidates:
        if c.since is not None:
            continue
        m = _OCCURRENCE_SINCE.search(c.sentence.text)
        if m is None:
            continue
        noun = m.group("noun").lower()
        told = None
        for sm in re.finditer(rf"[^.!?\n]*\b{noun}\b[^.!?\n]*", text):
            if sm.start() >= c.sentence.start and sm.end() <= c.sentence.end:
                continue
            if not re.search(_LAUNCH, sm.group(0), re.I) and not re.search(rf"\b{noun}\s+(?:began|started|erupted|broke out)", sm.group(0), re.I):
                continue
            points = [d for d in dates if sm.start() <= d.start < sm.end() and d.kind in ("point", "since")
                      and d.precision == 1]
            if points:
                told = points[0]
                break
        if told is not None:
            c.since = told


def _large_flows(sentence: Sentence, numbers: list[Number], actors: list, claimant: str | None) -> list[TallyCandidate]:
    """Tens of thousands fleeing is a sum over many movements, whatever the wording."""
    out = []
    for num in numbers:
        if num.vague or num.is_year or num.value < 5000 or is_unit_count(sentence.text, num, sentence):
            continue
        if _quantity_near(sentence.text, num, sentence) == "displaced":
            out.append(TallyCandidate(sentence, num, "displaced", "Civilians", None, claimant,
                                      [(sentence.start, sentence.end)]))
    return out


def is_unit_count(text: str, num: Number, sentence: Sentence) -> bool:
    """ "three days", "30 kilometres", "six missiles": a number that counts no people."""
    return bool(_UNIT_AFTER.match(text[num.end - sentence.start:]))


_MONTH_BEFORE = re.compile(r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.?\s+$")
_MONTH_AFTER = re.compile(r"(?i)\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)")


def _is_date_part(text: str, num: Number, sentence: Sentence) -> bool:
    rel, rel_end = num.start - sentence.start, num.end - sentence.start
    # the month must touch this number ("Sept. 9, at least 30 ...": 30 is no day)
    return bool(_MONTH_BEFORE.search(text[max(0, rel - 12):rel])
                or _MONTH_AFTER.match(text[rel_end:rel_end + 12])) and num.value <= 31


def _single_quantity(text: str) -> str | None:
    kinds = {name for name, rx in _QUANTITIES if rx.search(text)}
    return kinds.pop() if len(kinds) == 1 else None


_AFTER_CLAUSE_END = re.compile(r"[,;:]|\bwhile\b|\bwhereas\b|\bbut\b|\band\s+(?=(?:has\s+|have\s+|had\s+)?(?:displaced|forced|"
                               r"wounded|injured|left|uprooted|driven)\b)")
_BEFORE_CLAUSE_START = re.compile(r"[,;:]|\bwhile\b|\bbut\b")


def _quantity_near(text: str, num: Number, sentence: Sentence) -> str | None:
    """The quantity word governing a number, looked for within its clause: after it first, then before."""
    rel_s, rel_e = num.start - sentence.start, num.end - sentence.start
    after = _AFTER_CLAUSE_END.split(text[rel_e:rel_e + 70])[0]
    before = _BEFORE_CLAUSE_START.split(text[max(0, rel_s - 60):rel_s])[-1]
    best: tuple[int, str] | None = None
    for name, rx in _QUANTITIES:
        m = rx.search(after)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), name)
    if best is not None:
        return best[1]
    for name, rx in _QUANTITIES:
        for mb in rx.finditer(before):
            dist = len(before) - mb.end()
            if best is None or dist < best[0]:
                best = (dist, name)
    return best[1] if best else None


def _subject_near(text: str, num: Number, sentence: Sentence, actors: list, quantity: str) -> str | None:
    rel_e = num.end - sentence.start
    after = text[rel_e:rel_e + 40]
    armed = [a for a in actors if getattr(a, "kind", "armed") == "armed" and a.canonical != "Civilians"]
    right_after = [a for a in armed if 0 <= a.start - num.end <= 25]
    if right_after:
        return right_after[0].canonical
    if _CIVILIAN_NOUN.match(after):
        return "Civilians"
    if quantity in ("displaced", "returned"):
        return "Civilians"
    # "killed in Israeli strikes", "wounded by shelling of the army": the cause named is not whose people are counted
    armed = [a for a in armed if not _CAUSE_WORD.search(text[max(0, a.start - sentence.start - 12):a.start - sentence.start])]
    nearby = sorted(armed, key=lambda a: min(abs(a.start - num.end), abs(num.start - a.end)))
    if nearby and min(abs(nearby[0].start - num.end), abs(num.start - nearby[0].end)) < 60:
        return nearby[0].canonical
    if _FIGHTER_NOUN.match(after) and armed:
        return armed[0].canonical
    return None


_CAUSE_BEFORE = re.compile(
    r"(?:\b(?:killed|died|dead|lost|wounded|injured)\b[^.;]{0,40}?|\b(?:most|many|some|all|half|several|dozens) of (?:them|whom|those)\s+)"
    r"\b(?:in|by|during|from)\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,3}$", re.I)


def is_tally_cause(sentence: Sentence, start: int) -> bool:
    """ "58 fighters have been killed since Wednesday, most of them in coalition air strikes": the air
    strikes are how the counted deaths came about, many occurrences summed, not one occurrence."""
    rel = start - sentence.start
    return bool(_CAUSE_BEFORE.search(sentence.text[max(0, rel - 80):rel]))

