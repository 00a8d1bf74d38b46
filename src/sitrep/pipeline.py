"""The ordered stages: extract(report) -> result dict (spec/records.md).

text -> places, actors, numbers, dates -> triggers/frames, tallies -> resolve.
Every stage works on offsets into the original text, so evidence spans stay valid.
"""
from __future__ import annotations

import bisect
import re
from typing import Any

from sitrep.models import Report
from sitrep.stages import text as text_stage
from sitrep.stages.dates import Anchor, DateMention, counted_back, find_dates, parse_published, shifted
from sitrep.stages.frames import build_candidates, drop_grievances, follow_up_counts, is_source_mention, opens_since_period
from sitrep.stages.modality import claimant_of, claims_responsibility
from sitrep.stages.numbers import find_numbers, parse_amount
from sitrep.stages.resolve import DocContext, events_from, focus_place, region_place, tallies_from
from sitrep.stages.places import ADMIN_WORDS
from sitrep.stages.tallies import date_by_occurrence, find_tallies, is_tally_cause, is_tally_sentence
from sitrep.stages.triggers import find_triggers


def extract(report: Report, gazetteer=None) -> dict[str, Any]:
    """Events and tallies of one report, as the spec's result record."""
    from sitrep.gazetteer import load_gazetteer
    from sitrep.stages.actors import find_actors
    from sitrep.stages.places import find_places

    warnings: list[str] = []
    anchor, warning = parse_published(report.published)
    if warning:
        warnings.append(warning)
    text = report.text
    sentences = text_stage.split_sentences(text)
    gaz = gazetteer or load_gazetteer()
    places = find_places(text, gaz)  # the attacker's country is no hint: strikes cross borders
    place_countries: dict[str, int] = {}
    for p in places:
        place_countries[p.place.country] = place_countries.get(p.place.country, 0) + 1
    actors = [a for a in find_actors(text, place_countries=place_countries) if not _LINKED_AFTER.match(text, a.end)]
    openings = {text_stage.dateline_end(s) for s in sentences} | {s.start for s in sentences}
    places = [p for p in places if not _speaks_for_a_state(text, p, openings) and not _names_an_operation(text, p)]
    places = _drop_stray_namesakes(text, places, actors)
    countries = {a.country for a in actors if a.country}
    actor_mask = _mask(len(text), actors)
    actor_ends = {a.end for a in actors}
    places = sorted((p for p in places if not _inside_any(p, actor_mask)), key=lambda p: p.start)
    datelines = [(s.start, text_stage.dateline_end(s)) for s in sentences[:4]]
    places = [p for p in places if not any(start <= p.start < end for start, end in datelines)]
    year_hint = _year_hint(text, anchor)
    dates = [d for d in find_dates(text, anchor, year_hint) if not _inside_any(d, actor_mask)
             and not any(start <= d.start < end for start, end in datelines)]  # "Oct 5 (AP) -" dates the report
    date_mask = _mask(len(text), dates)
    numbers = sorted((n for n in find_numbers(text) if not _inside_any(n, date_mask)), key=lambda n: n.start)

    title_end = sentences[0].end if sentences else 0
    ctx = DocContext(anchor=anchor, text_length=len(text), focus=focus_place(places, title_end),
                     region=region_place(places), belligerents=_belligerents(
                         [a for a in actors if not is_source_mention(text, a.start, a.end)]),
                     state_forces={a.canonical for a in actors if a.inter == 1},
                     latest_mentioned=max((d.last for d in dates if not d.relative), default=None))
    generic_countries = [a.country for a in actors if a.generic and a.country]  # resolved by the document's country
    doc_country = max(generic_countries, key=generic_countries.count) if generic_countries else (
        max(place_countries, key=place_countries.get) if place_countries else None)
    monitor = "SOHR" if "SY" in countries or any(p.place.country == "SY" for p in places) else None

    candidates, tally_candidates = [], []
    paragraph_date = (None, None)   # (paragraph, the last point date its sentences gave so far)
    last_place = (None, None)       # (sentence index, the last town or village it named)
    for sentence in sentences:
        s_actors, s_places = _inside(actors, sentence), _inside(places, sentence)
        s_dates, s_numbers = _inside(dates, sentence), _inside(numbers, sentence)
        context_date = paragraph_date[1] if paragraph_date[0] == sentence.paragraph else None
        context_place = last_place[1] if last_place[0] == sentence.index - 1 else None
        precise = [p for p in s_places if p.geo_precision < 3 and p.place.kind not in ("country", "admin1")]
        if precise:
            last_place = (sentence.index, precise[-1])
        points = [d for d in s_dates if d.kind != "since" and d.start >= text_stage.dateline_end(sentence)]
        if points:
            paragraph_date = (sentence.paragraph, points[-1])
        claimant = claimant_of(sentence.text, sentence.start, s_actors, monitor, doc_country)
        triggers = [t for t in find_triggers(sentence.text, sentence.start) if not _inside_name(t, actor_mask, actor_ends, s_actors, text)]
        triggers = drop_grievances(sentence.text, sentence.start, triggers)
        owned = claims_responsibility(sentence.text)
        if owned:
            owner = next((a for a in s_actors if a.kind == "armed" and a.inter in (2, 3, 4)), None)
            if owner is not None and _own_earlier(candidates, sentence, owner):
                cue = (sentence.start + owned.start(), sentence.start + owned.end())
                triggers = [t for t in triggers if not cue[0] <= t.start < cue[1]]
        tallies = find_tallies(sentence, s_numbers, s_dates, s_actors, claimant) if is_tally_sentence(sentence) else []
        if tallies:
            tally_candidates.extend(tallies)
            used = {(t.number.start, t.number.end) for t in tallies}
            s_numbers = [n for n in s_numbers if (n.start, n.end) not in used]
            triggers = [t for t in triggers if t.cls not in ("casualty", "flight") and not is_tally_cause(sentence, t.start)
                        and not _in_since_clause(text, t, s_dates, s_places)]
        if all(t.cls == "casualty" for t in triggers) and not tallies and candidates \
                and candidates[-1].sentence.index == sentence.index - 1 and _no_new_place(precise, candidates[-1]):
            follow_up_counts(sentence, s_numbers, candidates[-1], s_dates)
            continue
        if not triggers:
            continue
        s_actors = [a for a in s_actors if a.canonical != claimant or a.kind == "armed"]
        back = counted_back(sentence.text)
        if back is None:
            built = build_candidates(sentence, triggers, s_actors, s_places, s_dates, s_numbers, claimant)
        else:  # "X came two days after Y": two occurrences, Y dated from X
            cut = sentence.start + back[0]
            built = [c for part in ([t for t in triggers if t.start < cut], [t for t in triggers if t.start >= cut]) if part
                     for c in build_candidates(sentence, part, s_actors, s_places, s_dates, s_numbers, claimant)]
            _date_counted_back(built, sentence, back, s_dates, candidates, context_date, anchor)
        for cand in built:
            cand.context_date, cand.context_place = context_date, context_place
        candidates.extend(built)

    for cand in candidates:
        _name_counted_towns(cand, places, sentences)
    events = events_from(candidates, ctx)
    date_by_occurrence(tally_candidates, text, dates)
    tallies = tallies_from(tally_candidates, ctx)
    result: dict[str, Any] = {
        "doc_id": report.id,
        "events": [e.to_dict() for e in events],
        "tallies": [t.to_dict() for t in tallies],
    }
    if warnings:
        result["warnings"] = warnings
    return result


