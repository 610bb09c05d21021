"""Control API, many phones in one loop, HTTPS, and the command line."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
import ssl
import subprocess
import sys

import aiohttp
import pytest

from simulator import LineState, SimulatedPhone, SimulatorFarm
from simulator.__main__ import action_url_templates, parse_args
from simulator.testing import CtiProbe, PushReceiver, connections_left

ROOT = Path(__file__).resolve().parents[2]


async def _post(
    session: aiohttp.ClientSession, phone: SimulatedPhone, action: str, **body: object
) -> dict[str, object]:
    async with session.post(f"{phone.url}/sim/{action}", json=body) as resp:
        data: dict[str, object] = await resp.json()
        return data


async def test_control_routes(
    gxp: SimulatedPhone, session: aiohttp.ClientSession, cti: CtiProbe
) -> None:
    assert (await _post(session, gxp, "ring", line=2, number="42", name="Eve"))["ok"]
    assert gxp.line(2).state is LineState.RINGING
    assert (await _post(session, gxp, "answer", line=2))["ok"]
    assert (await _post(session, gxp, "hold"))["ok"]
    assert gxp.line(2).state is LineState.ONHOLD
    assert (await _post(session, gxp, "unhold"))["ok"]
    assert (await _post(session, gxp, "hangup"))["ok"]
    assert gxp.line(2).state is LineState.IDLE
    bad = await _post(session, gxp, "answer")
    assert bad["ok"] is False
    assert "ringing" in str(bad["error"])
    assert (await _post(session, gxp, "dnd", on=True))["ok"]
    assert gxp.station().dnd
    assert (await _post(session, gxp, "passcode", passcode="x"))["ok"]
    assert gxp.passcode == "x"
    assert (await _post(session, gxp, "register", account=1, registered=False))["ok"]
    assert not gxp.account(1).registered
    templates = {"incoming": "http://127.0.0.1:1/i"}
    assert (await _post(session, gxp, "action_url", templates=templates))["ok"]
    assert gxp.action_url.templates == {"incoming": "http://127.0.0.1:1/i"}
    async with session.get(f"{gxp.url}/sim/state") as resp:
        state = await resp.json()
    assert state["family"] == "gxp"
    assert state["stations"][0]["dnd"] is True
    assert state["port"] == gxp.port
    # query parameters work too (DND would make the call missed)
    gxp.set_dnd(False)
    async with session.post(f"{gxp.url}/sim/ring?line=3&number=7") as resp:
        assert (await resp.json())["ok"]
    assert gxp.line(3).remote_number == "7"
    assert gxp.requests == []


async def test_control_fault_and_reboot(
    gxp: SimulatedPhone, session: aiohttp.ClientSession, cti: CtiProbe
) -> None:
    assert (await _post(session, gxp, "fault", mode="http_500", count=1))["ok"]
    assert (await cti.raw(gxp, "api-get_phone_status", passcode="admin"))[0] == 500
    assert (await _post(session, gxp, "fault", mode="bogus"))["ok"] is False
    assert (await _post(session, gxp, "reboot", seconds=0.2))["ok"]
    await asyncio.sleep(0.05)
    assert not gxp.listening
    await gxp.wait_until_up(5)
    assert (await cti(gxp, "api-get_phone_status"))["body"] == "available"


async def test_control_drop_connections(
    gxp: SimulatedPhone, session: aiohttp.ClientSession, cti: CtiProbe
) -> None:
    """The phone closes every kept-alive connection, once its answer is out."""
    await cti.raw(gxp, "api-get_line_status", passcode=gxp.passcode)
    await cti.raw(gxp, "api-get_phone_status", passcode=gxp.passcode)
    [port] = {request.client_port for request in gxp.requests}
    assert gxp.open_connections == 1  # kept alive by the probe's session
    # With the control request's own, closed after its answer.
    assert await _post(session, gxp, "drop_connections") == {"ok": True, "result": 2}
    assert await connections_left(gxp) == 0
    await cti.raw(gxp, "api-get_line_status", passcode=gxp.passcode)
    assert gxp.requests[-1].client_port not in (port, None)


async def test_control_dp(dp: SimulatedPhone, session: aiohttp.ClientSession) -> None:
    assert (await _post(session, dp, "pair", hs=4))["ok"]
    assert dp.station(4).paired
    assert (await _post(session, dp, "ring", hs=4, line=1))["ok"]
    assert dp.line(1, hs=4).state is LineState.RINGING
    assert (await _post(session, dp, "unpair", hs=4))["ok"]
    assert (await _post(session, dp, "pair"))["ok"] is False


async def test_html_page(dp: SimulatedPhone, session: aiohttp.ClientSession) -> None:
    dp.ring(1, "1", "<b>x</b>", hs=1)
    async with session.get(f"{dp.url}/sim/") as resp:
        assert resp.status == 200
        assert resp.content_type == "text/html"
        page = await resp.text()
    assert "Handset 1" in page
    assert "sim('answer'" in page
    assert "<b>x</b>" not in page


async def test_fifty_phones_one_loop(cti: CtiProbe) -> None:
    async with SimulatorFarm(50, family="gxp") as farm:
        assert len({phone.port for phone in farm}) == 50
        assert len({phone.mac for phone in farm}) == 50
        farm[7].ring()
        answers = await asyncio.gather(
            *(cti(phone, "api-get_phone_status") for phone in farm)
        )
        bodies = [a["body"] for a in answers]
        assert bodies.count("busy") == 1
        assert bodies[7] == "busy"


async def test_https(tmp_path: Path, cti: CtiProbe) -> None:
    from tests.tls import self_signed_certificate

    cert, key = self_signed_certificate(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    async with SimulatedPhone("gxp", ssl_context=context) as phone:
        assert phone.url.startswith("https://127.0.0.1:")
        assert (await cti(phone, "api-get_phone_status"))["body"] == "available"


def test_cli_args() -> None:
    args = parse_args(["--family", "dp", "--port", "8000", "--count", "3"])
    assert (args.family, args.port, args.count, args.passcode) == (
        "dp",
        8000,
        3,
        "admin",
    )
    templates = action_url_templates("http://ha:8123/api/webhook/abc")
    assert templates["incoming"] == (
        "http://ha:8123/api/webhook/abc?event=incoming&mac=$mac&remote=$remote"
        "&local=$local"
    )
    assert set(templates) >= {"missed", "dnd_on", "unregistered"}


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_cli_runs_and_stops() -> None:
    # scripts/simulator runs this command with .venv's python, else with any
    # python3 on PATH (which may lack aiohttp and exit before printing): run by
    # the interpreter of the suite, it uses the packages under test, including
    # when the suite runs on .venv-oldest.
    assert os.access(ROOT / "scripts" / "simulator", os.X_OK)
    command = ["-m", "simulator", "--family", "gxp", "--count", "2", "--lines", "4"]
    proc = subprocess.Popen(  # noqa: S603
        [sys.executable, *command],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        second = proc.stdout.readline()
    finally:
        proc.terminate()
        _, errors = proc.communicate(timeout=10)
    assert "http://127.0.0.1:" in first, errors
    assert "GXP2135" in first
    assert "http://127.0.0.1:" in second, errors
    assert proc.returncode == 0, errors


async def test_push_receiver_helper(receiver: PushReceiver) -> None:
    async with (
        aiohttp.ClientSession() as session,
        session.get(receiver.base + "/x?a=1") as resp,
    ):
        assert resp.status == 200
    assert receiver.raw_paths == ["/x?a=1"]
