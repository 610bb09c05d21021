"""Which entities a phone registers disabled: the less used ones, so as to spend less."""

from __future__ import annotations

from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

# Mid-call controls few use: the send_keys action does all they do.
_CALL_BUTTONS = ("mute", "speaker")
_GXP_KEY_BUTTONS = (
    "headset",
    "volume_up",
    "volume_down",
    "voicemail",
    "conference",
    "transfer",
)


def _station(device: str) -> set[str]:
    """The disabled entities of a GXP phone's or a DP handset's device."""
    return {f"button.{device}_{key}" for key in _CALL_BUTTONS}


GXP_DISABLED = (
    _station("grandstream_gxp")
    | {f"button.grandstream_gxp_{key}" for key in _GXP_KEY_BUTTONS}
    | {f"sensor.grandstream_gxp_line_{line}" for line in (1, 2, 3)}
    | {"sensor.grandstream_gxp_phone_status"}
)
# Handsets 1 and 2 paired, account 1 the only one switched on: line 1 only.
DP_DISABLED = {
    entity_id
    for handset in (1, 2)
    for entity_id in (
        *_station(f"grandstream_dp_handset_{handset}"),
        f"sensor.grandstream_dp_handset_{handset}_line_1",
        f"binary_sensor.grandstream_dp_handset_{handset}_paired",
    )
}


@pytest.fixture(params=["gxp", "dp"])
def entry_and_disabled(
    request: pytest.FixtureRequest,
) -> tuple[MockConfigEntry, set[str]]:
    """The GXP phone or the DP base set up, and the entities it has disabled."""
    entry: MockConfigEntry = request.getfixturevalue(request.param)
    return entry, GXP_DISABLED if request.param == "gxp" else DP_DISABLED


async def test_disabled_by_default(
    hass: HomeAssistant,
    entity_registry: er.EntityRegistry,
    entry_and_disabled: tuple[MockConfigEntry, set[str]],
) -> None:
    """Exactly these entities are registered disabled; every other one enabled."""
    entry, disabled = entry_and_disabled
    entities = er.async_entries_for_config_entry(entity_registry, entry.entry_id)

    assert {entity.entity_id for entity in entities if entity.disabled} == disabled
    assert {entity.disabled_by for entity in entities} == {
        er.RegistryEntryDisabler.INTEGRATION,
        None,
    }
    for entity in entities:
        assert (hass.states.get(entity.entity_id) is None) == entity.disabled