# "the al-Qaeda-linked JNIM", "Iran-backed militias": the first name only qualifies the group that acts
_LINKED_AFTER = re.compile(r"[-\s](?:linked|affiliated|allied|aligned|backed|inspired|supported|sponsored)\b(?!\s+by\b)", re.I)
FOLLOW_UP_KM = 30.0


def _no_new_place(precise: list, previous) -> bool:
    """A casualty sentence names no new place when it names none, or only the area around the previous
    occurrence's place ("two soldiers were killed in northern Gaza" after a blast in Beit Hanoun)."""
    from sitrep.stages.places import distance_km
    return all(p.modifier == "direction" and any(distance_km(p.place, q.place) <= FOLLOW_UP_KM for q in previous.places)
               for p in precise)


def _drop_stray_namesakes(text: str, places: list, actors: list) -> list:
    """One-word names read as places abroad ("Jaffar Express" as Libya's Jafara, "Green Zone" as an Italian hamlet)
    are namesakes when nothing else of the report points to their country: no actor, no curated place, no name
    of several words, and it is not the country the report names most places in (ties go to the actors' side).
    A name written with its admin noun ("Paktika province") is meant as that place."""
    acting = {a.country for a in actors if a.country}
    if not acting:
        return places
    names: dict[str, set] = {}
    for p in places:
        if p.place.kind != "country":
            names.setdefault(p.place.country, set()).add(p.place.name)
    top = max(names, key=lambda c: (len(names[c]), c in acting), default=None)
    weak = [_weak_place(p) and not _ADMIN_NOUN_AFTER.match(text, p.end) for p in places]
    strong = acting | {top} | {p.place.country for p, w in zip(places, weak) if not w}
    return [p for p, w in zip(places, weak) if not w or p.place.country in strong]


