"""GrandstreamClient and a GRP2614: every function's answer as lineup.md gives it.

And how a phone is identified: model.define.js (no login) where it is served,
the CTI answers elsewhere.
"""

from __future__ import annotations

import aiohttp
import pytest

from custom_components.grandstream_cti.cti import (
    CallState,
    DialMethod,
    Family,
    GrandstreamAuthenticationError,
    GrandstreamClickToDialError,
    GrandstreamClient,
    GrandstreamCommandError,
    GrandstreamConnectionError,
    GrandstreamDroppedError,
    GrandstreamValidationError,
    ModelDefinition,
    PhoneIdentity,
    PhoneOperation,
)
from simulator import LineState, SimulatedPhone
from tests.cti.helpers import guide, make_client, only_request

MODEL_DEFINE = "/json/configs/model.define.js"


@pytest.fixture
def grp(session: aiohttp.ClientSession, grp_phone: SimulatedPhone) -> GrandstreamClient:
    """A client for the simulated GRP2614."""
    return make_client(session, grp_phone, timeout=5)


def _paths(phone: SimulatedPhone) -> list[str]:
    return [request.path for request in phone.requests]


# ------------------------------------------------------------ the GRP's answers


async def test_line_status_every_line_the_phone_gives(
    grp: GrandstreamClient, grp_phone: SimulatedPhone
) -> None:
    grp_phone.ring(4, "5551234", "Bob")
    lines = await grp.line_status()
    assert only_request(grp_phone, "api-get_line_status").items == guide()
    assert [line.line for line in lines] == [1, 2, 3, 4]
    assert lines[3].state is CallState.RINGING
    # The GRP guide's field is remotenumber.
    assert (lines[3].remote_number, lines[3].remote_name) == ("5551234", "Bob")
    assert lines[3].account == "0"
    assert lines[0].extra == {}


async def test_phone_status_available_busy_unavailable_and_misc(
    grp: GrandstreamClient, grp_phone: SimulatedPhone
) -> None:
    status = await grp.phone_status()
    assert (status.status, status.misc) == ("available", "1")
    grp_phone.ring(1, "5551234")
    status = await grp.phone_status()
    assert (status.status, status.misc) == ("ringing", "0")
    grp_phone.answer(1)
    assert (await grp.phone_status()).status == "busy"
    grp_phone.configure_account(1, registered=False)
    assert (await grp.phone_status()).status == "unavailable"


async def test_accounts(grp: GrandstreamClient, grp_phone: SimulatedPhone) -> None:
    grp_phone.configure_account(2, sip_id="2002", name="Office")
    accounts = await grp.accounts()
    assert [account.id for account in accounts] == [1, 2, 3, 4]
    assert (accounts[1].sip_id, accounts[1].name, accounts[1].registered) == (
        "2002",
        "Office",
        True,
    )


@pytest.mark.parametrize(
    ("operation", "before", "after"),
    [
        (PhoneOperation.ACCEPT_CALL, "ring", LineState.CONNECTED),
        (PhoneOperation.REJECT_CALL, "ring", LineState.IDLE),
        (PhoneOperation.CANCEL, "ring", LineState.IDLE),
        (PhoneOperation.END_CALL, "talk", LineState.IDLE),
        (PhoneOperation.HOLD_CALL, "talk", LineState.ONHOLD),
    ],
)
async def test_phone_operation_boolean_body(
    grp: GrandstreamClient,
    grp_phone: SimulatedPhone,
    operation: PhoneOperation,
    before: str,
    after: LineState,
) -> None:
    grp_phone.ring(1, "5551234")
    if before == "talk":
        grp_phone.answer(1)
    await grp.phone_operation(operation)
    request = only_request(grp_phone, "api-phone_operation")
    assert request.items == guide(("cmd", operation.value))
    assert grp_phone.line(1).state is after


async def test_phone_operation_refused_false(
    grp: GrandstreamClient, grp_phone: SimulatedPhone
) -> None:
    with pytest.raises(GrandstreamCommandError, match=r"refused \(False\)"):
        await grp.phone_operation(PhoneOperation.ACCEPT_CALL)


async def test_unhold_line_as_grandstream_does(
    grp: GrandstreamClient, grp_phone: SimulatedPhone
) -> None:
    grp_phone.ring(3, "5551234")
    grp_phone.answer(3)
    grp_phone.hold(3)
    await grp.unhold_line(3)
    request = only_request(grp_phone, "api-phone_operation")
    assert request.items == guide(("cmd", "unhold"), ("arg", "3"))
    assert grp_phone.line(3).state is LineState.CONNECTED
    with pytest.raises(GrandstreamCommandError):
        await grp.unhold_line(3)  # nothing held: the phone answers false


async def test_make_call_on_an_account_zero_based(
    grp: GrandstreamClient, grp_phone: SimulatedPhone
) -> None:
    grp_phone.configure_account(2)
    assert await grp.make_call("3501", account=2) is DialMethod.MAKE_CALL
    request = only_request(grp_phone, "api-make_call")
    assert request.items == guide(("phonenumber", "3501"), ("account", "1"))
    assert grp_phone.line(1).account == 2
    with pytest.raises(GrandstreamValidationError):
        await grp.make_call("3501", account=0)
    with pytest.raises(GrandstreamValidationError):
        await grp.make_call("3501", handset=1, account=2)


async def test_make_call_default_account(
    grp: GrandstreamClient, grp_phone: SimulatedPhone
) -> None:
    assert await grp.make_call("3501") is DialMethod.MAKE_CALL
    assert only_request(grp_phone, "api-make_call").items == guide(
        ("phonenumber", "3501")
    )


