"""`sitrep serve`: the API and the dashboard under uvicorn. `cli.build_parser` registers it."""
from __future__ import annotations

import argparse
import sys
from typing import Any

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def cmd_serve(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from sitrep.config import Settings, SettingsError
    from sitrep.store import StoreError, display_url, open_store

    if not 0 < args.port < 65536:
        parser.error(f"--port {args.port}: want 1 to 65535")
    try:
        settings = Settings.load()
    except SettingsError as e:
        parser.error(str(e))
    try:
        store = open_store(args.db, settings)
    except StoreError as e:
        print(f"sitrep serve: {e}", file=sys.stderr)
        return 1
    import uvicorn

    from sitrep.api import create_app
    from sitrep.api.security import is_loopback

    app = create_app(settings, store, host=args.host)
    shown = f"[{args.host}]" if ":" in args.host else args.host
    print(f"sitrep: serving {display_url(store.url)}", file=sys.stderr)
    print(f"sitrep: dashboard at http://{shown}:{args.port}/  (API docs at /docs)", flush=True)
    if not settings.token:
        print("sitrep: writes allowed without a token (loopback only)" if is_loopback(args.host) else
              "sitrep: writes are refused: listening beyond loopback and no token set (SITREP_TOKEN)",
              file=sys.stderr)
    try:
        uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level, server_header=False)
    finally:
        store.close()
    return 0


def add_serve_command(sub: Any) -> None:
    p = sub.add_parser("serve", help="the HTTP API and the analyst's dashboard",
                       description="Serve the store's records as a JSON API (OpenAPI page at /docs) and "
                                   "the dashboard at /. Writes need SITREP_TOKEN unless --host is loopback.")
    p.add_argument("--db", metavar="URL", help="database URL or SQLite file (default: the db_url setting)")
    p.add_argument("--host", default=DEFAULT_HOST, help=f"address to listen on (default {DEFAULT_HOST})")
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})")
    p.add_argument("--log-level", default="warning", choices=("critical", "error", "warning", "info", "debug"),
                   help="uvicorn's log level (default warning)")
    p.set_defaults(func=cmd_serve)
