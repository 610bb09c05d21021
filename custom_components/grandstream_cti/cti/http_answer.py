"""A phone's HTTP/1.x answer, read from the bytes received so far.

Pure functions of bytes: the read connection feeds them what arrived, and
they say whether a whole answer is there, what it was, and whether the
connection may carry the next read. A phone's answer is small JSON, sized by
Content-Length, sent in chunks, or ended by closing the connection; each is
read here, and anything else is refused rather than guessed at.
"""

from __future__ import annotations

from dataclasses import dataclass
import re

# A phone's answer is a few hundred bytes; these only bound a broken one.
MAX_HEAD = 16 * 1024
MAX_BODY = 1024 * 1024

_STATUS_LINE = re.compile(rb"HTTP/1\.([01]) +([1-9][0-9]{2})(?:[ \t].*)?")
# Longer would exceed MAX_BODY anyway, and int() refuses thousands of digits.
_DIGITS = re.compile(rb"[0-9]{1,10}")
_HEX = re.compile(rb"[0-9A-Fa-f]+")


class HttpAnswerError(Exception):
    """The phone's bytes are no HTTP answer a read can use."""


@dataclass(frozen=True, slots=True)
class HttpAnswer:
    """An answer's status and body, and whether its connection may be kept."""

    status: int
    body: bytes
    keep_alive: bool


def parse_answer(
    data: bytes | bytearray, *, ended: bool
) -> tuple[HttpAnswer, int] | None:
    """The first whole answer in data and how many bytes it took.

    None while more bytes must come. ended: the phone closed the connection
    after data, so nothing more will; an answer cut short then is an error.
    """
    start = 0
    while True:
        head = _head(data, start, ended=ended)
        if head is None:
            return None
        status, keep_alive, headers, body_start = head
        # An interim answer (100 Continue) precedes the real one.
        if not 100 <= status < 200:
            break
        start = body_start
    if status in (204, 304):
        return HttpAnswer(status, b"", keep_alive), body_start
    if (coding := headers.get(b"transfer-encoding")) is not None:
        if coding.lower() != b"chunked":
            raise HttpAnswerError(f"transfer coding {coding.decode('latin-1')!r}")
        chunked = _chunked_body(data, body_start)
        if chunked is None:
            _need_more(ended)
            return None
        body, end = chunked
        return HttpAnswer(status, body, keep_alive), end
    if (length_text := headers.get(b"content-length")) is not None:
        if not _DIGITS.fullmatch(length_text) or int(length_text) > MAX_BODY:
            raise HttpAnswerError("invalid Content-Length")
        end = body_start + int(length_text)
        if len(data) < end:
            _need_more(ended)
            return None
        return HttpAnswer(status, bytes(data[body_start:end]), keep_alive), end
    # No length: the body ends where the phone closes the connection.
    if len(data) - body_start > MAX_BODY:
        raise HttpAnswerError("answer too long")
    if not ended:
        return None
    return HttpAnswer(status, bytes(data[body_start:]), keep_alive=False), len(data)


def _need_more(ended: bool) -> None:
    if ended:
        raise HttpAnswerError("the phone closed the connection in mid-answer")


def _head(
    data: bytes | bytearray, start: int, *, ended: bool
) -> tuple[int, bool, dict[bytes, bytes], int] | None:
    """Status, keep-alive, headers (lowercase names) and where the body starts."""
    # Lines end in CRLF; a bare LF is read as one too, as browsers do.
    end = data.find(b"\n\r\n", start)
    bare = data.find(b"\n\n", start)
    if bare >= 0 and (end < 0 or bare < end):
        end, body_start = bare, bare + 2
    else:
        body_start = end + 3
    if end < 0:
        if len(data) - start > MAX_HEAD:
            raise HttpAnswerError("answer head too long")
        _need_more(ended)
        return None
    if end - start > MAX_HEAD:
        raise HttpAnswerError("answer head too long")
    status_line, *lines = bytes(data[start:end]).split(b"\n")
    match = _STATUS_LINE.fullmatch(status_line.rstrip(b"\r"))
    if match is None:
        raise HttpAnswerError("not an HTTP answer")
    headers: dict[bytes, bytes] = {}
    for line in lines:
        name, colon, value = line.rstrip(b"\r").partition(b":")
        if not colon or not name or name != name.strip():
            raise HttpAnswerError("malformed header line")
        name, value = name.lower(), value.strip()
        if name in headers and name == b"content-length" and headers[name] != value:
            raise HttpAnswerError("conflicting Content-Length")
        headers[name] = (
            headers[name] + b", " + value
            if name in headers and name != b"content-length"
            else value
        )
    tokens = {
        token.strip().lower() for token in headers.get(b"connection", b"").split(b",")
    }
    keep_alive = b"close" not in tokens if match[1] == b"1" else b"keep-alive" in tokens
    return int(match[2]), keep_alive, headers, body_start


def _chunked_body(data: bytes | bytearray, position: int) -> tuple[bytes, int] | None:
    """A chunked body and where it ends; None while it is incomplete."""
    body = bytearray()
    while True:
        line_end = data.find(b"\n", position)
        if line_end < 0:
            return None
        size_text = bytes(data[position:line_end]).rstrip(b"\r").split(b";")[0].strip()
        if not _HEX.fullmatch(size_text):
            raise HttpAnswerError("malformed chunk size")
        size = int(size_text, 16)
        position = line_end + 1
        if size == 0:
            return _trailer_end(data, position, body)
        if len(body) + size > MAX_BODY:
            raise HttpAnswerError("answer too long")
        chunk_end = position + size
        if data[chunk_end : chunk_end + 2] == b"\r\n":
            after = chunk_end + 2
        elif data[chunk_end : chunk_end + 1] == b"\n":
            after = chunk_end + 1
        elif len(data) < chunk_end + 2:
            return None
        else:
            raise HttpAnswerError("malformed chunk end")
        body += data[position:chunk_end]
        position = after


def _trailer_end(
    data: bytes | bytearray, position: int, body: bytearray
) -> tuple[bytes, int] | None:
    """The body, once the trailer fields after the last chunk have ended."""
    while True:
        line_end = data.find(b"\n", position)
        if line_end < 0:
            return None
        line = data[position:line_end].rstrip(b"\r")
        position = line_end + 1
        if not line:
            return bytes(body), position
