"""The store's commands: ingest, db, reextract, edit, events, incidents, tallies, control.

Thin wrappers over `sitrep.store` and `sitrep.export`; `cli.build_parser` registers them with
`add_store_commands`. Every store problem (a wrong URL, a corrupt or read-only file, a server
that does not answer) is printed as one line and exits 1; a bad option value exits 2.
"""
from __future__ import annotations

import argparse
import sys
from typing import Any

DB_HELP = "database URL or SQLite file (default: $SITREP_DB, else the db_url setting, sitrep.db)"
FORMATS = ("table", "csv", "geojson", "jsonl")
FILTERS = ("since", "until", "bbox", "country", "admin1", "actor", "event_type", "text", "doc_id")  # see _add_filters


def _settings(parser: argparse.ArgumentParser) -> Any:
    from sitrep.config import Settings, SettingsError

    try:
        return Settings.load()
    except SettingsError as e:
        parser.error(str(e))


def _open(args: argparse.Namespace, parser: argparse.ArgumentParser, settings: Any, migrate: bool = False,
          must_exist: bool = True) -> Any:
    from sitrep.store import open_store

    return open_store(args.db, settings, migrate=migrate, must_exist=must_exist)


def _fail(command: str, message: str) -> int:
    print(f"sitrep {command}: {message}", file=sys.stderr)
    return 1


def _write(args: argparse.Namespace, render: Any) -> None:
    """Call render(stream) on --output OUT (a new file) or stdout."""
    out = open(args.output, "w", encoding="utf-8", newline="") if getattr(args, "output", None) else sys.stdout
    try:
        render(out)
    finally:
        if out is not sys.stdout:
            out.close()


