"""The HTTP API and the analyst's dashboard: `create_app(settings)` returns a FastAPI app.

    from sitrep.api import create_app
    app = create_app(Settings.load(), host="127.0.0.1")   # opens settings.db_url
    # uvicorn.run(app) — or `sitrep serve`

Routers, one per kind of record: `events.py` (events, per-day counts, facets, corrections),
`documents.py` (report text with evidence, new reports), `records.py` (incidents, tallies,
control timelines), `exports.py` (CSV and GeoJSON). `security.py` holds the write guard, the
body-size limit and the content security policy; `errors.py` turns every expected problem into
a 4xx answer with a message. The dashboard is `static/` (its own HTML, CSS and JS, and the
vendored Leaflet, markercluster, topojson-client and world-atlas files).
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # `sitrep --help` imports this package (for `serve`): keep it light
    from sitrep.config import Settings

STATIC = Path(__file__).with_name("static")


def create_app(settings: "Settings | None" = None, store: Any = None, *, host: str | None = None) -> Any:
    """The FastAPI app over `store` (default: opens `settings.db_url`).

    `host` is the address the server listens on; it decides whether writes are allowed without
    a token (loopback only). None means in-process use (tests): treated as loopback.
    """
    import contextlib

    from fastapi import Depends, FastAPI
    from fastapi.responses import FileResponse
    from fastapi.staticfiles import StaticFiles

    from sitrep import __version__
    from sitrep.api import documents, errors, events, exports, records
    from sitrep.api.cache import AnswerCache
    from sitrep.api.security import BodyLimit, WriteGuard, content_security_policy, is_loopback

    from sitrep.config import Settings

    settings = settings or Settings.load()
    owns_store = store is None
    if store is None:
        from sitrep.store import open_store

        store = open_store(settings.db_url, settings)
    loopback = is_loopback(host)
    guard = WriteGuard(settings.token, loopback)

    @contextlib.asynccontextmanager
    async def lifespan(app: Any) -> Any:
        yield
        if owns_store:
            store.close()

    app = FastAPI(title="sitrep", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Conflict event records extracted from news reports: events, incidents, "
                              "tallies, control timelines and the reports they came from.")
    app.state.store = store
    app.state.cache = AnswerCache(store)
    app.state.settings = settings
    app.state.guard = guard
    errors.install(app)

    app.include_router(events.router, prefix="/api")
    app.include_router(events.writer, prefix="/api", dependencies=[Depends(guard)])
    app.include_router(documents.router, prefix="/api")
    app.include_router(documents.writer, prefix="/api", dependencies=[Depends(guard)])
    app.include_router(records.router, prefix="/api")
    app.include_router(exports.router, prefix="/api")

    writes = "token" if settings.token else ("open" if loopback else "disabled")

    @app.get("/api/config", tags=["dashboard"], summary="Settings the dashboard needs")
    def config() -> dict:
        return {"version": __version__, "tile_url": settings.tile_url or None, "writes": writes,
                "max_body_bytes": settings.max_body_bytes}

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-cache"})

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        """The OpenAPI page: the vendored Swagger UI reading /openapi.json (no CDN)."""
        return FileResponse(STATIC / "docs.html", headers={"Cache-Control": "no-cache"})

    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    csp = content_security_policy(settings.tile_url)

    @app.middleware("http")
    async def security_headers(request: Any, call_next: Any) -> Any:
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", csp)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response

    origins = [o.strip() for o in settings.cors_origins.split(",") if o.strip()]
    if origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=origins, allow_methods=["GET", "POST", "PATCH"],
                           allow_headers=["Authorization", "Content-Type"])
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    return app
