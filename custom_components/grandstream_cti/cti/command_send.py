"""How a command reaches a phone: once, on a connection of its own.

A command is a GET that changes the phone: make_call dials, REBOOT reboots.
Nothing may send it twice, neither our code nor aiohttp underneath.
"""

from __future__ import annotations

from ssl import SSLContext

import aiohttp
from aiohttp import hdrs
from yarl import URL

# A command closes its connection after the answer: the phone need keep nothing.
CLOSE = {hdrs.CONNECTION: "close"}


async def send_command(
    shared: aiohttp.ClientSession,
    url: URL,
    *,
    ssl: SSLContext | bool,
    client_timeout: aiohttp.ClientTimeout,
) -> tuple[int, bytes]:
    """The status and body of the answer to one command, sent once."""
    async with (
        _command_session(shared) as session,
        session.get(
            url,
            ssl=ssl,
            timeout=client_timeout,
            allow_redirects=False,
            headers=CLOSE,
            # Not the session's own middlewares either: Home Assistant's
            # guards redirects, and no request of ours follows one.
            middlewares=(_send_once(),),
        ) as response,
    ):
        return response.status, await response.read()


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

    A command cannot ride a connection kept alive between requests. The phone
    may close an idle one just as the command goes out; aiohttp would then
    send it again, which _send_once refuses, so the command would be lost.
    aiohttp cannot ask one request of the session Home Assistant lends for a
    connection of its own, so each command gets a connector of its own that
    never keeps one (force_close), owned by this client and closed right after
    the command. Commands are rare (a person presses a button), so
    that costs nothing that counts; the shared session's headers (its
    User-Agent) go along. Its resolver is the threaded one: aiodns would start
    a resolver (with a thread) per command.
    """
    connector = aiohttp.TCPConnector(
        force_close=True, resolver=aiohttp.ThreadedResolver()
    )
    return aiohttp.ClientSession(connector=connector, headers=shared.headers)
