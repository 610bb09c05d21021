"""Bad days: faults, reboots, wrong passcodes, lockout, formats, request log."""

from __future__ import annotations

import asyncio
import json
import time

import aiohttp
import pytest

from simulator import FaultMode, LineState, SimulatedPhone
from simulator.testing import CtiProbe

FAILED = {"response": "error", "body": "failed"}


async def _fresh_get(phone: SimulatedPhone, limit: float = 2.0) -> tuple[int, str]:
    """One request on a new connection (no aiohttp keep-alive retry)."""
    connector = aiohttp.TCPConnector(force_close=True)
    async with (
        aiohttp.ClientSession(connector=connector) as session,
        session.get(
            phone.cti_url("api-get_phone_status"),
            params={"passcode": phone.passcode},
            timeout=aiohttp.ClientTimeout(total=limit),
        ) as resp,
    ):
        return resp.status, await resp.text()


@pytest.mark.parametrize(
    ("mode", "status", "ctype"),
    [
        ("html", 200, "text/html"),
        ("http_401", 401, "text/html"),
        ("http_403", 403, "text/html"),
        ("http_404", 404, "text/html"),
        ("http_500", 500, "text/html"),
        ("response_error", 200, "application/json"),
        ("malformed_json", 200, "application/json"),
        ("truncated", 200, "application/json"),
    ],
)
async def test_answer_faults(
    gxp: SimulatedPhone, cti: CtiProbe, mode: str, status: int, ctype: str
) -> None:
    await gxp.set_fault(mode)
    for _ in range(2):
        got_status, got_ctype, text = await cti.raw(
            gxp, "api-get_phone_status", passcode="admin"
        )
        assert (got_status, got_ctype) == (status, ctype)
    if mode == "response_error":
        assert json.loads(text) == FAILED
    elif ctype == "application/json":
        with pytest.raises(json.JSONDecodeError):
            json.loads(text)
    await gxp.clear_fault()
    assert (await cti(gxp, "api-get_phone_status"))["body"] == "available"
    assert [r.fault for r in gxp.requests] == [mode, mode, None]


async def test_fault_count(gxp: SimulatedPhone, cti: CtiProbe) -> None:
    await gxp.set_fault(FaultMode.HTTP_500, count=2)
    statuses = [
        (await cti.raw(gxp, "api-get_phone_status", passcode="admin"))[0]
        for _ in range(3)
    ]
    assert statuses == [500, 500, 200]
    assert gxp.fault.active is FaultMode.NONE


async def test_fault_duration(gxp: SimulatedPhone, cti: CtiProbe) -> None:
    await gxp.set_fault("http_403", duration=0.2)
    assert (await cti.raw(gxp, "api-get_phone_status", passcode="admin"))[0] == 403
    await asyncio.sleep(0.3)
    assert (await cti.raw(gxp, "api-get_phone_status", passcode="admin"))[0] == 200


async def test_fault_does_not_change_state(gxp: SimulatedPhone, cti: CtiProbe) -> None:
    gxp.ring()
    await gxp.set_fault("response_error", count=1)
    assert await cti(gxp, "api-phone_operation", cmd="acceptcall") == FAILED
    assert gxp.line(1).state is LineState.RINGING


async def test_slow(gxp: SimulatedPhone, cti: CtiProbe) -> None:
    await gxp.set_fault("slow", delay=0.3, count=1)
    start = time.monotonic()
    assert (await cti(gxp, "api-get_phone_status"))["body"] == "available"
    assert time.monotonic() - start >= 0.3


async def test_timeout_then_clear(gxp: SimulatedPhone) -> None:
    await gxp.set_fault("timeout")
    with pytest.raises(TimeoutError):
        await _fresh_get(gxp, limit=0.3)
    await gxp.clear_fault()
    assert (await _fresh_get(gxp))[0] == 200


async def test_timeout_closes_cleanly() -> None:
    """A request hanging when the phone closes leaves nothing behind."""
    phone = await SimulatedPhone("gxp").start()
    await phone.set_fault("timeout")
    request = asyncio.ensure_future(_fresh_get(phone, limit=5))
    await asyncio.sleep(0.2)
    await phone.close()
    with pytest.raises(aiohttp.ClientError):
        await request


