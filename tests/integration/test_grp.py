"""A GRP2614 through Home Assistant: config flow, device, entities, buttons, actions."""

from __future__ import annotations

from typing import Any
from unittest.mock import patch

from homeassistant.config_entries import SOURCE_USER
from homeassistant.const import (
    CONF_HOST,
    CONF_PASSWORD,
    CONF_SSL,
    CONF_VERIFY_SSL,
    Platform,
)
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import issue_registry as ir
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.grandstream_cti import PLATFORMS
from custom_components.grandstream_cti.const import CONF_FAMILY, CONF_MODEL, DOMAIN
from simulator import LineState, SimulatedPhone
from tests.conftest import (
    PASSCODE,
    SnapshotEntities,
    phone_entry,
    poll,
    setup_entry,
)
from tests.integration.helpers import (
    device_entry,
    device_id,
    press,
    sent,
    state_of,
)

# Polls move the clock (tests.conftest.poll); the lines' sensors and most
# buttons are disabled by default.
pytestmark = pytest.mark.usefixtures("freezer", "entity_registry_enabled_by_default")

MODEL_DEFINE = "/json/configs/model.define.js"


def _form(phone: SimulatedPhone, password: str = PASSCODE) -> dict[str, Any]:
    return {
        CONF_HOST: phone.host,
        CONF_PASSWORD: password,
        CONF_SSL: False,
        CONF_VERIFY_SSL: False,
    }


async def _user_flow(hass: HomeAssistant, form: dict[str, Any]) -> Any:
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_USER}
    )
    result = await hass.config_entries.flow.async_configure(result["flow_id"], form)
    await hass.async_block_till_done()
    return result


async def _call(hass: HomeAssistant, service: str, data: dict[str, Any]) -> None:
    await hass.services.async_call(DOMAIN, service, data, blocking=True)


# ------------------------------------------------------------------ config flow


async def test_user_flow_names_the_grp_by_its_model(
    hass: HomeAssistant, grp_phone: SimulatedPhone
) -> None:
    """The model file names the phone; one status read checks the password."""
    result = await _user_flow(hass, _form(grp_phone))

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == f"Grandstream GRP2614 ({grp_phone.host})"
    assert result["data"][CONF_FAMILY] == "grp"
    assert result["data"][CONF_MODEL] == "GRP2614"
    first = [request.path for request in grp_phone.requests[:2]]
    assert first == [MODEL_DEFINE, "/cgi-bin/api-get_phone_status"]
    entry = result["result"]
    device = device_entry(hass, entry)
    assert device is not None
    assert (device.name, device.model) == ("Grandstream GRP", "GRP2614")


async def test_user_flow_wrong_password_spends_one_attempt(
    hass: HomeAssistant, grp_phone: SimulatedPhone
) -> None:
    result = await _user_flow(hass, _form(grp_phone, "wrong"))

    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "invalid_auth"}
    assert grp_phone.guard.total_failures == 1


async def test_setup_finds_a_gxp_entry_to_be_a_grp(
    hass: HomeAssistant, grp_phone: SimulatedPhone
) -> None:
    """An entry added before models were read, as a GXP, learns what it is."""
    entry = await setup_entry(hass, phone_entry(grp_phone, "gxp"))
    await hass.async_block_till_done()

    assert (entry.data[CONF_FAMILY], entry.data[CONF_MODEL]) == ("grp", "GRP2614")
    assert entry.runtime_data.family == "grp"  # reloaded as a GRP
    device = device_entry(hass, entry)
    assert device is not None
    assert device.model == "GRP2614"
    # Asked once, without a passcode; known from then on.
    asked = [request for request in grp_phone.requests if request.path == MODEL_DEFINE]
    assert [request.items for request in asked] == [[]]


async def test_reconfigure_keeps_what_the_phone_names(
    hass: HomeAssistant, grp_phone: SimulatedPhone, grp: MockConfigEntry
) -> None:
    result = await grp.start_reconfigure_flow(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], _form(grp_phone)
    )
    await hass.async_block_till_done()

    assert result["reason"] == "reconfigure_successful"
    assert (grp.data[CONF_FAMILY], grp.data[CONF_MODEL]) == ("grp", "GRP2614")


async def test_reconfigure_a_base_to_a_grp_refused(
    hass: HomeAssistant,
    grp_phone: SimulatedPhone,
    dp_phone: SimulatedPhone,
    dp: MockConfigEntry,
) -> None:
    """A base's entry never becomes a desk phone's: its devices are handsets."""
    result = await dp.start_reconfigure_flow(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], _form(grp_phone)
    )

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "wrong_family"
    assert dp.data[CONF_FAMILY] == "dp"


# -------------------------------------------------------------------- entities


@pytest.mark.parametrize("platform", PLATFORMS)
async def test_entities(
    snapshot_entities: SnapshotEntities, grp_entry: MockConfigEntry, platform: Platform
) -> None:
    """The GRP2614's entities: a desk phone's, with its four lines."""
    with patch("custom_components.grandstream_cti.PLATFORMS", [platform]):
        await snapshot_entities(grp_entry)


async def test_every_line_the_phone_gives(
    hass: HomeAssistant, grp_phone: SimulatedPhone, grp: MockConfigEntry
) -> None:
    grp_phone.ring(4, "5551234", "Bob")
    await poll(hass, grp)

    assert state_of(hass, "sensor.grandstream_grp_line_4").state == "ringing"
    assert hass.states.get("sensor.grandstream_grp_line_5") is None
    call_state = state_of(hass, "sensor.grandstream_grp_call_state")
    assert call_state.state == "ringing"
    assert call_state.attributes["remote_number"] == "5551234"
    assert call_state.attributes["account"] == 1  # acct 0, counted from 0


