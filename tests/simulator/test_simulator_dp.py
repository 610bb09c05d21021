"""DP750 base: every guide example and the handsets' state machine over CTI."""

from __future__ import annotations

import json

import pytest

from simulator import LineState, SimulatedPhone
from simulator.testing import CtiProbe
from tests.guide import guide_answer

TRUE = {"response": "success", "body": True}
FALSE = {"response": "error", "body": False}
FAILED = {"response": "error", "body": "failed"}

GUIDE_HS_LINE_STATUS = json.loads(guide_answer("hs_line_status"))


async def test_guide_account_status(dp: SimulatedPhone, cti: CtiProbe) -> None:
    registered = json.loads(guide_answer("account_status_registered"))
    not_registered = json.loads(
        '{ "response": "success", "Account2": { "Registered": 0, "Profile": 1, '
        '"Active": 0, "HSMode": "HS1" } }'
    )
    assert await cti(dp, "api-get_account_status", account="1") == registered
    assert await cti(dp, "api-get_account_status", account="2") == not_registered
    assert await cti(dp, "api-get_account_status") == FAILED
    assert await cti(dp, "api-get_account_status", account="11") == FAILED
    dp.set_registered(1, False)
    answer = await cti(dp, "api-get_account_status", account="1")
    assert answer["Account1"]["Registered"] == 0


async def test_guide_hs_status(dp: SimulatedPhone, cti: CtiProbe) -> None:
    paired = json.loads(guide_answer("hs_status_paired"))
    unpaired = json.loads(
        '{ "response": "success", "HS3": { "initialized": 0, "subscribed": 0, '
        '"status": "" } }'
    )
    assert await cti(dp, "api-get_hs_status", hs="1") == paired
    assert await cti(dp, "api-get_hs_status", hs="3") == unpaired
    assert await cti(dp, "api-get_hs_status", hs="6") == FAILED
    assert await cti(dp, "api-get_hs_status") == FAILED
    dp.ring(hs=1)
    assert (await cti(dp, "api-get_hs_status", hs="1"))["HS1"]["status"] == "ringing"
    dp.answer(hs=1)
    assert (await cti(dp, "api-get_hs_status", hs="1"))["HS1"]["status"] == "busy"


async def test_guide_hs_line_status(dp: SimulatedPhone, cti: CtiProbe) -> None:
    assert await cti(dp, "api-get_hs_line_status", hs="1") == GUIDE_HS_LINE_STATUS
    dp.ring(1, "+4930123", "Alice Smith", hs=1)
    line1 = (await cti(dp, "api-get_hs_line_status", hs="1"))["HS1"]["Line1"]
    assert line1 == {
        "Status": "ringing",
        "Account": 1,
        "Registered": 1,
        "Active": 1,
        "RemoteNumber": "+4930123",
        "RemoteName": "Alice Smith",
    }


async def test_guide_make_call(dp: SimulatedPhone, cti: CtiProbe) -> None:
    assert await cti(dp, "api-make_call", hs="1", phonenumber="3501") == TRUE
    assert dp.line(1, hs=1).state is LineState.CALLING
    assert dp.line(1, hs=1).remote_number == "3501"
    assert await cti(dp, "api-make_call", hs="2", phonenumber="3502") == TRUE
    assert dp.line(1, hs=2).remote_number == "3502"
    assert await cti(dp, "api-make_call", hs="3", phonenumber="3503") == FALSE
    assert await cti(dp, "api-make_call", phonenumber="3503") == FAILED
    assert await cti(dp, "api-make_call", hs="1") == FAILED


async def test_guide_device_operations(dp: SimulatedPhone, cti: CtiProbe) -> None:
    async def op(cmd: str, **params: str) -> object:
        return await cti(dp, "api-device_operation", hs="1", cmd=cmd, **params)

    assert await op("acceptcall", line="1") == FALSE
    dp.ring(1, "200", "Bob", hs=1)
    assert await op("acceptcall", line="1") == TRUE
    assert dp.line(1, hs=1).state is LineState.CONNECTED
    assert await op("holdcall", line="1") == TRUE
    assert dp.line(1, hs=1).state is LineState.ONHOLD
    assert await op("unholdcall", line="1") == TRUE
    assert dp.line(1, hs=1).state is LineState.CONNECTED
    assert await op("endcall", line="1") == TRUE
    assert dp.line(1, hs=1).state is LineState.IDLE
    dp.ring(1, hs=1)
    assert await op("rejectcall", line="1") == TRUE
    dp.dial("300", hs=1)
    assert await op("cancel", line="1") == TRUE
    assert dp.line(1, hs=1).state is LineState.IDLE
    st = dp.station(1)
    assert await op("mute") == TRUE
    assert await op("speaker") == TRUE
    assert (st.muted, st.speaker) == (True, True)
    assert await op("setdnd") == TRUE
    assert dp.station(1).dnd is True
    assert await op("unsetdnd") == TRUE
    assert dp.station(1).dnd is False
    assert await op("explode") == FALSE
    assert await op("endcall", line="11") == FAILED
    assert await cti(dp, "api-device_operation", cmd="mute") == FAILED
    assert await cti(dp, "api-device_operation", hs="4", cmd="mute") == FALSE


