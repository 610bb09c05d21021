"""How a request reaches a phone: its URL, its connection, one attempt.

Knows no CTI function: it builds URLs, sends reads on the phone's kept-alive
connection and each command once on a connection of its own, keeps the
passcode out of every message, and tells a refusal from a read or a command
apart.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from functools import cache
import ssl as ssl_module
from ssl import SSLContext
from typing import Any, Self
from urllib.parse import quote

import aiohttp
from aiohttp import hdrs
from yarl import URL

from .command_send import send_command
from .exceptions import (
    GrandstreamAuthenticationError,
    GrandstreamCommandError,
    GrandstreamConnectionError,
    GrandstreamError,
    GrandstreamNotSupportedError,
    GrandstreamTimeoutError,
)
from .hosts import join_host, split_host
from .parsing import decode_answer, is_success, passcode_refusal, refusal_reason
from .read_connection import ReadConnection, ReadConnectionError

DEFAULT_TIMEOUT = 10.0
REDACTED = "**REDACTED**"


def cti_url(
    name: str,
    port: int | None,
    function: str,
    query: Mapping[str, str | int],
    *,
    ssl: bool,
) -> URL:
    """The URL of a CTI function on the host split_host gave name and port of."""
    return URL.build(
        scheme="https" if ssl else "http",
        host=name,
        port=port,
        path=f"/cgi-bin/{function}",
        query=query,
    )


@cache
def _default_context(*, verify: bool) -> SSLContext:
    """An HTTPS context for a client made without one (outside Home Assistant)."""
    context = ssl_module.create_default_context()
    if not verify:
        context.check_hostname = False
        context.verify_mode = ssl_module.CERT_NONE
    return context


@dataclass(slots=True)
class _StatusRead:
    """A status read made at every poll: its request, and its last answer as parsed.

    The request is kept as the bytes that go on the wire, not as a yarl URL,
    which holds several times as much once its parts have been asked for.
    """

    request: bytes
    body: bytes | None = None
    parsed: Any = None


class CtiTransport:
    """Sends requests to one phone, one at a time.

    Status reads share one connection to the phone, kept alive between polls
    (read_connection.py). Commands go through aiohttp, each on a connection of
    its own, and are never sent again: a phone that received a command and
    then lost the answer has acted on it, and a second make_call would dial
    twice.
    """

    def __init__(
        self,
        session: aiohttp.ClientSession,
        host: str,
        passcode: str,
        *,
        ssl: bool = False,
        verify_ssl: bool = False,
        ssl_context: SSLContext | None = None,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        """Prepare to talk to a phone; nothing is sent until a method is called.

        ssl_context is the one for HTTPS (Home Assistant lends its own); without
        it, one is made that checks the phone's certificate if verify_ssl.
        """
        self._session = session
        self._host, self._port = split_host(host)
        self._passcode = passcode
        self._ssl = ssl
        if ssl and ssl_context is None:
            ssl_context = _default_context(verify=verify_ssl)
        self._ssl_context = ssl_context if ssl else None
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self._lock = asyncio.Lock()
        self._connection = ReadConnection(
            self._host, self._port or (443 if ssl else 80), self._ssl_context
        )
        # What each read sends after its request line: the session's
        # User-Agent (Home Assistant's) goes along, as on its own requests.
        self._read_headers = f"{hdrs.HOST}: {self.host}\r\n"
        if agent := session.headers.get(hdrs.USER_AGENT):
            self._read_headers += f"{hdrs.USER_AGENT}: {agent}\r\n"
        # Each status read is asked the same every poll: its request is built
        # once. Keyed by function and parameter values (each function has fixed
        # names).
        self._reads: dict[tuple[str | int, ...], _StatusRead] = {}

    @property
    def host(self) -> str:
        """The host (and port, if one was given) this client talks to."""
        return join_host(self._host, self._port)

    def url(self, function: str, params: Mapping[str, str | int] | None = None) -> URL:
        """The URL of a CTI function, passcode included; never log it."""
        query: dict[str, str | int] = {"passcode": self._passcode, **(params or {})}
        return cti_url(self._host, self._port, function, query, ssl=self._ssl)

    def close(self) -> None:
        """Close the connection kept for status reads; the next read opens one."""
        self._connection.close()

    async def __aenter__(self) -> Self:
        """The client, closed when the block ends."""
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        """Close the connection kept for status reads."""
        self.close()

    def redact(self, text: str) -> str:
        """Text with every spelling of the passcode replaced."""
        if not self._passcode:
            return text
        for spelling in {
            self._passcode,
            quote(self._passcode, safe=""),
            quote(self._passcode, safe="").replace("%20", "+"),
            str(URL.build(query={"p": self._passcode}).raw_query_string)[2:],
        }:
            if spelling:
                text = text.replace(spelling, REDACTED)
        return text

    def _read_request(self, url: URL) -> bytes:
        """The GET message of a status read."""
        return f"GET {url.raw_path_qs} HTTP/1.1\r\n{self._read_headers}\r\n".encode()

    async def _fetch[R](
        self,
        function: str,
        exchange: Callable[[R], Awaitable[tuple[int, bytes]]],
        request: R,
    ) -> bytes:
        """The body of one answer the phone gave with HTTP success.

        exchange sends request and returns the answer's status and body.
        """
        failure: GrandstreamError | None = None
        async with self._lock:
            try:
                status, body = await exchange(request)
            except TimeoutError:
                failure = GrandstreamTimeoutError(
                    f"{function}: no answer within {self._timeout.total:g} s"
                )
            except (aiohttp.ClientError, ReadConnectionError, OSError) as err:
                # aiohttp puts the whole URL, passcode included, in its messages.
                reason = self.redact(str(err)) or type(err).__name__
                failure = GrandstreamConnectionError(f"{function}: {reason}")
        if failure is not None:
            # Raised outside the except blocks, so that aiohttp's error (whose
            # request_info holds the URL, passcode included) is not kept as
            # __context__ ("from None" only hides it from tracebacks).
            raise failure
        if status in (401, 403):
            raise GrandstreamAuthenticationError(f"{function}: HTTP {status}")
        if status == 404 or 300 <= status < 400:
            raise GrandstreamNotSupportedError(f"{function}: HTTP {status}")
        if status >= 400:
            raise GrandstreamConnectionError(f"{function}: HTTP {status}")
        return body

    def _decode(self, function: str, body: bytes) -> Any:
        """The decoded answer, success or not; a refused passcode raises."""
        try:
            answer = decode_answer(body)
        except GrandstreamError as err:
            raise type(err)(f"{function}: {err}") from None
        if (word := passcode_refusal(answer)) is not None:
            raise GrandstreamAuthenticationError(
                f"{function}: the phone refused the passcode ({self.redact(word)})"
            )
        return answer

    async def _get_read(self, request: bytes) -> tuple[int, bytes]:
        """The status and body of a read sent on the kept connection."""
        async with asyncio.timeout(self._timeout.total):
            answer = await self._connection.get(request)
        return answer.status, answer.body

    async def _send_command(self, url: URL) -> tuple[int, bytes]:
        """The status and body of one command's GET, which reaches the wire once."""
        return await send_command(
            self._session,
            url,
            ssl=self._ssl_context or False,
            client_timeout=self._timeout,
        )

    async def _read[T](
        self,
        function: str,
        params: Mapping[str, str | int],
        parse: Callable[[Any], T],
        *,
        at_every_poll: bool = False,
    ) -> T:
        """A status read, parsed: a negative answer means the passcode was refused.

        The phone's reason stays in the message: "locked" (too many failures)
        needs a wait, not another password. A read made at every poll keeps
        its URL and last answer: an answer byte for byte the same is what it
        was parsed into then (the models are frozen). Most polls find nothing
        new, and decoding and parsing were about a tenth of the polling CPU.
        The reads made once a minute or less keep nothing: a DP base has 15
        of them, and keeping them cost 3 KiB per phone in the 100-phone
        benchmark (half of them DP bases).
        """
        read: _StatusRead | None = None
        if at_every_poll:
            key = (function, *params.values())
            if (read := self._reads.get(key)) is None:
                request = self._read_request(self.url(function, params))
                read = self._reads[key] = _StatusRead(request)
            request = read.request
        else:
            request = self._read_request(self.url(function, params))
        body = await self._fetch(function, self._get_read, request)
        if read is not None and body == read.body:
            parsed: T = read.parsed
            return parsed
        answer = self._decode(function, body)
        if not is_success(answer):
            reason = self.redact(refusal_reason(answer))
            raise GrandstreamAuthenticationError(
                f"{function}: the phone refused the passcode ({reason})"
            )
        parsed = parse(answer)
        if read is not None:
            read.parsed = parsed
            read.body = body
        return parsed

    async def _command(self, function: str, params: Mapping[str, str | int]) -> Any:
        """An operation: a negative answer means the phone did not act."""
        url = self.url(function, params)
        answer = self._decode(
            function, await self._fetch(function, self._send_command, url)
        )
        if not is_success(answer):
            reason = self.redact(refusal_reason(answer))
            raise GrandstreamCommandError(f"{function}: the phone refused ({reason})")
        return answer
