"""Tests of the diagnostics: what the phone told us, nothing private."""

from __future__ import annotations

import json

from homeassistant.const import CONF_WEBHOOK_ID
from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator
from syrupy.assertion import SnapshotAssertion
from syrupy.filters import props

from simulator import SimulatedPhone
from tests.conftest import PASSCODE, poll

NUMBER = "+4930987654"
NAME = "Mallory Private"
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


async def test_gxp_diagnostics(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    snapshot: SnapshotAssertion,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
) -> None:
    """Diagnostics of a GXP phone with a call ringing."""
    gxp_phone.ring(2, NUMBER, NAME)
    await poll(hass, gxp)

    diagnostics = await get_diagnostics_for_config_entry(hass, hass_client, gxp)

    assert diagnostics == snapshot(exclude=VOLATILE)
    assert diagnostics["events"]
    assert_private(json.dumps(diagnostics), gxp_phone, gxp)


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