_ADMIN_NOUN_AFTER = re.compile(rf"\s+(?:{ADMIN_WORDS}|district)\b", re.I)


def _weak_place(p) -> bool:
    """A one-word name of a small GeoNames place: a city of 100,000 or more is no stray namesake."""
    return p.place.kind in ("place", "admin1") and p.place.source in ("geonames", "admin1.tsv") \
        and " " not in p.surface.strip() and p.place.population < 100_000


_OPERATION_WORD = re.compile(r"\s+(?:Storm|Shield|Sword|Dawn|Spring|Wrath|Fury|Thunder|Lightning|Resolve|Freedom|Volcano|"
                             r"Eagle|Lion|Falcon|Flood|Arrow|Guardian|Bastion|Hammer|Anvil|Roundup|Round Up)\b")


def _names_an_operation(text: str, place) -> bool:
    """ "Operation Euphrates Shield", "the Jazeera Storm campaign": a place in a military operation's name is no
    place of the events."""
    return bool(_OPERATION_WORD.match(text, place.end)) or text[max(0, place.start - 10):place.start].endswith("Operation ")


_SPEAKS = re.compile(r"(?:,[^,.;]{0,80},)?\s+(?:has\s+|have\s+|had\s+|also\s+)?(?:said|says|confirmed|denied|announced|claimed|"
                     r"vowed|warned|accused|insisted|acknowledged|admitted|responded|rejected|threatened|"
                     r"(?:does|did|has|had) not)\b")


def _speaks_for_a_state(text: str, place, openings: set[int]) -> bool:
    """ "Kyiv confirmed on Saturday that ...", "Ankara does not comment", "in what Islamabad said were strikes":
    a capital opening a sentence or a clause as the speaker stands for its government, not for a place where
    something happened."""
    if place.place.kind in ("country", "admin1"):
        return False
    if place.start not in openings and not _SPEAKER_BEFORE.search(text, max(0, place.start - 12), place.start):
        return False  # "officials in Kabul said": a place where someone speaks may be an event place
    return bool(_SPEAKS.match(text, place.end))


_SPEAKER_BEFORE = re.compile(r"\b(?:what|which|as|but|and|while|when|that|after)\s+$", re.I)  # "in what Islamabad said were strikes"


def _in_since_clause(text: str, trigger, dates: list, places: list) -> bool:
    """ "Since the RSF began its assault on the city on May 10, 226 have been killed": the occurrence that opens
    a counted period is the total's starting point, not an occurrence of this report, unless the clause names
    the town it happened in ("since the army's final assault on Tabqa on 9 May"): then it is one, dated then."""
    for d in dates:
        if opens_since_period(text, trigger, d):
            return not any(trigger.end <= p.start < d.start and p.geo_precision == 1
                           and p.place.kind not in ("country", "admin1") for p in places)
    return False


_COUNTED_TOWNS = re.compile(r"\b(\w+)\s+(?:(?:more|other|key|strategic|major|small)\s+)?"
                            r"(?:towns|villages|cities|localities|settlements)\b", re.I)
NAMING_SENTENCES = 6   # how far after the sentence the counted towns may be named


def _name_counted_towns(cand, places: list, sentences: list) -> None:
    """ "seized three towns in the Tigray region" ... "the loss of Shire" ... "Alamata and Korem are the two
    other towns": a count of towns in a region, named in the sentences that follow, is one event per town."""
    if len(cand.places) != 1 or cand.places[0].geo_precision < 3 or cand.trigger.cls != "territory":
        return
    region = cand.places[0].place
    m = _COUNTED_TOWNS.search(cand.sentence.text, cand.trigger.end - cand.sentence.start)
    count = parse_amount(m.group(1)) if m else None
    if m is None or count is None or not 2 <= count <= 12 or m.start() > cand.places[0].start - cand.sentence.start:
        return
    last = sentences[min(len(sentences) - 1, cand.sentence.index + NAMING_SENTENCES)].end
    named: dict[str, object] = {}
    for p in places:
        if cand.sentence.end <= p.start < last and p.geo_precision == 1 and p.place.kind not in ("country", "admin1") \
                and p.place.country == region.country and (region.kind == "country" or p.place.admin1 == region.admin1):
            named.setdefault(p.place.name, p)
    if len(named) >= count:
        cand.places = list(named.values())[:count]