async def test_reset(gxp: SimulatedPhone) -> None:
    await gxp.set_fault("reset")
    with pytest.raises(aiohttp.ClientError):
        await _fresh_get(gxp)
    await gxp.clear_fault()
    assert (await _fresh_get(gxp))[0] == 200


async def test_connection_refused_same_port(gxp: SimulatedPhone) -> None:
    port = gxp.port
    await gxp.set_fault("connection_refused")
    assert not gxp.listening
    with pytest.raises(aiohttp.ClientConnectorError):
        await _fresh_get(gxp)
    await gxp.clear_fault()
    assert gxp.port == port
    assert (await _fresh_get(gxp))[0] == 200


async def test_connection_refused_for_a_while(gxp: SimulatedPhone) -> None:
    await gxp.set_fault("connection_refused", duration=0.2)
    with pytest.raises(aiohttp.ClientConnectorError):
        await _fresh_get(gxp)
    await asyncio.sleep(0.35)
    assert (await _fresh_get(gxp))[0] == 200


async def test_reboot_unreachable_then_back(cti: CtiProbe) -> None:
    async with SimulatedPhone("gxp", reboot_seconds=0.3) as phone:
        port = phone.port
        phone.ring()
        phone.set_dnd(True)
        await phone.reboot()
        assert phone.rebooting
        with pytest.raises(aiohttp.ClientConnectorError):
            await _fresh_get(phone)
        await phone.wait_until_up(5)
        assert phone.port == port
        assert (await cti(phone, "api-get_phone_status"))["body"] == "available"
        assert phone.line(1).state is LineState.IDLE
        assert phone.station().dnd


async def test_reboot_drops_keepalive_connections(
    gxp: SimulatedPhone, session: aiohttp.ClientSession, cti: CtiProbe
) -> None:
    assert (await cti(gxp, "api-get_phone_status"))["response"] == "success"
    await gxp.reboot(10)
    with pytest.raises(aiohttp.ClientError):
        await cti(gxp, "api-get_phone_status")


async def test_reboot_via_cti_answers_first(cti: CtiProbe) -> None:
    async with SimulatedPhone("gxp", reboot_seconds=0.3) as phone:
        phone.ring()
        answer = await cti(phone, "api-sys_operation", request="REBOOT")
        assert answer["body"] == "savereboot"
        await asyncio.sleep(0.1)
        assert not phone.listening
        await phone.wait_until_up(5)
        assert phone.line(1).state is LineState.IDLE


async def test_factory_reset(cti: CtiProbe) -> None:
    async with SimulatedPhone(
        "gxp",
        passcode="s3cret",
        reboot_seconds=0.1,
        action_urls={"incoming": "http://127.0.0.1:9/x"},
    ) as phone:
        phone.set_dnd(True)
        answer = await cti(phone, "api-sys_operation", request="RESET")
        assert answer == {"response": "success", "body": "reset"}
        await asyncio.sleep(0.05)
        await phone.wait_until_up(5)
        assert phone.passcode == "admin"
        assert not phone.station().dnd
        assert phone.action_url.templates == {}
        assert (await cti(phone, "api-get_phone_status"))["body"] == "available"


@pytest.mark.parametrize(
    ("style", "status", "ctype", "answer"),
    [
        ("json_error", 200, "application/json", FAILED),
        ("401", 401, "text/html", None),
        ("403", 403, "text/html", None),
        ("html", 200, "text/html", None),
        # A GXP1625 on firmware 1.0.7.81: a refusal that says "success".
        (
            "success_unauthorized",
            200,
            "application/json",
            {"response": "success", "body": "unauthorized"},
        ),
        (
            "success_forbidden",
            200,
            "application/json",
            {"response": "success", "body": "forbidden"},
        ),
    ],
)
async def test_wrong_passcode(
    cti: CtiProbe, style: str, status: int, ctype: str, answer: object
) -> None:
    async with SimulatedPhone("gxp", passcode="right", auth_failure=style) as phone:
        for params in ({"passcode": "wrong"}, {}):
            got = await cti.raw(phone, "api-get_line_status", **params)
            assert got[:2] == (status, ctype)
            if answer is not None:
                assert json.loads(got[2]) == answer
        assert [r.authorized for r in phone.requests] == [False, False]
        assert (await cti(phone, "api-get_line_status"))["response"] == "success"


