"""Tests of the diagnostics: what the phone told us, nothing private."""

from __future__ import annotations

from dataclasses import replace
import json

from homeassistant.components.diagnostics import REDACTED
from homeassistant.const import CONF_WEBHOOK_ID
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator
from syrupy.assertion import SnapshotAssertion
from syrupy.filters import props

from custom_components.grandstream_cti.cti import LineStatus, SipAccount
from custom_components.grandstream_cti.cti.calls import Station
from simulator import SimulatedPhone
from tests.conftest import PASSCODE, poll

# Polls move the clock (tests.conftest.poll).
pytestmark = pytest.mark.usefixtures("freezer")

NUMBER = "+4930987654"
NAME = "Mallory Private"
ACCOUNT = "4930555"
# Changes with every run.
VOLATILE = props("created_at", "modified_at")


def assert_private(text: str, phone: SimulatedPhone, entry: MockConfigEntry) -> None:
    """Nothing secret or personal is in the diagnostics."""
    for private in (
        PASSCODE,
        phone.host,
        f":{phone.port}",
        entry.data[CONF_WEBHOOK_ID],
        entry.title,
        NUMBER,
        NAME,
    ):
        assert private not in text, private


@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_gxp_diagnostics(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    snapshot: SnapshotAssertion,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
) -> None:
    """Diagnostics of a GXP phone with a call ringing (the Phone status sensor
    enabled, so that the phone status is read)."""
    gxp_phone.ring(2, NUMBER, NAME)
    await poll(hass, gxp)

    diagnostics = await get_diagnostics_for_config_entry(hass, hass_client, gxp)

    assert diagnostics == snapshot(exclude=VOLATILE)
    assert diagnostics["events"]
    assert_private(json.dumps(diagnostics), gxp_phone, gxp)


async def test_unknown_fields_and_accounts_are_private(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
) -> None:
    """Of the fields a phone sends that the models do not know, only the names.

    A line's account is the SIP user on some firmware: private too.
    """
    coordinator = gxp.runtime_data
    line = LineStatus(
        line=1,
        raw_state="ringing",
        account=ACCOUNT,
        extra={"displayname": NAME, "remoteuri": f"sip:{NUMBER}@pbx"},
    )
    coordinator.async_set_updated_data(
        replace(
            coordinator.data,
            stations={None: Station(handset=None, lines=(line,))},
            sip_accounts=(SipAccount(id=1, extra={"auth_id": ACCOUNT}),),
        )
    )

    diagnostics = await get_diagnostics_for_config_entry(hass, hass_client, gxp)

    text = json.dumps(diagnostics)
    assert_private(text, gxp_phone, gxp)
    assert ACCOUNT not in text
    [station] = diagnostics["stations"]
    assert station["lines"][0]["extra"] == {
        "displayname": REDACTED,
        "remoteuri": REDACTED,
    }
    assert station["lines"][0]["account"] == REDACTED
    assert diagnostics["sip_accounts"][0]["extra"] == {"auth_id": REDACTED}


async def test_dp_diagnostics(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    snapshot: SnapshotAssertion,
    dp_phone: SimulatedPhone,
    dp: MockConfigEntry,
) -> None:
    """Diagnostics of a DP base with a call ringing on a handset."""
    dp_phone.ring(1, NUMBER, NAME, hs=2)
    await poll(hass, dp)

    diagnostics = await get_diagnostics_for_config_entry(hass, hass_client, dp)

    assert diagnostics == snapshot(exclude=VOLATILE)
    assert diagnostics["events"]
    assert_private(json.dumps(diagnostics), dp_phone, dp)
