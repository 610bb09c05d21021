"""Status reads on the phone's kept-alive connection: what goes out, what comes back.

A bare TCP server stands in for phones whose web servers answer in ways the
simulator's aiohttp server does not: chunked, HTTP/1.0, closing when they like,
answering late or twice.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from unittest.mock import Mock

import aiohttp
import pytest

from custom_components.grandstream_cti.cti import (
    GrandstreamClient,
    GrandstreamConnectionError,
    GrandstreamTimeoutError,
)
from custom_components.grandstream_cti.cti.http_answer import HttpAnswer
from custom_components.grandstream_cti.cti.read_connection import (
    ReadConnectionError,
    _AnswerReader,
)
from tests.cti.helpers import FAST, PASSCODE, assert_error_keeps_secret
from tests.guide import guide_answer

STATUS = guide_answer("phone_status_busy")


def ok(body: bytes) -> bytes:
    """A 200 answer of body, sized by Content-Length."""
    return b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body)


OK = ok(STATUS)


@dataclass
class Exchange:
    """What the phone does with one request: write these bytes, maybe close."""

    answer: bytes = OK
    close: bool = False
    delay: float = 0.0
    # Written a moment after the answer, unasked.
    unasked: bytes = b""


@dataclass
class RawPhone:
    """Reads each request's head and does what script says for its number."""

    script: Callable[[int], Exchange] = lambda _: Exchange()
    # (connection number, request head) of each request, in order.
    requests: list[tuple[int, bytes]] = field(default_factory=list)
    connections: int = 0
    # Set when a connection has ended (closed by the client or the phone).
    connection_ended: asyncio.Event = field(default_factory=asyncio.Event)
    port: int = 0

    async def _serve(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        self.connections += 1
        connection = self.connections
        try:
            while head := await reader.readuntil(b"\r\n\r\n"):
                self.requests.append((connection, head))
                exchange = self.script(len(self.requests))
                await asyncio.sleep(exchange.delay)
                writer.write(exchange.answer)
                await writer.drain()
                if exchange.unasked:
                    await asyncio.sleep(0.05)
                    writer.write(exchange.unasked)
                    await writer.drain()
                if exchange.close:
                    break
        except asyncio.IncompleteReadError, ConnectionError:
            pass
        finally:
            writer.close()
            self.connection_ended.set()

    @property
    def connection_of_each(self) -> list[int]:
        return [connection for connection, _ in self.requests]


@pytest.fixture
async def raw_phone() -> AsyncIterator[RawPhone]:
    phone = RawPhone()
    server = await asyncio.start_server(phone._serve, "127.0.0.1", 0)
    phone.port = server.sockets[0].getsockname()[1]
    async with server:
        yield phone
        server.close()


@pytest.fixture
async def client(
    session: aiohttp.ClientSession, raw_phone: RawPhone
) -> AsyncIterator[GrandstreamClient]:
    async with GrandstreamClient(
        session, f"127.0.0.1:{raw_phone.port}", PASSCODE, timeout=FAST
    ) as phone_client:
        yield phone_client


async def test_the_request_on_the_wire(
    raw_phone: RawPhone, client: GrandstreamClient
) -> None:
    """A plain GET: the passcode escaped in the query, the host, a user agent."""
    raw_phone.script = lambda number: Exchange(
        OK if number == 1 else ok(guide_answer("hs_line_status"))
    )
    async with (
        aiohttp.ClientSession(headers={"User-Agent": "HomeAssistant/1"}) as ha,
        GrandstreamClient(ha, f"127.0.0.1:{raw_phone.port}", PASSCODE) as agent_client,
    ):
        await agent_client.phone_status()
    await client.handset_line_status(1)
    query = "passcode=s3cr%26t+pass%3Dword"
    host = f"Host: 127.0.0.1:{raw_phone.port}\r\n"
    agent = "User-Agent: HomeAssistant/1\r\n"
    assert [head.decode() for _, head in raw_phone.requests] == [
        f"GET /cgi-bin/api-get_phone_status?{query} HTTP/1.1\r\n{host}{agent}\r\n",
        f"GET /cgi-bin/api-get_hs_line_status?{query}&hs=1 HTTP/1.1\r\n{host}\r\n",
    ]


async def test_reads_share_one_connection(
    raw_phone: RawPhone, client: GrandstreamClient
) -> None:
    for _ in range(3):
        assert (await client.phone_status()).status == "busy"
    assert raw_phone.connection_of_each == [1, 1, 1]


@pytest.mark.parametrize(
    ("answer", "kept"),
    [
        (
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n%x\r\n%s\r\n0\r\n\r\n"
            % (len(STATUS), STATUS),
            True,
        ),
        (
            b"HTTP/1.0 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (len(STATUS), STATUS),
            False,
        ),
        (
            b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: %d\r\n\r\n%s"
            % (len(STATUS), STATUS),
            False,
        ),
        # Two answers to one request: the connection is not trusted again.
        (OK + OK, False),
    ],
    ids=["chunked", "HTTP/1.0", "connection close", "answered twice"],
)
async def test_answers_as_phones_send_them(
    raw_phone: RawPhone, client: GrandstreamClient, answer: bytes, kept: bool
) -> None:
    raw_phone.script = lambda _: Exchange(answer)
    for _ in range(2):
        assert (await client.phone_status()).status == "busy"
    assert raw_phone.connection_of_each == ([1, 1] if kept else [1, 2])


async def test_bytes_no_read_asked_for_end_the_connection(
    raw_phone: RawPhone, client: GrandstreamClient
) -> None:
    raw_phone.script = lambda number: Exchange(unasked=OK if number == 1 else b"")
    await client.phone_status()
    async with asyncio.timeout(5):  # the unasked answer arrives; the client hangs up
        await raw_phone.connection_ended.wait()
    await client.phone_status()
    assert raw_phone.connection_of_each == [1, 2]


async def test_a_body_ended_by_closing(
    raw_phone: RawPhone, client: GrandstreamClient
) -> None:
    raw_phone.script = lambda _: Exchange(
        b"HTTP/1.0 200 OK\r\n\r\n" + STATUS, close=True
    )
    for _ in range(2):
        assert (await client.phone_status()).status == "busy"
    assert raw_phone.connection_of_each == [1, 2]


async def test_a_connection_the_phone_closed_when_idle(
    raw_phone: RawPhone, client: GrandstreamClient
) -> None:
    """Closed after the answer, unannounced: the next read opens a new one."""
    raw_phone.script = lambda _: Exchange(close=True)
    await client.phone_status()
    await asyncio.sleep(0.05)  # the phone's FIN arrives
    await client.phone_status()
    assert raw_phone.connection_of_each == [1, 2]


async def test_a_kept_connection_closed_unanswered_is_asked_again_once(
    raw_phone: RawPhone, client: GrandstreamClient
) -> None:
    """The phone closed the idle connection as the read went out: read again."""
    raw_phone.script = lambda number: Exchange(
        b"" if number == 2 else OK, close=number == 2
    )
    await client.phone_status()
    await client.phone_status()
    assert raw_phone.connection_of_each == [1, 1, 2]


async def test_a_new_connection_closed_unanswered_fails(
    raw_phone: RawPhone, client: GrandstreamClient
) -> None:
    raw_phone.script = lambda _: Exchange(b"", close=True)
    with pytest.raises(GrandstreamConnectionError, match="closed the connection"):
        await client.phone_status()
    assert raw_phone.connection_of_each == [1]


async def test_a_late_answer_is_never_taken_for_the_next_read(
    raw_phone: RawPhone, client: GrandstreamClient
) -> None:
    raw_phone.script = lambda number: Exchange(
        OK if number == 1 else ok(STATUS.replace(b"busy", b"available")),
        delay=FAST * 1.5 if number == 1 else 0,
    )
    with pytest.raises(GrandstreamTimeoutError):
        await client.phone_status()
    assert (await client.phone_status()).status == "available"
    assert raw_phone.connection_of_each == [1, 2]


@pytest.mark.parametrize(
    "answer",
    [
        b"<html><body>CTI is disabled</body></html>\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n" + STATUS,
    ],
    ids=["no HTTP", "cut short"],
)
async def test_a_broken_answer_fails_and_the_next_read_starts_afresh(
    raw_phone: RawPhone, client: GrandstreamClient, answer: bytes
) -> None:
    raw_phone.script = lambda number: (
        Exchange(answer, close=True) if number == 1 else Exchange()
    )
    with pytest.raises(GrandstreamConnectionError) as info:
        await client.phone_status()
    assert_error_keeps_secret(info.value)
    assert (await client.phone_status()).status == "busy"
    assert raw_phone.connection_of_each == [1, 2]


async def test_close_ends_the_connection(
    raw_phone: RawPhone, client: GrandstreamClient
) -> None:
    await client.phone_status()
    client.close()
    await client.phone_status()
    assert raw_phone.connection_of_each == [1, 2]


async def test_a_phone_that_is_off(session: aiohttp.ClientSession) -> None:
    server = await asyncio.start_server(lambda r, w: None, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    server.close()
    await server.wait_closed()
    async with GrandstreamClient(session, f"127.0.0.1:{port}", PASSCODE) as client:
        with pytest.raises(GrandstreamConnectionError) as info:
            await client.phone_status()
    assert_error_keeps_secret(info.value)


@pytest.mark.parametrize(
    ("lost", "answered"),
    [(None, True), (ConnectionResetError("reset"), False)],
    ids=["clean close", "reset"],
)
async def test_an_answer_ended_by_a_close_without_end_of_file(
    lost: Exception | None, answered: bool
) -> None:
    """A TLS connection may end without eof_received: a clean close ends the body."""
    reader = _AnswerReader()
    reader.connection_made(Mock(spec=asyncio.Transport))
    answer = reader.ask(b"GET / HTTP/1.1\r\n\r\n")
    reader.data_received(b"HTTP/1.0 200 OK\r\n\r\n" + STATUS)
    assert not answer.done()
    reader.connection_lost(lost)
    if answered:
        assert answer.result() == HttpAnswer(200, STATUS, keep_alive=False)
    else:
        with pytest.raises(ReadConnectionError, match="closed the connection: reset"):
            answer.result()
