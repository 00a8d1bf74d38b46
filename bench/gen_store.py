"""Build a synthetic store of N events quickly, for the query and API benchmarks.

    python bench/gen_store.py /tmp/big.db 1000000

Events are spread over ten conflict countries and ten years, with the event types, actors and
precision codes of real data; one document per five events. Rows go straight into the store's
tables (schema from the migrations) in large batches, which is much faster than ingesting text.
"""
from __future__ import annotations

import json
import random
import sqlite3
import sys
import time
from datetime import date, timedelta
from pathlib import Path

REGIONS = {  # country: (admin1 names, west, south, east, north)
    "SY": (["Deir ez-Zor", "Idlib", "Aleppo", "Daraa", "Raqqa"], 35.8, 32.4, 42.2, 37.2),
    "IQ": (["Nineveh", "Anbar", "Kirkuk", "Salah al-Din", "Diyala"], 39.0, 29.5, 48.5, 37.3),
    "UA": (["Kharkiv", "Donetsk", "Luhansk", "Zaporizhzhia", "Kherson"], 30.0, 46.0, 40.0, 50.4),
    "SD": (["Khartoum", "North Darfur", "South Darfur", "Gezira", "Kordofan"], 22.0, 9.0, 36.0, 22.0),
    "ML": (["Mopti", "Gao", "Timbuktu", "Segou", "Kidal"], -11.0, 11.0, 4.0, 20.0),
    "SO": (["Banadir", "Lower Shabelle", "Bay", "Hiraan", "Gedo"], 41.0, -1.5, 51.0, 11.5),
    "YE": (["Hodeidah", "Taiz", "Marib", "Sanaa", "Aden"], 42.6, 12.6, 53.0, 19.0),
    "NG": (["Borno", "Yobe", "Adamawa", "Zamfara", "Kaduna"], 3.0, 4.3, 14.6, 13.8),
    "CD": (["North Kivu", "South Kivu", "Ituri", "Tanganyika", "Kasai"], 12.2, -13.4, 31.3, 5.3),
    "ET": (["Tigray", "Amhara", "Oromia", "Afar", "Somali"], 33.0, 3.4, 48.0, 14.9),
}
TYPES = [("battles", "armed_clash"), ("battles", "non_state_actor_overtakes_territory"),
         ("battles", "government_regains_territory"), ("explosions_remote_violence", "air_drone_strike"),
         ("explosions_remote_violence", "shelling_artillery_missile_attack"),
         ("explosions_remote_violence", "remote_explosive_landmine_ied"), ("violence_against_civilians", "attack"),
         ("violence_against_civilians", "abduction_forced_disappearance"), ("protests", "peaceful_protest"),
         ("riots", "mob_violence"), ("strategic_developments", "arrests"), ("displacement", "flight")]
ACTORS = ["Islamic State", "QSD: Syrian Democratic Forces", "Military Forces of Syria", "Military Forces of Russia",
          "Military Forces of Ukraine", "Rapid Support Forces", "Military Forces of Sudan", "JNIM", "Al Shabaab",
          "Ansar Allah", "Boko Haram", "M23", "Civilians", "HTS: Hayat Tahrir al-Sham", "Fano Militia"]
START = date(2015, 1, 1)
DAYS = 3650


def build_store(path: str | Path, n_events: int, seed: int = 7, batch: int = 50_000) -> float:
    """Create `path` (must not exist) with `n_events` events; returns seconds taken."""
    from sitrep.store import open_store

    path = Path(path)
    if path.exists():
        raise SystemExit(f"{path} exists; remove it first")
    started = time.perf_counter()
    open_store(f"sqlite:///{path}").close()
    rng = random.Random(seed)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = OFF")  # a throw-away bulk load: no journal, no syncs
    conn.execute("PRAGMA synchronous = OFF")
    n_docs = max(1, n_events // 5)
    with conn:
        conn.executemany(
            "INSERT INTO documents (id, doc_id, content_hash, title, text, published, outlet, warnings, "
            "extractor_version, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
            ((i + 1, f"gen-{i:07d}", f"{i:064x}", f"Generated report {i}",
              f"Generated report {i}. Fighting was reported.", str(START + timedelta(days=rng.randrange(DAYS))),
              "generator", "[]", "bench", "2026-01-01T00:00:00+00:00") for i in range(n_docs)))
    from sitrep.store.schema import events

    COLUMNS = [c.name for c in events.c]
    countries = list(REGIONS)
    done = 0
    while done < n_events:
        rows = []
        for k in range(done, min(n_events, done + batch)):
            country = rng.choice(countries)
            admin1s, w, s, e, n = REGIONS[country]
            etype, sub = rng.choice(TYPES)
            day = START + timedelta(days=rng.randrange(DAYS))
            width = rng.choice((0, 0, 0, 0, 6, 30))
            a1, a2 = rng.sample(ACTORS, 2)
            text = f"{a1} and {a2} near {admin1s[k % 5]}"
            rows.append((k + 1, 1 + k % n_docs, f"gen-{k % n_docs:07d}", k // n_docs, etype, sub, str(day),
                         str(day + timedelta(days=width)), 1 if width == 0 else (2 if width < 14 else 3),
                         f"Place {k % 5000}", round(rng.uniform(s, n), 5), round(rng.uniform(w, e), 5), country,
                         rng.choice(admin1s), None, None, rng.choice((1, 1, 2, 3)), a1, a2, "[]",
                         rng.choice((1, 2, 3)), rng.choice((1, 2, 7)), rng.choice((None, 0, 1, 2, 5, 12)),
                         None, None, "{}", "occurred" if rng.random() < 0.95 else "expected", None, 0.5, "",
                         json.dumps([{"start": 0, "end": 10}]), text, None, 0, "bench"))
        with conn:
            conn.executemany(f"INSERT INTO events ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})", rows)
        done += len(rows)
    conn.execute("ANALYZE")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()
    return time.perf_counter() - started


if __name__ == "__main__":
    target, count = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    seconds = build_store(target, count)
    print(f"built {target}: {count} events in {seconds:.1f} s")