async def test_phone_status_no_account_and_idle_call_allowed(
    hass: HomeAssistant, grp_phone: SimulatedPhone, grp: MockConfigEntry
) -> None:
    await poll(hass, grp)
    status = state_of(hass, "sensor.grandstream_grp_phone_status")
    assert status.state == "available"
    assert status.attributes["idle_call_allowed"] is True

    grp_phone.ring(1, "5551234")
    await poll(hass, grp)
    assert state_of(hass, "sensor.grandstream_grp_phone_status").state == "ringing"
    grp_phone.reject(1)

    grp_phone.configure_account(1, registered=False)
    await poll(hass, grp, slow=True)

    status = state_of(hass, "sensor.grandstream_grp_phone_status")
    # The phone's "unavailable", not Home Assistant's: the phone answers.
    assert status.state == "no_account"
    assert status.attributes["phone_state"] == "unavailable"
    assert status.attributes["idle_call_allowed"] is False


# --------------------------------------------------------------------- buttons


async def test_resume_unholds_the_held_line(
    hass: HomeAssistant, grp_phone: SimulatedPhone, grp: MockConfigEntry
) -> None:
    grp_phone.ring(3, "5551234")
    grp_phone.answer(3)
    grp_phone.hold(3)
    await poll(hass, grp)

    await press(hass, "button.grandstream_grp_resume")

    assert sent(grp_phone, "api-phone_operation") == [{"cmd": "unhold", "arg": "3"}]
    assert grp_phone.line(3).state is LineState.CONNECTED


@pytest.mark.parametrize(
    ("button", "cmd"),
    [("answer", "acceptcall"), ("decline", "rejectcall")],
)
async def test_call_buttons_boolean_answers(
    hass: HomeAssistant,
    grp_phone: SimulatedPhone,
    grp: MockConfigEntry,
    button: str,
    cmd: str,
) -> None:
    grp_phone.ring(1, "5551234")
    await poll(hass, grp)

    await press(hass, f"button.grandstream_grp_{button}")

    assert sent(grp_phone, "api-phone_operation") == [{"cmd": cmd}]


async def test_key_button(
    hass: HomeAssistant, grp_phone: SimulatedPhone, grp: MockConfigEntry
) -> None:
    await press(hass, "button.grandstream_grp_volume_up")
    assert sent(grp_phone, "api-send_key") == [{"keys": "VUP"}]


@pytest.mark.parametrize("drops", [False, True])
async def test_restart_savereboot_or_dropped(
    hass: HomeAssistant, grp_phone: SimulatedPhone, grp: MockConfigEntry, drops: bool
) -> None:
    """A phone that restarts before its answer is out has not failed to."""
    grp_phone.reboot_drops_connection = drops

    await press(hass, "button.grandstream_grp_restart")

    assert sent(grp_phone, "api-sys_operation") == [{"request": "REBOOT"}]
    assert grp_phone.requests_for("api-sys_operation")[0].status == (
        None if drops else 200
    )
    await grp_phone.wait_until_up(5)
    assert grp_phone.boot_count == 1


# --------------------------------------------------------------------- actions


async def test_make_call_on_a_chosen_account(
    hass: HomeAssistant, grp_phone: SimulatedPhone, grp: MockConfigEntry
) -> None:
    grp_phone.configure_account(2)

    await _call(
        hass,
        "make_call",
        {"device_id": device_id(hass, grp), "number": "3501", "account": 2},
    )

    assert sent(grp_phone, "api-make_call") == [{"phonenumber": "3501", "account": "1"}]
    assert grp_phone.line(1).account == 2
    await poll(hass, grp)
    call_state = state_of(hass, "sensor.grandstream_grp_call_state")
    assert (call_state.state, call_state.attributes["account"]) == ("dialing", 2)


async def test_make_call_on_an_account_with_click_to_dial_off(
    hass: HomeAssistant, grp_phone: SimulatedPhone, grp: MockConfigEntry
) -> None:
    """Keys would dial on the default account: the repair says what to switch on."""
    grp_phone.click_to_dial = False

    with pytest.raises(HomeAssistantError, match="Click-To-Dial") as info:
        await _call(
            hass,
            "make_call",
            {"device_id": device_id(hass, grp), "number": "3501", "account": 2},
        )

    assert info.value.translation_key == "click_to_dial_off"
    assert sent(grp_phone, "api-send_key") == []
    issue = ir.async_get(hass).async_get_issue(
        DOMAIN, f"click_to_dial_off_{grp.entry_id}"
    )
    assert issue is not None


async def test_account_refused_for_a_gxp(
    hass: HomeAssistant, gxp_phone: SimulatedPhone, gxp: MockConfigEntry
) -> None:
    with pytest.raises(ServiceValidationError) as info:
        await _call(
            hass,
            "make_call",
            {"device_id": device_id(hass, gxp), "number": "3501", "account": 2},
        )

    assert info.value.translation_key == "account_not_supported"
    assert gxp_phone.requests_for("api-make_call") == []


async def test_call_control_unhold(
    hass: HomeAssistant, grp_phone: SimulatedPhone, grp: MockConfigEntry
) -> None:
    grp_phone.ring(2, "5551234")
    grp_phone.answer(2)
    grp_phone.hold(2)
    await poll(hass, grp)

    await _call(
        hass,
        "call_control",
        {"device_id": device_id(hass, grp), "operation": "unhold"},
    )

    assert sent(grp_phone, "api-phone_operation") == [{"cmd": "unhold", "arg": "2"}]
