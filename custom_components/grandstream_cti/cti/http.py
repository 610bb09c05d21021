"""What the client asks of aiohttp beyond a plain GET: a capped body, one attempt.

aiohttp does the HTTP (framing, parsing, connections, its parser's limits);
these are the two things a phone's requests need that it does not do by
itself.
"""

from __future__ import annotations

import aiohttp
from aiohttp import hdrs

from .exceptions import GrandstreamResponseError

# The largest answer a phone gives is a few KB (a DP base's line status); a
# body past this is not a CTI answer, and only this much of it is ever kept.
MAX_ANSWER_BYTES = 64 * 1024

# Asks the phone to close the connection after its answer.
CLOSE = {hdrs.CONNECTION: "close"}


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
