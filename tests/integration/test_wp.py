"""A WP826 through Home Assistant: its web account, entities, buttons, actions, push.

The simulated WP826 answers as lineup.md gives it: a login with the
challenge, one session per account, sessions that end.
"""

from __future__ import annotations

import asyncio
from http import HTTPStatus
import json
import logging
from typing import Any

from aiohttp.test_utils import TestClient
from homeassistant.config_entries import SOURCE_REAUTH, SOURCE_USER, ConfigEntryState
from homeassistant.const import (
    CONF_HOST,
    CONF_PASSWORD,
    CONF_SSL,
    CONF_USERNAME,
    CONF_VERIFY_SSL,
)
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers import issue_registry as ir
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.grandstream_cti.const import CONF_FAMILY, CONF_MODEL, DOMAIN
from custom_components.grandstream_cti.webhook import push_urls
from simulator import FaultMode, LineState, SimulatedPhone
from tests.conftest import PASSCODE, phone_entry, poll, setup_entry
from tests.integration.helpers import (
    device_entry,
    device_id,
    options_step,
    point_phone_at,
    press,
    pushes_handled,
    rendered_description,
    state_of,
)
from tests.integration.test_action_url_file import file_path, slots_in, slots_listed

pytestmark = pytest.mark.usefixtures("freezer", "entity_registry_enabled_by_default")

MODEL_DEFINE = "/json/configs/model.define.js"


@pytest.fixture
async def wp(hass: HomeAssistant, wp_entry: MockConfigEntry) -> MockConfigEntry:
    """The WP826's entry, set up (logged in as admin)."""
    return await setup_entry(hass, wp_entry)


def _sent(phone: SimulatedPhone, function: str) -> list[dict[str, str]]:
    """The form of each request of function, but the session."""
    return [
        {name: value for name, value in request.params.items() if name != "sid"}
        for request in phone.requests_for(function)
    ]


def _logins(phone: SimulatedPhone) -> int:
    return len(phone.requests_for("dologin"))


async def _user_flow(hass: HomeAssistant, phone: SimulatedPhone) -> Any:
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_USER}
    )
    return await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {
            CONF_HOST: phone.host,
            CONF_PASSWORD: "typed before the phone was known",
            CONF_SSL: False,
            CONF_VERIFY_SSL: False,
        },
    )


# ------------------------------------------------------------------ config flow


async def test_user_flow_asks_a_wp_for_its_web_account(
    hass: HomeAssistant, wp_phone: SimulatedPhone
) -> None:
    """The model file names a WP: no login until the account is given."""
    result = await _user_flow(hass, wp_phone)

    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "web_account"
    assert [request.path for request in wp_phone.requests] == [MODEL_DEFINE]
    description = await rendered_description(hass, "config", result)
    assert wp_phone.host in description
    assert "one session per account" in description

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_USERNAME: "admin", CONF_PASSWORD: PASSCODE}
    )
    await hass.async_block_till_done()

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == f"Grandstream WP826 ({wp_phone.host})"
    data = result["data"]
    assert (data[CONF_FAMILY], data[CONF_MODEL], data[CONF_USERNAME]) == (
        "wp",
        "WP826",
        "admin",
    )
    assert data[CONF_PASSWORD] == PASSCODE
    device = device_entry(hass, result["result"])
    assert device is not None
    assert device.model == "WP826"


async def test_desk_phone_is_asked_no_user_name(
    hass: HomeAssistant, grp_phone: SimulatedPhone
) -> None:
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_USER}
    )
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {
            CONF_HOST: grp_phone.host,
            CONF_PASSWORD: PASSCODE,
            CONF_SSL: False,
            CONF_VERIFY_SSL: False,
        },
    )
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert CONF_USERNAME not in result["data"]


async def test_web_account_wrong_password_one_attempt(
    hass: HomeAssistant, wp_phone: SimulatedPhone
) -> None:
    result = await _user_flow(hass, wp_phone)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_USERNAME: "admin", CONF_PASSWORD: "wrong"}
    )

    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "invalid_auth"}
    assert wp_phone.web.refused_logins == 1
    assert _logins(wp_phone) == 1


# ---------------------------------------------------------------- entities


async def test_entities_of_a_wp(
    hass: HomeAssistant, wp_phone: SimulatedPhone, wp: MockConfigEntry
) -> None:
    """Call state, lines, battery and restart; no DND, which it offers no command for."""
    wp_phone.ring(2, "5551234", "Alice")
    await poll(hass, wp)

    call_state = state_of(hass, "sensor.grandstream_wp_call_state")
    assert call_state.state == "ringing"
    assert call_state.attributes["remote_number"] == "5551234"
    assert call_state.attributes["account"] == 1
    assert state_of(hass, "sensor.grandstream_wp_line_2").state == "ringing"
    assert state_of(hass, "sensor.grandstream_wp_line_4").state == "idle"
    assert hass.states.get("sensor.grandstream_wp_line_5") is None
    battery = state_of(hass, "sensor.grandstream_wp_battery")
    assert battery.state == "95"
    assert battery.attributes["device_class"] == "battery"
    assert battery.attributes["unit_of_measurement"] == "%"
    assert hass.states.get("button.grandstream_wp_restart") is not None
    assert [s for s in hass.states.async_entity_ids("switch") if "_wp_" in s] == []
    assert _logins(wp_phone) == 1


