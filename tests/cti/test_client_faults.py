"""GrandstreamClient on bad days: every fault, reboots, and answers no simulator gives."""

from __future__ import annotations

from collections.abc import Callable
import time

import aiohttp
from aiohttp import web
import pytest

from custom_components.grandstream_cti.cti import (
    CallState,
    GrandstreamAuthenticationError,
    GrandstreamClient,
    GrandstreamCommandError,
    GrandstreamConnectionError,
    GrandstreamError,
    GrandstreamNotSupportedError,
    GrandstreamResponseError,
    GrandstreamTimeoutError,
    HandsetOperation,
)
from custom_components.grandstream_cti.cti.http import MAX_ANSWER_BYTES
from simulator import SimulatedPhone
from tests.cti.helpers import (
    FAST,
    FAULTS,
    PASSCODE,
    TinyServer,
    assert_error_keeps_secret,
    read_status,
    send_command,
    wait_for,
)

# -------------------------------------------------------- every fault, two ways


@pytest.mark.parametrize("kind", ["read", "command"])
@pytest.mark.parametrize(("mode", "read_error", "command_error"), FAULTS)
async def test_fault(
    *,
    gxp_fast: GrandstreamClient,
    gxp_phone: SimulatedPhone,
    mode: str,
    read_error: type[GrandstreamError],
    command_error: type[GrandstreamError],
    kind: str,
) -> None:
    call, error = (
        (read_status, read_error) if kind == "read" else (send_command, command_error)
    )
    await gxp_phone.set_fault(mode)
    with pytest.raises(GrandstreamError) as info:
        await call(gxp_fast)
    assert type(info.value) is error
    function = "api-get_phone_status" if kind == "read" else "api-send_key"
    assert str(info.value).startswith(f"{function}: ")
    assert gxp_phone.station().volume == 4  # the faulty phone did not act
    await gxp_phone.clear_fault()
    await call(gxp_fast)  # the same client works once the phone is well again
    assert gxp_phone.station().volume == (4 if kind == "read" else 5)


@pytest.mark.parametrize("kind", ["read", "command"])
async def test_slow_phone_within_timeout(
    gxp_fast: GrandstreamClient, gxp_phone: SimulatedPhone, kind: str
) -> None:
    await gxp_phone.set_fault("slow", delay=0.2)
    started = time.monotonic()
    if kind == "read":
        assert (await gxp_fast.phone_status()).status == "available"
    else:
        await gxp_fast.send_keys("VUP")
        assert gxp_phone.station().volume == 5
    assert time.monotonic() - started >= 0.2


@pytest.mark.parametrize("kind", ["read", "command"])
async def test_slow_phone_beyond_timeout(
    gxp_fast: GrandstreamClient, gxp_phone: SimulatedPhone, kind: str
) -> None:
    await gxp_phone.set_fault("slow", delay=3)
    started = time.monotonic()
    # The client's own timeout ended the wait (the phone answers after 3 s);
    # how long past it the machine took to say so is not this test's business.
    with pytest.raises(GrandstreamTimeoutError, match=f"within {FAST:g} s"):
        await (read_status if kind == "read" else send_command)(gxp_fast)
    assert time.monotonic() - started >= FAST - 0.05


async def test_dp_faults_on_handset_functions(
    dp_fast: GrandstreamClient, dp_phone: SimulatedPhone
) -> None:
    await dp_phone.set_fault("response_error")
    with pytest.raises(GrandstreamAuthenticationError):
        await dp_fast.handset_line_status(1)
    with pytest.raises(GrandstreamCommandError):
        await dp_fast.device_operation(HandsetOperation.MUTE, 1)
    await dp_phone.set_fault("malformed_json")
    with pytest.raises(GrandstreamResponseError):
        await dp_fast.account_status(1)
    assert dp_phone.station(1).muted is False


# ------------------------------------------------------------------- reboot


async def test_reboot_unreachable_then_back(
    gxp: GrandstreamClient, gxp_phone: SimulatedPhone
) -> None:
    gxp_phone.ring(1)
    assert (await gxp.line_status())[0].state is CallState.RINGING
    await gxp_phone.reboot(0.5)
    gxp_phone.clear_requests()
    with pytest.raises(GrandstreamConnectionError) as info:
        await gxp.line_status()
    assert type(info.value) is GrandstreamConnectionError
    with pytest.raises(GrandstreamConnectionError):
        await gxp.send_keys("VUP")
    assert gxp_phone.requests == []
    await gxp_phone.wait_until_up(5)
    assert (await gxp.line_status())[0].state is CallState.IDLE
    await gxp.send_keys("VUP")
    assert gxp_phone.station().volume == 5
    assert gxp_phone.boot_count == 1


