"""A DP752 base through Home Assistant: a DP75X base, shown as the model it names.

No capture of a DP752 exists: the simulated one answers as the DP750 does
(lineup.md), and says its model only where told (a push's $product, or a
model file no source says it serves).
"""

from __future__ import annotations

from aiohttp.test_utils import TestClient
from homeassistant.config_entries import SOURCE_USER
from homeassistant.const import CONF_HOST, CONF_PASSWORD, CONF_SSL, CONF_VERIFY_SSL
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.grandstream_cti.const import CONF_FAMILY, CONF_MODEL, DOMAIN
from simulator import LineState, SimulatedPhone
from tests.conftest import PASSCODE, poll, setup_entry
from tests.integration.helpers import (
    device_entry,
    device_id,
    point_phone_at,
    press,
    pushes_handled,
    sent,
    state_of,
)

pytestmark = pytest.mark.usefixtures("freezer")


@pytest.fixture
async def dp752(hass: HomeAssistant, dp752_entry: MockConfigEntry) -> MockConfigEntry:
    """The DP752 base, set up in Home Assistant."""
    return await setup_entry(hass, dp752_entry)


def _model(hass: HomeAssistant, entry: MockConfigEntry, hs: int | None = None) -> str:
    device = device_entry(hass, entry, hs)
    assert device is not None
    assert device.model is not None
    return device.model


@pytest.mark.parametrize(
    ("model_define", "title", "model"),
    [(True, "Grandstream DP752", "DP752"), (False, "Grandstream DP75x series", None)],
)
async def test_user_flow(
    hass: HomeAssistant, model_define: bool, title: str, model: str | None
) -> None:
    """Named by its model file where it serves one; else told a DP by CTI."""
    async with SimulatedPhone(
        "dp", model="DP752", passcode=PASSCODE, model_define=model_define
    ) as phone:
        result = await hass.config_entries.flow.async_init(
            DOMAIN, context={"source": SOURCE_USER}
        )
        result = await hass.config_entries.flow.async_configure(
            result["flow_id"],
            {
                CONF_HOST: phone.host,
                CONF_PASSWORD: PASSCODE,
                CONF_SSL: False,
                CONF_VERIFY_SSL: False,
            },
        )
        await hass.async_block_till_done()

        assert result["type"] is FlowResultType.CREATE_ENTRY
        assert result["title"] == f"{title} ({phone.host})"
        assert result["data"][CONF_FAMILY] == "dp"
        assert result["data"].get(CONF_MODEL) == model
        entry = result["result"]
        # Never the DP750 it is taken to answer as.
        assert _model(hass, entry) == (model or "DP75x series")
        assert device_entry(hass, entry, 1) is not None
        await hass.config_entries.async_unload(entry.entry_id)


async def test_push_names_the_dp752(
    hass: HomeAssistant,
    dp752_phone: SimulatedPhone,
    dp752: MockConfigEntry,
    http: TestClient,
) -> None:
    """Without a model file, the device shows the model the phone's push names."""
    entry = dp752
    assert _model(hass, entry) == "DP75x series"
    point_phone_at(hass, dp752_phone, entry, http)

    dp752_phone.ring(1, "5551234", hs=1)
    await pushes_handled(hass, dp752_phone)
    await poll(hass, entry)

    assert _model(hass, entry) == "DP752"
    assert _model(hass, entry, 1) == "DECT handset"
    assert state_of(hass, "sensor.grandstream_dp_handset_1_call_state").state == (
        "ringing"
    )


@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_handset_buttons_and_actions(
    hass: HomeAssistant, dp752_phone: SimulatedPhone, dp752: MockConfigEntry
) -> None:
    entry = dp752
    dp752_phone.ring(1, "5551234", hs=2)
    await poll(hass, entry)

    await press(hass, "button.grandstream_dp_handset_2_answer")

    assert sent(dp752_phone, "api-device_operation") == [
        {"hs": "2", "line": "1", "cmd": "acceptcall"}
    ]
    assert dp752_phone.line(1, hs=2).state is LineState.CONNECTED
    await hass.services.async_call(
        DOMAIN,
        "make_call",
        {"device_id": device_id(hass, entry, 1), "number": "3501"},
        blocking=True,
    )
    assert sent(dp752_phone, "api-make_call") == [{"hs": "1", "phonenumber": "3501"}]
