"""Resolve stage: candidates become records.

Fills what a sentence left open from the document (the date from the publication date, the place
from the story's focus, the opposing side from the document's belligerents), names actors
canonically, and merges the same occurrence mentioned twice.
"""
from __future__ import annotations

import re

from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

from sitrep.models import Event, Location, Place, Span, Tally
from sitrep.stages.dates import Anchor
from sitrep.stages.frames import CIVILIANS, Candidate, date_is_statement
from sitrep.stages.places import distance_km
from sitrep.stages.actors import UNIDENTIFIED
from sitrep.stages.tallies import TallyCandidate

ARMED_EVENT_TYPES = {"battles", "explosions_remote_violence", "violence_against_civilians"}
SHORT_REPORT_CHARS = 400


@dataclass
class DocContext:
    anchor: Anchor
    text_length: int
    focus: object | None = None          # PlaceMention: the place the report is mostly about
    region: object | None = None         # PlaceMention of a province or country named in the report
    belligerents: list[str] = field(default_factory=list)   # armed actors, most mentioned first
    latest_mentioned: object | None = None  # the latest date the report mentions (when publication is unknown)
    state_forces: set[str] = field(default_factory=set)
    acting: Counter = field(default_factory=Counter)   # how often each side is named as the one acting
    targeted: Counter = field(default_factory=Counter)  # how often each side is named as the one acted upon


def place_key(mention) -> tuple:
    p = mention.place
    return (p.geonameid,) if p.geonameid else (p.name.lower(), round(p.latitude, 2), round(p.longitude, 2))


def focus_place(places: list, title_end: int) -> object | None:
    """The most mentioned town or village (a mention in the title counts double)."""
    counts: Counter = Counter()
    first: dict = {}
    for m in places:
        if m.geo_precision >= 3 or m.place.kind in ("country", "admin1"):
            continue
        key = place_key(m)
        counts[key] += 2 if m.start < title_end else 1
        first.setdefault(key, m)
    if not counts:
        return None
    best = max(counts, key=lambda k: (counts[k], -first[k].start))
    return first[best]


def region_place(places: list) -> object | None:
    admin = [m for m in places if m.place.kind == "admin1"]
    if admin:
        return Counter(place_key(m) for m in admin).most_common(1) and admin[0]
    countries = [m for m in places if m.place.kind == "country"]
    return countries[0] if countries else None


def location_of(mention, precision: int | None = None) -> Location:
    p: Place = mention.place
    return Location(name=p.name, latitude=p.latitude, longitude=p.longitude, country=p.country,
                    admin1=p.admin1, admin2=p.admin2, geonameid=p.geonameid,
                    geo_precision=precision or mention.geo_precision)


def _default_window(ctx: DocContext):
    a = ctx.anchor
    if a.day is not None:
        if ctx.text_length <= SHORT_REPORT_CHARS:
            return a.day, a.day, 1
        return a.day - timedelta(days=7), a.day, 2
    if a.month is not None:
        return a.earliest, a.latest, 3
    return None


def _canonical(actor) -> str | None:
    if actor is None:
        return None
    return actor if isinstance(actor, str) else actor.canonical


