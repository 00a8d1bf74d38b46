"""Loading of the package's data files (lexicons, dictionaries), each read once per process."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable


def data_path(name: str):
    """A Traversable for a file under sitrep/data."""
    return resources.files("sitrep").joinpath("data", name)


@lru_cache(maxsize=None)
def load_json(name: str) -> Any:
    with data_path(name).open(encoding="utf-8") as f:
        return json.load(f)


def parse_tsv(lines: Iterable[str]) -> list[dict[str, str]]:
    """Rows of a TSV data file as dicts; '#' lines are the provenance header, the first other line
    names the columns; missing trailing cells are empty strings."""
    rows: list[dict[str, str]] = []
    header: list[str] | None = None
    for line in lines:
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = [c.strip() for c in cells]
            continue
        rows.append({k: (cells[i].strip() if i < len(cells) else "") for i, k in enumerate(header)})
    return rows


@lru_cache(maxsize=None)
def load_tsv(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a TSV file under sitrep/data (see parse_tsv)."""
    with data_path(name).open(encoding="utf-8") as f:
        return tuple(parse_tsv(f))
