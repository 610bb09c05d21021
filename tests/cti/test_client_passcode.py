"""GrandstreamClient: family detection, refused passcodes, and the passcode kept secret."""

from __future__ import annotations

import asyncio
import logging
from urllib.parse import quote, quote_plus

import aiohttp
from aiohttp import web
import pytest
from yarl import URL

from custom_components.grandstream_cti.cti import (
    Family,
    GrandstreamAuthenticationError,
    GrandstreamClient,
    GrandstreamCommandError,
    GrandstreamConnectionError,
    GrandstreamError,
    GrandstreamNotSupportedError,
    GrandstreamResponseError,
)
from custom_components.grandstream_cti.cti.transport import REDACTED
from simulator import SimulatedPhone
from tests.cti.helpers import (
    FAULTS,
    PASSCODE,
    Call,
    TinyServer,
    assert_error_keeps_secret,
    assert_no_passcode,
    free_port,
    guide,
    make_client,
    read_status,
    send_command,
)

# ------------------------------------------------------------ family detection


async def test_detect_gxp(gxp: GrandstreamClient, gxp_phone: SimulatedPhone) -> None:
    assert await gxp.detect_family() is Family.GXP
    assert [r.function for r in gxp_phone.requests] == ["api-get_phone_status"]


async def test_detect_dp(dp: GrandstreamClient, dp_phone: SimulatedPhone) -> None:
    assert await dp.detect_family() is Family.DP
    assert [(r.function, r.status) for r in dp_phone.requests] == [
        ("api-get_phone_status", 404),
        ("api-get_hs_status", 200),
    ]
    assert dp_phone.requests[-1].items == guide(("hs", "1"))


@pytest.mark.parametrize("family", ["gxp", "dp"])
async def test_detect_refused_passcode_tries_once(
    session: aiohttp.ClientSession,
    gxp_phone: SimulatedPhone,
    dp_phone: SimulatedPhone,
    family: str,
) -> None:
    """Firmware locks the account after 5 failures: one wrong try, then stop."""
    phone = gxp_phone if family == "gxp" else dp_phone
    client = make_client(session, phone, "wrong")
    with pytest.raises(GrandstreamAuthenticationError):
        await client.detect_family()
    refused = [r for r in phone.requests if r.authorized is False]
    assert len(refused) == 1
    assert phone.guard.total_failures == 1
    # A DP base first answers 404 to the GXP probe: that one never checks passcodes.
    assert len(phone.requests) == (1 if family == "gxp" else 2)
    assert not phone.locked


@pytest.mark.parametrize(
    ("style", "read_error", "command_error"),
    [
        # An error answer to a command may be a refused command as well: the
        # caller tells them apart with a status read.
        ("json_error", GrandstreamAuthenticationError, GrandstreamCommandError),
        ("401", GrandstreamAuthenticationError, GrandstreamAuthenticationError),
        ("403", GrandstreamAuthenticationError, GrandstreamAuthenticationError),
        ("html", GrandstreamNotSupportedError, GrandstreamNotSupportedError),
        (
            "success_unauthorized",
            GrandstreamAuthenticationError,
            GrandstreamAuthenticationError,
        ),
        (
            "success_forbidden",
            GrandstreamAuthenticationError,
            GrandstreamAuthenticationError,
        ),
    ],
)
@pytest.mark.parametrize("command", [False, True], ids=["read", "command"])
async def test_refused_passcode_styles(
    session: aiohttp.ClientSession,
    *,
    style: str,
    read_error: type[GrandstreamError],
    command_error: type[GrandstreamError],
    command: bool,
) -> None:
    error = command_error if command else read_error
    async with SimulatedPhone("gxp", passcode=PASSCODE, auth_failure=style) as phone:
        client = make_client(session, phone, "wrong")
        with pytest.raises(error) as info:
            await (client.send_keys("VUP") if command else client.phone_status())
        assert type(info.value) is error
        assert phone.guard.total_failures == 1
        assert len(phone.requests) == 1


@pytest.mark.parametrize("word", ["unauthorized", "forbidden"])
async def test_gxp1625_refusal_with_success(
    session: aiohttp.ClientSession, word: str
) -> None:
    """A GXP1625 (1.0.7.81) refuses a login with "success": no phone status."""
    async with SimulatedPhone(
        "gxp", passcode=PASSCODE, auth_failure=f"success_{word}", model="GXP1625"
    ) as phone:
        client = make_client(session, phone, "wrong")
        with pytest.raises(GrandstreamAuthenticationError) as info:
            await client.detect_family()
        assert str(info.value) == (
            f"api-get_phone_status: the phone refused the passcode ({word})"
        )
        assert len(phone.requests) == 1


