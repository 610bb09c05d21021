"""What each entity does as Home Assistant's coordinator entities do: it hears
of the phone's new data while it is added, and update_entity reads the phone."""

from __future__ import annotations

from typing import Any
from unittest.mock import patch

from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.grandstream_cti.entity import GrandstreamEntity
from simulator import SimulatedPhone
from tests.conftest import poll

from .helpers import state_of

# Polls move the clock (tests.conftest.poll).
pytestmark = pytest.mark.usefixtures("freezer")

CALL_STATE = "sensor.grandstream_gxp_call_state"


async def test_update_entity_reads_the_phone(
    hass: HomeAssistant, gxp_phone: SimulatedPhone, gxp: MockConfigEntry
) -> None:
    """The update_entity action reads the phone once, and the entity shows it."""
    assert await async_setup_component(hass, "homeassistant", {})
    gxp_phone.clear_requests()
    gxp_phone.ring()

    await hass.services.async_call(
        "homeassistant", "update_entity", {"entity_id": CALL_STATE}, blocking=True
    )

    assert [request.function for request in gxp_phone.requests] == [
        "api-get_line_status"
    ]
    assert state_of(hass, CALL_STATE).state == "ringing"


async def test_a_disabled_entity_hears_no_more(
    hass: HomeAssistant,
    gxp_phone: SimulatedPhone,
    gxp: MockConfigEntry,
    entity_registry: er.EntityRegistry,
) -> None:
    """Disabled while the phone runs, an entity is told of no new data again
    (nor kept alive by its coordinator); the phone's other entities are."""
    entity_registry.async_update_entity(
        CALL_STATE, disabled_by=er.RegistryEntryDisabler.USER
    )
    await hass.async_block_till_done()
    told: list[str | None] = []
    showing = GrandstreamEntity._showing

    def recorded(entity: GrandstreamEntity) -> Any:
        told.append(entity.entity_id)
        return showing(entity)

    gxp_phone.ring()
    with patch.object(GrandstreamEntity, "_showing", recorded):
        await poll(hass, gxp)

    assert CALL_STATE not in told
    assert "binary_sensor.grandstream_gxp_ringing" in told
    assert hass.states.get(CALL_STATE) is None
    assert state_of(hass, "binary_sensor.grandstream_gxp_ringing").state == "on"
