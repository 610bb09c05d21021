"""A device at a phone's address that answers HTTP as no phone should.

Run in a process of its own (`python -m tests.hostile_phone CASE [PORT]`), so
that what it costs to send is not charged to the Home Assistant under test. It
listens on PORT (any free one without), prints its port, then answers every request on every connection the way CASE
says, until it is killed. Broken firmware, or anything else that takes a
phone's address on the LAN, can answer like each of these.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
import os
import sys

# A head that says nothing wrong: each case's own part follows it.
_OK = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
_BLOCK = 64 * 1024

type Answer = Callable[[asyncio.StreamWriter], Awaitable[None]]


async def _endless(writer: asyncio.StreamWriter, head: bytes, unit: bytes) -> None:
    writer.write(head)
    block = unit * (_BLOCK // len(unit))
    while True:
        writer.write(block)
        await writer.drain()


async def endless_interim_heads(writer: asyncio.StreamWriter) -> None:
    """100 Continue after 100 Continue, never a final answer."""
    await _endless(writer, b"", b"HTTP/1.1 100 Continue\r\n\r\n")


async def one_byte_chunks(writer: asyncio.StreamWriter) -> None:
    """A valid chunked body of 1 MiB, one byte per chunk."""
    writer.write(_OK + b"Transfer-Encoding: chunked\r\n\r\n")
    block = b"1\r\n \r\n" * (_BLOCK // 6)
    for _ in range(2**20 // (_BLOCK // 6) + 1):
        writer.write(block)
        await writer.drain()
    writer.write(b"0\r\n\r\n")


async def endless_chunk_extension(writer: asyncio.StreamWriter) -> None:
    """A chunk-size line whose extension never ends."""
    await _endless(writer, _OK + b"Transfer-Encoding: chunked\r\n\r\n1;ext=", b"a")


async def endless_chunk_size_zeros(writer: asyncio.StreamWriter) -> None:
    """A chunk size of leading zeros that never ends."""
    await _endless(writer, _OK + b"Transfer-Encoding: chunked\r\n\r\n", b"0")


async def endless_trailers(writer: asyncio.StreamWriter) -> None:
    """The last chunk, then trailer fields without end."""
    await _endless(
        writer,
        _OK + b"Transfer-Encoding: chunked\r\n\r\n0\r\n",
        b"X-Trailer: aaaaaaaaaaaaaaaa\r\n",
    )


async def huge_body(writer: asyncio.StreamWriter) -> None:
    """200 MB of body, its end told by closing the connection."""
    writer.write(_OK + b"Connection: close\r\n\r\n")
    block = b"x" * _BLOCK
    for _ in range(200 * 2**20 // _BLOCK):
        writer.write(block)
        await writer.drain()
    writer.close()


async def trickled_head(writer: asyncio.StreamWriter) -> None:
    """A valid answer, one byte every half second."""
    body = b'{"response":"success","body":[]}'
    answer = _OK + b"Content-Length: %d\r\n\r\n%s" % (len(body), body)
    for byte in answer:
        writer.write(bytes((byte,)))
        await writer.drain()
        await asyncio.sleep(0.5)


async def length_and_chunked(writer: asyncio.StreamWriter) -> None:
    """Transfer-Encoding and Content-Length in one head (a smuggling attempt)."""
    body = b'{"response":"success","body":[]}'
    writer.write(
        _OK
        + b"Content-Length: %d\r\nTransfer-Encoding: chunked\r\n\r\n" % len(body)
        + b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body)
    )


async def random_bytes_then_close(writer: asyncio.StreamWriter) -> None:
    """4 KiB of noise, then the connection closed."""
    writer.write(os.urandom(4096))
    await writer.drain()
    writer.close()


CASES: dict[str, Answer] = {
    answer.__name__: answer
    for answer in (
        endless_interim_heads,
        one_byte_chunks,
        endless_chunk_extension,
        endless_chunk_size_zeros,
        endless_trailers,
        huge_body,
        trickled_head,
        length_and_chunked,
        random_bytes_then_close,
    )
}


async def _serve(answer: Answer, port: int) -> None:
    async def connection(
        reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        try:
            while not writer.is_closing():
                await reader.readuntil(b"\r\n\r\n")
                await answer(writer)
                await writer.drain()
        except ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError:
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(connection, "127.0.0.1", port)
    print(server.sockets[0].getsockname()[1], flush=True)
    await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(_serve(CASES[sys.argv[1]], int(sys.argv[2]) if sys.argv[2:] else 0))