def events_from(candidates: list[Candidate], ctx: DocContext) -> list[Event]:
    events: list[Event] = []
    origin: list[_Origin] = []
    previous: Candidate | None = None
    candidates = _fold_title_and_anaphora(candidates)
    ctx.acting, ctx.targeted = _named_sides(candidates)
    for cand in candidates:
        window = _window_for(cand, ctx, previous)
        if window is None or (_is_history(window, ctx) and not _is_note(cand, ctx)) or _year_only(cand):
            continue
        places = [(m, False) for m in cand.places if m.place.kind != "country"]
        if not places and cand.sub_event_type == "disrupted_weapons_use":
            continue  # "intercepted 36 of 50 drones overnight": over no place the report names
        places = places or _fallback_places(cand, ctx, previous)  # a country alone is no event place (spec rule 1)
        if not places:
            continue
        if cand.places:
            previous = cand
        actor1, actor2 = _fill_actors(cand, ctx, places[0][0].place.country)
        if (cand.event_type, cand.sub_event_type) == ("battles", "armed_clash") and actor2 == CIVILIANS \
                and actor1 != CIVILIANS and cand.trigger.weight <= 3:
            # "bandits attacked several communities ... dozens of villagers were killed": one side, unarmed victims
            cand.event_type, cand.sub_event_type = "violence_against_civilians", "attack"
        first, last, precision = window
        deaths = _fatalities_by_place(cand, len(places))
        for k, (mention, fallback) in enumerate(places):
            fatalities, low, high = deaths[k]
            origin.append(_Origin(cand.sentence.index, fallback, cand.date is not None or cand.ongoing, cand.trigger.weight))
            events.append(Event(
                event_type=cand.event_type,
                sub_event_type=_sub_type(cand, actor1, ctx),
                date_start=first.isoformat(), date_end=last.isoformat(), time_precision=precision,
                location=location_of(mention, 2 if fallback and mention.geo_precision < 3 else None),
                actor1=actor1, actor2=actor2,
                fatalities=fatalities, fatalities_low=low,
                fatalities_high=high, counts=dict(cand.counts),
                modality=cand.modality if cand.modality in ("occurred", "expected", "denied", "hypothetical") else "expected",
                claimant=cand.claimant,
                evidence=[Span(cand.sentence.start, cand.sentence.end)],
                confidence=0.6 if cand.date is not None and cand.places else 0.4,
                trigger=cand.sentence.text[cand.trigger.start - cand.sentence.start:cand.trigger.end - cand.sentence.start],
                date_told=date_is_statement(cand),
            ))
    finer = _fold_detail_attacks(events, origin)
    kept = [(ev, o) for ev, o in zip(events, origin) if not any(ev is f for f, _, _ in finer)]
    merged = merge_events(_fold_placeless([ev for ev, _ in kept], [o for _, o in kept]))
    for _, host, location in finer:  # after merging, so the lead's other sentences still join it at its town
        next((m for m in merged if host.evidence[0] in m.evidence), host).location = location
    return merged


@dataclass(frozen=True)
class _Origin:
    sentence: int        # index of the sentence the event was read from
    fallback: bool       # its place was borrowed (the sentence names none)
    dated: bool          # its date was read from its own sentence
    weight: int          # its trigger's weight: a generic word ("strike on", "pounded") weighs less


GENERIC_WEIGHT = 5


def _fold_placeless(events: list[Event], origin: list[_Origin]) -> list[Event]:
    """A sentence that names no place ("a missile strike on a shopping mall two days ago killed 18") next to
    one that tells the same kind of occurrence at a named place ("pounded the mall in Kremenchuk") tells
    one occurrence: it lends its date, its counts and (when its word is the more specific) its sub-type to
    the named one instead of standing at a borrowed place. Reach: three sentences back, one ahead."""
    out: list[Event] = []
    for i, ev in enumerate(events):
        o = origin[i]
        if not o.fallback or ev.modality != "occurred":
            out.append(ev)
            continue
        host = None
        for j in sorted(range(len(events)), key=lambda j: abs(origin[j].sentence - o.sentence)):
            h, ho = events[j], origin[j]
            if j == i or ho.fallback or h.modality != "occurred" or h.event_type != ev.event_type \
                    or not -3 <= ho.sentence - o.sentence <= 1 or ho.sentence == o.sentence:
                continue
            if h.sub_event_type != ev.sub_event_type and min(o.weight, ho.weight) > GENERIC_WEIGHT:
                continue
            if o.dated and ho.dated and not _overlap(h, ev):
                continue
            host = j
            break
        if host is None:
            out.append(ev)
            continue
        h, ho = events[host], origin[host]
        if o.dated and not ho.dated:
            h.date_start, h.date_end, h.time_precision = ev.date_start, ev.date_end, ev.time_precision
        if h.sub_event_type != ev.sub_event_type and o.weight > ho.weight:
            _adopt_sub_type(h, ev)
        if not h.fatalities and ev.fatalities:
            h.fatalities, h.fatalities_low, h.fatalities_high = ev.fatalities, ev.fatalities_low, ev.fatalities_high
        for k, v in ev.counts.items():
            h.counts.setdefault(k, v)
        h.actor1, h.actor2 = h.actor1 or ev.actor1, h.actor2 or ev.actor2
        h.evidence.extend(span for span in ev.evidence if span not in h.evidence)
    return out


DETAIL_KM = 30.0


