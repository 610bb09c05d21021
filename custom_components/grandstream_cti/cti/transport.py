"""How a request reaches a phone: its URL, its session, one attempt for a command.

Knows no CTI function: it builds URLs, sends each request through the aiohttp
session it was given (Home Assistant's), keeps the passcode out of every
message, and tells a refusal from a read or a command apart.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from ssl import SSLContext
from typing import Any, Self
from urllib.parse import quote

import aiohttp
from yarl import URL

from .exceptions import (
    GrandstreamAuthenticationError,
    GrandstreamCommandError,
    GrandstreamConnectionError,
    GrandstreamDroppedError,
    GrandstreamError,
    GrandstreamNotSupportedError,
    GrandstreamTimeoutError,
)
from .hosts import join_host, split_host
from .http import CLOSE, broke_after_connecting, read_body, send_once
from .parsing import decode_answer, is_success, passcode_refusal, refusal_reason

DEFAULT_TIMEOUT = 10.0
REDACTED = "**REDACTED**"
# The request's whole time is kept by the client's own timeout (which close()
# can end at once); aiohttp needs no timers of its own for it.
_NO_AIOHTTP_TIMEOUT = aiohttp.ClientTimeout()


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


@dataclass(slots=True)
class _StatusRead:
    """A status read made at every poll: its URL, and its last answer as parsed."""

    url: URL
    body: bytes | None = None
    parsed: Any = None


class CtiTransport:
    """Sends requests to one phone, one at a time, through the session given.

    Reads may share a kept-alive connection, and aiohttp sends a read again
    when the phone had closed it. A command is sent once and its connection
    closed after the answer: a phone that received a command and then lost
    the answer has acted on it, and a second make_call would dial twice.
    """

    def __init__(
        self,
        session: aiohttp.ClientSession,
        host: str,
        passcode: str,
        *,
        ssl: bool = False,
        tls: SSLContext | None = None,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        """Prepare to talk to a phone; nothing is sent until a method is called.

        The session carries the TLS settings of an HTTPS phone (Home
        Assistant lends one that checks certificates, or one that does not);
        tls is that session's own context, which commands name (see _exchange).
        """
        self._session = session
        self._host, self._port = split_host(host)
        self._passcode = passcode
        self._ssl = ssl
        self._command_tls: SSLContext | bool = (tls or True) if ssl else False
        self._timeout = timeout
        self._lock = asyncio.Lock()
        # The time of the request under way, which close() ends at once.
        self._deadline: asyncio.Timeout | None = None
        self._closed = False
        # Each status read is asked the same every poll: its URL is built
        # once. Keyed by function and parameter values (each function has
        # fixed names).
        self._reads: dict[tuple[str | int, ...], _StatusRead] = {}

    @property
    def host(self) -> str:
        """The host (and port, if one was given) this client talks to."""
        return join_host(self._host, self._port)

    def url(self, function: str, params: Mapping[str, str | int] | None = None) -> URL:
        """The URL of a CTI function, passcode included; never log it."""
        query: dict[str, str | int] = {"passcode": self._passcode, **(params or {})}
        return cti_url(self._host, self._port, function, query, ssl=self._ssl)

    def page_url(self, path: str) -> URL:
        """The URL of a page of the phone's web server, without the passcode."""
        return URL.build(
            scheme="https" if self._ssl else "http",
            host=self._host,
            port=self._port,
            path=path,
        )

    def close(self) -> None:
        """End the request under way, if any; send no more.

        The request fails as a timeout would: aiohttp closes its connection,
        and nothing is sent again.
        """
        self._closed = True
        if self._deadline is not None:
            self._deadline.reschedule(-1)

    async def __aenter__(self) -> Self:
        """The client, closed when the block ends."""
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        """End the request under way, if any."""
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

    async def _fetch(self, function: str, url: URL, *, command: bool) -> bytes:
        """The body of one answer the phone gave with HTTP success."""
        failure: GrandstreamError | None = None
        async with self._lock:
            if self._closed:
                raise GrandstreamConnectionError(f"{function}: the client is closed")
            try:
                async with asyncio.timeout(self._timeout) as self._deadline:
                    status, body = await self._exchange(url, command=command)
            except TimeoutError:
                failure = GrandstreamTimeoutError(
                    f"{function}: no answer within {self._timeout:g} s"
                )
            except aiohttp.ClientResponseError as err:
                # Its message quotes the bytes the parser refused.
                failure = GrandstreamConnectionError(
                    f"{function}: not an HTTP answer ({_first_line(err.message)})"
                )
            except (aiohttp.ClientError, OSError) as err:
                # aiohttp puts the whole URL, passcode included, in its messages.
                reason = self.redact(str(err)) or type(err).__name__
                kind = (
                    GrandstreamDroppedError
                    if broke_after_connecting(err)
                    else GrandstreamConnectionError
                )
                failure = kind(f"{function}: {reason}")
            except GrandstreamError as err:
                failure = type(err)(f"{function}: {err}")
            finally:
                self._deadline = None
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

    async def _exchange(self, url: URL, *, command: bool) -> tuple[int, bytes]:
        """The status and body of one GET.

        A command reaches the wire once: its own middleware replaces the
        session's, whose only one (Home Assistant's) guards redirects, which
        no request of ours follows. It never rides a connection a read left
        open: the phone may close an idle one just as the command goes out,
        and the command could not be sent again. aiohttp keys its pool by,
        among others, the request's TLS setting: a command names the one its
        connection uses anyway (none for HTTP, the session's own context for
        HTTPS), which puts commands in a pool of their own without changing
        what is checked. (Without that context an HTTPS phone's commands
        share the reads' pool, and one the phone had closed fails, unsent
        again.) Each command's connection is closed after its answer,
        whatever the phone says, so that pool stays empty and every command
        has a connection of its own.
        """
        async with self._session.get(
            url,
            timeout=_NO_AIOHTTP_TIMEOUT,
            allow_redirects=False,
            headers=CLOSE if command else None,
            middlewares=(send_once(),) if command else None,
            ssl=self._command_tls if command else True,
        ) as response:
            try:
                return response.status, await read_body(response)
            finally:
                if command:
                    response.close()

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
        of them.
        """
        read: _StatusRead | None = None
        if at_every_poll:
            key = (function, *params.values())
            if (read := self._reads.get(key)) is None:
                read = self._reads[key] = _StatusRead(self.url(function, params))
            url = read.url
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


def _first_line(message: str) -> str:
    """The first line of an aiohttp message, without what it quotes after it."""
    return message.splitlines()[0].rstrip(": ") if message else "no reason given"
