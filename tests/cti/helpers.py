"""Constants and helpers shared by the GrandstreamClient tests (test_client_*.py)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
import socket
from typing import Any
from urllib.parse import quote, quote_plus

import aiohttp
from aiohttp import web
from yarl import URL

from custom_components.grandstream_cti.cti import (
    GrandstreamAuthenticationError,
    GrandstreamClient,
    GrandstreamCommandError,
    GrandstreamConnectionError,
    GrandstreamDroppedError,
    GrandstreamNotSupportedError,
    GrandstreamResponseError,
    GrandstreamTimeoutError,
)
from simulator import RecordedRequest, SimulatedPhone
from tests.conftest import SILENT_PHONE_TIMEOUT
from tests.guide import guide_answer

# Not the factory default, and full of characters a query string must escape.
PASSCODE = "s3cr&t pass=word"
# Every way the passcode could show up in a message, a URL or a log line.
PASSCODE_SPELLINGS = (
    PASSCODE,
    quote(PASSCODE, safe=""),
    quote_plus(PASSCODE),
    URL.build(query={"p": PASSCODE}).raw_query_string[2:],
    "s3cr",  # any fragment of it: the part before the "&" is already too much
    "pass=word",
)
# The client timeout (s) for the tests that make the phone hang: far more than a
# healthy answer takes even on a loaded 2-core machine.
FAST = SILENT_PHONE_TIMEOUT

type Call = Callable[[GrandstreamClient], Awaitable[object]]


def make_client(
    session: aiohttp.ClientSession,
    phone: SimulatedPhone,
    passcode: str = PASSCODE,
    **kwargs: Any,
) -> GrandstreamClient:
    """A client for phone, with the test passcode unless told otherwise."""
    return GrandstreamClient(session, phone.host, passcode, **kwargs)


def guide(*pairs: tuple[str, str]) -> list[tuple[str, str]]:
    """A request's query as the guide writes it: passcode first, then pairs."""
    return [("passcode", "***"), *pairs]


def only_request(phone: SimulatedPhone, function: str) -> RecordedRequest:
    """The one request of function the phone received (fails on 0 or 2+)."""
    found = phone.requests_for(function)
    assert len(found) == 1, [r.to_dict() for r in phone.requests]
    request = found[0]
    assert request.path == f"/cgi-bin/{function}"
    assert request.method == "GET"  # the wire carries GET, whatever aiohttp was told
    assert request.authorized is True
    return request


def error_chain(err: BaseException) -> list[BaseException]:
    """err and every exception it was caused by or raised while handling."""
    seen: list[BaseException] = []
    todo = [err]
    while todo:
        current = todo.pop()
        if any(current is known for known in seen):
            continue
        seen.append(current)
        todo += [e for e in (current.__cause__, current.__context__) if e is not None]
        if isinstance(current, BaseExceptionGroup):
            todo += list(current.exceptions)
    return seen


def assert_no_passcode(text: str) -> None:
    """No spelling of the passcode in text."""
    for spelling in PASSCODE_SPELLINGS:
        assert spelling not in text, text


def assert_error_keeps_secret(err: BaseException) -> None:
    """Neither err nor anything in its chain shows the passcode."""
    for link in error_chain(err):
        assert_no_passcode(str(link))
        assert_no_passcode(repr(link))
        for arg in link.args:
            assert_no_passcode(repr(arg))


async def wait_for(predicate: Callable[[], bool], seconds: float = 5.0) -> None:
    """Wait until predicate() holds (fail after seconds)."""
    for _ in range(int(seconds * 100)):
        if predicate():
            return
        await asyncio.sleep(0.01)
    assert predicate()


def free_port() -> int:
    """A loopback port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class TinyServer:
    """A bare aiohttp server for answers the simulator cannot give (redirects, IPv6)."""

    def __init__(
        self, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> None:
        """Answer every request with handler."""
        self.handler = handler
        self.requests: list[web.Request] = []
        self._runner: web.AppRunner | None = None
        self.port = 0

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        self.requests.append(request)
        return await self.handler(request)

    async def start(self, bind: str = "127.0.0.1") -> None:
        """Listen on a free port of bind."""
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, bind, 0)
        await site.start()
        self.port = self._runner.addresses[0][1]

    async def close(self) -> None:
        """Stop listening."""
        if self._runner is not None:
            await self._runner.cleanup()


async def phone_status_answer(request: web.Request) -> web.Response:
    """The guide's api-get_phone_status answer of a busy phone."""
    return web.Response(
        body=guide_answer("phone_status_busy"), content_type="application/json"
    )


async def read_status(client: GrandstreamClient) -> object:
    return await client.phone_status()


async def send_command(client: GrandstreamClient) -> None:
    await client.send_keys("VUP")


FAULTS = [
    # mode, error of a status read, error of a command (exact types)
    ("connection_refused", GrandstreamConnectionError, GrandstreamConnectionError),
    ("timeout", GrandstreamTimeoutError, GrandstreamTimeoutError),
    ("html", GrandstreamNotSupportedError, GrandstreamNotSupportedError),
    ("malformed_json", GrandstreamResponseError, GrandstreamResponseError),
    ("truncated", GrandstreamResponseError, GrandstreamResponseError),
    ("response_error", GrandstreamAuthenticationError, GrandstreamCommandError),
    ("http_401", GrandstreamAuthenticationError, GrandstreamAuthenticationError),
    ("http_403", GrandstreamAuthenticationError, GrandstreamAuthenticationError),
    ("http_404", GrandstreamNotSupportedError, GrandstreamNotSupportedError),
    ("http_500", GrandstreamConnectionError, GrandstreamConnectionError),
    # Dropped after the request reached the phone: a reboot takes that as done.
    ("reset", GrandstreamDroppedError, GrandstreamDroppedError),
]
