"""Frames stage: a sentence's triggers with their arguments become candidate events.

A candidate keeps what the sentence itself says (actors, places, date, counts, modality); the
resolve stage fills the gaps from the document and merges repeated mentions.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any

from sitrep.stages.dates import DateMention
from sitrep.stages.modality import modality_of
from sitrep.stages.numbers import Number
from sitrep.stages.tallies import is_unit_count
from sitrep.stages.text import Sentence
from sitrep.stages.triggers import Trigger

CIVILIANS = "Civilians"
_CASUALTY_KILLED = re.compile(
    r"\b(?:killed|killing|kills|dead|died|deaths?|death toll|slain|neutrali[sz]ed|lost their lives|lives|bodies|"
    r"executed|murdered|massacred|beheaded|shot dead|fatalities|fatality)\b", re.I)
_CASUALTY_INJURED = re.compile(r"\b(?:wounded|injured|injuries|injuring|wounding)\b", re.I)
_CAPTURED = re.compile(r"\b(?:captured|capturing|abducted|kidnapped|seized|took|taken|surrendered|hostages?)\b", re.I)
_ARRESTED = re.compile(r"\b(?:arrested|detained|rounded up)\b", re.I)
_MOVED = re.compile(r"\b(?:fled|fleeing|flee|displaced|escaped|evacuated|rescued|left|carried|ferried|"
                    r"came out|leaving|returned)\b", re.I)
_NO_FATALITIES = re.compile(r"\bno (?:fatalities|casualties|deaths|one was (?:killed|hurt))\b|\bwithout casualties\b", re.I)
_VICTIM_BEFORE = re.compile(r"\b(?:were|was|have been|had been|being)\s+(?:\w+\s+)?(?:killed|wounded|injured|"
                            r"abducted|kidnapped|captured|executed)\b|\b(?:died|perished)\b", re.I)
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are|got)\s+(?:\w+ly\s+)?$", re.I)
_BY_AFTER = re.compile(r"^\s*(?:\w+\s+){0,3}?by\b", re.I)


@dataclass
class Candidate:
    sentence: Sentence
    trigger: Trigger
    event_type: str
    sub_event_type: str
    modality: str
    actor1: Any = None          # ActorMention or None
    actor2: Any = None
    places: list = field(default_factory=list)   # PlaceMention, most specific first
    date: DateMention | None = None
    fatalities: int | None = None
    fatalities_low: int | None = None
    fatalities_high: int | None = None
    counts: dict[str, int] = field(default_factory=dict)
    claimant: str | None = None
    anaphoric: bool = False     # "the attack", "the fighting": refers to an occurrence already told
    campaign: bool = False      # "their attacks": the campaign the report tells of, wherever it names
    place_fatalities: dict[int, int] = field(default_factory=dict)  # place index -> deaths tied to that place
    ongoing: bool = False       # "clashes are taking place", "warplanes continued to bomb": going on as the report is filed
    context_date: DateMention | None = None  # the date an earlier sentence of the paragraph gave
    context_place: Any = None   # the town or village the sentence before named (PlaceMention)


_PAST_VERB = re.compile(r"(?:\w+ed|struck|hit|fought|shot|overran|took|stormed)\b", re.I)  # "the group also struck": no noun
_CAMPAIGN_OF = re.compile(r"\b(?:their|its|his|her|our)\s+(?:[a-z]+\s+)?$", re.I)  # "their attacks": the campaign told
_SAID_THAT = re.compile(r"\b(?:said|says|say|reported|told|claimed|announced|added|stated|confirmed|noted|warned|believed)\s+(?:on\s+\w+\s+)?$", re.I)


def _refers_back(before: str) -> bool:
    """ "the attack", "this strike": a noun that points at an occurrence already told; not "said that Ukrainian drones"."""
    m = _ANAPHORA.search(before)
    return bool(m) and not (m.group().lower().startswith("that") and _SAID_THAT.search(before, 0, m.start()))


_ANAPHORA = re.compile(r"\b(?:the|this|that|these|those)\s+(?:[a-z]+\s+){0,2}$", re.I)


_CLASH_VERB = re.compile(r"clashed|fought|battled|traded|exchanged", re.I)
_CLASH_THEN = re.compile(r"\band\b(?:\s+(?:later|then|subsequently))?|\bbefore\b", re.I)


def _clash_told_apart(t: Trigger, triggers: list[Trigger], sentence) -> bool:
    """ "Troops clashed with M23 in Sake, and the army said it had regained control of the town by evening":
    a fight told as its own clause before the territory changes hands is its own event (spec rule 2);
    "captured the town after clashes" is one."""
    if sentence is None:
        return False
    word = sentence.text[t.start - sentence.start:t.end - sentence.start]
    if not _CLASH_VERB.match(word):
        return False
    terr = next((x for x in triggers if x.cls == "territory" and x.start > t.end), None)
    if terr is None:
        return False
    between = sentence.text[t.end - sentence.start:terr.start - sentence.start]
    return bool(_CLASH_THEN.search(between))


_UNOPPOSED = re.compile(r"without (?:a fight|(?:any )?(?:fighting|resistance))", re.I)


def _unopposed(triggers: list[Trigger], sentence) -> list[Trigger]:
    """ "Recaptured the town, which the militants left without a fight": the change of hands is non-violent,
    and "without a fight" is no occurrence of its own."""
    quiet = [t for t in triggers if _UNOPPOSED.match(sentence.text, t.start - sentence.start)]
    if not quiet or not any(t.cls == "territory" for t in triggers):
        return triggers
    return [dataclasses.replace(t, event_type="strategic_developments", sub_event_type="non_violent_transfer_of_territory")
            if t.cls == "territory" else t for t in triggers if t not in quiet]


_ATTACKED_GATHERING = re.compile(r"\b(?:at|on|targeting|targeted|into|near|struck|hit)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}$", re.I)
_WEAPONS_JOINED = re.compile(r"\s*(?:,|and|or|,\s*and)\s*", re.I)
_THEN_AND = re.compile(r"^[^;:.()]*?,?\s+and\s+(?:then\s+|later\s+|also\s+)?(?:\w+\s+){0,3}$", re.I)


def _has_own_place(t: Trigger, triggers: list[Trigger], sentence, places: list) -> bool:
    """ "Fighters attacked a base in A and seized the town of B", "shelled A and attacked B": a verb with a
    place of its own, joined by "and" to another verb with another place, tells its own occurrence;
    "attacked A with a car bomb" is one."""
    if sentence is None:
        return False
    nxt = next((x for x in triggers if x.start > t.end), None)
    prev = next((x for x in reversed(triggers) if x.end < t.start), None)
    return any(a is not None and b is not None and _own_places_apart(a, b, sentence, places)
               for a, b in ((t, nxt), (prev, t)))


def _own_places_apart(first: Trigger, second: Trigger, sentence, places: list) -> bool:
    base = sentence.start
    own = [p for p in places if first.end <= p.start and p.end <= second.start and not _is_wide(p)]
    theirs = [p for p in places if p.start >= second.end and not _is_wide(p)
              and not re.search(r"[;.]", sentence.text[second.end - base:p.start - base])]
    if not own or not theirs or own[-1].place.name == theirs[0].place.name:
        return False
    return bool(_THEN_AND.match(sentence.text[own[-1].end - base:second.start - base]))


def select_triggers(triggers: list[Trigger], sentence=None, places: list | None = None) -> list[Trigger]:
    """Keep one trigger per kind of occurrence; generic words give way to specific ones."""
    if sentence is not None:
        triggers = _unopposed(triggers, sentence)
    classes = {t.cls for t in triggers}
    if {"protest"} <= classes:
        triggers = [t for t in triggers if t.sub_event_type != "arrests"]  # arrests at a protest are its intervention
    kept: list[Trigger] = []
    for t in triggers:
        if t.cls == "clash" and places and _has_own_place(t, triggers, sentence, places):
            kept.append(t)
            continue
        if t.cls == "clash" and "territory" in classes and _clash_told_apart(t, triggers, sentence):
            kept.append(t)
            continue
        if t.cls == "casualty" and classes - {"casualty", "strategic", "flight"}:
            continue
        if t.cls == "clash" and t.weight <= 2 and (classes & {"remote", "territory", "civilians"}
                                                   or any(x.sub_event_type == "arrests" for x in triggers)):
            continue
        if t.cls == "clash" and "territory" in classes:
            continue
        if t.sub_event_type == "non_violent_transfer_of_territory" and any(
                x.cls == "territory" and x.sub_event_type != t.sub_event_type for x in triggers):
            continue  # "rebels seized the town after the army withdrew": one change of hands, taken by force
        if t.cls == "clash" and t.weight <= 2 and any(x.cls == "protest" and x.weight >= 5 for x in triggers):
            continue   # "police fired on protesters who stormed parliament": the crowd's storming is the protest
        if t.sub_event_type == "looting_property_destruction" and classes & {"clash", "remote", "civilians", "territory"}:
            continue   # "attacked the village, killing 12 and burning houses": the burning is part of the attack
        if t.sub_event_type == "peaceful_protest" and sentence is not None and _ATTACKED_GATHERING.search(
                sentence.text, 0, t.start - sentence.start) and any(
                x.cls in ("remote", "civilians", "clash") and x.start < t.start for x in triggers):
            continue   # "a bomber blew himself up at an election rally": the rally is the target, not a protest
        kept.append(t)
    if sentence is not None:  # "rockets and drones hit Belgorod": one strike, coded by the first weapon named
        kept = [t for k, t in enumerate(kept) if not (k and t.cls == "remote" and kept[k - 1].cls == "remote"
                and _WEAPONS_JOINED.fullmatch(sentence.text[kept[k - 1].end - sentence.start:t.start - sentence.start]))]
    # generic "explosion/blast" only when nothing more specific names the weapon
    specific_remote = {t.sub_event_type for t in kept if t.cls == "remote" and t.weight > 5}
    by_key: dict[tuple[str, str], Trigger] = {}
    for t in kept:
        if t.cls == "remote" and t.weight <= 5 and specific_remote:
            continue
        key = ("displacement", "*") if t.cls == "flight" else ("protest", "*") if t.cls == "protest" else t.key
        if key not in by_key or t.weight > by_key[key].weight:
            by_key[key] = t
    return sorted(by_key.values(), key=lambda t: t.start)


_GRIEVANCE = re.compile(r"\b(?:over|against|protesting|to (?:protest|denounce|condemn|demand justice for)|denouncing|"
                        r"condemning|demanding justice for|in protest (?:at|over|against)|angered by|outraged by)\s", re.I)


def drop_grievances(text: str, offset: int, triggers: list[Trigger]) -> list[Trigger]:
    """ "Doctors protested over the rape and murder of a colleague": what a crowd protests about, named after
    the protest, is its cause, not an occurrence of this report."""
    protest = next((t for t in triggers if t.cls == "protest" and t.event_type == "protests"), None)
    if protest is None:
        return triggers
    m = _GRIEVANCE.search(text, protest.end - offset)
    if m is None:
        return triggers
    cut = offset + m.start()
    return [t for t in triggers if t.start < cut or t.cls not in ("civilians", "casualty", "clash", "remote")]


def build_candidates(sentence: Sentence, triggers: list[Trigger], actors: list, places: list,
                     dates: list[DateMention], numbers: list[Number], claimant: str | None) -> list[Candidate]:
    out = []
    for trig in select_triggers(triggers, sentence, places):
        rel_start, rel_end = trig.start - sentence.start, trig.end - sentence.start
        modality = modality_of(sentence.text, rel_start, rel_end)
        if modality == "background":
            continue
        cand = Candidate(sentence, trig, trig.event_type, trig.sub_event_type, modality, claimant=claimant)
        nominal = trig.cls in ("clash", "remote") and not _PAST_VERB.match(sentence.text, rel_start)
        cand.campaign = nominal and bool(_CAMPAIGN_OF.search(sentence.text, 0, rel_start)) and sentence.text[rel_end - 1:rel_end] == "s"
        cand.anaphoric = cand.campaign or nominal and _refers_back(sentence.text[max(0, rel_start - 40):rel_start])
        sides = ("armed", "civilian", "official") if trig.sub_event_type == "agreement" else ("armed", "civilian")
        own_actors = _clause_actors(trig, actors, dates, sentence)
        _attach_actors(cand, [a for a in own_actors if a.kind in sides])  # governments sign agreements
        _retype_by_victims(cand, sentence, own_actors)
        cand.places = _places_for(trig, places, sentence)
        cand.date = _date_for(trig, [d for d in dates if _same_segment(sentence, trig, d)], sentence)
        cand.ongoing = is_ongoing(sentence, trig)
        _attach_counts(cand, sentence, numbers)
        if len(cand.places) > 1 and cand.fatalities:
            cand.place_fatalities = _tied_fatalities(cand, sentence, numbers)
        if trig.cls == "territory" and _takes_people(sentence, trig):
            cand.event_type, cand.sub_event_type = "battles", "armed_clash"  # "captured 10 soldiers": no ground taken
        if cand.sub_event_type == "abduction_forced_disappearance" and cand.fatalities:
            cand.sub_event_type = "attack"  # "killed 11 villagers and abducted 20 others": an attack
        if trig.cls == "casualty" and not cand.fatalities and not _agent_kills(cand, sentence):
            continue  # "a slain fighter", "17 wounded": no occurrence without a death count
        if trig.cls == "remote" and trig.weight == DESTRUCTION_WEIGHT and not _flies(cand.actor1):
            continue  # "militants destroyed a bridge": no strike unless an air force or a coalition destroys
        if trig.cls == "casualty" and _CORRECTION.search(sentence.text):
            continue  # "initially said 14 were killed, but later put the toll at 13": a toll corrected, no new event
        if _is_reason(sentence, trig, triggers):
            continue
        if trig.cls == "flight" and (_names_a_class_of_people(sentence, trig) or _attackers_fled(sentence, trig, actors)):
            continue
        if trig.weight <= 5 and trig.cls in ("remote", "strategic", "casualty") and not (cand.places or cand.date):
            continue  # a weak trigger needs a place or a date of its own
        if _is_adjective(sentence, trig):
            continue
        if trig.cls in ("territory", "clash") and _is_cumulative(sentence, trig):
            continue
        if _counts_many(sentence, trig):
            continue  # "since November the group has launched more than 50 attacks on ships": many, summed
        if trig.sub_event_type == "agreement" and _DESPITE.search(sentence.text[max(0, rel_start - 40):rel_start]):
            continue  # "fighting broke out despite a ceasefire": the ceasefire is no occurrence of this report
        out.append(cand)
    _share_with_told_clash(out, sentence, actors)
    return out


def _clause_actors(trig: Trigger, actors: list, dates: list[DateMention], sentence: Sentence) -> list:
    """The actors an occurrence can have: one that opens a counted period ("since the army stormed X on
    May 2, 9,000 people have fled") ends with its date, and the people counted after it are not its victims."""
    opened = next((d for d in dates if opens_since_period(sentence.text, trig, d, sentence.start)), None)
    return actors if opened is None else [a for a in actors if a.start < opened.end]


_BACK_TO_TOWN = re.compile(r"\s+(?:(?:full\s+|complete\s+)?control\s+(?:of|over)\s+)?(?:it|the\s+(?:town|village|city|area|base|position))\b", re.I)


def _share_with_told_clash(cands: list[Candidate], sentence: Sentence, actors: list) -> None:
    """ "Troops fought the rebels in X on Sunday and retook it after two hours": the clause that tells the
    town taken shares the fight's sides and town; the deaths told once stay with the fight."""
    for clash in [c for c in cands if c.trigger.cls == "clash"]:
        terr = next((c for c in cands if c.trigger.cls == "territory" and c.trigger.start > clash.trigger.end), None)
        if terr is None or not _clash_told_apart(clash.trigger, [terr.trigger], sentence):
            continue
        between = sentence.text[clash.trigger.end - sentence.start:terr.trigger.start - sentence.start]
        last_and = max(m.start() for m in _CLASH_THEN.finditer(between)) + clash.trigger.end
        own = [a for a in actors if a.kind == "armed" and last_and <= a.start < terr.trigger.start]
        if not own and clash.actor1 is not None:
            terr.actor1, terr.actor2 = clash.actor1, clash.actor2
        if _BACK_TO_TOWN.match(sentence.text, terr.trigger.end - sentence.start) and clash.places:
            terr.places = list(clash.places)
        if terr.fatalities is not None and terr.fatalities == clash.fatalities:
            terr.fatalities = terr.fatalities_low = terr.fatalities_high = None


_CORRECTION = re.compile(r"\b(?:initially|originally|at first|first)\b[^.;]{0,120}\b(?:but|before|later|then)\b[^.;]{0,80}"
                         r"\b(?:toll|figure|number|count)\b|\b(?:revised|corrected|lowered|raised|updated) (?:the |its |their )?"
                         r"(?:death )?(?:toll|figure|count)\b", re.I)
DESTRUCTION_WEIGHT = 4
_AIR_WORDS = re.compile(r"\b(?:air ?force|air|aerial|warplanes?|jets?|aircraft|drones?|helicopters?|coalition)\b", re.I)


def _flies(actor) -> bool:
    """An air force or a coalition (whose destruction of a building is a strike), named as acting."""
    if actor is None or isinstance(actor, str) or actor.kind != "armed":
        return False
    return "coalition" in actor.canonical.lower() or bool(_AIR_WORDS.search(actor.surface))


_COMBATANTS = r"(?:fighters|soldiers|troops|militants|members|combatants|officers|policemen|police officers|guards|gunmen|jihadists|rebels|insurgents|prisoners|POWs|servicemen)"
_PEOPLE_TAKEN_AFTER = re.compile(r"^\s+(?:(?:at least|up to|more than|some|about|around|nearly)\s+)?(?:\d[\d,]*|[a-z]+|dozens|scores|hundreds)\s+"
                                 r"(?:[\w'’-]+\s+){0,3}?" + _COMBATANTS + r"\b", re.I)
_PEOPLE_TAKEN_BEFORE = re.compile(_COMBATANTS + r"\b(?:\s+[\w'’-]+){0,6}?\s+(?:were|was|have been|had been|being)\s+(?:\w+ly\s+)?$", re.I)


def _takes_people(sentence: Sentence, trig: Trigger) -> bool:
    """ "captured 10 SDF fighters", "ten soldiers were captured": fighters taken prisoner, not ground taken."""
    rel, rel_end = trig.start - sentence.start, trig.end - sentence.start
    word = sentence.text[rel:rel_end].lower()
    if not re.match(r"(?:captur|seiz)", word):
        return False
    return bool(_PEOPLE_TAKEN_AFTER.match(sentence.text[rel_end:rel_end + 60])
                or _PEOPLE_TAKEN_BEFORE.search(sentence.text[max(0, rel - 60):rel]))


_ACTIVE_KILL = re.compile(r"(?:killed|killing|kills|murdered|shot dead|executed|neutrali[sz]ed)\s+(?P<one>an?|one)?\b", re.I)


def _agent_kills(cand: Candidate, sentence: Sentence) -> bool:
    """ "Gunmen killed a village chief": a named or generic armed agent kills someone, no number given.
    One victim when the object is "a"/"an"/"one"; otherwise the toll stays unknown."""
    trig = cand.trigger
    a1 = cand.actor1
    if a1 is None or isinstance(a1, str) or a1.kind != "armed" or a1.end > trig.start:
        return False
    m = _ACTIVE_KILL.match(sentence.text, trig.start - sentence.start)
    if not m or _PASSIVE_BEFORE.search(sentence.text[max(0, trig.start - sentence.start - 25):trig.start - sentence.start]):
        return False
    if m.group("one") and cand.fatalities is None:
        cand.fatalities = 1
    return True


_REASON_BEFORE = re.compile(r"\b(?:following|after|amid|amidst|due to|because of|in the wake of|fleeing|escaping|to escape|to flee)"
                            r"\s+(?:[\w'’-]+\s+){0,3}$", re.I)


def _is_reason(sentence: Sentence, trig: Trigger, triggers: list[Trigger]) -> bool:
    """ "fled Arbinda after repeated JNIM attacks": a cause named in passing, not an occurrence of its own,
    when another trigger of the sentence tells what happened."""
    if trig.cls != "clash" or not any(t.start < trig.start and t.cls not in ("casualty", "clash") for t in triggers):
        return False
    word = sentence.text[trig.start - sentence.start:trig.end - sentence.start].lower()
    if not (word.endswith("s") or word in ("fighting", "violence", "insecurity")):
        return False
    rel = trig.start - sentence.start
    return bool(_REASON_BEFORE.search(sentence.text[max(0, rel - 60):rel]))


_FIGURE_MADE_OF = re.compile(r"\b(?:figure|total|number|toll|tally|count)\s+(?:also\s+)?(?:comprises|includes|included|"
                             r"covers|counts|is made up of)\b[^.;]{0,40}$", re.I)
_HELP_FOR = re.compile(r"\b(?:passage|corridors?|routes?|exits?|buses|transport|aid|assistance|help|shelter|support)\s+"
                       r"(?:\w+\s+){0,2}for\s+(?:the\s+)?(?:\w+\s+)?(?:civilians|people|residents|families|those)\s+$", re.I)


def _names_a_class_of_people(sentence: Sentence, trig: Trigger) -> bool:
    """ "The figure includes people displaced from X", "safe passage for civilians leaving the area", "700,000
    people are now displaced": the words describe whom a figure or help is about, not a flight that happened."""
    before = sentence.text[max(0, trig.start - sentence.start - 80):trig.start - sentence.start]
    stative = sentence.text[trig.start - sentence.start:].lower().startswith("displaced") \
        and _STATE_OF_DISPLACEMENT.search(before)
    return bool(_FIGURE_MADE_OF.search(before) or _HELP_FOR.search(before) or stative)


_STATE_OF_DISPLACEMENT = re.compile(r"\b(?:are|is|remain|remains)\s+(?:now\s+|currently\s+|still\s+|internally\s+)*$"
                                    r"|\b(?:many|most|some|all|half|thousands|hundreds|several)\s+of\s+(?:them|whom)\s+(?:now\s+|already\s+)?$", re.I)


def _attackers_fled(sentence: Sentence, trig: Trigger, actors: list) -> bool:
    """ "The gunmen arrived on motorbikes and fled after the shooting": armed men getting away are no flight of
    civilians."""
    before = [a for a in actors if a.end <= trig.start]
    if not before or before[-1].kind != "armed" or _canonical(before[-1]) == CIVILIANS:
        return False
    gap = sentence.text[before[-1].end - sentence.start:trig.start - sentence.start]
    return not re.search(r"[;:]|\b(?:as|when|after|while|because|forcing|causing|prompting|sending)\b", gap, re.I)


_PERFECT_BEFORE = re.compile(r"\b(?:has|have|had)\s+(?:\w+ly\s+)?(?:been\s+)?$", re.I)
_SWEEPING = re.compile(r"\bsince\b|per ?cent of|percent of|% of|\b(?:vast|large|huge) (?:territory|swathes|areas|parts)|\ba number of\b|\bmuch of\b|"
                       r"\bmost of\b|\bdozens of (?:towns|villages)\b", re.I)


def _is_adjective(sentence: Sentence, trig: Trigger) -> bool:
    """ "the liberated areas", "a displaced family": a participle describing a noun, not an event."""
    rel = trig.start - sentence.start
    word = sentence.text[rel:trig.end - sentence.start]
    return bool(re.search(r"\b(?:the|a|an|its|their|newly|recently)\s+$", sentence.text[max(0, rel - 12):rel], re.I)
                and re.fullmatch(r"\w+ed", word))


_MANY_BEFORE = re.compile(r"\b(?:has|have|had)\s+(?:\w+\s+){0,2}?(?:(?:more than|over|at least|nearly|some|about)\s+)?"
                          r"(?:\d[\d,]*|dozens of|hundreds of|scores of)\s+(?:[\w-]+\s+)?$", re.I)
_DESPITE = re.compile(r"\bdespite\s+(?:[\w'’-]+[\s-]+){0,4}$", re.I)


def _counts_many(sentence: Sentence, trig: Trigger) -> bool:
    """ "has launched more than 50 attacks since November": a count of many occurrences over a period."""
    rel = trig.start - sentence.start
    word = sentence.text[rel:trig.end - sentence.start]
    return word.lower().endswith("s") and bool(_MANY_BEFORE.search(sentence.text[max(0, rel - 60):rel])) \
        and bool(re.search(r"\bsince\b|\bso far\b|\bthis year\b|\bin the (?:past|last)\b", sentence.text, re.I))


def _is_cumulative(sentence: Sentence, trig: Trigger) -> bool:
    """ "has liberated a number of towns since September": a summary of many events, not one."""
    rel = trig.start - sentence.start
    return bool(_PERFECT_BEFORE.search(sentence.text[max(0, rel - 30):rel]) and _SWEEPING.search(sentence.text))


_POSSESSOR = re.compile(r"(?:['’]s?)\s+(?:[\w-]+\s+){0,3}(?:partners?|allies|ally|proxy|proxies|ground force|forces?|"
                        r"units?|wing|affiliates?|fighters)\s*,?\s*(?:the\s+)?", re.I)
_HIT_A_DEVICE = re.compile(r"\s+(?:\w+\s+){0,2}?(?:struck|hit|ran over|ran into|drove over|drove into|stepped on)\s+"
                           r"(?:an?|the|two|three|several)\s+(?:[\w-]+\s+){0,2}", re.I)
_REPELLED = re.compile(r"(?:repel|repuls|thwart|foil|fend(?:ed)? off|fight(?:ing)? off|fought off|beat(?:en)? back|push(?:ed)? back)\w*"
                       r"\s+(?:an?|the|several|two|three|multiple|repeated)\s+(?:[\w-]+\s+){0,3}?"
                       r"(?:attacks?|assaults?|offensives?|raids?|incursions?|attempts?|advances?|counter-?attacks?)\b", re.I)


def _attacker_repelled(cand: Candidate, actors: list, before: list) -> None:
    """ "The army repelled a major RSF attack", "troops thwarted an attack by al-Shabaab": the side whose attack
    was repelled is actor1, the side repelling it actor2."""
    text = cand.sentence
    m = _REPELLED.match(text.text, cand.trigger.start - text.start)
    if m is None or not before:
        return
    end = text.start + m.end()
    by = re.match(r"\s+by\s+", text.text[m.end():])
    inside = [a for a in actors if cand.trigger.end <= a.start < end] or (
        [a for a in actors if a.start == end + by.end()] if by else [])
    if inside and _canonical(inside[0]) != _canonical(before[-1]):
        cand.actor1, cand.actor2 = inside[0], before[-1]


_PREPOSED_NOUN = re.compile(r"\b(?:after|following|amid|amidst|during|before|despite)\s+(?:[\w'’-]+\s+){0,5}$", re.I)


def _attach_actors(cand: Candidate, actors: list) -> None:
    trig, text = cand.trigger, cand.sentence
    before = [a for a in actors if a.start < trig.start]  # an actor the trigger heads ("SAF warplanes") acts
    rel = trig.start - text.start
    prep = _PREPOSED_NOUN.search(text.text[max(0, rel - 40):rel])
    if prep:  # "... surrendered, after overnight air raids ravaged their outposts": the main clause's sides are not the raids'
        cut = text.start + max(0, rel - 40) + prep.start()
        before = [a for a in before if a.start >= cut]
    after = [a for a in actors if a.start >= trig.end and a.start - trig.end <= 70 and not _is_source(text, a)]
    if len(before) > 1:  # "US-backed militants fighting Daesh ... took": the force fought is not the one acting
        opposed = [a for a in before if _OPPOSED_BEFORE.search(text.text[max(0, a.start - text.start - 20):a.start - text.start])]
        last = before[-1]
        if _FOUGHT_WITH.search(text.text[max(0, last.start - text.start - 20):last.start - text.start]) \
                and _THEN_AND.match(text.text[last.end - text.start:rel]):
            opposed.append(last)  # "troops clashed with M23 in Sake and shelled Kitshanga": the troops shelled
        if opposed and len(opposed) < len(before):
            before = [a for a in before if a not in opposed]
            after = opposed[-1:] + after
    if cand.event_type == "displacement":
        cand.actor1 = next((a for a in actors if a.canonical == CIVILIANS), None) or "Civilians"
        return
    passive = bool(_PASSIVE_BEFORE.search(text.text[max(0, rel - 25):rel]))
    by_match = _BY_AFTER.match(text.text[trig.end - text.start:trig.end - text.start + 40])
    if (passive or by_match) and after:
        by_pos = text.text.find(" by ", trig.end - text.start)
        agents = [a for a in after if by_pos >= 0 and a.start >= text.start + by_pos]
        if agents:
            cand.actor1 = agents[0]
            cand.actor2 = before[-1] if before else next((a for a in after if a is not agents[0]), None)
            return
    between = re.match(r"\s*between\s", text.text[trig.end - text.start:trig.end - text.start + 12])
    if between and len(after) >= 2:
        cand.actor1, cand.actor2 = after[0], after[1]
        return
    if len(before) >= 2 and _JOINED.fullmatch(text.text[before[-2].end - text.start:before[-1].start - text.start]):
        # "SAF and RSF clashed", "SNA troops backed by clan militias recaptured": the first named acts
        cand.actor1 = before[-2]
        cand.actor2 = after[0] if after else (None if "by" in text.text[before[-2].end - text.start:before[-1].start - text.start]
                                              else before[-1])
    elif len(before) > 1 and _canonical(before[-1]) == CIVILIANS and getattr(before[-2], "kind", "") == "armed" \
            and _canonical(before[-2]) != CIVILIANS:
        # "Israeli forces killed nine Palestinians in raids": the force acts on the people named after it
        cand.actor1, cand.actor2 = before[-2], before[-1]
    elif before:
        cand.actor1 = before[-1]
        cand.actor2 = after[0] if after else (before[-2] if len(before) > 1 and not _POSSESSOR.fullmatch(
            text.text[before[-2].end - text.start:before[-1].start - text.start]) else None)
    elif len(after) > 1 and re.search(r"\bbetween\b", text.text[trig.end - text.start:after[0].start - text.start]):
        cand.actor1, cand.actor2 = after[0], after[1]  # "fighting erupted on Tuesday between the army and the RSF"
    elif after:
        # "troops are pushing into the IS stronghold", "clashes with al-Shabaab": a side named only after
        # the word is its object; the side acting is filled in from the document
        cand.actor1, cand.actor2 = None, after[0]
    if (passive and before and not by_match) or (before and _VICTIM_BEFORE.search(
            text.text[before[-1].end - text.start:rel])):
        # "15 civilians were killed in shelling", "police died in an ambush": the subject is acted upon
        agent = next((a for a in after if text.text.find(" by ", rel) >= 0
                      and a.start >= text.start + text.text.find(" by ", rel)), None)
        cand.actor1, cand.actor2 = agent, before[-1]
    _attacker_repelled(cand, actors, before)
    if cand.sub_event_type == "remote_explosive_landmine_ied" and before and _HIT_A_DEVICE.fullmatch(
            text.text[before[-1].end - text.start:rel]):
        cand.actor1, cand.actor2 = None, before[-1]  # "an army patrol struck a roadside bomb": the patrol is hit
    if _canonical(cand.actor1) == CIVILIANS and cand.event_type != "protests":
        cand.actor1, cand.actor2 = None, cand.actor1
    if cand.actor2 is not None and _canonical(cand.actor2) == _canonical(cand.actor1):
        cand.actor2 = None


_FOUGHT_WITH = re.compile(r"\b(?:clashed|fought|battled|engaged|skirmished)\s+(?:with|against)\s+(?:the\s+)?$", re.I)
_OPPOSED_BEFORE = re.compile(r"\b(?:fighting|battling|against|combating|combatting)\s+(?:the\s+)?$", re.I)
_SOURCE_AFTER = re.compile(r"\s+(?:said|says|told|reported|confirmed|added|stated|announced|claimed)\b", re.I)
_SOURCE_BEFORE = re.compile(r"\b(?:according to|citing|quoting|said|told|reported)\s+(?:the\s+|a\s+|an\s+)?(?:\w+\s+){0,2}$", re.I)


def is_source_mention(text: str, start: int, end: int) -> bool:
    """ ", police said", "according to the army": the mention gives the report, it takes no part."""
    return bool(_SOURCE_AFTER.match(text, end) or _SOURCE_BEFORE.search(text[max(0, start - 40):start]))


def _is_source(sentence: Sentence, actor) -> bool:
    return is_source_mention(sentence.text, actor.start - sentence.start, actor.end - sentence.start)


_JOINED = re.compile(r"\s*(?:,\s*)?(?:and|&|together with|alongside|as well as|(?:\w+\s+){0,2}(?:backed|supported|assisted|aided|"
                     r"accompanied|reinforced|joined) by)\s+(?:the\s+|allied\s+|local\s+)*", re.I)


def _canonical(actor: Any) -> str | None:
    if actor is None:
        return None
    return actor if isinstance(actor, str) else actor.canonical


_CIVILIAN_NOUNS = re.compile(
    r"\b(?:civilians?|villagers?|residents?|worshippers|children|child|women|woman|men|man|boys?|girls?|farmers?|passengers|"
    r"students|pupils|teachers?|traders?|merchants|herders?|fishermen|shepherds|pilgrims|mourners|miners|drivers|workers|labou?rers|employees|staff|"
    r"motorists|travell?ers|journalists?|aid workers?|health workers?|doctors?|nurses?|priests?|imams?|pastors?|"
    r"(?:village|traditional|community) (?:chief|head|leader)s?|chiefs?|elders?|families|family|displaced|IDPs|refugees|people|persons|guests|shoppers|diners|customers|patients|spectators|"
    r"bystanders|commuters|revell?ers|worshipers)\b",
    re.I)
_CIVILIAN_TARGET = re.compile(
    r"^\W*(?:[\w'’-]+\W+){0,4}?(?:schools?|markets?|mosques?|churche?s?|hospitals?|clinics?|villages?|hamlets?|"
    r"camps? for (?:the )?displaced|(?:idp|displacement|displaced|refugee) (?:camps?|sites?|settlements?)|weddings?|funerals?|bus|minibus|homes?|houses?|"
    r"farms?|worshippers|civilians|residents|villagers|passengers|travell?ers|mourners|gold (?:mine|mining site)s?|"
    r"bars?|restaurants?|caf[eé]s?|hotels?|nightclubs?|shops?|stadiums?|wedding part(?:y|ies)|crowds?)\b", re.I)


_SHOOTING = re.compile(r"shot dead|shot and killed|gunned down", re.I)
_ALSO = re.compile(r"\b(?:also|as well|in addition|too)\b", re.I)
_COUNTED_VICTIMS = re.compile(r"\W*(?:(?:at least|some|more than|about|around|nearly|over)\s+)?[\w,-]+\s+(?:[\w-]+\s+)?"
                              + _CIVILIAN_NOUNS.pattern, re.I)
_KILLING_BEFORE = re.compile(r"\b(?:killing|killed|kills|wounding|injuring|massacring|leaving)\b", re.I)


def _armed_victims_after(cand: Candidate, actors: list, sentence: Sentence) -> bool:
    a1 = _canonical(cand.actor1)
    return any(a.kind == "armed" and a.canonical not in (CIVILIANS, a1) and a.start >= cand.trigger.end
               and not _is_source(sentence, a) for a in actors)


def _retype_by_victims(cand: Candidate, sentence: Sentence, actors: list) -> None:
    """A killing with civilian victims and no fighting is violence against civilians; so is an attack on
    a school, a market or a village, or one whose only victims are civilians."""
    civilians_hit = _canonical(cand.actor2) == CIVILIANS or re.search(
        r"\b(?:civilians?|villagers|residents|worshippers|children|women|farmers|passengers|students)\b",
        sentence.text, re.I) is not None
    trig_rel = cand.trigger.end - sentence.start
    if cand.trigger.cls in ("casualty", "clash") and cand.trigger.weight <= 2 and not _armed_victims_after(cand, actors, sentence) \
            and not re.search(r"\b(?:clash\w*|fighting|fought|battles?|exchanged?)\b", sentence.text, re.I):
        after = sentence.text[trig_rel:]
        target = _CIVILIAN_TARGET.match(after) if cand.trigger.cls == "clash" else _CIVILIAN_NOUNS.search(after[:40])
        victims = any(a.canonical == CIVILIANS and a.start >= cand.trigger.end and _KILLING_BEFORE.search(
            sentence.text[max(trig_rel, a.start - sentence.start - 30):a.start - sentence.start]) for a in actors)
        if target or victims:
            cand.event_type, cand.sub_event_type = "violence_against_civilians", "attack"
            cand.actor2 = CIVILIANS
            return
    if cand.trigger.cls == "casualty":
        if civilians_hit and not re.search(r"\b(?:clash\w*|fighting|battles?)\b", sentence.text, re.I):
            cand.event_type, cand.sub_event_type = "violence_against_civilians", "attack"
            if cand.actor2 is None or _canonical(cand.actor2) != CIVILIANS:
                cand.actor2 = CIVILIANS
    civilians_after = any(a.canonical == CIVILIANS and 0 <= a.start - cand.trigger.end <= 35 for a in actors)
    if cand.trigger.cls == "clash" and cand.trigger.weight <= 2 and civilians_after:
        cand.event_type, cand.sub_event_type = "violence_against_civilians", "attack"
        cand.actor2 = CIVILIANS
    armed_in_sentence = any(a.kind == "armed" and a.canonical != CIVILIANS for a in actors)
    if cand.trigger.cls == "casualty" and not armed_in_sentence:
        cand.event_type, cand.sub_event_type = "violence_against_civilians", "attack"
        cand.actor2 = CIVILIANS
    if cand.trigger.cls == "civilians" and cand.actor2 is None:
        cand.actor2 = CIVILIANS
    if cand.trigger.cls == "civilians" and cand.sub_event_type == "attack" and _SHOOTING.match(
            sentence.text, cand.trigger.start - sentence.start) and _canonical(cand.actor2) != CIVILIANS \
            and _armed_victims_after(cand, actors, sentence):
        cand.event_type, cand.sub_event_type = "battles", "armed_clash"  # "gunmen shot dead two soldiers"
    if cand.trigger.cls == "remote" and cand.actor2 is None and not _armed_victims_after(cand, actors, sentence):
        after = sentence.text[trig_rel:]
        if cand.sub_event_type in ("grenade", "suicide_bomb", "remote_explosive_landmine_ied") and _CIVILIAN_TARGET.match(after):
            cand.actor2 = CIVILIANS  # "threw a grenade at a bar": the people in it
            return
        killing = _KILLING_BEFORE.search(after)
        if any(a.canonical == CIVILIANS and a.start >= cand.trigger.end for a in actors) or (
                killing and _CIVILIAN_NOUNS.search(after[killing.end():][:40])):
            cand.actor2 = CIVILIANS


def _places_for(trig: Trigger, places: list, sentence: Sentence) -> list:
    """The places the trigger happened at: a coordinated list after the trigger gives several."""
    if not places:
        return []
    if trig.cls == "flight":  # "fled towards Sennar": a destination, not where the flight happened
        origin = [p for p in places if not _DESTINATION.search(sentence.text[max(0, p.start - sentence.start - 30):p.start - sentence.start])]
        if origin or trig.sub_event_type == "flight":
            places = origin
    after = [p for p in places if p.start >= trig.end]
    before = [p for p in places if p.end <= trig.start]
    antecedent = _relative_antecedent(trig, before, after, sentence)
    if antecedent is not None:
        return [antecedent]
    ordered = after + list(reversed(before))
    if not ordered:
        return []
    first = _named_over_reference(ordered[0], places, sentence)
    group = [first]
    if first in after and _is_wide(first):
        # "seized three towns in the Tigray region (Shire, Alamata and Korem)": the list names the places
        listed = _listed_after(after, after.index(first) + 1, sentence)
        if len(listed) > 1:
            first, group = listed[0], []
    if first in after:
        group = _listed_after(after, after.index(first), sentence)
        if _BETWEEN_BEFORE.search(sentence.text, 0, first.start - sentence.start):
            group = [first]  # "on the road between A and B": one occurrence, coded at the first town
        if len(group) > 1 and re.match(r"\s+(?:areas|regions|territories|districts|zones|provinces|countrysides)\b",
                                       sentence.text[group[-1].end - sentence.start:]):
            group = [first]  # "in the Rutshuru and Masisi areas": one wide area, not a list of towns
    if len(group) == 1:
        # prefer a town or village over a province named closer to the trigger; a country alone is no place
        precise = sorted((p for p in ordered if p.geo_precision < 3), key=lambda p: p.geo_precision)
        if first.geo_precision == 3 and precise:
            return [precise[0]]  # the most precise: "raided Mangina in Beni territory (North Kivu), killing 22"
        return [first] if first.place.kind != "country" else []
    return group


_BETWEEN_BEFORE = re.compile(r"\bbetween\s+(?:the\s+(?:towns?|villages?|cities)\s+of\s+)?$", re.I)
_RELATIVE_TO_PLACE = re.compile(r"\s*,\s*(?:(?:a|an|the)\s+[^,;.()]{0,80}?\s+)?(?:that|which)\s+[^,;.]{0,80}$", re.I)
_CLAUSE_BREAK = re.compile(r"[,;(]|\band\b", re.I)


def _relative_antecedent(trig: Trigger, before: list, after: list, sentence: Sentence):
    """ "Hajin, a town on the river that the rebels captured in May, and nearby Baghuz": the place a relative
    clause hangs on is where its verb happened, unless the clause names a place of its own."""
    if not before or before[-1].place.kind in ("country", "admin1"):
        return None
    gap = sentence.text[before[-1].end - sentence.start:trig.start - sentence.start]
    if not _RELATIVE_TO_PLACE.fullmatch(gap):
        return None
    if after and not _CLAUSE_BREAK.search(sentence.text[trig.end - sentence.start:after[0].start - sentence.start]):
        return None
    return before[-1]


_REFERENCE_MODS = ("direction", "near")
_APPOSED_REFERENCE = re.compile(r"\s*,\s*(?:(?:about|some|around|roughly|just)\s+)?(?:\d[\d,.]*\s*(?:-\s*)?(?:km|kilomet(?:er|re)s?|miles?)\s+)?"
                                r"(?:(?:north|south)(?:-?(?:east|west))?|east|west)?\s*(?:of|from|near|outside|close\s+to)\s+"
                                r"(?:the\s+(?:city|town)\s+of\s+)?", re.I)


def _named_over_reference(first, places: list, sentence: Sentence):
    """A place given only as a reference ("25 km west of Goma", "west of Aleppo") gives way to the town the
    clause names as the event's place: the town it is written in apposition to ("Sake, 25 km west of Goma")
    or one named after it in the same clause ("... west of Aleppo on Wednesday and captured the town of Anadan")."""
    if first.geo_precision != 2 or first.modifier not in _REFERENCE_MODS:
        return first
    text, base = sentence.text, sentence.start
    k = places.index(first)
    if k > 0:
        prev = places[k - 1]
        gap = text[prev.end - base:first.start - base]
        if prev.geo_precision == 1 and prev.place.kind not in ("country", "admin1") and _APPOSED_REFERENCE.fullmatch(gap):
            return prev
    for nxt in places[k + 1:]:
        gap = text[first.end - base:nxt.start - base]
        if len(gap) > 80 or re.search(r"[,;.:()]", gap) or _LIST_GAP.fullmatch(gap):
            break
        if nxt.geo_precision == 1 and nxt.modifier in (None, "village") and nxt.place.kind not in ("country", "admin1"):
            return nxt
    return first


def _is_wide(p) -> bool:
    return p.geo_precision == 3 or p.place.kind in ("country", "admin1")


_LIST_GAP = re.compile(r"\s*(?:,|,? and|,? or|&|—|-|,? as well as|,? along with)\s*"
                       r"(?:the (?:[\w-]+ ){0,2}?(?:towns?|villages?|cities|city|capital|settlements?)(?: of|,)?\s*)?(?:al-)?", re.I)
_AREA_OF_LIST = re.compile(r"\s+in\s+(?:the\s+)?(?:(?:north|south|east|west|central)\w*\s+)?$", re.I)


def _listed_after(after: list, i: int, sentence: Sentence) -> list:
    """The coordinated list of towns that starts at after[i] ("A, B and C", "the towns of A, B and C in
    southern X, as well as the capital, D", "(A, B, C)"). A province written inside the list ("in
    southern Tigray") tells where the towns lie and does not end it; one that follows it otherwise does."""
    if i >= len(after) or _is_wide(after[i]):
        return after[i:i + 1]
    group = [after[i]]
    gaps: list[str] = []
    end = after[i].end
    for nxt in after[i + 1:]:
        gap = sentence.text[end - sentence.start:nxt.start - sentence.start]
        if _is_wide(nxt):
            if _AREA_OF_LIST.fullmatch(gap):
                end = nxt.end   # the towns' province: read past it
                continue
            break
        if not _LIST_GAP.fullmatch(gap):
            break
        group.append(nxt)
        gaps.append(gap)
        end = nxt.end
    if len(group) > 1 and all(g.strip() == "," for g in gaps) \
            and not sentence.text[:after[i].start - sentence.start].rstrip().endswith("("):
        return group[:1]  # "Barangay San Isidro, Lope de Vega, Northern Samar": an address, not a list
    return group


_DESTINATION = re.compile(r"\b(?:to|towards?|into|for|reach(?:ed|ing)?|arriv\w* (?:in|at))\s+(?:the\s+)?(?:(?:neighbouring|neighboring|nearby|safer|city|town|village)\s+(?:of\s+)?)*$"
                          r"|\b(?:south|north|east|west)\w*\s+(?:to|towards?)\s+(?:the\s+)?$", re.I)
_RELATIVE_CLAUSE = re.compile(r",\s+(?:(?:a|an)\s+[^,;.]{0,60}?\s+)?(?:which|who|whom|where|when it|that)\b")


def _same_segment(sentence: Sentence, trig: Trigger, item) -> bool:
    """False when a relative clause (", which began June 6") separates the item from the trigger."""
    lo, hi = sorted((trig.start, item.start))
    between = sentence.text[lo - sentence.start:hi - sentence.start]
    return not _RELATIVE_CLAUSE.search(between)


_CONTINUING = re.compile(r"\b(?:continu(?:e|es|ing)|continued to|(?:is|are|was|were) (?:still )?(?:ongoing|underway|raging)|"
                         r"(?:is|are) (?:still )?(?:taking place|going on)|still (?:going on|under way))\b", re.I)
_PROGRESSIVE_BEFORE = re.compile(r"\b(?:is|are)\s+(?:still\s+|now\s+|currently\s+)?$", re.I)


def is_ongoing(sentence: Sentence, trig: Trigger) -> bool:
    """The fighting is going on as the report is filed: "clashes are taking place", "fighting continues",
    "troops are pushing into", "warplanes continued to bomb". Read in the trigger's clause only; people
    fleeing and property looted "now" are often a week's story, so only fighting and strikes count."""
    if trig.cls not in ("clash", "remote", "territory"):
        return False
    from sitrep.stages.text import clauses
    clause = next(((a, b) for a, b in clauses(sentence) if a <= trig.start < b), (sentence.start, sentence.end))
    text = sentence.text[clause[0] - sentence.start:clause[1] - sentence.start]
    rel = trig.start - clause[0]
    word = sentence.text[trig.start - sentence.start:trig.end - sentence.start]
    if word.split()[0].lower().endswith("ing") and _PROGRESSIVE_BEFORE.search(text[max(0, rel - 25):rel]):
        return True
    return bool(_CONTINUING.search(text))


_PERFECT_AFTER = re.compile(r"^\s+(?:that\s+)?(?:it|they|its\s+\w+|their\s+\w+|the\s+\w+)\s+(?:had|have|has)\s+(?:\w+\s+){0,2}$", re.I)
_REPORTED_BEFORE = re.compile(r"\b(?:said|says|reported|reports|told|announced|stated|added|confirmed|claimed|tweeted|"
                              r"wrote|declared)\s+(?:on\s+|late\s+|early\s+)?$", re.I)


def opens_since_period(text: str, trig: Trigger, d: DateMention, offset: int = 0) -> bool:
    """True when the trigger's occurrence is the one a "since" date starts from ("since the army took the town on
    May 10"); text starts at `offset` of the document."""
    if d.kind != "since" or trig.end > d.start or "," in text[trig.end - offset:d.start - offset]:
        return False
    return bool(re.search(r"\bsince\b[^.;:,]*$", text[max(0, trig.start - offset - 80):trig.start - offset], re.I))


def _told(sentence: Sentence, d: DateMention) -> bool:
    """True when a date of the sentence only says when the news was given ("officials said Monday")."""
    return bool(_REPORTED_BEFORE.search(sentence.text[max(0, d.start - sentence.start - 20):d.start - sentence.start]))


def date_is_statement(cand: Candidate) -> bool:
    """True when the candidate's date only says when the news was given ("officials said Monday")."""
    d, sentence = cand.date, cand.sentence
    return d is not None and sentence.start <= d.start < sentence.end and _told(sentence, d)


def _date_for(trig: Trigger, dates: list[DateMention], sentence: Sentence | None = None) -> DateMention | None:
    """The date nearest the trigger. A date that only says when the news was given ("a monitor reported
    Saturday", "officials said on Monday") gives way to one the sentence gives the occurrence; of two dates
    side by side ("overnight on Friday", "Friday, March 12") the more precise one is taken."""
    points = [d for d in dates if d.kind != "since"]
    if sentence is not None and not points:
        opened = [d for d in dates if opens_since_period(sentence.text, trig, d, sentence.start)]
        if opened:
            return opened[0]
    if sentence is not None and len(points) > 1:
        told = [d for d in points if _told(sentence, d)]
        points = [d for d in points if d not in told] or points
    if sentence is not None and len(points) == 1 and points[0].end <= trig.start and _told(sentence, points[0]) \
            and _PERFECT_AFTER.search(sentence.text[points[0].end - sentence.start:trig.start - sentence.start]):
        return None  # "the group said on Thursday it had captured ...": the day of the statement, not of the capture
    if not points:
        return None
    best = min(points, key=lambda d: min(abs(d.start - trig.end), abs(trig.start - d.end)))
    beside = [d for d in points if d is not best and (0 <= d.start - best.end <= 4 or 0 <= best.start - d.end <= 4)]
    if beside and sentence is not None:
        return min([best, *beside], key=lambda d: (d.precision, d.last - d.first))
    return best


def _attach_counts(cand: Candidate, sentence: Sentence, numbers: list[Number]) -> None:
    text = sentence.text
    if _NO_FATALITIES.search(text):
        cand.fatalities = 0
    for num in numbers:
        if num.is_year or num.value <= 0 or is_unit_count(text, num, sentence):
            continue
        rel_s, rel_e = num.start - sentence.start, num.end - sentence.start
        window_after = text[rel_e:rel_e + 80]
        window_before = text[max(0, rel_s - 30):rel_s]
        def follows(rx: re.Pattern) -> bool:
            # "Seven people, four of them soldiers, were killed", "Two members of the Popular Mobilisation Forces were killed"
            return bool(re.match(r"^(?:\s+[\w'’-]+){0,6}?(?:\s*,[^,.;]{1,40},)?\s+(?:(?:were|have been|had been|was|are|being)\s+)?(?:"
                                 + rx.pattern + ")", window_after, re.I))
        if (follows(_CASUALTY_KILLED) or re.search(r"(?:killed|killing|neutrali[sz]ed|to death|toll (?:of|at|to|rose to)|claimed|shot dead|shooting dead|gunned down|murdered|massacred|executed|beheaded)\s*(?:all\s+(?:the\s+)?)?$", window_before, re.I)
                or (_RISEN_TO.search(window_before) and _KILLED_BEFORE.search(text[:rel_s]))):
            _set_fatalities(cand, num)
        elif follows(_CASUALTY_INJURED) or re.search(r"(?:wounded|injured|wounding|injuring)\s*$", window_before, re.I):
            cand.counts.setdefault("injured", num.value)
        elif follows(_ARRESTED) or re.search(r"(?:arrested|detained)\s*$", window_before, re.I):
            cand.counts.setdefault("arrested", num.value)
        elif follows(_CAPTURED) or re.search(r"(?:captured|abducted|kidnapped|seized)\s*(?:up to\s*)?$", window_before, re.I):
            cand.counts.setdefault("captured", num.value)
        elif cand.event_type == "displacement" and (follows(_MOVED) or _MOVED.search(window_before)
                                                     or re.match(r"\s*(?:civilians|people|residents|families)", window_after, re.I)):
            cand.counts.setdefault("returned" if cand.sub_event_type == "return" else "displaced", num.value)
    if cand.fatalities is None and _ONE_KILLED.search(text):
        cand.fatalities = 1  # "killed a priest", "a soldier was killed"
    _add_coordinated_dead(cand, sentence, numbers)


_LIST_WORD = r"(?!(?:were|was|are|is|have|has|had|been|killed|wounded|injured|died|said|says|in|on|at|near|after|while|during|when|who|including)\b)[\w'’-]+"
_COORDINATED_DEAD = re.compile(
    r"(?P<list>(?:#+|\b(?:an?|one)\b)(?:\s+" + _LIST_WORD + r"){1,4}(?:(?:,\s+|,?\s+and\s+(?:(?:her|his|their|its)\s+)?|\s+as well as\s+)"
    r"(?:#+|an?|one)(?:\s+" + _LIST_WORD
    + r"){1,4})+)\s+(?:(?:were|have been|had been|was|are)\s+)?(?:\w+ly\s+)?(?:killed|died|dead|slain|lost their lives)\b", re.I)


_RISEN_TO = re.compile(r"\b(?:has |have |had )?(?:now )?(?:risen|rose|climbed|increased|reached|jumped)\s+to\s*$", re.I)
_KILLED_BEFORE = re.compile(r"\bdeath toll\b|\b(?:number of|toll)\b.{0,60}?\b(?:killed|dead|deaths?|died)\b", re.I)


def _add_coordinated_dead(cand: Candidate, sentence: Sentence, numbers: list[Number]) -> None:
    """ "14 militants and three soldiers were killed": the dead of every side named add up."""
    text = sentence.text
    masked = list(text)
    by_start = {}
    for num in numbers:
        lo, hi = num.start - sentence.start, num.end - sentence.start
        if 0 <= lo < hi <= len(text) and not num.is_year:
            masked[lo:hi] = "#" * (hi - lo)
            by_start[lo] = num
    for m in _COORDINATED_DEAD.finditer("".join(masked)):
        parts = re.findall(r"#+|\b(?:an?|one)\b(?=\s)", m.group("list"), re.I)
        values, pos = [], m.start("list")
        for part in parts:
            at = m.group(0).find(part, pos - m.start()) + m.start()
            pos = at + len(part)
            values.append(by_start[at].value if part.startswith("#") and at in by_start else 1)
        if len(values) >= 2 and sum(values) > (cand.fatalities or 0) and (cand.fatalities is None or cand.fatalities in values):
            cand.fatalities = sum(values)
            cand.fatalities_low = cand.fatalities_high = None


_ONE_KILLED = re.compile(r"\b(?:killed|killing|shot dead|shot and killed|murdered|executed|beheaded|gunned down)\s+(?:a|an|one)\s+"
                         r"(?!number\b|dozen\b|few\b|handful\b|total\b|series\b)|\b(?:a|an|one)\s+(?:[\w-]+\s+){1,3}(?:was|has been)\s+"
                         r"(?:\w+ly\s+)?(?:killed|shot dead|murdered|executed)\b", re.I)


def follow_up_counts(sentence: Sentence, numbers: list[Number], previous: Candidate,
                     dates: list[DateMention] = ()) -> None:
    """ "Three soldiers killed." after the sentence telling the attack: the counts are that attack's, and a
    day it gives ("they died late on Sunday") dates the attack when its own sentence only said when the
    news was given."""
    points = [d for d in dates if d.kind == "point" and d.precision == 1 and not _told(sentence, d)]
    if len(points) == 1 and (previous.date is None or date_is_statement(previous)) \
            and (previous.date is None or points[0].last <= previous.date.last):
        previous.date = points[0]
    probe = Candidate(sentence, previous.trigger, previous.event_type, previous.sub_event_type, "occurred")
    _attach_counts(probe, sentence, numbers)
    if previous.trigger.cls == "remote" and previous.actor2 is None and (probe.fatalities or probe.counts) \
            and _COUNTED_VICTIMS.match(sentence.text):
        previous.actor2 = CIVILIANS  # "At least 18 guests were killed." after the bombing it tells
    if probe.fatalities is not None and not previous.fatalities:
        previous.fatalities, previous.fatalities_low, previous.fatalities_high = (
            probe.fatalities, probe.fatalities_low, probe.fatalities_high)
    elif probe.fatalities and previous.fatalities and _ALSO.search(sentence.text):
        # "Four soldiers also died in the operation": the other side's dead add to the toll
        previous.fatalities += probe.fatalities
        previous.fatalities_low = previous.fatalities_high = None
    for k, v in probe.counts.items():
        previous.counts.setdefault(k, v)


_TIED_GAP = re.compile(r"^(?:\s+[\w'’-]+){0,4}?\s+(?:(?:were|was|have been|had been)\s+)?(?:killed\s+|dead\s+|died\s+)?"
                       r"(?:in|at|near|from)\s+(?:the\s+(?:\w+\s+)?(?:towns?|villages?|city|camp)\s+of\s+)?$", re.I)
_TIED_NEXT = re.compile(r"^\s*(?:,\s*(?:and\s+)?|\s+and\s+)$", re.I)


def _tied_fatalities(cand: Candidate, sentence: Sentence, numbers: list[Number]) -> dict[int, int]:
    """Deaths the sentence ties to one listed place: "killing 9 soldiers in Djibo", "two in Lyman and
    one in Kupiansk". Place index -> deaths; empty when the total is not broken down by place."""
    text, base = sentence.text, sentence.start
    nums = [n for n in numbers if not n.is_year and n.value > 0]
    out: dict[int, int] = {}
    prev_tied_end = None
    for n in sorted(nums, key=lambda n: n.start):
        for i, p in enumerate(cand.places):
            at = text.find(p.surface, n.end - base, n.end - base + 80)  # this mention or a later one of the place
            if at < 0 or i in out:
                continue
            gap = text[n.end - base:at]
            if not _TIED_GAP.match(gap):
                continue
            killed = cand.fatalities is not None and n.value == cand.fatalities and not out
            follows_tied = prev_tied_end is not None and _TIED_NEXT.match(text[prev_tied_end - base:n.start - base])
            if killed or follows_tied or re.search(r"(?:killed|killing|dead|died)", gap + text[max(0, n.start - base - 12):n.start - base], re.I):
                out[i] = n.value
                prev_tied_end = base + at + len(p.surface)
            break
    return out


def _set_fatalities(cand: Candidate, num: Number) -> None:
    if num.low is not None and num.high is not None:
        cand.fatalities_low, cand.fatalities_high = num.low, num.high
    if cand.fatalities is None or cand.fatalities == 0:
        cand.fatalities = num.value
    else:
        cand.fatalities = min(cand.fatalities, num.value)