def cmd_ingest(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    import os
    from pathlib import Path

    from sitrep.reader import check_published, count_documents, read_input
    from sitrep.store import StoreError
    from sitrep.store.ingest import ingest_finished_shards, ingest_items

    settings = _settings(parser)
    if args.published is not None:
        value, problem = check_published(args.published)
        if problem or value is None:
            parser.error(f"--published {args.published!r}: want YYYY-MM-DD, YYYY-MM or YYYY")
    if args.input != "-" and not Path(args.input).exists():
        parser.error(f"{args.input}: no such file or folder")
    try:
        store = _open(args, parser, settings, migrate=True, must_exist=False)
        with store:
            if Path(args.input, "manifest.json").is_file():
                summary = ingest_finished_shards(store, args.input, settings)
            else:
                items = read_input(args.input, settings.max_document_bytes, args.published)
                jobs = args.jobs if args.jobs > 0 else (os.cpu_count() or 1)
                summary = ingest_items(store, items, settings, total=count_documents(args.input), jobs=jobs)
    except StoreError as e:
        return _fail("ingest", str(e))
    print(summary.line(), file=sys.stderr)
    return summary.exit_code


def cmd_db_upgrade(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from sitrep.store import StoreError, display_url

    settings = _settings(parser)
    try:
        with _open(args, parser, settings, migrate=True, must_exist=False) as store:
            from sitrep.store import schema_revision

            print(f"{display_url(store.url)}: schema at {schema_revision(store)}")
    except StoreError as e:
        return _fail("db upgrade", str(e))
    return 0


def cmd_db_relink(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from sitrep.store import StoreError
    from sitrep.store.ingest import relink_all

    settings = _settings(parser)
    try:
        with _open(args, parser, settings) as store:
            count = relink_all(store)
    except StoreError as e:
        return _fail("db relink", str(e))
    print(f"{count} incidents")
    return 0


def cmd_reextract(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from sitrep.store import StoreError
    from sitrep.store.ingest import reextract

    settings = _settings(parser)
    try:
        with _open(args, parser, settings) as store:
            summary = reextract(store, settings, everything=args.all)
    except StoreError as e:
        return _fail("reextract", str(e))
    print(summary.line(), file=sys.stderr)
    return 0


def cmd_edit(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    import getpass
    import json

    from sitrep.store import StoreError
    from sitrep.store.corrections import CorrectionError, apply_correction, parse_assignments

    settings = _settings(parser)
    try:
        changes = parse_assignments(args.changes)
        with _open(args, parser, settings) as store:
            event = apply_correction(store, args.event_id, changes, args.author or getpass.getuser())
    except CorrectionError as e:
        return _fail("edit", str(e))
    except KeyError:
        return _fail("edit", f"no event with id {args.event_id}")
    except StoreError as e:
        return _fail("edit", str(e))
    print(json.dumps(event, ensure_ascii=False, indent=1))
    return 0


def _event_filter(args: argparse.Namespace) -> Any:
    from sitrep.store.queries import EventFilter

    params = {name: getattr(args, name, None) for name in FILTERS}
    params["limit"] = args.limit
    params["include_unconfirmed"] = getattr(args, "all_modalities", False)
    return EventFilter.from_params(params)


def cmd_events(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    import json

    from sitrep import export
    from sitrep.store import StoreError
    from sitrep.store.queries import FilterError, query_events

    settings = _settings(parser)
    try:
        flt = _event_filter(args)
    except FilterError as e:
        return _fail("events", str(e))
    try:
        with _open(args, parser, settings) as store:
            rows = query_events(store, flt)
    except StoreError as e:
        return _fail("events", str(e))
    renderers = {"csv": lambda out: export.acled_csv(rows, out),
                 "geojson": lambda out: out.write(json.dumps(export.geojson(rows), ensure_ascii=False) + "\n"),
                 "jsonl": lambda out: export.jsonl(rows, out),
                 "table": lambda out: out.write(export.events_table(rows))}
    _write(args, renderers[args.format])
    print(f"{len(rows)} events", file=sys.stderr)
    return 0


def cmd_incidents(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from sitrep import export
    from sitrep.store import StoreError
    from sitrep.store.queries import FilterError, all_incidents, list_incidents

    settings = _settings(parser)
    try:
        flt = _event_filter(args)
    except FilterError as e:
        return _fail("incidents", str(e))
    try:
        with _open(args, parser, settings) as store:
            unfiltered = not any(getattr(args, n, None) for n in FILTERS)
            if unfiltered and args.min_sources == 1 and args.format == "jsonl":
                items = all_incidents(store)
            else:
                items = list_incidents(store, flt, min_sources=args.min_sources)
    except StoreError as e:
        return _fail("incidents", str(e))
    _write(args, lambda out: export.jsonl(items, out) if args.format == "jsonl"
           else out.write(export.incidents_table(items)))
    print(f"{len(items)} incidents", file=sys.stderr)
    return 0


def cmd_tallies(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from sitrep import export
    from sitrep.store import StoreError
    from sitrep.store.queries import tally_ledger

    settings = _settings(parser)
    try:
        with _open(args, parser, settings) as store:
            series = tally_ledger(store, claimant=args.claimant, quantity=args.quantity, subject=args.subject)
    except StoreError as e:
        return _fail("tallies", str(e))
    _write(args, lambda out: export.jsonl(series, out) if args.format == "jsonl"
           else out.write(export.ledger_table(series)))
    return 0


def cmd_control(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from sitrep import export
    from sitrep.store import StoreError
    from sitrep.store.queries import control_timeline

    settings = _settings(parser)
    try:
        with _open(args, parser, settings) as store:
            periods = control_timeline(store, args.place)
    except StoreError as e:
        return _fail("control", str(e))
    if not periods:
        print(f"no change of control recorded for {args.place!r}", file=sys.stderr)
    if args.format == "jsonl":
        export.jsonl(periods, sys.stdout)
    elif periods:
        sys.stdout.write(export.control_table(periods))
    return 0


def _add_filters(p: argparse.ArgumentParser) -> None:
    p.add_argument("--since", metavar="DATE", help="events starting on or after DATE (YYYY-MM-DD)")
    p.add_argument("--until", metavar="DATE", help="events starting on or before DATE")
    p.add_argument("--bbox", metavar="W,S,E,N", help="bounding box in degrees: west,south,east,north")
    p.add_argument("--country", metavar="CC", help="ISO 3166-1 alpha-2 country code, e.g. SY")
    p.add_argument("--admin1", metavar="NAME", help="province / first-level region name")
    p.add_argument("--actor", metavar="NAME", help="actor1, actor2 or an associated actor (any alias)")
    p.add_argument("--event-type", dest="event_type", metavar="TYPE", help="e.g. battles")
    p.add_argument("--text", metavar="WORDS", help="words in the evidence passage or place name")
    p.add_argument("--doc", dest="doc_id", metavar="DOC_ID", help="events of one document")
    p.add_argument("--limit", type=int, default=10_000, help="at most this many records (default 10000)")


def add_store_commands(sub: Any) -> None:
    p = sub.add_parser("ingest", help="extract reports and store them (documents, events, tallies, incidents)",
                       description="INPUT as for `sitrep extract`, or a folder written by "
                                   "`sitrep extract --engine dask` (its finished shards are loaded).")
    p.add_argument("input", metavar="INPUT")
    p.add_argument("--db", metavar="URL", help=DB_HELP)
    p.add_argument("--published", metavar="DATE", help="publication date for .txt/.html files and stdin text")
    p.add_argument("--jobs", "-j", type=int, default=1, metavar="N",
                   help="extract in N worker processes while one writes (0: one per core; default 1)")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("db", help="the store's schema")
    dsub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    q = dsub.add_parser("upgrade", help="create the store or bring its schema to the newest migration")
    q.add_argument("--db", metavar="URL", help=DB_HELP)
    q.set_defaults(func=cmd_db_upgrade)
    q = dsub.add_parser("relink", help="rebuild every incident from the stored events")
    q.add_argument("--db", metavar="URL", help=DB_HELP)
    q.set_defaults(func=cmd_db_relink)

    p = sub.add_parser("reextract", help="re-run the current extractor over stored documents")
    p.add_argument("--db", metavar="URL", help=DB_HELP)
    p.add_argument("--all", action="store_true", help="every document, not only those of other extractor versions")
    p.set_defaults(func=cmd_reextract)

    p = sub.add_parser("edit", help="correct fields of a stored event (kept across re-extraction)")
    p.add_argument("event_id", metavar="EVENT_ID", type=int)
    p.add_argument("changes", metavar="FIELD=VALUE", nargs="+")
    p.add_argument("--author", metavar="NAME", help="who made the correction (default: the login name)")
    p.add_argument("--db", metavar="URL", help=DB_HELP)
    p.set_defaults(func=cmd_edit)

    p = sub.add_parser("events", help="stored events, filtered, as a table, ACLED CSV, GeoJSON or JSON lines")
    _add_filters(p)
    p.add_argument("--all-modalities", action="store_true", help="include denied, expected and hypothetical events")
    p.add_argument("--format", choices=FORMATS, default="table", help="table (default), csv (ACLED columns), geojson, jsonl")
    p.add_argument("--output", "-o", metavar="OUT", help="write here (default: stdout)")
    p.add_argument("--db", metavar="URL", help=DB_HELP)
    p.set_defaults(func=cmd_events)

    p = sub.add_parser("incidents", help="events linked across reports: one incident per occurrence")
    _add_filters(p)
    p.add_argument("--min-sources", type=int, default=1, metavar="N", help="only incidents reported by N or more sources")
    p.add_argument("--format", choices=("table", "jsonl"), default="table", help="table (default) or jsonl")
    p.add_argument("--output", "-o", metavar="OUT", help="write here (default: stdout)")
    p.add_argument("--db", metavar="URL", help=DB_HELP)
    p.set_defaults(func=cmd_incidents)

    p = sub.add_parser("tallies", help="the tallies ledger: running totals per claimant, latest first")
    p.add_argument("--claimant", metavar="NAME")
    p.add_argument("--quantity", metavar="Q", help="killed, injured, captured, arrested, displaced, returned")
    p.add_argument("--subject", metavar="NAME")
    p.add_argument("--format", choices=("table", "jsonl"), default="table", help="table (default) or jsonl")
    p.add_argument("--output", "-o", metavar="OUT", help="write here (default: stdout)")
    p.add_argument("--db", metavar="URL", help=DB_HELP)
    p.set_defaults(func=cmd_tallies)

    p = sub.add_parser("control", help="who held a place over time, from territory changes")
    p.add_argument("place", metavar="PLACE")
    p.add_argument("--format", choices=("table", "jsonl"), default="table", help="table (default) or jsonl")
    p.add_argument("--db", metavar="URL", help=DB_HELP)
    p.set_defaults(func=cmd_control)
