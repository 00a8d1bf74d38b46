"""A small hand-built store for the API and dashboard tests: known reports, events and tallies.

The records are written by hand (ingest_report with a given result), so the tests know exactly
what the store holds whatever the extractor does: eight events on the map in five countries
(one of them reported twice, so one incident has two sources), one `expected` event that the
map leaves out, a place that changed hands twice, two claimants counting the same thing, and a
report whose text carries HTML that must stay text.
"""
from __future__ import annotations

from typing import Any

from sitrep.models import Report

XSS_TEXT = ("Gunmen attacked a checkpoint near Deir ez-Zor city on Sunday, killing two guards, residents said. "
            "A post shared online read <script>window.__pwned = 1</script> and "
            "<img src=x onerror=\"window.__pwned = 2\"> before it was taken down.")


def span(text: str, phrase: str) -> dict[str, int]:
    start = text.index(phrase)
    return {"start": start, "end": start + len(phrase)}


def place(name: str, lat: float, lon: float, country: str, admin1: str, precision: int = 1) -> dict[str, Any]:
    return {"name": name, "latitude": lat, "longitude": lon, "country": country, "admin1": admin1, "admin2": None,
            "geonameid": None, "geo_precision": precision}


def event(text: str, phrases: list[str], event_type: str, sub: str, day: str, where: dict, actor1: str | None,
          actor2: str | None = None, fatalities: int | None = None, modality: str = "occurred") -> dict[str, Any]:
    return {"event_type": event_type, "sub_event_type": sub, "date_start": day, "date_end": day, "time_precision": 1,
            "location": where, "actor1": actor1, "actor2": actor2, "assoc_actors": [], "fatalities": fatalities,
            "fatalities_low": None, "fatalities_high": None, "counts": {}, "modality": modality, "claimant": None,
            "evidence": [span(text, p) for p in phrases], "confidence": 0.9}


def tally(text: str, phrase: str, quantity: str, subject: str, value: int, claimant: str, since: str,
          as_of: str) -> dict[str, Any]:
    return {"quantity": quantity, "subject": subject, "value": value, "qualifier": "exact", "since": since,
            "as_of": as_of, "area": None, "claimant": claimant, "evidence": [span(text, phrase)]}


HAJIN = place("Hajin", 34.6955, 40.8322, "SY", "Deir ez-Zor")


