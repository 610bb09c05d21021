"""Helpers for tests that talk to simulated phones with plain aiohttp."""

from __future__ import annotations

import asyncio
import json
from typing import Any, Self

import aiohttp
from aiohttp import web

from .device import SimulatedPhone


async def connections_left(phone: SimulatedPhone, expected: int = 0) -> int:
    """The connections the phone still has open, once those closed have closed.

    A client's close reaches the phone's server a few loop turns later: this
    waits for up to 50 turns for no more than expected to be left.
    """
    for _ in range(50):
        if phone.open_connections <= expected:
            break
        await asyncio.sleep(0)
    return phone.open_connections


class CtiProbe:
    """Plain aiohttp CTI requests to a simulated phone (not the project's client)."""

    def __init__(self, session: aiohttp.ClientSession, timeout: float = 5.0) -> None:
        """Use session for every request."""
        self.session = session
        self.timeout = aiohttp.ClientTimeout(total=timeout)

    async def raw(
        self, phone: SimulatedPhone, function: str, **params: str
    ) -> tuple[int, str, str]:
        """GET /cgi-bin/function: status, content type, body text."""
        async with self.session.get(
            phone.cti_url(function), params=params, timeout=self.timeout, ssl=False
        ) as resp:
            return resp.status, resp.content_type, await resp.text()

    async def __call__(
        self, phone: SimulatedPhone, function: str, **params: str
    ) -> Any:
        """GET with the phone's passcode (unless given); expects 200, parses JSON."""
        params.setdefault("passcode", phone.passcode)
        status, _ctype, text = await self.raw(phone, function, **params)
        if status != 200:
            raise AssertionError(f"HTTP {status}: {text}")
        return json.loads(text)


class PushReceiver:
    """A tiny HTTP server on 127.0.0.1 collecting Action URL GETs."""

    def __init__(self) -> None:
        """Not listening until start()."""
        self.requests: list[web.Request] = []
        self.port = 0
        self._runner: web.AppRunner | None = None

    @property
    def base(self) -> str:
        """ "http://127.0.0.1:PORT"."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def raw_paths(self) -> list[str]:
        """Path + query of every GET as received (not decoded)."""
        return [r.raw_path for r in self.requests]

    async def _handle(self, request: web.Request) -> web.Response:
        self.requests.append(request)
        return web.Response(text="ok")

    async def start(self) -> Self:
        """Listen on a free port."""
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]
        return self

    async def close(self) -> None:
        """Stop listening."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Self:
        """Start."""
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        """Close."""
        await self.close()
