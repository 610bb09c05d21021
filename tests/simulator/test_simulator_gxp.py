"""GXP desk phone: every guide example and the call state machine over CTI."""

from __future__ import annotations

import json

import pytest

from simulator import LineState, SimulatedPhone
from simulator.testing import CtiProbe as Cti
from tests.guide import guide_answer

GUIDE_LINE_STATUS = json.loads(guide_answer("line_status"))


async def test_guide_line_status(gxp: SimulatedPhone, cti: Cti) -> None:
    assert await cti(gxp, "api-get_line_status") == GUIDE_LINE_STATUS


async def test_guide_phone_status(gxp: SimulatedPhone, cti: Cti) -> None:
    available = json.loads(guide_answer("phone_status_available"))
    busy = json.loads(guide_answer("phone_status_busy"))
    assert await cti(gxp, "api-get_phone_status") == available
    gxp.ring()
    assert await cti(gxp, "api-get_phone_status") == busy


@pytest.mark.parametrize(
    ("request_", "body"), [("REBOOT", "savereboot"), ("RESET", "reset")]
)
async def test_guide_sys_operation(cti: Cti, request_: str, body: str) -> None:
    async with SimulatedPhone("gxp", reboot_seconds=0.05) as phone:
        answer = await cti(phone, "api-sys_operation", request=request_)
        assert answer == {"response": "success", "body": body}
        await phone.wait_until_up(5)


async def test_sys_operation_unknown(gxp: SimulatedPhone, cti: Cti) -> None:
    unknown = {"response": "error", "body": "unknown"}
    assert await cti(gxp, "api-sys_operation", request="SHUTDOWN") == unknown
    assert await cti(gxp, "api-sys_operation") == unknown
    assert gxp.listening


async def test_incoming_call_accept_hold_unhold_end(
    gxp: SimulatedPhone, cti: Cti
) -> None:
    true = {"response": "success", "body": True}
    false = {"response": "error", "body": False}
    assert await cti(gxp, "api-phone_operation", cmd="acceptcall") == false
    gxp.ring(1, "+4930123456", "Alice Smith")
    lines = (await cti(gxp, "api-get_line_status"))["body"]
    assert lines[0] == {
        "line": 1,
        "state": "ringing",
        "acct": "0",
        "remotename": "Alice Smith",
        "remotenum": "+4930123456",
        "active": 1,
    }
    assert await cti(gxp, "api-phone_operation", cmd="acceptcall") == true
    assert gxp.line(1).state is LineState.CONNECTED
    assert await cti(gxp, "api-phone_operation", cmd="holdcall") == true
    assert gxp.line(1).state is LineState.ONHOLD
    assert await cti(gxp, "api-phone_operation", cmd="holdcall") == false
    # Not in the guide's api-phone_operation: refused, and the phone does nothing.
    assert await cti(gxp, "api-phone_operation", cmd="unholdcall") == false
    assert gxp.line(1).state is LineState.ONHOLD
    complete = {"response": "success", "body": "complete"}
    assert await cti(gxp, "api-send_key", keys="LINE1") == complete
    assert gxp.line(1).state is LineState.CONNECTED
    assert await cti(gxp, "api-phone_operation", cmd="endcall") == true
    assert gxp.line(1).state is LineState.IDLE
    assert await cti(gxp, "api-phone_operation", cmd="endcall") == false
    assert await cti(gxp, "api-get_line_status") == GUIDE_LINE_STATUS


@pytest.mark.parametrize("cmd", ["rejectcall", "cancel"])
async def test_reject_ringing(gxp: SimulatedPhone, cti: Cti, cmd: str) -> None:
    gxp.ring(2)
    assert await cti(gxp, "api-phone_operation", cmd=cmd) == {
        "response": "success",
        "body": True,
    }
    assert gxp.line(2).state is LineState.IDLE
    assert [e.kind for e in gxp.events] == ["incoming", "missed"]


async def test_cancel_outgoing_and_bad_params(gxp: SimulatedPhone, cti: Cti) -> None:
    gxp.dial("1000")
    assert gxp.line(1).state is LineState.CALLING
    assert await cti(gxp, "api-phone_operation", cmd="rejectcall") == {
        "response": "error",
        "body": False,
    }
    assert (await cti(gxp, "api-phone_operation", cmd="cancel"))["body"] is True
    assert gxp.line(1).state is LineState.IDLE
    failed = {"response": "error", "body": "failed"}
    assert await cti(gxp, "api-phone_operation") == failed
    assert await cti(gxp, "api-phone_operation", cmd="endcall", line="9") == failed
    assert (await cti(gxp, "api-phone_operation", cmd="explode"))["body"] is False


async def test_make_call_click_to_dial(gxp: SimulatedPhone, cti: Cti) -> None:
    answer = await cti(gxp, "api-make_call", phonenumber="3501")
    assert answer == {"response": "success", "body": True}
    assert gxp.line(1).state is LineState.CALLING
    assert gxp.line(1).remote_number == "3501"
    gxp.remote_answer()
    assert gxp.line(1).state is LineState.CONNECTED
    gxp.click_to_dial = False
    answer = await cti(gxp, "api-make_call", phonenumber="3502")
    assert answer == {"response": "error", "body": False}
    assert gxp.line(2).state is LineState.IDLE
    failed = {"response": "error", "body": "failed"}
    assert await cti(gxp, "api-make_call") == failed