def documents() -> list[tuple[Report, dict[str, Any]]]:
    out = []

    def add(doc_id: str, title: str, published: str, text: str, events: list, tallies: list = ()) -> None:
        out.append((Report(id=doc_id, text=text, published=published, title=title, outlet="api tests"),
                    {"doc_id": doc_id, "events": events, "tallies": list(tallies)}))

    t = ("SDF fighters took control of the village of Hajin in Deir ez-Zor on Saturday after clashes with "
         "Islamic State militants. Eight fighters died, a commander said. The SDF says it has captured 400 "
         "militants since November. Commanders expect to reach Baghuz within weeks.")
    add("t-hajin-1", "SDF takes Hajin", "2019-01-20", t, [
        event(t, ["SDF fighters took control of the village of Hajin in Deir ez-Zor on Saturday",
                  "Eight fighters died"], "battles", "non_state_actor_overtakes_territory", "2019-01-19", HAJIN,
              "SDF", "Islamic State", 8),
        event(t, ["Commanders expect to reach Baghuz within weeks."], "battles", "armed_clash", "2019-01-27",
              place("Baghuz", 34.4554, 40.9387, "SY", "Deir ez-Zor"), "SDF", "Islamic State", modality="expected"),
    ], [tally(t, "The SDF says it has captured 400 militants since November.", "captured", "Islamic State", 400,
              "SDF", "2018-11-01", "2019-01-20")])

    t = ("Kurdish-led forces captured Hajin on Saturday. A war monitor counted ten dead on both sides. "
         "The monitor says 520 militants have been captured since November.")
    add("t-hajin-2", "Hajin falls", "2019-01-21", t, [
        event(t, ["Kurdish-led forces captured Hajin on Saturday.", "A war monitor counted ten dead"],
              "battles", "non_state_actor_overtakes_territory", "2019-01-19", HAJIN, "SDF", "Islamic State", 10),
    ], [tally(t, "The monitor says 520 militants have been captured since November.", "captured",
              "Islamic State", 520, "SOHR", "2018-11-01", "2019-01-21")])

    t = ("Islamic State militants retook Hajin on Friday in a surprise counter-attack. The SDF now says it has "
         "captured 610 militants since November.")
    add("t-hajin-3", "Hajin retaken", "2019-02-10", t, [
        event(t, ["Islamic State militants retook Hajin on Friday"], "battles",
              "non_state_actor_overtakes_territory", "2019-02-08", HAJIN, "Islamic State", "SDF"),
    ], [tally(t, "The SDF now says it has captured 610 militants since November.", "captured", "Islamic State",
              610, "SDF", "2018-11-01", "2019-02-10")])

    t = "Coalition jets struck a busy market in Zabid on Thursday, killing nine shoppers, medics said."
    add("t-zabid", "Market strike in Zabid", "2018-08-10", t, [
        event(t, ["Coalition jets struck a busy market in Zabid on Thursday, killing nine shoppers"],
              "explosions_remote_violence", "air_drone_strike", "2018-08-09",
              place("Zabid", 14.1951, 43.3152, "YE", "Al Hudaydah"), "Saudi-led coalition", "Civilians", 9)])

    t = "Thousands marched peacefully through Khartoum on Thursday to demand a civilian government."
    add("t-khartoum", "March in Khartoum", "2019-04-12", t, [
        event(t, ["Thousands marched peacefully through Khartoum on Thursday"], "protests", "peaceful_protest",
              "2019-04-11", place("Khartoum", 15.5518, 32.5324, "SD", "Khartoum"), "Protesters (Sudan)")])

    t = "Armed men killed six villagers near Mopti on Saturday, the regional governor said."
    add("t-mopti", "Villagers killed near Mopti", "2022-03-06", t, [
        event(t, ["Armed men killed six villagers near Mopti on Saturday"], "violence_against_civilians", "attack",
              "2022-03-05", place("Mopti", 14.4843, -4.1827, "ML", "Mopti", 2), "Unidentified armed group",
              "Civilians", 6)])

    t = ("Rockets hit apartment blocks in Kharkiv overnight, killing two residents. Hundreds of families "
         "left the northern districts of Kharkiv by bus the same day.")
    add("t-kharkiv", "Rockets on Kharkiv", "2022-05-16", t, [
        event(t, ["Rockets hit apartment blocks in Kharkiv overnight, killing two residents."],
              "explosions_remote_violence", "shelling_artillery_missile_attack", "2022-05-15",
              place("Kharkiv", 49.9935, 36.2304, "UA", "Kharkiv"), "Military Forces of Russia", "Civilians", 2),
        event(t, ["Hundreds of families left the northern districts of Kharkiv by bus"], "displacement", "flight",
              "2022-05-15", place("Kharkiv (north)", 50.0500, 36.2800, "UA", "Kharkiv", 2), "Civilians")])

    add("t-xss", "Checkpoint <b>attack</b>", "2020-06-08", XSS_TEXT, [
        event(XSS_TEXT, ["Gunmen attacked a checkpoint near Deir ez-Zor city on Sunday, killing two guards",
                         "<script>window.__pwned = 1</script>", "<img src=x onerror=\"window.__pwned = 2\">"],
              "violence_against_civilians", "attack", "2020-06-07",
              place("Deir ez-Zor", 35.3359, 40.1408, "SY", "Deir ez-Zor"), "Unidentified armed group", None, 2)])
    return out


# what the map shows by default: occurred events with coordinates
MAP_EVENTS = 9


def build_store(url: str, settings: Any = None) -> Any:
    """A store at `url` holding `documents()` (extraction skipped: the results are given)."""
    from sitrep.store import open_store
    from sitrep.store.ingest import ingest_report

    store = open_store(url, settings)
    for report, result in documents():
        res = ingest_report(store, report, settings, result=result)
        assert res.status == "stored", (report.id, res.status, res.message)
    return store
