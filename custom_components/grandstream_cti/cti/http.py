"""What the client asks of aiohttp beyond a plain GET: a capped body, one attempt.

aiohttp does the HTTP (framing, parsing, connections, its parser's limits);
these are the two things a phone's requests need that it does not do by
itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from ssl import SSLContext

import aiohttp
from aiohttp import hdrs
from yarl import URL

from .exceptions import GrandstreamResponseError

# The largest answer a phone gives is a few KB (a DP base's line status); a
# body past this is not a CTI answer, and only this much of it is ever kept.
MAX_ANSWER_BYTES = 64 * 1024

# Asks the phone to close the connection after its answer.
CLOSE: Mapping[str, str] = {hdrs.CONNECTION: "close"}
_NO_HEADERS: Mapping[str, str] = {}
# The request's whole time is kept by the client's own timeout (which close()
# can end at once); aiohttp needs no timers of its own for it.
_NO_AIOHTTP_TIMEOUT = aiohttp.ClientTimeout()


async def exchange(
    session: aiohttp.ClientSession,
    method: str,
    url: URL,
    *,
    command: bool,
    tls: SSLContext | bool,
    headers: Mapping[str, str] = _NO_HEADERS,
    form: Mapping[str, str] | None = None,
) -> tuple[int, bytes]:
    """The status and body of one request through session.

    A command reaches the wire once: its own middleware replaces the
    session's, whose only one (Home Assistant's) guards redirects, which no
    request of ours follows. It never rides a connection a read left open:
    the phone may close an idle one just as the command goes out, and the
    command could not be sent again. aiohttp keys its pool by, among others,
    the request's TLS setting: a command names the one its connection uses
    anyway (tls: none for HTTP, the session's own context for HTTPS), which
    puts commands in a pool of their own without changing what is checked.
    (Without that context an HTTPS phone's commands share the reads' pool,
    and one the phone had closed fails, unsent again.) Each command's
    connection is closed after its answer, whatever the phone says, so that
    pool stays empty and every command has a connection of its own.
    """
    async with session.request(
        method,
        url,
        data=form,
        timeout=_NO_AIOHTTP_TIMEOUT,
        allow_redirects=False,
        headers={**headers, **CLOSE} if command else headers,
        middlewares=(send_once(),) if command else None,
        ssl=tls if command else True,
    ) as response:
        try:
            return response.status, await read_body(response)
        finally:
            if command:
                response.close()


async def read_body(response: aiohttp.ClientResponse) -> bytes:
    """The response's body, refused past MAX_ANSWER_BYTES.

    A body of announced length is read in one go when it fits (aiohttp stops
    at the length). Any other, and a compressed one (which aiohttp inflates
    as it comes), is read piece by piece and dropped as soon as it outgrows
    the cap, so that an endless answer costs no more memory than the cap.
    """
    length = response.content_length
    if length is not None and length > MAX_ANSWER_BYTES:
        raise GrandstreamResponseError(f"an answer of {length} bytes")
    if length is not None and hdrs.CONTENT_ENCODING not in response.headers:
        return await response.read()
    body = bytearray()
    async for piece in response.content.iter_chunked(MAX_ANSWER_BYTES):
        body += piece
        if len(body) > MAX_ANSWER_BYTES:
            raise GrandstreamResponseError(
                f"an answer of more than {MAX_ANSWER_BYTES} bytes"
            )
    return bytes(body)


class ResendRefusedError(aiohttp.ClientConnectionError):
    """aiohttp would send a command again: its first attempt broke after going out."""


def send_once() -> aiohttp.ClientMiddlewareType:
    """A middleware for one request that lets it reach the wire once.

    aiohttp sends a GET again when the connection breaks before the answer
    (RFC 9112 allows it for idempotent methods; aiohttp 3.13 and 3.14 do it).
    A phone's command is no such thing: the phone may have acted before the
    connection broke, and a second make_call dials twice, a second REBOOT
    reboots twice. aiohttp calls the request's middlewares once per attempt,
    so a second call is refused here.
    """
    attempted = False

    async def first_attempt_only(
        request: aiohttp.ClientRequest, handler: aiohttp.ClientHandlerType
    ) -> aiohttp.ClientResponse:
        nonlocal attempted
        if attempted:
            raise ResendRefusedError(
                "the connection broke after the command went out; not sent again"
            )
        attempted = True
        return await handler(request)

    return first_attempt_only


def broke_after_connecting(err: BaseException) -> bool:
    """Whether aiohttp's error broke a connection once made, not while making it.

    The request then reached the phone, which may have acted on it.
    """
    if isinstance(err, aiohttp.ServerDisconnectedError | ResendRefusedError):
        return True
    return isinstance(err, aiohttp.ClientOSError) and not isinstance(
        err, aiohttp.ClientConnectorError
    )
