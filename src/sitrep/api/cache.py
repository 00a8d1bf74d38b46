"""A small answer cache for the dashboard's heavy reads (map points, per-day counts, facets).

Every analyst who opens the dashboard asks the same first questions; on a big store each costs
tens of milliseconds of SQL and JSON. Answers are kept by (endpoint, parameters) together with
the store's fingerprint — the number of events, the highest event id and the highest correction
id — which any ingest, re-extraction or correction changes, even one made by another process
(`sitrep ingest` beside the server). Reading the fingerprint costs three index look-ups.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any, Callable

MAX_ENTRIES = 64


class AnswerCache:
    def __init__(self, store: Any, max_entries: int = MAX_ENTRIES):
        self.store = store
        self.max_entries = max_entries
        self._items: OrderedDict[tuple, tuple[tuple, Any]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def fingerprint(self) -> tuple:
        from sqlalchemy import func, select

        from sitrep.store.schema import corrections, events

        with self.store.read() as conn:
            return (conn.execute(select(func.count()).select_from(events)).scalar_one(),
                    conn.execute(select(func.max(events.c.id))).scalar_one(),
                    conn.execute(select(func.max(corrections.c.id))).scalar_one())

    def get(self, key: tuple, compute: Callable[[], Any]) -> Any:
        """The cached answer for `key` when the store has not changed since, else `compute()`."""
        stamp = self.fingerprint()
        with self._lock:
            found = self._items.get(key)
            if found and found[0] == stamp:
                self._items.move_to_end(key)
                self.hits += 1
                return found[1]
        value = compute()
        with self._lock:
            self.misses += 1
            self._items[key] = (stamp, value)
            self._items.move_to_end(key)
            while len(self._items) > self.max_entries:
                self._items.popitem(last=False)
        return value
