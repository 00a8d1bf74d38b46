"""Every expected problem becomes a 4xx answer `{"detail": "<what is wrong>"}`, never a 500.

Bad filter values (FilterError) and malformed JSON are 400; a body that fails validation is
422 with one readable line per problem; an unknown id is 404 (raised by the routers); a store
that cannot be read is 503.
"""
from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse


class BadRequest(ValueError):
    """A request the routers refuse with 400 and this message."""


def install(app: FastAPI) -> None:
    from sitrep.store import StoreError

    try:
        from sitrep.store.queries import FilterError
    except ImportError:  # the store's query module is not there yet
        FilterError = BadRequest  # noqa: N806

    @app.exception_handler(BadRequest)
    @app.exception_handler(FilterError)
    async def bad_request(request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=400)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"detail": f"the store cannot answer: {exc}"}, status_code=503)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = exc.errors()
        for p in problems:
            if p.get("type") == "json_invalid":
                ctx = p.get("ctx") or {}
                return JSONResponse({"detail": f"request body is not valid JSON: {ctx.get('error', p.get('msg'))}"},
                                    status_code=400)
        lines = [describe(p) for p in problems]
        return JSONResponse({"detail": "; ".join(lines), "errors": [_plain(p) for p in problems]},
                            status_code=422)


def describe(problem: dict) -> str:
    where = ".".join(str(part) for part in problem.get("loc", ()) if part != "body") or "body"
    return f"{where}: {problem.get('msg', 'invalid')}"


def _plain(problem: dict) -> dict[str, Any]:
    """The validation error without its input echo or exception objects (JSON-safe, short)."""
    return {"loc": [str(x) for x in problem.get("loc", ())], "msg": str(problem.get("msg", "")),
            "type": str(problem.get("type", ""))}
