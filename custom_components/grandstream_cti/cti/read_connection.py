"""One kept-alive HTTP/1.1 connection to a phone, for its status reads.

A poll is one or two GETs of a few hundred bytes each. Through aiohttp's
session, its request machinery was most of the polling CPU of 100 phones;
written and read here, a read costs a fraction of that (README,
Measurements). Reads only: a command never rides a kept-alive connection
(command_send.py says why).
"""

from __future__ import annotations

import asyncio
import ssl
from typing import cast

from .http_answer import HttpAnswer, HttpAnswerError, parse_answer


class ReadConnectionError(Exception):
    """The phone closed the connection or broke HTTP; its message says which."""


class _UnansweredError(ReadConnectionError):
    """The connection closed before a byte of the answer came."""


class _AnswerReader(asyncio.Protocol):
    """Writes a request and reads its answer, one at a time."""

    # Set by connection_made, which create_connection calls before it returns.
    _transport: asyncio.Transport

    def __init__(self) -> None:
        self._buffer = bytearray()
        self._waiter: asyncio.Future[HttpAnswer] | None = None

    @property
    def usable(self) -> bool:
        """Whether the connection is open and may carry another request."""
        # A transport that lost its connection is closing too.
        return not self._transport.is_closing()

    def ask(self, request: bytes) -> asyncio.Future[HttpAnswer]:
        """Send request; the future is its answer."""
        self._waiter = asyncio.get_running_loop().create_future()
        self._transport.write(request)
        return self._waiter

    def close(self) -> None:
        """Close the connection at once: what it was in the middle of is lost."""
        self._transport.abort()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        """Keep the transport to write requests to."""
        self._transport = cast("asyncio.Transport", transport)

    def data_received(self, data: bytes) -> None:
        """Read what arrived; an answer nobody asked for ends the connection."""
        if self._waiter is None or self._waiter.done():
            self.close()
            return
        self._buffer += data
        self._read(ended=False)

    def eof_received(self) -> bool:
        """The phone closed its side: what came is all that will."""
        self._read(ended=True)
        return False

    def connection_lost(self, exc: Exception | None) -> None:
        """Fail the answer still awaited, if any.

        A TLS connection may end without eof_received: an answer ended by a
        clean close is whole then too. One ended by a reset is not.
        """
        if exc is None and self._buffer:
            self._read(ended=True)
        if self._waiter is not None and not self._waiter.done():
            reason = f": {exc}" if exc else ""
            error = (_UnansweredError if not self._buffer else ReadConnectionError)(
                f"the phone closed the connection{reason}"
            )
            self._waiter.set_exception(error)

    def _read(self, *, ended: bool) -> None:
        waiter = self._waiter
        if waiter is None or waiter.done():
            return
        if ended and not self._buffer:
            waiter.set_exception(_UnansweredError("the phone closed the connection"))
            return
        try:
            parsed = parse_answer(self._buffer, ended=ended)
        except HttpAnswerError as err:
            self.close()
            waiter.set_exception(ReadConnectionError(str(err)))
            return
        if parsed is None:
            return
        answer, used = parsed
        # Bytes after the answer belong to no request: the connection is not
        # trusted with the next one.
        if not answer.keep_alive or used != len(self._buffer):
            self.close()
        self._buffer.clear()
        waiter.set_result(answer)


class ReadConnection:
    """A connection to one phone, opened at the first read and kept between them.

    When a kept connection turns out closed by the phone (it closes idle ones
    when it likes) before a byte of the answer came, the read is sent once
    more on a new connection: harmless for a read, as aiohttp does it.
    """

    def __init__(
        self, host: str, port: int, ssl_context: ssl.SSLContext | None
    ) -> None:
        """Nothing is opened until the first read."""
        self._host = host
        self._port = port
        self._ssl_context = ssl_context
        self._reader: _AnswerReader | None = None

    async def get(self, request: bytes) -> HttpAnswer:
        """The answer to request, a whole HTTP/1.1 GET message."""
        reader = self._reader
        if reader is not None and reader.usable:
            try:
                return await self._ask(reader, request)
            except _UnansweredError:
                pass
        reader = await self._connect()
        try:
            return await self._ask(reader, request)
        except _UnansweredError as err:
            raise ReadConnectionError(str(err)) from None

    def close(self) -> None:
        """Close the connection, if one is open."""
        if self._reader is not None:
            self._reader.close()
            self._reader = None

    async def _connect(self) -> _AnswerReader:
        self.close()
        _, reader = await asyncio.get_running_loop().create_connection(
            _AnswerReader,
            self._host,
            self._port,
            ssl=self._ssl_context,
            server_hostname=self._host if self._ssl_context else None,
        )
        self._reader = reader
        return reader

    async def _ask(self, reader: _AnswerReader, request: bytes) -> HttpAnswer:
        try:
            return await reader.ask(request)
        except BaseException:
            # A timeout, a cancellation or a broken answer leaves the connection
            # mid-answer: a late answer must not be taken for the next read's.
            self.close()
            raise