async def test_reboot_through_the_client_then_back(
    dp: GrandstreamClient, dp_phone: SimulatedPhone
) -> None:
    await dp.reboot()
    await wait_for(lambda: dp_phone.rebooting)
    with pytest.raises(GrandstreamConnectionError):
        await dp.handset_status(1)
    await dp_phone.wait_until_up(5)
    assert (await dp.handset_status(1)).paired
    assert dp_phone.boot_count == 1


# --------------------------------------------------- answers no simulator gives


@pytest.mark.parametrize(
    ("answer", "error"),
    [
        (
            lambda: web.Response(status=302, headers={"Location": "/login.html"}),
            GrandstreamNotSupportedError,
        ),
        (lambda: web.Response(status=503, text="busy"), GrandstreamConnectionError),
        (lambda: web.Response(text=""), GrandstreamResponseError),
        (lambda: web.Response(text='"complete"'), GrandstreamResponseError),
        (lambda: web.Response(text='{"body": "idle"}'), GrandstreamResponseError),
        (lambda: web.Response(text='{"response": "maybe"}'), GrandstreamResponseError),
        (
            lambda: web.json_response({"response": "success", "body": 7}),
            GrandstreamResponseError,
        ),
    ],
    ids=[
        "redirect",
        "503",
        "empty",
        "bare-string",
        "no-response",
        "odd-response",
        "odd-body",
    ],
)
async def test_odd_answers(
    session: aiohttp.ClientSession,
    answer: Callable[[], web.Response],
    error: type[GrandstreamError],
) -> None:
    async def handler(request: web.Request) -> web.Response:
        return answer()

    server = TinyServer(handler)
    await server.start()
    try:
        client = GrandstreamClient(session, f"127.0.0.1:{server.port}", PASSCODE)
        with pytest.raises(GrandstreamError) as info:
            await client.line_status()
        assert type(info.value) is error
        assert len(server.requests) == 1  # a redirect is not followed
        assert_error_keeps_secret(info.value)
    finally:
        await server.close()


async def test_accounts_as_bare_list(session: aiohttp.ClientSession) -> None:
    """Some firmware answers api-get_accounts with a bare list."""

    async def handler(request: web.Request) -> web.Response:
        return web.json_response([{"id": 1, "sip_id": "1001", "reg": 1}])

    server = TinyServer(handler)
    await server.start()
    try:
        client = GrandstreamClient(session, f"127.0.0.1:{server.port}", PASSCODE)
        [account] = await client.accounts()
        assert (account.id, account.sip_id, account.registered) == (1, "1001", True)
    finally:
        await server.close()


async def test_lenient_fields_of_other_firmware(session: aiohttp.ClientSession) -> None:
    """Numbers as text, booleans as words, upper-case keys: read all the same."""

    async def handler(request: web.Request) -> web.Response:
        line = {"Line": "1", "State": "Connected", "Active": "true", "REMOTENUM": 42}
        return web.json_response({"response": "SUCCESS", "body": [line]})

    server = TinyServer(handler)
    await server.start()
    try:
        client = GrandstreamClient(session, f"127.0.0.1:{server.port}", PASSCODE)
        [line] = await client.line_status()
        assert (line.line, line.state, line.active) == (1, CallState.TALKING, True)
        assert line.remote_number == "42"
    finally:
        await server.close()


def _padded_answer(size: int) -> bytes:
    """A valid line-status answer of exactly size bytes."""
    head, tail = b'{"response":"success","body":[],"pad":"', b'"}'
    return head + b"x" * (size - len(head) - len(tail)) + tail


@pytest.mark.parametrize("framing", ["length", "chunked", "gzip"])
@pytest.mark.parametrize("extra", [0, 1])
async def test_answer_size_cap(
    session: aiohttp.ClientSession, framing: str, extra: int
) -> None:
    """An answer past MAX_ANSWER_BYTES fails its read, however it is framed."""
    body = _padded_answer(MAX_ANSWER_BYTES + extra)

    async def handler(request: web.Request) -> web.StreamResponse:
        if framing == "length":
            return web.Response(body=body, content_type="application/json")
        answer = web.StreamResponse()
        answer.content_type = "application/json"
        if framing == "gzip":
            # Inflated by aiohttp as it comes: its length says nothing.
            answer.enable_compression(web.ContentCoding.gzip)
        else:
            answer.enable_chunked_encoding()
        await answer.prepare(request)
        for start in range(0, len(body), 4096):
            await answer.write(body[start : start + 4096])
        await answer.write_eof()
        return answer

    server = TinyServer(handler)
    await server.start()
    try:
        client = GrandstreamClient(session, f"127.0.0.1:{server.port}", PASSCODE)
        if extra:
            with pytest.raises(GrandstreamResponseError, match="an answer of"):
                await client.line_status()
        else:
            assert await client.line_status() == ()
    finally:
        await server.close()
