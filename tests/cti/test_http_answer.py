"""parse_answer: a phone's HTTP answer, whole or in pieces, or refused."""

from __future__ import annotations

import pytest

from custom_components.grandstream_cti.cti.http_answer import (
    MAX_BODY,
    MAX_HEAD,
    HttpAnswer,
    HttpAnswerError,
    parse_answer,
)

BODY = b'{"response":"success","body":"available"}'

# Each answer as some web server of a phone may send it, and what it reads as.
ANSWERS: list[tuple[str, bytes, HttpAnswer]] = [
    (
        "content-length",
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
        b"Content-Length: %d\r\n\r\n%s" % (len(BODY), BODY),
        HttpAnswer(200, BODY, keep_alive=True),
    ),
    (
        "chunked",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        b"5\r\n%s\r\n1a;name=value\r\n%s\r\n%X\r\n%s\r\n"
        % (BODY[:5], BODY[5:31], len(BODY) - 31, BODY[31:])
        + b"0\r\nX-Trailer: yes\r\n\r\n",
        HttpAnswer(200, BODY, keep_alive=True),
    ),
    (
        "bare line feeds",
        b"HTTP/1.1 200 OK\nContent-Length: %d\n\n%s" % (len(BODY), BODY),
        HttpAnswer(200, BODY, keep_alive=True),
    ),
    (
        "chunked with bare line feeds",
        b"HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n"
        b"%x\n%s\n0\n\n" % (len(BODY), BODY),
        HttpAnswer(200, BODY, keep_alive=True),
    ),
    (
        "connection close",
        b"HTTP/1.1 401 Unauthorized\r\nConnection: Close\r\nContent-Length: 0\r\n\r\n",
        HttpAnswer(401, b"", keep_alive=False),
    ),
    (
        "HTTP/1.0",
        b"HTTP/1.0 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (len(BODY), BODY),
        HttpAnswer(200, BODY, keep_alive=False),
    ),
    (
        "HTTP/1.0 keep-alive",
        b"HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: %d\r\n\r\n%s"
        % (len(BODY), BODY),
        HttpAnswer(200, BODY, keep_alive=True),
    ),
    (
        "interim answer first",
        b"HTTP/1.1 100 Continue\r\n\r\n"
        b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (len(BODY), BODY),
        HttpAnswer(200, BODY, keep_alive=True),
    ),
    (
        "no content",
        b"HTTP/1.1 204 No Content\r\n\r\n",
        HttpAnswer(204, b"", keep_alive=True),
    ),
    (
        "no reason phrase",
        b"HTTP/1.1 404\r\nContent-Length: 0\r\n\r\n",
        HttpAnswer(404, b"", keep_alive=True),
    ),
]


@pytest.mark.parametrize(
    ("data", "answer"), [a[1:] for a in ANSWERS], ids=[a[0] for a in ANSWERS]
)
def test_an_answer_in_any_number_of_pieces(data: bytes, answer: HttpAnswer) -> None:
    """Every prefix asks for more; the whole reads as the answer, and not further."""
    for end in range(len(data)):
        assert parse_answer(data[:end], ended=False) is None, data[:end]
    assert parse_answer(data, ended=False) == (answer, len(data))
    assert parse_answer(bytearray(data) + b"HTTP/1.1 200", ended=False) == (
        answer,
        len(data),
    )


def test_a_body_ended_by_closing() -> None:
    data = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n" + BODY
    for end in range(len(data) + 1):
        assert parse_answer(data[:end], ended=False) is None
    assert parse_answer(data, ended=True) == (
        HttpAnswer(200, BODY, keep_alive=False),
        len(data),
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<html>CTI</html>\r\n\r\n", "not an HTTP answer"),
        (b"HTTP/2 200\r\n\r\n", "not an HTTP answer"),
        (b"HTTP/1.1 20 OK\r\n\r\n", "not an HTTP answer"),
        (b"HTTP/1.1 020 OK\r\n\r\n", "not an HTTP answer"),
        (b"HTTP/1.1 200 OK\r\nno colon\r\n\r\n", "malformed header line"),
        (b"HTTP/1.1 200 OK\r\n folded: header\r\n\r\n", "malformed header line"),
        (b"HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "invalid Content-Length"),
        (
            b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % (MAX_BODY + 1),
            "invalid Content-Length",
        ),
        (
            b"HTTP/1.1 200 OK\r\nContent-Length: %s\r\n\r\n" % (b"9" * 5000),
            "invalid Content-Length",
        ),
        (
            b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n",
            "conflicting Content-Length",
        ),
        (
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n",
            "transfer coding 'gzip'",
        ),
        (
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
            "malformed chunk size",
        ),
        (
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n",
            "malformed chunk end",
        ),
        (
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n%x\r\n"
            % (MAX_BODY + 1),
            "answer too long",
        ),
        (b"HTTP/1.1 200 OK\r\n" + b"X: y\r\n" * MAX_HEAD, "answer head too long"),
        (
            b"HTTP/1.1 200 OK\r\n" + b"X: y\r\n" * MAX_HEAD + b"\r\n",
            "answer head too long",
        ),
        (b"HTTP/1.1 200 OK\r\n\r\n" + b"x" * (MAX_BODY + 1), "answer too long"),
    ],
)
def test_what_is_no_answer_is_refused(data: bytes, message: str) -> None:
    with pytest.raises(HttpAnswerError, match=message):
        parse_answer(data, ended=False)


@pytest.mark.parametrize(
    "data",
    [
        b"HTTP/1.1 200 OK\r\nContent-Le",
        b'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n{"resp',
        b'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{"re',
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n",
    ],
    ids=["head", "content-length", "chunk", "trailer"],
)
def test_an_answer_cut_short_by_closing_is_refused(data: bytes) -> None:
    """Half a JSON document is never taken for the whole."""
    assert parse_answer(data, ended=False) is None
    with pytest.raises(HttpAnswerError, match="closed the connection in mid-answer"):
        parse_answer(data, ended=True)
