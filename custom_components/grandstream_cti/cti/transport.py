"""How a request reaches a phone: its URL, one connection, one attempt.

Knows no CTI function: it builds URLs, sends them once, keeps the passcode out
of every message, and tells a refusal from a read or a command apart.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import aiohttp
from aiohttp import hdrs
from yarl import URL

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

DEFAULT_TIMEOUT = 10.0
REDACTED = "**REDACTED**"
# A command closes its connection after the answer: the phone need keep nothing.
CLOSE = {hdrs.CONNECTION: "close"}


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


def _send_once() -> aiohttp.ClientMiddlewareType:
    """A middleware for one request that lets it reach the wire once.

    aiohttp sends a GET again when the connection breaks before the answer
    (RFC 9112 allows it for idempotent methods). A phone's command is no such
    thing: the phone may have acted before the connection broke, and a second
    make_call dials twice, a second REBOOT reboots twice. aiohttp calls the
    request's middlewares once per attempt, so a second call is refused here.
    """
    attempted = False

    async def send_once(
        request: aiohttp.ClientRequest, handler: aiohttp.ClientHandlerType
    ) -> aiohttp.ClientResponse:
        nonlocal attempted
        if attempted:
            raise aiohttp.ClientConnectionError(
                "the connection broke after the command went out; not sent again"
            )
        attempted = True
        return await handler(request)

    return send_once


def _command_session(shared: aiohttp.ClientSession) -> aiohttp.ClientSession:
    """A session of one fresh connection, for one command; closed after it.

    Status reads go through the session Home Assistant lends (the Platinum rule
    inject-websession), on connections kept alive between polls: a new TCP
    connection per read cost about a third of the polling CPU. A command cannot
    ride such a connection. The phone may close an idle one just as the
    command goes out; aiohttp would then send it again, which _send_once
    refuses, so the command would be lost. aiohttp cannot ask one request of a
    session for a connection of its own, so each command gets a connector of
    its own that never keeps one (force_close), owned by this client and closed
    right after the command. Commands are rare (a person presses a button), so
    that costs nothing that counts; the shared session's headers (its
    User-Agent) go along. Its resolver is the threaded one: aiodns would start
    a resolver (with a thread) per command.
    """
    connector = aiohttp.TCPConnector(
        force_close=True, resolver=aiohttp.ThreadedResolver()
    )
    return aiohttp.ClientSession(connector=connector, headers=shared.headers)


@dataclass(slots=True)
class _StatusRead:
    """A status read made at every poll: its URL, and its last answer as parsed.

    The URL is kept as its text: a yarl URL that aiohttp has used holds about
    1.4 kB of cached parts, several times the text.
    """

    url: str
    body: bytes | None = None
    parsed: Any = None


class CtiTransport:
    """Sends requests to one phone, one at a time.

    Status reads reuse kept-alive connections of the shared session (aiohttp
    sends a read again when a kept-alive connection turned out closed: harmless
    for a read). Commands are sent once, on a connection of their own, and
    never retried: a phone that received a command and then lost the answer
    has acted on it, and a second make_call would dial twice.
    """

    def __init__(
        self,
        session: aiohttp.ClientSession,
        host: str,
        passcode: str,
        *,
        ssl: bool = False,
        verify_ssl: bool = False,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        """Prepare to talk to a phone; nothing is sent until a method is called."""
        self._session = session
        self._host, self._port = split_host(host)
        self._passcode = passcode
        self._ssl = ssl
        self._verify_ssl = verify_ssl
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self._lock = asyncio.Lock()
        # Each status read is asked the same every poll: its URL is built once.
        # Keyed by function and parameter values (each function has fixed names).
        self._reads: dict[tuple[str | int, ...], _StatusRead] = {}

    @property
    def host(self) -> str:
        """The host (and port, if one was given) this client talks to."""
        return join_host(self._host, self._port)

    def url(self, function: str, params: Mapping[str, str | int] | None = None) -> URL:
        """The URL of a CTI function, passcode included; never log it."""
        query: dict[str, str | int] = {"passcode": self._passcode, **(params or {})}
        return cti_url(self._host, self._port, function, query, ssl=self._ssl)

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

    async def _fetch(self, function: str, url: URL, *, command: bool) -> bytes:
        """The body of one answer the phone gave with HTTP success."""
        failure: GrandstreamError | None = None
        async with self._lock:
            try:
                if command:
                    async with _command_session(self._session) as session:
                        status, body = await self._send(session, url, command=True)
                else:
                    status, body = await self._send(self._session, url, command=False)
            except TimeoutError:
                failure = GrandstreamTimeoutError(
                    f"{function}: no answer within {self._timeout.total:g} s"
                )
            except aiohttp.ClientError as err:
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

    async def _send(
        self, session: aiohttp.ClientSession, url: URL, *, command: bool
    ) -> tuple[int, bytes]:
        """The status and body of one GET; a command reaches the wire once."""
        async with session.get(
            url,
            ssl=self._verify_ssl if self._ssl else False,
            timeout=self._timeout,
            allow_redirects=False,
            headers=CLOSE if command else None,
            # Not the session's own middlewares either: Home Assistant's guards
            # redirects, and no request of ours follows one.
            middlewares=(_send_once(),) if command else (),
        ) as response:
            return response.status, await response.read()

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
                read = self._reads[key] = _StatusRead(str(self.url(function, params)))
            url = URL(read.url, encoded=True)
        else:
            url = self.url(function, params)
        body = await self._fetch(function, url, command=False)
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
        answer = self._decode(function, await self._fetch(function, url, command=True))
        if not is_success(answer):
            reason = self.redact(refusal_reason(answer))
            raise GrandstreamCommandError(f"{function}: the phone refused ({reason})")
        return answer
