"""Modality and attribution: is a trigger reported as having happened, and who says so.

Claims, denials, threats, predictions and offers are not `occurred`; "according to X" and
"X said" set the claimant. Cues live in data/modality.json.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sitrep.lexicons import load_json
from sitrep.stages.text import GatedPattern


@dataclass(frozen=True)
class _Cues:
    expected: re.Pattern
    may: re.Pattern
    denied: re.Pattern
    background: re.Pattern
    claim_verb: GatedPattern
    responsibility: GatedPattern


def _alternation(items: list[str]) -> str:
    return "|".join(sorted(items, key=len, reverse=True))


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    lex = load_json("modality.json")
    expected = [c for c in lex["expected"] if c != "may"]
    return _Cues(
        expected=re.compile(rf"\b(?:{_alternation(expected)})\b", re.I),
        may=re.compile(r"\bmay\b"),  # lower case only: "May" is the month
        denied=re.compile(rf"\b(?:{_alternation(lex['denied'])})\b", re.I),
        background=re.compile(rf"\b(?:{_alternation(lex['background'])})\b", re.I),
        claim_verb=GatedPattern(rf"\b(?:{_alternation(lex['claim_verbs'])})\b", re.I),
        responsibility=GatedPattern(rf"\b(?:{_alternation(lex['responsibility'])})\b", re.I),
    )


_TREND_AFTER = re.compile(r"\s+(?:\w+\s+)?(?:intensif(?:y|ies|ied)|escalat(?:e|es|ed)|rag(?:e|es|ed)|spread(?:s)?|"
                          r"grow(?:s)?|grew|mount(?:s|ed)?|worsen(?:s|ed)?|continu(?:e|es|ed))\b", re.I)


_FALSE_AFTER = re.compile(r"\b(?:are|is|were|was) false\b")
_UNABLE_TO = re.compile(r"\b(?:difficult|impossible|hard|unable)\b[^.;]{0,50}\bto\s+(?:\w+\s+){0,2}$", re.I)
_CONDITION = re.compile(r"\bif\b|\bunless\b", re.I)
_EXPECTED_AFTER = re.compile(r"^[^.;]{0,110}\b(?:is|are|was|seems?) (?:imminent|expected|likely|planned)\b", re.I)
_TO_BEFORE = re.compile(r"\bto\s+$")
_DONE_TO_BEFORE = re.compile(
    r"\b(?:able|managed|continued|began|started|went on|proceeded|used|forced|moved|rushed)\s+to\s+$", re.I)
_PAST_OR_ING = re.compile(r"(?:ed|ing)$")
_ONGOING_AFTER = re.compile(r"\s*(?:have|has) been ongoing")
_AMID_BEFORE = re.compile(r"\b(?:as|amid|while)\s+(?:the\s+)?$", re.I)


def modality_of(clause: str, trigger_start: int, trigger_end: int) -> str:
    """`occurred`, `expected`, `denied`, `hypothetical` or `background` for the trigger at the given
    offsets (relative to `clause`)."""
    cues = _cues()
    before = clause[max(0, trigger_start - 90):trigger_start]
    after = clause[trigger_end:trigger_end + 60]
    if cues.denied.search(before[-35:]) or _FALSE_AFTER.search(after):
        return "denied"
    if _UNABLE_TO.search(before):
        return "denied"  # "made it difficult for the coalition to carry out airstrikes"
    if _CONDITION.search(before[-40:]):
        return "hypothetical"
    if cues.expected.search(before[-60:]) or cues.may.search(before[-30:]):
        return "expected"
    if _EXPECTED_AFTER.search(clause[trigger_end:]):
        return "expected"
    if _TO_BEFORE.search(before) and not _DONE_TO_BEFORE.search(before) \
            and not _PAST_OR_ING.search(clause[trigger_start:trigger_end].split()[0]):
        return "expected"  # "fighting to retake", "urged residents to evacuate": a purpose, not a fact
    if cues.background.search(before[-45:]) or _ONGOING_AFTER.match(after):
        return "background"
    if _AMID_BEFORE.search(before[-12:]) and _TREND_AFTER.match(after):
        return "background"  # "as fighting intensifies in the region": a trend, not one occurrence
    return "occurred"


def claims_responsibility(text: str):
    """ "The BLA claimed responsibility": the sentence names who carried out an attack told before it
    (the cue's match, or None)."""
    return _cues().responsibility.search(text)


def has_claim_verb(text: str) -> bool:
    return bool(_cues().claim_verb.search(text))


_ACCORDING = GatedPattern(r"\baccording to\b|\b(?:citing|quoting)\b", re.I)
_UNNAMED_SOURCE = re.compile(r"\s+(?:a|an|some|several|local|unnamed|anonymous|two|three|residents|witnesses|medics|sources)\b", re.I)
_GENERIC_MONITOR = re.compile(r"\b(?:the|a|war) (?:monitor|observatory|watchdog)\b|\bobservatory\b", re.I)


_STATE_OFFICE = re.compile(
    r"\b(?:the\s+)?(?:(?P<whose>[A-Z][\w-]+)(?:'s|’s)?\s+)?(?:(?:state|federal|regional|provincial|local)\s+)?"
    r"(?:(?:health|interior|defen[cs]e|foreign|information|home)\s+ministry|ministry\s+of\s+(?:health|the\s+interior|interior|defen[cs]e)|"
    r"ministry|(?:state\s+)?prosecutor(?:'s|’s)?\s+office|(?:health\s+|civil\s+defen[cs]e\s+)?authorities|"
    r"(?:health|government|security|police)\s+officials|governor)\b")
# every match of _STATE_OFFICE (a case-sensitive pattern) holds one of these words: a cheap test first
_OFFICE_WORDS = ("ministry", "prosecutor", "authorities", "officials", "governor")
_SAYS_AFTER = re.compile(r"^[^.;]{0,25}?\b(?:said|says|say|reported|announced|stated|told)\b", re.I)


def _state_office(sentence_text: str, country: str | None) -> str | None:
    """ "according to the health ministry", "Lebanon's health ministry said", "local authorities say": the
    government of the country the office belongs to (the document's where the phrase names none)."""
    if not any(word in sentence_text for word in _OFFICE_WORDS):
        return None
    from sitrep.stages.actors import _lexicon, canonical_actor
    lex = _lexicon()
    for m in _STATE_OFFICE.finditer(sentence_text):
        before = sentence_text[max(0, m.start() - 30):m.start()]
        if not (_ACCORDING.search(before) or _SAYS_AFTER.match(sentence_text[m.end():])):
            continue
        cc = country
        whose = m.group("whose")
        if whose:
            known = _country_of_word(whose, lex)
            if known is None and whose.lower() not in ("the", "a", "an", "local", "state"):
                continue  # "the Gaza health ministry" is named in actors.tsv; an unknown word is not a state
            cc = known or cc
        if cc:
            return lex.state_canonical("Government of", cc)
    return None


def _country_of_word(word: str, lex) -> str | None:
    node = lex.trie.get(word.lower()) or lex.trie.get(word)
    for entry in (node or {}).get(None, []):
        if entry.rule in ("demonym", "country"):
            return entry.target
    return None


def official_claimant(claimant: str | None) -> str | None:
    """A state's ministry speaks for its government: "Ministry of Health (Gaza)" gives "Government of Palestine"."""
    if not claimant or not claimant.startswith("Ministry of"):
        return claimant
    from sitrep.stages.actors import _lexicon, actor_country
    cc = actor_country(claimant)
    return (_lexicon().state_canonical("Government of", cc) if cc else None) or claimant


def claimant_of(sentence_text: str, sentence_start: int, actors: list, monitor: str | None = None,
                country: str | None = None) -> str | None:
    """Who the sentence attributes its facts to: "according to X", "X said", ", said X"."""
    found = _claimant_of(sentence_text, sentence_start, actors, monitor)
    if found is None:
        found = _state_office(sentence_text, country)
    return official_claimant(found)


def _claimant_of(sentence_text: str, sentence_start: int, actors: list, monitor: str | None = None) -> str | None:
    sources = [a for a in actors if getattr(a, "kind", "armed") != "civilian" and a.canonical != "Civilians"]
    for m in _ACCORDING.finditer(sentence_text):
        pos = sentence_start + m.end()
        following = [a for a in sources if 0 <= a.start - pos <= 45]
        if following:
            return following[0].canonical
        if monitor and _GENERIC_MONITOR.search(sentence_text[m.end():m.end() + 45]):
            return monitor
        if _UNNAMED_SOURCE.match(sentence_text, m.end()):
            return None  # "according to a monitoring group": a source we cannot name, not an actor nearby
    for m in _cues().claim_verb.finditer(sentence_text):
        verb_at = sentence_start + m.start()
        after_at = sentence_start + m.end()
        subject = [a for a in sources if 0 <= verb_at - a.end <= 45 and a.kind in ("monitor", "official", "media")]
        if subject:
            return subject[-1].canonical
        obj = [a for a in sources if 0 <= a.start - after_at <= 12 and a.kind in ("monitor", "official", "media", "armed")]
        if obj and sentence_text[m.start():m.end()].lower() in ("said", "says", "reported", "added", "stated"):
            return obj[0].canonical
        subject = [a for a in sources if 0 <= verb_at - a.end <= 30]
        if subject:
            return subject[-1].canonical
        if monitor and _GENERIC_MONITOR.search(sentence_text[max(0, m.start() - 40):m.end() + 30]):
            return monitor
    return None
