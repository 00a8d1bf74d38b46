"""Who may write, how big a request may be, and the headers every answer carries.

Writes (`POST /api/documents`, `PATCH /api/events/{id}`) need `Authorization: Bearer TOKEN`
when the `token` setting is set. With no token, the server accepts writes only when it listens
on loopback (127.0.0.1, ::1, localhost): anyone who can reach a public address could otherwise
fill the store. `sitrep serve` passes its `--host` to `create_app`, which decides once.
"""
from __future__ import annotations

import hmac
import ipaddress
import json
from typing import Any, Awaitable, Callable
from urllib.parse import urlsplit

from fastapi import HTTPException, Request

LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


def is_loopback(host: str | None) -> bool:
    """True when `host` binds to the loopback interface only (0.0.0.0 and :: are not)."""
    if host is None:
        return True
    name = host.strip().strip("[]").lower()
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


class WriteGuard:
    """The dependency behind every write endpoint: a token check, or loopback-only writes."""

    def __init__(self, token: str, loopback: bool):
        self.token = token
        self.loopback = loopback

    def __call__(self, request: Request) -> str:
        """Sets request.state.writer (the default author: `token` or `local`); raises 401/403 otherwise."""
        request.state.writer = "token" if self.token else "local"
        if not self.token:
            if self.loopback:
                return "local"
            raise HTTPException(403, "writes are disabled: this server listens on a non-loopback "
                                     "address and no token is configured (set SITREP_TOKEN)")
        header = request.headers.get("authorization", "")
        scheme, _, given = header.partition(" ")
        if scheme.lower() != "bearer" or not given.strip():
            raise HTTPException(401, "this write needs an 'Authorization: Bearer TOKEN' header",
                                headers={"WWW-Authenticate": "Bearer"})
        if not hmac.compare_digest(given.strip().encode(), self.token.encode()):
            raise HTTPException(401, "the bearer token is wrong", headers={"WWW-Authenticate": "Bearer"})
        return "token"


ASGIApp = Callable[[dict, Callable[[], Awaitable[dict]], Callable[[dict], Awaitable[None]]], Awaitable[None]]


class BodyLimit:
    """ASGI middleware: a request body over `max_bytes` gets 413 before the app reads it all."""

    def __init__(self, app: ASGIApp, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    await _reject(send, 400, "Content-Length is not a number")
                    return
                if declared > self.max_bytes:
                    await _reject(send, 413, self._message())
                    return
        seen = 0
        started = rejected = False

        async def limited_receive() -> dict:
            nonlocal seen, rejected
            if rejected:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    # answer 413 now; the app sees the client go away and its own answer is dropped
                    rejected = True
                    if not started:
                        await _reject(send, 413, self._message())
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: dict) -> None:
            nonlocal started
            if rejected:
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        await self.app(scope, limited_receive, guarded_send)

    def _message(self) -> str:
        return f"request body is larger than {self.max_bytes} bytes (the max_body_bytes setting)"


async def _reject(send: Any, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def content_security_policy(tile_url: str) -> str:
    """Scripts only from this server (no inline code, no eval); images also from the tile host."""
    images = "'self' data:"
    if tile_url:
        parts = urlsplit(tile_url.replace("{s}", "a"))
        if parts.scheme in ("http", "https") and parts.hostname:
            host = parts.netloc.replace("a.", "*.", 1) if "{s}" in tile_url else parts.netloc
            images += f" {parts.scheme}://{host}"
    return ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            f"img-src {images}; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            "frame-ancestors 'none'; form-action 'self'")