def _fold_detail_attacks(events: list[Event], origin: list[_Origin]) -> list[tuple[Event, Event, Location]]:
    """ "IS killed 68 fighters in Hajin overnight on Friday ... IS attacked the village of Sousa": a bare
    "attacked" told later with no date, toll or target of its own, by the side of a dated fight or attack told
    nearby, is that occurrence retold with its finer place. Returns (detail, lead, the village to code the
    lead at); the detail's sentence becomes the lead's evidence."""
    finer: list[tuple[Event, Event, Location]] = []
    for i, ev in enumerate(events):
        o = origin[i]
        if ev.modality != "occurred" or o.dated or o.fallback or o.weight > 3 or ev.fatalities \
                or not ev.actor1 or ev.actor2 not in (None, CIVILIANS) or ev.location.geo_precision != 1:
            continue
        host = next((h for h, ho in zip(events[:i], origin[:i])
                     if ho.dated and ho.sentence < o.sentence and h.modality == "occurred"
                     and h.event_type in ("battles", "violence_against_civilians") and h.actor1 == ev.actor1
                     and h.location.name != ev.location.name
                     and distance_km(h.location, ev.location) <= DETAIL_KM), None)
        if host is not None:
            finer.append((ev, host, ev.location))
            host.evidence.extend(span for span in ev.evidence if span not in host.evidence)
    return finer