async def test_lockout_word_kept(session: aiohttp.ClientSession) -> None:
    """A locked phone's own word reaches the caller: a wait, not a new password."""
    async with SimulatedPhone("gxp", passcode=PASSCODE, max_auth_failures=1) as phone:
        wrong = make_client(session, phone, "wrong")
        with pytest.raises(GrandstreamAuthenticationError, match=r"\(failed\)$"):
            await wrong.phone_status()
        assert phone.locked
        right = make_client(session, phone)
        with pytest.raises(GrandstreamAuthenticationError) as info:
            await right.phone_status()
        assert str(info.value) == (
            "api-get_phone_status: the phone refused the passcode (locked)"
        )


@pytest.mark.parametrize("mode", ["html", "http_404"])
async def test_detect_without_cti(
    gxp: GrandstreamClient, gxp_phone: SimulatedPhone, mode: str
) -> None:
    """A web page or 404 where CTI belongs: CTI is off (the `cti_disabled` error)."""
    await gxp_phone.set_fault(mode)
    with pytest.raises(GrandstreamNotSupportedError):
        await gxp.detect_family()
    assert [r.function for r in gxp_phone.requests] == [
        "api-get_phone_status",
        "api-get_hs_status",
    ]


# ------------------------------------------------------------ the passcode stays

LEAK_FAULTS = [mode for mode, _, _ in FAULTS]


@pytest.mark.parametrize("mode", LEAK_FAULTS)
async def test_passcode_not_in_errors(
    gxp_fast: GrandstreamClient,
    gxp_phone: SimulatedPhone,
    mode: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    await gxp_phone.set_fault(mode)
    calls: list[Call] = [
        read_status,
        send_command,
        lambda c: c.make_call("+4930123"),
        lambda c: c.accounts(),
    ]
    for call in calls:
        with pytest.raises(GrandstreamError) as info:
            await call(gxp_fast)
        assert_error_keeps_secret(info.value)
    assert_no_passcode(caplog.text)


async def test_passcode_not_in_errors_when_refused(
    session: aiohttp.ClientSession,
    gxp_phone: SimulatedPhone,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    gxp_phone.change_passcode("another one")
    client = make_client(session, gxp_phone)
    for call in (read_status, send_command):
        with pytest.raises(GrandstreamError) as info:
            await call(client)
        assert_error_keeps_secret(info.value)
    assert gxp_phone.guard.total_failures == 2
    assert_no_passcode(caplog.text)


async def test_passcode_not_in_errors_when_nothing_listens(
    session: aiohttp.ClientSession,
) -> None:
    client = GrandstreamClient(session, f"127.0.0.1:{free_port()}", PASSCODE)
    for call in (read_status, send_command):
        with pytest.raises(GrandstreamConnectionError) as info:
            await call(client)
        assert_error_keeps_secret(info.value)


async def test_passcode_not_in_errors_of_bad_answers(
    session: aiohttp.ClientSession,
) -> None:
    """An answer that echoes the request URL (some web servers do) is redacted."""

    async def echo(request: web.Request) -> web.Response:
        return web.Response(text=f"not json: {request.raw_path}", status=200)

    server = TinyServer(echo)
    await server.start()
    try:
        client = GrandstreamClient(session, f"127.0.0.1:{server.port}", PASSCODE)
        with pytest.raises(GrandstreamResponseError) as info:
            await client.phone_status()
        assert_error_keeps_secret(info.value)
        assert server.requests[0].query["passcode"] == PASSCODE
    finally:
        await server.close()


@pytest.mark.parametrize(
    "answer",
    [
        b"garbage\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        b'HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{"resp',
    ],
    ids=["not-http", "bad-chunk", "short-body"],
)
async def test_passcode_not_in_errors_of_broken_http(
    session: aiohttp.ClientSession, answer: bytes
) -> None:
    """aiohttp's error for a broken HTTP answer carries the URL, passcode included.

    The client's message shows it redacted, and the original error must not ride
    along as __cause__ or __context__ either.
    """

    async def reply(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        writer.write(answer)
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(reply, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        client = GrandstreamClient(session, f"127.0.0.1:{port}", PASSCODE)
        for call in (read_status, send_command):
            with pytest.raises(GrandstreamConnectionError) as info:
                await call(client)
            assert_error_keeps_secret(info.value)
    finally:
        server.close()
        await server.wait_closed()


async def test_redact(session: aiohttp.ClientSession) -> None:
    client = GrandstreamClient(session, "phone.local", PASSCODE)
    url = str(client.url("api-get_line_status"))
    assert URL(url).query["passcode"] == PASSCODE
    text = (
        f"raw {PASSCODE} | percent {quote(PASSCODE, safe='')} | "
        f"plus {quote_plus(PASSCODE)} | url {url}"
    )
    redacted = client.redact(text)
    assert_no_passcode(redacted)
    assert redacted.count(REDACTED) == 4
    assert redacted.startswith("raw **REDACTED** | percent **REDACTED** | plus ")
    assert redacted.endswith("/cgi-bin/api-get_line_status?passcode=**REDACTED**")
    assert client.redact("nothing secret here") == "nothing secret here"
    assert GrandstreamClient(session, "phone.local", "").redact("a b") == "a b"