async def test_make_call_on_an_account_never_falls_back_to_keys(
    grp: GrandstreamClient, grp_phone: SimulatedPhone
) -> None:
    grp_phone.click_to_dial = False
    with pytest.raises(GrandstreamClickToDialError, match="default account"):
        await grp.make_call("3501", account=2)
    assert grp_phone.requests_for("api-send_key") == []
    # Without an account, the keys dial as on a GXP.
    assert await grp.make_call("3501") is DialMethod.KEYS


async def test_send_keys_complete_or_unknown(
    grp: GrandstreamClient, grp_phone: SimulatedPhone
) -> None:
    await grp.send_keys(["MPK2", "OK", "UP"])
    assert only_request(grp_phone, "api-send_key").items == guide(
        ("keys", "MPK2:OK:UP")
    )
    grp_phone.ring(1, "5551234")
    await grp.send_keys("OFFHOOK")
    assert grp_phone.line(1).state is LineState.CONNECTED
    with pytest.raises(GrandstreamCommandError, match=r"refused \(unknown\)"):
        await grp.send_keys("LINE8")  # a GRP2614 has four lines


async def test_reboot_savereboot(
    grp: GrandstreamClient, grp_phone: SimulatedPhone
) -> None:
    await grp.reboot()
    request = only_request(grp_phone, "api-sys_operation")
    assert request.items == guide(("request", "REBOOT"))
    assert request.status == 200
    await grp_phone.wait_until_up(5)
    assert grp_phone.boot_count == 1


async def test_reboot_dropped_while_restarting_is_no_failure(
    grp: GrandstreamClient, grp_phone: SimulatedPhone
) -> None:
    grp_phone.reboot_drops_connection = True
    await grp.reboot()
    assert grp_phone.requests_for("api-sys_operation")[0].status is None
    await grp_phone.wait_until_up(5)
    assert grp_phone.boot_count == 1
    # Any other command dropped so is a failure: it may not have happened.
    await grp_phone.set_fault("reset", count=1)
    with pytest.raises(GrandstreamDroppedError):
        await grp.send_keys("VUP")


async def test_reboot_of_an_unreachable_phone_fails(
    grp: GrandstreamClient, grp_phone: SimulatedPhone
) -> None:
    await grp_phone.set_fault("connection_refused")
    with pytest.raises(GrandstreamConnectionError) as info:
        await grp.reboot()
    assert not isinstance(info.value, GrandstreamDroppedError)


async def test_factory_reset_answers_reset(
    grp: GrandstreamClient, grp_phone: SimulatedPhone
) -> None:
    await grp.factory_reset()
    assert only_request(grp_phone, "api-sys_operation").items == guide(
        ("request", "RESET")
    )
    await grp_phone.wait_until_up(5)


# ------------------------------------------------------------- identification


async def test_model_definition_without_login(
    grp: GrandstreamClient, grp_phone: SimulatedPhone
) -> None:
    assert await grp.model_definition() == ModelDefinition(model="GRP2614", accounts=4)
    (request,) = grp_phone.requests
    assert (request.path, request.items) == (MODEL_DEFINE, [])
    assert grp_phone.guard.total_failures == 0


@pytest.mark.parametrize("fault", ["http_404", "http_401", "html", "malformed_json"])
async def test_model_definition_missing_or_odd(
    grp: GrandstreamClient, grp_phone: SimulatedPhone, fault: str
) -> None:
    await grp_phone.set_fault(fault, count=1)
    assert await grp.model_definition() is None


async def test_model_definition_of_an_unreachable_phone_raises(
    grp: GrandstreamClient, grp_phone: SimulatedPhone
) -> None:
    await grp_phone.set_fault("connection_refused")
    with pytest.raises(GrandstreamConnectionError):
        await grp.model_definition()


async def test_identify_grp_by_its_model_with_one_passcode_use(
    grp: GrandstreamClient, grp_phone: SimulatedPhone
) -> None:
    assert await grp.identify() == PhoneIdentity(family=Family.GRP, model="GRP2614")
    assert _paths(grp_phone) == [MODEL_DEFINE, "/cgi-bin/api-get_phone_status"]


async def test_identify_grp_with_a_wrong_passcode_spends_one_attempt(
    session: aiohttp.ClientSession, grp_phone: SimulatedPhone
) -> None:
    client = make_client(session, grp_phone, "wrong", timeout=5)
    with pytest.raises(GrandstreamAuthenticationError):
        await client.identify()
    assert grp_phone.guard.total_failures == 1


async def test_identify_dp752_by_its_model(session: aiohttp.ClientSession) -> None:
    async with SimulatedPhone("dp", model="DP752", model_define=True) as phone:
        client = make_client(session, phone, phone.passcode, timeout=5)
        assert await client.identify() == PhoneIdentity(family=Family.DP, model="DP752")
        assert _paths(phone) == [MODEL_DEFINE, "/cgi-bin/api-get_hs_status"]


@pytest.mark.parametrize(
    ("family", "expected"), [("gxp", Family.GXP), ("dp", Family.DP)]
)
async def test_identify_without_model_file_by_cti(
    session: aiohttp.ClientSession, family: str, expected: Family
) -> None:
    async with SimulatedPhone(family) as phone:
        client = make_client(session, phone, phone.passcode, timeout=5)
        assert await client.identify() == PhoneIdentity(family=expected)


async def test_identify_model_of_no_known_family_falls_back_to_cti(
    session: aiohttp.ClientSession,
) -> None:
    # A WP826 names itself but speaks no passcode CTI this client knows: the
    # CTI answers decide (this simulated one answers as a GXP).
    async with SimulatedPhone("gxp", model="WP826", model_define=True) as phone:
        client = make_client(session, phone, phone.passcode, timeout=5)
        assert await client.identify() == PhoneIdentity(
            family=Family.GXP, model="WP826"
        )