async def test_make_call_no_idle_line(cti: Cti) -> None:
    async with SimulatedPhone("gxp", lines=1) as phone:
        assert (await cti(phone, "api-make_call", phonenumber="1"))["body"] is True
        assert (await cti(phone, "api-make_call", phonenumber="2"))["body"] is False


async def test_get_accounts(gxp: SimulatedPhone, cti: Cti) -> None:
    answer = await cti(gxp, "api-get_accounts")
    assert answer["response"] == "success"
    assert answer["body"][0] == {
        "id": 1,
        "sip_server": "pbx.example.com",
        "sip_id": "1001",
        "name": "Account 1",
        "reg": 1,
    }
    assert [a["reg"] for a in answer["body"]] == [1, 0, 0]
    gxp.set_registered(1, False)
    assert (await cti(gxp, "api-get_accounts"))["body"][0]["reg"] == 0


GXP_GUIDE_KEYS = (
    *("SPEAKER", "XFER", "VUP", "VDOWN", "MUTE", "HOLD", "1:0:0:0", "LINE1", "CONF"),
    *("VM", "HEADSET", "DND", "SEND", "SOFT1", "SOFT4", "MPK1", "MPK24", "*", "#"),
)


@pytest.mark.parametrize("keys", GXP_GUIDE_KEYS)
async def test_guide_send_key(gxp: SimulatedPhone, cti: Cti, keys: str) -> None:
    answer = await cti(gxp, "api-send_key", keys=keys)
    assert answer == {"response": "success", "body": "complete"}


@pytest.mark.parametrize(
    "keys", ["HASH", "STAR", "OFFHOOK", "LINE4", "SOFT5", "MPK25", "vup", "1::2"]
)
async def test_send_key_unknown(gxp: SimulatedPhone, cti: Cti, keys: str) -> None:
    answer = await cti(gxp, "api-send_key", keys=keys)
    assert answer == {"response": "error", "body": "unknown"}
    assert gxp.station().keys == []


async def test_keys_drive_the_phone(gxp: SimulatedPhone, cti: Cti) -> None:
    await cti(gxp, "api-send_key", keys="1:0:0:0")
    assert gxp.station().digits == ["1", "0", "0", "0"]
    await cti(gxp, "api-send_key", keys="SEND")
    assert gxp.line(1).state is LineState.CALLING
    assert gxp.line(1).remote_number == "1000"
    assert gxp.station().dialled == ["1000"]
    gxp.remote_answer()
    await cti(gxp, "api-send_key", keys="1:2:#")
    assert gxp.station().dtmf == ["1", "2", "#"]
    await cti(gxp, "api-send_key", keys="HOLD")
    assert gxp.line(1).state is LineState.ONHOLD
    await cti(gxp, "api-send_key", keys="HOLD")
    assert gxp.line(1).state is LineState.CONNECTED
    gxp.ring(2, "200", "Bob")
    await cti(gxp, "api-send_key", keys="LINE2")
    assert gxp.line(2).state is LineState.CONNECTED
    assert gxp.line(1).state is LineState.ONHOLD
    await cti(gxp, "api-send_key", keys="LINE1")
    assert gxp.line(1).state is LineState.CONNECTED
    assert gxp.line(2).state is LineState.ONHOLD
    st = gxp.station()
    await cti(gxp, "api-send_key", keys="DND:MUTE:SPEAKER:HEADSET:VUP:VUP")
    assert (st.dnd, st.muted, st.speaker, st.headset, st.volume) == (
        True,
        True,
        True,
        True,
        6,
    )
    await cti(gxp, "api-send_key", keys=":".join(["VDOWN"] * 10) + ":DND")
    assert (st.volume, st.dnd) == (0, False)


async def test_dp_functions_are_404_on_gxp(gxp: SimulatedPhone, cti: Cti) -> None:
    for function in (
        "api-get_account_status",
        "api-get_hs_status",
        "api-get_hs_line_status",
        "api-device_operation",
        "api-nonsense",
    ):
        status, ctype, _ = await cti.raw(
            gxp, function, passcode="admin", hs="1", account="1"
        )
        assert (status, ctype) == (404, "text/html")


async def test_remotenumber_key_and_lines(cti: Cti) -> None:
    async with SimulatedPhone(
        "gxp", lines=12, remote_key="remotenumber", model="GXP2170"
    ) as phone:
        phone.ring(12, "42", "")
        body = (await cti(phone, "api-get_line_status"))["body"]
        assert len(body) == 12
        assert body[11]["remotenumber"] == "42"
        assert "remotenum" not in body[11]
        assert (await cti(phone, "api-send_key", keys="LINE8"))["body"] == "complete"
        # The guide's line keys stop at LINE8, whatever lines the phone has.
        assert (await cti(phone, "api-send_key", keys="LINE9"))["body"] == "unknown"
        assert phone.line(12).state is LineState.RINGING