def _fatalities_by_place(cand: Candidate, n: int) -> list[tuple]:
    """(fatalities, low, high) of each of the n events of one candidate. One place keeps the whole count.
    A list of places ("shelling of Shire, Alamata and Korem killed 12"): deaths the sentence ties to a
    place go to that place and the others get none; an undivided total is split evenly, the remainder
    to the first place (ACLED's practice), so the events never add up to more than was reported."""
    whole = (cand.fatalities, cand.fatalities_low, cand.fatalities_high)
    if n == 1 or not cand.fatalities or len(cand.places) != n:
        return [whole] * n
    if cand.place_fatalities:
        return [(cand.place_fatalities.get(k), None, None) for k in range(n)]

    def split(v):
        if v is None:
            return [None] * n
        return [v // n + (1 if k < v % n else 0) for k in range(n)]

    return list(zip(split(cand.fatalities), split(cand.fatalities_low), split(cand.fatalities_high)))


def _fold_title_and_anaphora(candidates: list[Candidate]) -> list[Candidate]:
    """A headline summarises the body, and "the attack" points back at an attack already told:
    neither is a new occurrence. Their counts go to the occurrence they refer to."""
    title = [c for c in candidates if c.sentence.index == 0 and not c.sentence.text.rstrip().endswith(".")]
    body = [c for c in candidates if c not in title]
    kept: list[Candidate] = []
    for cand in body:
        earlier = [k for k in kept if k.modality == "occurred" and k.event_type in ARMED_EVENT_TYPES]
        if cand.anaphoric and earlier and not _names_new_towns(cand, earlier[-1]) and not _elsewhere(cand, earlier[-1]):
            _give_counts(cand, earlier[-1])
            continue
        if cand.anaphoric and earlier:  # the towns of an occurrence told before: its sides and date are theirs
            cand.actor1 = cand.actor1 or earlier[-1].actor1
            cand.actor2 = cand.actor2 or earlier[-1].actor2
            cand.date = cand.date or earlier[-1].date
        kept.append(cand)
    if not body:
        # a headline that only names a campaign ("new toll for the Hajin offensive") tells of no occurrence
        return [c for c in title if not _names_campaign_only(c)]
    for cand in title:
        same = next((k for k in kept if k.event_type == cand.event_type), None)
        if same is not None:
            _give_counts(cand, same)
    return kept


ELSEWHERE_KM = 50.0


def _elsewhere(cand: Candidate, referent: Candidate) -> bool:
    """ "The drones hit a depot in Belgorod" after a strike on Dnipro: a town far from every place of the
    occurrence it seems to point back at is another occurrence."""
    towns = [p for p in cand.places if p.geo_precision < 3 and p.place.kind not in ("country", "admin1")]
    return not cand.campaign and bool(towns) and bool(referent.places) and all(
        distance_km(t.place, r.place) > ELSEWHERE_KM for t in towns for r in referent.places)


def _names_new_towns(cand: Candidate, referent: Candidate) -> bool:
    """ "Air strikes hit the Tigray region ... The strikes targeted the towns of A, B and C": the later
    sentence tells where the occurrence it points back at took place, town by town."""
    towns = [p for p in cand.places if p.geo_precision < 3]
    return cand.event_type == referent.event_type and bool(towns) and not any(p.geo_precision < 3 for p in referent.places) \
        and (len(towns) > 1 or bool(referent.places))


_NOMINAL_TRIGGER = re.compile(r"(?:counter-?)?offensives?|campaigns?|operations?|onslaught|push|drive", re.I)


_LAUNCH_BEFORE = re.compile(r"\b(?:launch|begin|began|begun|start|open|mount|resume|renew)\w*\s+(?:(?:an?|the|its|their|new|"
                            r"major|fresh|large|ground|military|[A-Z][\w-]*)\s+){0,3}$", re.I)


def _names_campaign_only(cand: Candidate) -> bool:
    rel = cand.trigger.start - cand.sentence.start
    word = cand.sentence.text[rel:cand.trigger.end - cand.sentence.start]
    return bool(_NOMINAL_TRIGGER.fullmatch(word)) and not _LAUNCH_BEFORE.search(cand.sentence.text[max(0, rel - 50):rel])


def _give_counts(source: Candidate, target: Candidate) -> None:
    """What a later mention adds to the occurrence it refers to: counts, and a day ("the attack late on
    Sunday") where the occurrence had only the day the news was given."""
    if source.date is not None and source.date.kind == "point" and source.date.precision == 1 \
            and not date_is_statement(source) and date_is_statement(target) and source.date.last <= target.date.last:
        target.date = source.date
    if source.fatalities and not target.fatalities:
        target.fatalities = source.fatalities
        target.fatalities_low, target.fatalities_high = source.fatalities_low, source.fatalities_high
    for k, v in source.counts.items():
        target.counts.setdefault(k, v)


HISTORY_DAYS = 60
NOTE_CHARS = 600


def _is_note(cand: Candidate, ctx: DocContext) -> bool:
    """An event note ("On 14 March 2023, militants attacked ...") is about its own dated event, however
    long after it the note was filed."""
    return ctx.text_length <= NOTE_CHARS and cand.date is not None and not cand.date.relative


def _year_only(cand: Candidate) -> bool:
    """ "was driven out of the capital in 2011": a time known only to the year is no event's time (an
    event needs at least its month); in a report without a publication date it is also its background."""
    d = cand.date
    return d is not None and not d.relative and (d.last - d.first).days >= 364


def _is_history(window, ctx: DocContext) -> bool:
    """Background history ("seized the city in 2014") is coded from the reports of its own time."""
    reference = ctx.anchor.earliest or ctx.latest_mentioned
    return reference is not None and window[1] < reference - timedelta(days=HISTORY_DAYS)


def _window_for(cand: Candidate, ctx: DocContext, previous: Candidate | None):
    """The sentence's own date; else the publication day for fighting going on as the report is filed;
    else the date of the sentence before (or of an earlier sentence of the same paragraph); else the
    week before publication."""
    if cand.date is not None:
        return cand.date.first, cand.date.last, cand.date.precision
    if cand.ongoing and ctx.anchor.day is not None:
        return ctx.anchor.day, ctx.anchor.day, 1
    if previous is not None and previous.date is not None and previous.sentence.index >= cand.sentence.index - 1 \
            and previous.date.kind != "counted":
        d = previous.date
        return d.first, d.last, d.precision
    d = cand.context_date
    if d is not None and not _is_history((d.first, d.last), ctx):
        return d.first, d.last, d.precision
    return _default_window(ctx)


def _fallback_places(cand: Candidate, ctx: DocContext, previous: Candidate | None) -> list:
    """A sentence that names no place happened where the sentence before it did: the place of the
    previous event told within two sentences, or the town the sentence just before named; else the
    story's main place, else its province."""
    recent = previous is not None and previous.places and previous.sentence.index >= cand.sentence.index - 2
    if cand.context_place is not None and not (recent and previous.sentence.index == cand.sentence.index - 1):
        return [(cand.context_place, True)]
    if recent:
        return [(previous.places[0], True)]
    if ctx.focus is not None:
        return [(ctx.focus, True)]
    if ctx.region is not None and ctx.region.place.kind != "country":
        return [(ctx.region, True)]
    return []


def _fill_actors(cand: Candidate, ctx: DocContext, country: str | None = None) -> tuple[str | None, str | None]:
    a1, a2 = _local_forces(cand.actor1, country), _local_forces(cand.actor2, country)
    if cand.event_type == "displacement":
        return CIVILIANS, None
    if cand.event_type in ("protests", "riots"):
        from sitrep.stages.actors import crowd_of, is_state_force
        if a1 is not None and is_state_force(a1):  # "police dispersed protesters": the crowd is actor1
            a1, a2 = (a2 if a2 != CIVILIANS else None), a1
    if cand.event_type in ("protests", "riots") and (a1 is None or a1 == CIVILIANS):
        a1 = crowd_of(country, "Protesters" if cand.event_type == "protests" else "Rioters") or a1
    if cand.event_type == "riots" and a1 is not None and a1.startswith("Protesters ("):
        a1 = "Rioters (" + a1[len("Protesters ("):]  # "demonstrators torched ...": a crowd that riots is rioters
    if cand.event_type == "riots" and a2 is None and cand.sub_event_type == "mob_violence":
        a2 = CIVILIANS
    if cand.sub_event_type == "excessive_force_against_protesters" and a2 is not None:
        a1, a2 = a2, a1   # the force that fires on the crowd is the side that acts (spec: actor1 the attacker)
    if cand.event_type in ARMED_EVENT_TYPES:
        # the side the report most often names as acting is the likelier one acting where it names none
        others = sorted((b for b in ctx.belligerents if b not in (a1, a2)), key=lambda b: -ctx.acting[b])
        if a1 is None and cand.sub_event_type == "air_drone_strike":
            # air strikes are flown by armed forces and coalitions, not by the militias they strike
            others.sort(key=lambda b: not _flies(b, ctx))
        if a1 is None:  # police fire no shells and fly no strikes
            a1 = next((b for b in others if not (cand.event_type == "explosions_remote_violence"
                                                 and b.startswith("Police Forces"))), None)
        # the opponent: the side the report most often names as acted upon (not the acting side's allies)
        others = sorted((b for b in others if b != a1), key=lambda b: -ctx.targeted[b])
        if a2 is None and cand.event_type == "battles" and others:
            a2 = others[0]
        if a2 is None and cand.event_type == "explosions_remote_violence" and others:
            a2 = others[0]
    if a1 is None and cand.sub_event_type in HIDDEN_HAND:
        a1 = UNIDENTIFIED  # a bomb laid or thrown by nobody the report names (ACLED: an unidentified armed group)
    return a1, a2


HIDDEN_HAND = ("remote_explosive_landmine_ied", "grenade", "suicide_bomb")
_PLAIN_FORCES = re.compile(r"(?:the\s+)?(?:soldiers?|troops|army|military|security forces|police(?:men)?|"
                           r"police officers|officers|government (?:forces|troops|soldiers)|state forces)", re.I)


def _local_forces(actor, country: str | None) -> str | None:
    """ "Soldiers arrested 12 men in Kidal" in a report mostly about Burkina Faso: unnamed soldiers or police
    are the forces of the country where the event took place."""
    name = _canonical(actor)
    if name is None or isinstance(actor, str) or not getattr(actor, "generic", False) or not country \
            or getattr(actor, "country", None) in (None, country) or not _PLAIN_FORCES.fullmatch(actor.surface):
        return name
    from sitrep.stages.actors import _lexicon
    for prefix in ("Military Forces of", "Police Forces of"):
        if name.startswith(prefix):
            return _lexicon().state_canonical(prefix, country) or name
    return name


def _named_sides(candidates: list[Candidate]) -> tuple[Counter, Counter]:
    """How often the report's own sentences name each armed side as acting and as acted upon."""
    acting, targeted = Counter(), Counter()
    for c in candidates:
        if c.modality != "occurred":
            continue
        for actor, counter in ((c.actor1, acting), (c.actor2, targeted)):
            if actor is not None and not isinstance(actor, str) and actor.kind == "armed" and actor.canonical != CIVILIANS:
                counter[actor.canonical] += 1
    return acting, targeted


def _flies(actor: str, ctx: DocContext) -> bool:
    return "coalition" in actor.lower() or (actor in ctx.state_forces and not actor.lower().startswith("police"))


def _sub_type(cand: Candidate, actor1: str | None, ctx: DocContext) -> str:
    if cand.sub_event_type != "@territory":
        return cand.sub_event_type
    return "government_regains_territory" if actor1 in ctx.state_forces else "non_state_actor_overtakes_territory"


def _same_place(a: Location, b: Location) -> bool:
    if a.geonameid and b.geonameid:
        return a.geonameid == b.geonameid
    return abs(a.latitude - b.latitude) < 0.03 and abs(a.longitude - b.longitude) < 0.03


def _overlap(a: Event, b: Event) -> bool:
    return not (a.date_end < b.date_start or b.date_end < a.date_start)


def _same_or_within(a: Location, b: Location) -> bool:
    """The same place, or a province-level location and a place inside that province."""
    if _same_place(a, b):
        return True
    if (a.geo_precision == 3) != (b.geo_precision == 3):
        return a.country == b.country and (a.admin1 == b.admin1 or None in (a.admin1, b.admin1))
    return False


def _named_apart(a: Event, b: Event) -> bool:
    """Two towns one sentence lists side by side ("took A, B and C") are two places, however close
    their coordinates (neighbouring villages often share the coordinates of the larger one)."""
    return a.evidence[:1] == b.evidence[:1] and a.location.name != b.location.name \
        and a.location.geo_precision < 3 and b.location.geo_precision < 3


PROTEST_SEVERITY = {"peaceful_protest": 1, "protest_with_intervention": 2, "excessive_force_against_protesters": 3}


def _adopt_sub_type(host: Event, ev: Event) -> None:
    """The host event takes the more telling sub-type of a sentence it absorbs. Excessive force turns the
    sides round (the force acts on the crowd), so the host then takes that sentence's sides."""
    if ev.sub_event_type == "excessive_force_against_protesters" and host.sub_event_type != ev.sub_event_type:
        host.actor1, host.actor2 = ev.actor1 or host.actor2, ev.actor2 or host.actor1
    host.sub_event_type = ev.sub_event_type


def merge_events(events: list[Event]) -> list[Event]:
    """One event per occurrence: same type, same place (or its province), overlapping dates."""
    merged: list[Event] = []
    for ev in events:
        twin = next((m for m in merged if m.event_type == ev.event_type
                     and (m.sub_event_type == ev.sub_event_type or ev.event_type == "protests")
                     and m.modality == ev.modality and _same_or_within(m.location, ev.location) and _overlap(m, ev)
                     and not _named_apart(m, ev)), None)
        if twin is None:
            merged.append(ev)
            continue
        if PROTEST_SEVERITY.get(ev.sub_event_type, 0) > PROTEST_SEVERITY.get(twin.sub_event_type, 0):
            _adopt_sub_type(twin, ev)  # "protested ... police dispersed them": one protest, intervened in
            twin.actor2 = twin.actor2 or ev.actor2
        if (ev.time_precision or 9) < (twin.time_precision or 9) or (
                twin.date_told and not ev.date_told and ev.time_precision == twin.time_precision
                and ev.date_end <= twin.date_end):
            # the more precise date; of two as precise, the occurrence's own over the day it was reported
            twin.date_start, twin.date_end, twin.time_precision = ev.date_start, ev.date_end, ev.time_precision
            twin.date_told = ev.date_told
        if ev.location.geo_precision < twin.location.geo_precision:
            twin.location = ev.location
        if twin.fatalities in (None, 0) and ev.fatalities:
            twin.fatalities, twin.fatalities_low, twin.fatalities_high = ev.fatalities, ev.fatalities_low, ev.fatalities_high
        for k, v in ev.counts.items():
            twin.counts.setdefault(k, v)
        twin.actor1 = twin.actor1 or ev.actor1
        twin.actor2 = twin.actor2 or ev.actor2
        twin.claimant = twin.claimant or ev.claimant
        for span in ev.evidence:
            if span not in twin.evidence:
                twin.evidence.append(span)
        twin.confidence = min(0.95, twin.confidence + 0.1)
    return merged


def tallies_from(candidates: list[TallyCandidate], ctx: DocContext) -> list[Tally]:
    out: list[Tally] = []
    for c in candidates:
        twin = next((t for t in out if t.quantity == c.quantity and t.value == c.number.value
                     and t.subject == c.subject), None)
        since = c.since.first.isoformat() if c.since else None
        if twin is not None:
            twin.since = twin.since or since
            if twin.qualifier == "exact":
                twin.qualifier = c.number.qualifier
            twin.claimant = twin.claimant or c.claimant
            for s, e in c.evidence:
                if Span(s, e) not in twin.evidence:
                    twin.evidence.append(Span(s, e))
            continue
        area = location_of(ctx.focus, 2) if ctx.focus else (location_of(ctx.region) if ctx.region else None)
        out.append(Tally(quantity=c.quantity, subject=c.subject, value=c.number.value,
                         qualifier=c.number.qualifier, since=since,
                         as_of=ctx.anchor.day.isoformat() if ctx.anchor.day else None,
                         area=area, claimant=c.claimant, evidence=[Span(s, e) for s, e in c.evidence]))
    return out