async def test_battery_not_read_for_a_user_account(
    hass: HomeAssistant, wp_phone: SimulatedPhone
) -> None:
    """Only admin reads the battery (capture): a user's session asks it once."""
    entry = phone_entry(wp_phone, "wp", "WP826", "user")
    entry.add_to_hass(hass)
    hass.config_entries.async_update_entry(
        entry, data={**entry.data, CONF_PASSWORD: "123"}
    )
    await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.LOADED
    asked = len(wp_phone.requests_for("api-get_battery_status"))
    await poll(hass, entry, slow=True)
    await poll(hass, entry, slow=True)

    assert state_of(hass, "sensor.grandstream_wp_battery").state == "unknown"
    assert state_of(hass, "sensor.grandstream_wp_call_state").state == "idle"
    assert len(wp_phone.requests_for("api-get_battery_status")) == asked
    assert wp_phone.web.refused_logins == 0


# ---------------------------------------------------------- buttons, actions


async def test_answer_and_restart(
    hass: HomeAssistant, wp_phone: SimulatedPhone, wp: MockConfigEntry
) -> None:
    wp_phone.ring(1, "5551234")
    await poll(hass, wp)

    await press(hass, "button.grandstream_wp_answer")
    assert _sent(wp_phone, "api-phone_operation") == [{"cmd": "acceptcall"}]
    assert wp_phone.line(1).state is LineState.CONNECTED

    await press(hass, "button.grandstream_wp_restart")
    assert _sent(wp_phone, "api-sys_operation") == [{"request": "REBOOT"}]
    await wp_phone.wait_until_up(5)
    assert wp_phone.boot_count == 1


async def test_make_call_and_call_control(
    hass: HomeAssistant, wp_phone: SimulatedPhone, wp: MockConfigEntry
) -> None:
    wp_phone.configure_account(2)
    target = device_id(hass, wp)
    await hass.services.async_call(
        DOMAIN,
        "make_call",
        {"device_id": target, "number": "3501", "account": 2},
        blocking=True,
    )
    assert _sent(wp_phone, "api-make_call") == [{"phonenumber": "3501", "account": "1"}]
    wp_phone.remote_answer(1)
    await hass.services.async_call(
        DOMAIN,
        "call_control",
        {"device_id": target, "operation": "end"},
        blocking=True,
    )
    assert _sent(wp_phone, "api-phone_operation") == [{"cmd": "endcall"}]
    assert wp_phone.line(1).state is LineState.IDLE
    assert _logins(wp_phone) == 1


# -------------------------------------------------------------- the session


async def test_expired_session_one_new_login(
    hass: HomeAssistant, wp_phone: SimulatedPhone, wp: MockConfigEntry
) -> None:
    wp_phone.web.end_sessions()
    wp_phone.ring(1, "5551234")
    await poll(hass, wp)

    assert state_of(hass, "sensor.grandstream_wp_call_state").state == "ringing"
    assert _logins(wp_phone) == 2
    await poll(hass, wp)
    assert _logins(wp_phone) == 2


async def test_polls_racing_a_new_login_share_it(
    hass: HomeAssistant, wp_phone: SimulatedPhone, wp: MockConfigEntry
) -> None:
    wp_phone.web.end_sessions()
    coordinator = wp.runtime_data
    await asyncio.gather(coordinator.async_refresh(), coordinator.async_refresh())

    assert coordinator.last_update_success
    assert _logins(wp_phone) == 2


async def test_wrong_password_one_refused_login_then_reauth(
    hass: HomeAssistant, wp_phone: SimulatedPhone, wp: MockConfigEntry
) -> None:
    """The password changed on the phone: one refused login, then reauth."""
    wp_phone.change_passcode("new password")
    wp_phone.web.end_sessions()
    await poll(hass, wp)
    await poll(hass, wp)

    assert wp_phone.web.refused_logins == 1
    assert _logins(wp_phone) == 2
    flows = hass.config_entries.flow.async_progress_by_handler(DOMAIN)
    assert [flow["context"]["source"] for flow in flows] == [SOURCE_REAUTH]

    result = await hass.config_entries.flow.async_configure(
        flows[0]["flow_id"], {CONF_PASSWORD: "new password"}
    )
    await hass.async_block_till_done()
    assert result["reason"] == "reauth_successful"
    assert wp.data[CONF_USERNAME] == "admin"
    assert wp.state is ConfigEntryState.LOADED
    assert wp_phone.web.refused_logins == 1