_OWNABLE = ("explosions_remote_violence", "violence_against_civilians", "battles")


def _own_earlier(candidates: list, sentence, owner) -> bool:
    """ "A bomb hit the station ... The BLA claimed responsibility": the group that owns the attack is its
    actor1 (a side the attack sentence cast as acting, being the victims', becomes actor2). True when an
    attack told in the three sentences before was owned."""
    owned = False
    for cand in reversed(candidates):
        if cand.sentence.index < sentence.index - 3 or cand.sentence.paragraph < sentence.paragraph - 1:
            break
        if cand.event_type not in _OWNABLE or cand.modality != "occurred":
            continue
        a1 = cand.actor1
        if a1 is None or getattr(a1, "generic", False) or (a1.inter == 1 and cand.actor2 is None):
            if a1 is not None and a1.inter == 1:
                cand.actor2 = a1
            cand.actor1 = owner
        owned = owned or cand.actor1 is owner or getattr(cand.actor1, "canonical", None) == owner.canonical
    return owned


def _date_counted_back(built: list, sentence, back: tuple, s_dates: list, earlier: list, context_date, anchor: Anchor) -> None:
    """ "The shelling came a day after the army repelled an attack": the occurrence told after "after" is
    dated from the one the sentence opens with (its own date, else the last dated occurrence told
    before it, else the paragraph's date, else the publication day)."""
    at, most, least = back
    cut = sentence.start + at
    reference = next((d for d in reversed(s_dates) if d.end <= cut and d.kind != "since"), None) \
        or next((c.date for c in reversed(earlier) if c.date is not None and c.date.kind != "counted"
                  and c.modality == "occurred"), None) \
        or context_date
    if reference is None and anchor.day is not None:
        reference = DateMention(sentence.start, sentence.start, anchor.day, anchor.day, 1, "point", True)
    if reference is None:
        return
    for cand in built:
        if cand.trigger.start >= cut and (cand.date is None or cand.date.end <= cut):
            cand.date = shifted(reference, sentence.start + at, sentence.start + at, most, least)


def _mask(length: int, spans: list) -> bytearray:
    mask = bytearray(length)
    for s in spans:
        mask[s.start:s.end] = b"\x01" * (s.end - s.start)
    return mask


def _inside_any(item, mask: bytearray) -> bool:
    """True when `item` lies inside an actor's name ("March 23" in M23's name, "Liberation" in TPLF's)."""
    return 0 not in mask[item.start:item.end]


def _inside_name(trigger, mask: bytearray, actor_ends: set[int], actors: list = (), text: str = "") -> bool:
    """True for a trigger word inside an actor's name ("Liberation" in TPLF's); one that heads the mention
    ("Israeli air strikes", "Russian missiles", "SAF warplanes bombed") is still the event's word, and so
    is a weapon inside a longer one ("missile" in "Russian missile strike"): the actor's name lacks it.
    Other words inside a mention ("displaced" in "displaced people") stay part of the name."""
    if not _inside_any(trigger, mask) or trigger.end in actor_ends:
        return False
    if trigger.cls != "remote":
        return True
    word = text[trigger.start:trigger.end].lower()
    holder = next((a for a in actors if a.start <= trigger.start and trigger.end <= a.end), None)
    return holder is None or not word or word in holder.canonical.lower()


def _inside(items: list, sentence) -> list:
    """The items (sorted by start) that lie within the sentence."""
    lo = bisect.bisect_left([x.start for x in items], sentence.start) if len(items) > 64 else 0
    out = []
    for x in items[lo:]:
        if x.start > sentence.end:
            break
        if x.start >= sentence.start and x.end <= sentence.end:
            out.append(x)
    return out


def _belligerents(actors: list) -> list[str]:
    counts: dict[str, int] = {}
    for a in actors:
        if a.kind == "armed" and a.canonical != "Civilians":
            counts[a.canonical] = counts.get(a.canonical, 0) + 1
    return sorted(counts, key=lambda k: -counts[k])


def _year_hint(text: str, anchor: Anchor) -> int | None:
    """The latest year the report mentions, for dates written without one when publication is unknown."""
    if anchor.year:
        return anchor.year
    import re
    years = [int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", text)]
    return max(years) if years else None