DP_GUIDE_KEYS = (
    *("SPEAKER", "MUTE", "1:0:0:0:HASH", "LEFT_SOFT_KEY", "RIGHT_SOFT_KEY", "STAR"),
    *("ONHOOK", "OFFHOOK", "OK", "LOCK", "UNLOCK", "UP", "DOWN", "LEFT", "RIGHT"),
)


@pytest.mark.parametrize("keys", DP_GUIDE_KEYS)
async def test_guide_send_key(dp: SimulatedPhone, cti: CtiProbe, keys: str) -> None:
    answer = await cti(dp, "api-send_key", hs="1", keys=keys)
    assert answer == {"response": "success", "body": "complete"}


async def test_send_key_dp_rules(dp: SimulatedPhone, cti: CtiProbe) -> None:
    unknown = {"response": "error", "body": "unknown"}
    assert await cti(dp, "api-send_key", hs="1", keys="1:#") == unknown
    assert await cti(dp, "api-send_key", hs="1", keys="*") == unknown
    assert await cti(dp, "api-send_key", keys="1") == FAILED
    dp.ring(hs=1)
    await cti(dp, "api-send_key", hs="1", keys="OFFHOOK")
    assert dp.line(1, hs=1).state is LineState.CONNECTED
    await cti(dp, "api-send_key", hs="1", keys="ONHOOK")
    assert dp.line(1, hs=1).state is LineState.IDLE
    await cti(dp, "api-send_key", hs="2", keys="STAR:6:9:HASH:SEND")
    assert dp.line(1, hs=2).remote_number == "*69#"


async def test_gxp_functions_are_404_on_dp(dp: SimulatedPhone, cti: CtiProbe) -> None:
    for function in (
        "api-get_line_status",
        "api-get_phone_status",
        "api-phone_operation",
        "api-get_accounts",
    ):
        status, _ctype, _ = await cti.raw(dp, function, passcode="admin")
        assert status == 404


async def test_directreboot(cti: CtiProbe) -> None:
    async with SimulatedPhone("dp", reboot_seconds=0.05) as phone:
        answer = await cti(phone, "api-sys_operation", request="REBOOT")
        assert answer == {"response": "success", "body": "directreboot"}
        await phone.wait_until_up(5)
        assert phone.boot_count == 1


async def test_pair_unpair(dp: SimulatedPhone, cti: CtiProbe) -> None:
    dp.pair(5)
    assert (await cti(dp, "api-get_hs_status", hs="5"))["HS5"]["initialized"] == 1
    dp.ring(hs=5)
    dp.unpair(5)
    answer = await cti(dp, "api-get_hs_status", hs="5")
    assert answer["HS5"] == {"initialized": 0, "subscribed": 0, "status": ""}
    assert dp.line(1, hs=5).state is LineState.IDLE


async def test_account_switched_on_and_off(dp: SimulatedPhone, cti: CtiProbe) -> None:
    dp.set_account_active(2, True)
    status = await cti(dp, "api-get_account_status", account="2")
    assert (status["Account2"]["Registered"], status["Account2"]["Active"]) == (1, 1)
    line2 = (await cti(dp, "api-get_hs_line_status", hs="1"))["HS1"]["Line2"]
    assert line2 == {"Status": "idle", "Account": 2, "Registered": 1, "Active": 1}
    dp.set_account_active(2, False)
    status = await cti(dp, "api-get_account_status", account="2")
    assert (status["Account2"]["Registered"], status["Account2"]["Active"]) == (0, 0)
    line2 = (await cti(dp, "api-get_hs_line_status", hs="1"))["HS1"]["Line2"]
    assert line2 == {"Status": "idle", "Account": 0, "Registered": 0, "Active": 0}


async def test_ring_all_answered_on_one_handset(dp: SimulatedPhone) -> None:
    """Parallel ring: every paired handset rings; one answers, the others stop."""
    dp.pair(3)
    dp.ring_all("+4930123", "Mum")
    assert [dp.line(1, hs).state for hs in (1, 2, 3)] == [LineState.RINGING] * 3
    dp.answer(hs=1)
    assert dp.line(1, 1).state is LineState.CONNECTED
    assert [dp.line(1, hs).state for hs in (2, 3)] == [LineState.IDLE] * 2
    # One call, as the base pushes it: no Missed Call for the handsets that stopped.
    assert [str(event.kind) for event in dp.events] == ["incoming", "established"]


async def test_ring_all_given_up_by_the_caller(dp: SimulatedPhone) -> None:
    dp.set_dnd(True, hs=2)
    dp.ring_all("+4930123", "Mum")
    assert dp.line(1, 2).state is LineState.IDLE
    dp.hangup(hs=1)
    assert [dp.line(1, hs).state for hs in (1, 2)] == [LineState.IDLE] * 2
    assert [str(event.kind) for event in dp.events][-2:] == ["incoming", "missed"]
