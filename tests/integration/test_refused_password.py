"""Refused passwords as real phones answer them, from setup to a running phone.

A GXP1625 on firmware 1.0.7.81 was captured answering a refused login (or an
expired session) {"response":"success", "body":"unauthorized"}: "success", and
no phone status. A phone that locked the account after too many failures says
"locked", which the user must see: it needs a wait, not another password.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from homeassistant.config_entries import SOURCE_REAUTH, SOURCE_USER
from homeassistant.const import (
    CONF_HOST,
    CONF_PASSWORD,
    CONF_SSL,
    CONF_VERIFY_SSL,
    STATE_UNAVAILABLE,
)
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.exceptions import HomeAssistantError
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.grandstream_cti.const import DOMAIN
from simulator import AuthFailureStyle, SimulatedPhone
from tests.conftest import PASSCODE, phone_entry, poll, setup_entry
from tests.integration.helpers import phone_entity_states, press

# Polls move the clock (tests.conftest.poll).
pytestmark = pytest.mark.usefixtures("freezer")


@pytest.fixture(
    params=[AuthFailureStyle.SUCCESS_UNAUTHORIZED, AuthFailureStyle.SUCCESS_FORBIDDEN]
)
async def gxp1625(request: pytest.FixtureRequest) -> AsyncIterator[SimulatedPhone]:
    """A GXP1625 that refuses a password with "success" and a word."""
    async with SimulatedPhone(
        "gxp", passcode=PASSCODE, model="GXP1625", auth_failure=request.param
    ) as phone:
        yield phone


def reauth_flows(hass: HomeAssistant, entry: MockConfigEntry) -> list[Any]:
    """The reauth flows in progress for entry."""
    return list(entry.async_get_active_flows(hass, {SOURCE_REAUTH}))


async def test_setup_form_refuses_the_password(
    hass: HomeAssistant, gxp1625: SimulatedPhone
) -> None:
    """The form says the password was refused; no entry is made of the phone."""
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_USER}
    )
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {
            CONF_HOST: gxp1625.host,
            CONF_PASSWORD: "wrong",
            CONF_SSL: False,
            CONF_VERIFY_SSL: False,
        },
    )

    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "invalid_auth"}
    assert gxp1625.guard.total_failures == 1
    assert hass.config_entries.async_entries(DOMAIN) == []


async def test_password_changed_while_running(
    hass: HomeAssistant, gxp1625: SimulatedPhone
) -> None:
    """The next poll starts the reauth, and the phone shows no made-up state."""
    entry = await setup_entry(hass, phone_entry(gxp1625, "gxp"))
    gxp1625.change_passcode("changed")

    await poll(hass, entry)

    assert len(reauth_flows(hass, entry)) == 1
    assert set(phone_entity_states(hass, entry).values()) == {STATE_UNAVAILABLE}
    assert gxp1625.guard.total_failures == 1


@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_press_refused_for_the_password(
    hass: HomeAssistant, gxp1625: SimulatedPhone
) -> None:
    """A press the phone refuses with "unauthorized" names it and asks again."""
    entry = await setup_entry(hass, phone_entry(gxp1625, "gxp"))
    gxp1625.change_passcode("changed")
    gxp1625.clear_requests()
    word = str(gxp1625.auth_failure).removeprefix("success_")

    with pytest.raises(HomeAssistantError) as err:
        await press(hass, "button.grandstream_gxp_mute")

    assert err.value.translation_key == "invalid_auth"
    assert err.value.translation_placeholders == {
        "error": f"api-send_key: the phone refused the passcode ({word})"
    }
    await hass.async_block_till_done()
    assert len(reauth_flows(hass, entry)) == 1
    assert gxp1625.station().keys == []
    assert gxp1625.requests_for("api-send_key")[0].authorized is False


@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_locked_phone_says_locked(
    hass: HomeAssistant, gxp_phone: SimulatedPhone, gxp: MockConfigEntry
) -> None:
    """A lock-out is told from a typo: the phone's word is in the error."""
    gxp_phone.guard.max_failures = 1
    gxp_phone.guard.check("a guess")
    assert gxp_phone.locked

    with pytest.raises(HomeAssistantError) as err:
        await press(hass, "button.grandstream_gxp_mute")

    assert err.value.translation_key == "invalid_auth"
    assert str(err.value) == (
        "The phone refused the password (api-get_line_status: the phone refused "
        "the passcode (locked)). Re-enter it in the integration's settings"
    )
