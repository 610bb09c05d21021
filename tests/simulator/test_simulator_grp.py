"""GRP2614 and DP752: the answers lineup.md gives them, and model.define.js."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest
import pytest_asyncio

from simulator import LineState, SimulatedPhone
from simulator.testing import CtiProbe as Cti

TRUE = {"response": "success", "body": True}
FALSE = {"response": "error", "body": False}


@pytest_asyncio.fixture
async def grp() -> AsyncIterator[SimulatedPhone]:
    async with SimulatedPhone("grp") as phone:
        yield phone


async def _model_define(
    session: aiohttp.ClientSession, phone: SimulatedPhone
) -> tuple[int, str]:
    async with session.get(f"{phone.url}/json/configs/model.define.js") as resp:
        return resp.status, await resp.text()


async def test_grp_model_define_needs_no_login(
    grp: SimulatedPhone, session: aiohttp.ClientSession
) -> None:
    status, text = await _model_define(session, grp)
    assert status == 200
    assert text == '{"model":"GRP2614","defines":{"num_accounts":4}}'
    assert grp.guard.total_failures == 0


@pytest.mark.parametrize("family", ["gxp", "dp"])
async def test_model_define_only_where_told(
    session: aiohttp.ClientSession, family: str
) -> None:
    # No source says a GXP or a DP base serves it.
    async with SimulatedPhone(family) as phone:
        assert (await _model_define(session, phone))[0] == 404
    async with SimulatedPhone("dp", model="DP752", model_define=True) as phone:
        status, text = await _model_define(session, phone)
        assert (status, text) == (
            200,
            '{"model":"DP752","defines":{"num_accounts":10}}',
        )


async def test_grp_lines_and_accounts(grp: SimulatedPhone, cti: Cti) -> None:
    lines = (await cti(grp, "api-get_line_status"))["body"]
    assert [line["line"] for line in lines] == [1, 2, 3, 4]
    accounts = (await cti(grp, "api-get_accounts"))["body"]
    assert [account["id"] for account in accounts] == [1, 2, 3, 4]


async def test_grp_phone_status_unavailable_and_misc(
    grp: SimulatedPhone, cti: Cti
) -> None:
    available = {"response": "success", "body": "available", "misc": "1"}
    assert await cti(grp, "api-get_phone_status") == available
    grp.ring(1, "5551234")
    ringing = {"response": "success", "body": "ringing", "misc": "0"}
    assert await cti(grp, "api-get_phone_status") == ringing
    grp.answer(1)
    busy = {"response": "success", "body": "busy", "misc": "0"}
    assert await cti(grp, "api-get_phone_status") == busy
    grp.configure_account(1, registered=False)
    unavailable = {"response": "success", "body": "unavailable", "misc": "0"}
    assert await cti(grp, "api-get_phone_status") == unavailable


async def test_grp_operations_boolean_and_unhold(grp: SimulatedPhone, cti: Cti) -> None:
    grp.ring(2, "5551234")
    assert await cti(grp, "api-phone_operation", cmd="acceptcall") == TRUE
    assert await cti(grp, "api-phone_operation", cmd="holdcall") == TRUE
    assert grp.line(2).state is LineState.ONHOLD
    # The guide's unholdcall is not the GRP's word; unhold with the line is.
    assert await cti(grp, "api-phone_operation", cmd="unholdcall") == FALSE
    assert await cti(grp, "api-phone_operation", cmd="unhold", arg="1") == FALSE
    assert await cti(grp, "api-phone_operation", cmd="unhold", arg="2") == TRUE
    assert grp.line(2).state is LineState.CONNECTED


async def test_grp_make_call_account_is_zero_based(
    grp: SimulatedPhone, cti: Cti
) -> None:
    grp.configure_account(3)
    answer = await cti(grp, "api-make_call", phonenumber="3501", account="2")
    assert answer == TRUE
    assert grp.line(1).account == 3
    failed = {"response": "error", "body": "failed"}
    assert await cti(grp, "api-make_call", phonenumber="3502", account="4") == failed


async def test_grp_keys(grp: SimulatedPhone, cti: Cti) -> None:
    complete = {"response": "success", "body": "complete"}
    assert await cti(grp, "api-send_key", keys="MPK3") == complete
    assert await cti(grp, "api-send_key", keys="STAR:OK:UP:ONHOOK") == complete


async def test_grp_reboot_savereboot_or_dropped(cti: Cti) -> None:
    async with SimulatedPhone("grp", reboot_seconds=0.05) as phone:
        answer = await cti(phone, "api-sys_operation", request="REBOOT")
        assert answer == {"response": "success", "body": "savereboot"}
        await phone.wait_until_up(5)
        phone.reboot_drops_connection = True
        with pytest.raises(aiohttp.ClientConnectionError):
            await cti(phone, "api-sys_operation", request="REBOOT")
        await phone.wait_until_up(5)
        assert phone.boot_count == 2