async def test_unload_logs_out(
    hass: HomeAssistant, wp_phone: SimulatedPhone, wp: MockConfigEntry
) -> None:
    assert wp_phone.web.live_sessions == 1
    assert await hass.config_entries.async_unload(wp.entry_id)
    assert wp_phone.web.logouts == 1
    assert wp_phone.web.live_sessions == 0


async def test_sessions_taken_by_another_login_raise_a_repair(
    hass: HomeAssistant, wp_phone: SimulatedPhone, wp: MockConfigEntry
) -> None:
    issue_id = f"web_session_taken_{wp.entry_id}"
    for taken in range(3):
        assert ir.async_get(hass).async_get_issue(DOMAIN, issue_id) is None, taken
        wp_phone.web.person_logs_in("admin")
        await poll(hass, wp)

    issue = ir.async_get(hass).async_get_issue(DOMAIN, issue_id)
    assert issue is not None
    assert issue.translation_placeholders is not None
    assert issue.translation_placeholders["username"] == "admin"


async def test_secrets_never_logged(
    hass: HomeAssistant,
    wp_phone: SimulatedPhone,
    wp: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A failing read's log records name neither the password nor the session."""
    caplog.set_level(logging.DEBUG)
    sid = wp_phone.requests_for("api-get_line_status")[-1].params["sid"]
    await wp_phone.set_fault(FaultMode.RESET)
    await poll(hass, wp)
    await wp_phone.clear_fault()

    assert not wp.runtime_data.last_update_success
    assert "api-get_line_status" in caplog.text
    assert sid not in caplog.text
    assert PASSCODE not in caplog.text
    assert all(
        sid not in str(record.args) and PASSCODE not in str(record.args)
        for record in caplog.records
    )


# -------------------------------------------------------------------- push


async def test_action_urls_of_the_wp826(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    wp: MockConfigEntry,
) -> None:
    """The options and the file list the WP826's slots, with its variables."""
    listed = slots_listed(await options_step(hass, wp, "settings"))
    client = await hass_client()
    response = await client.get(file_path(wp))
    assert response.status == HTTPStatus.OK
    in_file = slots_in(await response.text())

    assert in_file == listed
    assert sorted(in_file) == sorted(["P8310", "P8311", "P8312", "P8313", "P8314"])
    urls = push_urls(hass, wp)
    assert in_file["P8310"] == urls["incoming"]
    assert urls["incoming"].endswith("?event=incoming&mac=$mac&remote=$remote")


async def test_push_rings_the_wp(
    hass: HomeAssistant,
    wp_phone: SimulatedPhone,
    wp: MockConfigEntry,
    http: TestClient,
) -> None:
    """The phone's Incoming Call push, with the WP826's variables, is taken."""
    point_phone_at(hass, wp_phone, wp, http)
    wp_phone.ring(1, "5551234")
    await pushes_handled(hass, wp_phone)

    assert state_of(hass, "sensor.grandstream_wp_call_state").state == "ringing"
    assert hass.states.get("sensor.grandstream_wp_last_push") is not None
    assert wp.unique_id == "00:0b:82:12:34:56"


async def test_reconfigure_asks_the_web_account_again(
    hass: HomeAssistant, wp_phone: SimulatedPhone, wp: MockConfigEntry
) -> None:
    """The address form first; then the account, the old user name suggested."""
    result = await wp.start_reconfigure_flow(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {
            CONF_HOST: wp_phone.host,
            CONF_PASSWORD: "not the account's",
            CONF_SSL: False,
            CONF_VERIFY_SSL: False,
        },
    )
    assert result["step_id"] == "web_account"
    schema = result["data_schema"]
    assert schema is not None
    suggested = {
        str(key): key.description["suggested_value"]
        for key in schema.schema
        if key.description
    }
    assert suggested == {CONF_USERNAME: "admin"}

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_USERNAME: "user", CONF_PASSWORD: "123"}
    )
    await hass.async_block_till_done()

    assert result["reason"] == "reconfigure_successful"
    assert (wp.data[CONF_USERNAME], wp.data[CONF_PASSWORD]) == ("user", "123")
    assert wp.state is ConfigEntryState.LOADED


async def test_diagnostics_keep_the_account_private(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    wp_phone: SimulatedPhone,
    wp: MockConfigEntry,
) -> None:
    sid = wp_phone.requests_for("api-get_line_status")[-1].params["sid"]
    dump = json.dumps(await get_diagnostics_for_config_entry(hass, hass_client, wp))

    assert PASSCODE not in dump
    assert sid not in dump
    assert '"username": "admin"' not in dump
