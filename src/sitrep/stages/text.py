"""Text stage: sentences with character offsets into the original report text.

Nothing here rewrites the text: every sentence is a (start, end) slice of the input, so
evidence spans computed later index the text the user gave us.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

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


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the full stop at `dot` closes an abbreviation or an initial (U.S., Lt., J.)."""
    if text[dot] != ".":
        return False
    word = re.search(r"([A-Za-z.]+)$", text[max(0, dot - 12):dot])
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


def clauses(sentence: Sentence) -> list[tuple[int, int]]:
    """Rough clause boundaries inside a sentence, as absolute (start, end) offsets."""
    parts = []
    start = 0
    for m in re.finditer(r";|, (?:while|but|whereas|as|after|before|when|and then)\b| – | — ", sentence.text):
        parts.append((sentence.start + start, sentence.start + m.start()))
        start = m.end()
    parts.append((sentence.start + start, sentence.end))
    return [p for p in parts if p[1] > p[0]]


_DATELINE = re.compile(r"^(?:[A-Z]{2}(?=[ ,]+[A-Z][A-Z'’.-]+\b)|[A-Z][A-Z'’.-]{2,})(?:[ ,]+[A-Z][A-Z'’.-]+)*\b[^–—:\n]{0,50}?(?:\s*(?:[–—:]|--)|\s+-(?=\s))\s*")


def dateline_end(sentence: Sentence) -> int:
    """Absolute end offset of a dateline that opens the sentence ("BAMAKO:", "ERBIL, Region –"), or its start."""
    m = _DATELINE.match(sentence.text)
    return sentence.start + m.end() if m else sentence.start