async def test_lockout_after_five_failures(cti: CtiProbe) -> None:
    async with SimulatedPhone("gxp", lockout_seconds=0.3) as phone:
        for _ in range(4):
            assert await cti(phone, "api-get_phone_status", passcode="bad") == FAILED
        assert await cti(phone, "api-get_phone_status") != FAILED
        for _ in range(5):
            assert await cti(phone, "api-get_phone_status", passcode="bad") == FAILED
        assert phone.locked
        locked = {"response": "error", "body": "locked"}
        assert await cti(phone, "api-get_phone_status") == locked
        assert await cti(phone, "api-get_phone_status", passcode="bad") == locked
        assert phone.guard.total_failures == 9
        assert phone.guard.refused_while_locked == 2
        await asyncio.sleep(0.35)
        assert (await cti(phone, "api-get_phone_status"))["body"] == "available"


async def test_change_passcode(gxp: SimulatedPhone, cti: CtiProbe) -> None:
    gxp.change_passcode("n3w")
    assert await cti(gxp, "api-get_phone_status", passcode="admin") == FAILED
    assert (await cti(gxp, "api-get_phone_status", passcode="n3w"))["body"] == (
        "available"
    )


@pytest.mark.parametrize("ctype", ["application/json", "text/plain"])
async def test_spaced_style(cti: CtiProbe, ctype: str) -> None:
    async with SimulatedPhone("gxp", style="spaced", content_type=ctype) as phone:
        status, got_ctype, text = await cti.raw(
            phone, "api-send_key", passcode="admin", keys="VUP"
        )
        assert (status, got_ctype) == (200, ctype)
        assert text == '{"response": "success", "body": "complete"}'
    async with SimulatedPhone("gxp") as phone:
        text = (await cti.raw(phone, "api-send_key", passcode="admin", keys="VUP"))[2]
        assert text == '{"response":"success","body":"complete"}'


async def test_request_log_redacts_passcode(
    gxp: SimulatedPhone, session: aiohttp.ClientSession
) -> None:
    gxp.change_passcode("t0p-secret")
    gxp.ring()
    url = gxp.cti_url("api-phone_operation") + "?passcode=t0p-secret&cmd=acceptcall"
    async with session.get(url) as resp:
        assert resp.status == 200
    async with session.get(gxp.url + "/other?passcode=t0p-secret&x=1") as resp:
        assert resp.status == 404
    first, second = gxp.requests
    assert first.function == "api-phone_operation"
    assert first.params == {"passcode": "***", "cmd": "acceptcall"}
    assert first.query_string == "passcode=***&cmd=acceptcall"
    assert first.items == [("passcode", "***"), ("cmd", "acceptcall")]
    assert (first.authorized, first.status, first.fault) == (True, 200, None)
    assert second.path == "/other"
    assert second.query_string == "passcode=***&x=1"
    assert "t0p-secret" not in repr(gxp.requests)
    assert len(gxp.requests_for("api-phone_operation", cmd="acceptcall")) == 1
    async with session.get(gxp.url + "/sim/requests") as resp:
        logged = await resp.json()
    assert "t0p-secret" not in json.dumps(logged)
    assert logged[0]["query_string"] == "passcode=***&cmd=acceptcall"


async def test_request_log_shows_injected_parameter(
    gxp: SimulatedPhone, session: aiohttp.ClientSession
) -> None:
    url = gxp.cti_url("api-make_call") + "?passcode=admin&phonenumber=1&request=RESET"
    async with session.get(url) as resp:
        assert resp.status == 200
    assert "request=RESET" in gxp.requests[0].query_string
    assert gxp.listening


async def test_post_is_accepted(
    gxp: SimulatedPhone, session: aiohttp.ClientSession
) -> None:
    async with session.post(
        gxp.cti_url("api-get_phone_status"), params={"passcode": "admin"}
    ) as resp:
        assert json.loads(await resp.text())["body"] == "available"
    assert gxp.requests[0].method == "POST"
