"""The `sitrep` command: thin wrappers over library functions.

Only argparse is imported at module level, so `sitrep --help` stays fast; each command imports
what it needs when it runs. Exit codes: 0 success, 1 failure (every document failed, a check
failed), 2 usage error.
"""
from __future__ import annotations

import argparse
import sys


def cmd_extract(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from sitrep.config import Settings, SettingsError
    from sitrep.reader import InputError, check_published, count_documents, read_input
    from sitrep.runner import run_extract

    if args.published is not None:
        value, problem = check_published(args.published)
        if problem or value is None:
            parser.error(f"--published {args.published!r}: want YYYY-MM-DD, YYYY-MM or YYYY")
    try:
        settings = Settings.load()
    except SettingsError as e:
        parser.error(str(e))
    if args.engine == "dask":
        return extract_on_dask(args, parser, settings)
    if args.scheduler or args.partitions is not None or args.restart:
        parser.error("--scheduler, --partitions and --restart go with --engine dask")
    if args.input != "-":
        from pathlib import Path

        if not Path(args.input).exists():
            parser.error(f"{args.input}: no such file or folder")
    items = read_input(args.input, settings.max_document_bytes, args.published)
    total = count_documents(args.input)
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    try:
        summary = run_extract(items, out, settings, progress=True, total=total, fmt=args.format)
    except InputError as e:
        parser.error(str(e))
    finally:
        if args.output:
            out.close()
    return summary.exit_code


def extract_on_dask(args: argparse.Namespace, parser: argparse.ArgumentParser, settings) -> int:
    """`sitrep extract INPUT --engine dask --output DIR`: see sitrep.engines.dask.run_dask."""
    from sitrep.engines.output import ManifestError
    from sitrep.reader import InputError

    if not args.output:
        parser.error("--engine dask writes result shards to a folder: give --output DIR")
    if args.input == "-" or args.format != "jsonl":
        parser.error("--engine dask reads files (not stdin) and writes JSONL shards")
    if args.partitions is not None and args.partitions < 1:
        parser.error("--partitions: want a number from 1 up")
    try:
        from sitrep.engines.dask import EngineUnavailable, run_dask

        result = run_dask(args.input, args.output, settings=settings, published=args.published,
                          scheduler=args.scheduler, partitions=args.partitions, restart=args.restart)
    except ImportError as e:  # the engine module itself needs the cluster extra
        print(f"sitrep extract: --engine dask needs 'sitrep[cluster]' ({e})", file=sys.stderr)
        return 2
    except (InputError, ManifestError) as e:
        parser.error(str(e))
    except EngineUnavailable as e:
        print(f"sitrep extract: {e}", file=sys.stderr)
        return 2
    return result.exit_code


def cmd_eval(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    import json

    from sitrep import evaluate
    from sitrep.config import Settings, SettingsError

    try:
        settings = Settings.load()
    except SettingsError as e:
        parser.error(str(e))
    try:
        golds = evaluate.read_jsonl(args.gold)
    except (OSError, ValueError) as e:
        parser.error(f"{args.gold}: {e}")
    try:
        aliases = evaluate.load_aliases(args.aliases or settings.aliases_path or None)
    except (OSError, ValueError) as e:
        parser.error(f"--aliases: {e}")
    seconds = None
    if args.pred:
        try:
            preds = evaluate.read_jsonl(args.pred)
        except (OSError, ValueError) as e:
            print(f"sitrep eval: predictions are not readable JSONL: {e}", file=sys.stderr)
            return 1
    elif args.run:
        try:
            preds, seconds = evaluate.run_command(golds, args.run)
        except evaluate.EvalError as e:
            print(f"sitrep eval: {e}", file=sys.stderr)
            return 1
    else:
        preds, seconds = evaluate.run_in_process(golds)
    summary = evaluate.score(golds, preds, aliases=aliases)
    if seconds is not None:
        summary["seconds"] = round(seconds, 3)
    print(json.dumps(summary, indent=1) if args.json else evaluate.format_summary(summary))
    return 0


def cmd_lexicon_validate(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from sitrep.checks import validate_lexicons

    failed = False
    for check in validate_lexicons():
        print(check.line())
        failed |= check.status == "fail"
    return 1 if failed else 0


def cmd_gazetteer_import(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from pathlib import Path

    if not Path(args.file).is_file():
        parser.error(f"{args.file}: no such file")
    try:
        from sitrep.gazetteer import import_geonames
    except ImportError as e:
        print(f"sitrep gazetteer import: the gazetteer module is not available ({e})", file=sys.stderr)
        return 1
    from sitrep.config import Settings, SettingsError

    try:
        settings = Settings.load()
    except SettingsError as e:
        parser.error(str(e))
    count = import_geonames(args.file, cache_dir=settings.cache_dir or None)
    print(f"imported {count} places from {args.file}")
    return 0


def cmd_version(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from sitrep import __version__

    print(f"sitrep {__version__}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sitrep", description="Conflict reports in, geocoded event records and running tallies out.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("extract", help="extract events and tallies from reports",
                       description="INPUT is JSONL (one report per line), a .txt or .html file, "
                                   "a folder of them, or - for stdin; with --engine dask also a "
                                   "Parquet dataset.")
    p.add_argument("input", metavar="INPUT")
    p.add_argument("--output", "-o", metavar="OUT", help="write results here (default: stdout)")
    p.add_argument("--published", metavar="DATE", help="publication date for .txt/.html files and stdin text")
    p.add_argument("--format", choices=("jsonl", "table"), default="jsonl", help="output format (default jsonl)")
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="local: in this process (default); dask: on a Dask cluster, results as "
                        "shards in the --output folder")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="dask: the scheduler to use (default: a local cluster, one worker per core)")
    p.add_argument("--partitions", type=int, metavar="N",
                   help="dask: split INPUT into N partitions (default: by size, 4 per worker thread)")
    p.add_argument("--restart", action="store_true",
                   help="dask: discard the results already in the --output folder and start over")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("eval", help="score predictions against a gold file",
                       description="Score against GOLD (JSONL documents with gold events and tallies). "
                                   "Without --pred or --run, the built-in extractor runs on GOLD's documents.")
    p.add_argument("gold", metavar="GOLD")
    how = p.add_mutually_exclusive_group()
    how.add_argument("--pred", metavar="PRED", help="predictions JSONL to score")
    how.add_argument("--run", metavar="CMD", help='extractor command with {input} and {output}, '
                                                  'e.g. "sitrep extract {input} --output {output}"')
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.add_argument("--aliases", metavar="FILE", help="actor alias groups (JSON); default: "
                                                      "../shared/spec/actor_aliases.json when present")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("lexicon", help="lexicon and dictionary data files")
    lsub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    q = lsub.add_parser("validate", help="check every lexicon data file")
    q.set_defaults(func=cmd_lexicon_validate)

    p = sub.add_parser("gazetteer", help="the place gazetteer")
    gsub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    q = gsub.add_parser("import", help="load a GeoNames dump (SY.txt, allCountries.txt format)")
    q.add_argument("file", metavar="FILE")
    q.set_defaults(func=cmd_gazetteer_import)

    from sitrep.cli_store import add_store_commands

    add_store_commands(sub)

    from sitrep.api.serve import add_serve_command

    add_serve_command(sub)

    p = sub.add_parser("version", help="print the version")
    p.set_defaults(func=cmd_version)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return args.func(args, parser)
    except BrokenPipeError:  # `sitrep extract ... | head`: stop quietly
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
