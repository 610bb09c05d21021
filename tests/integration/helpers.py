"""Helpers shared by the integration's tests (the fixtures are in tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Callable, Generator
import re
from typing import Any
from unittest.mock import patch

from aiohttp.test_utils import TestClient
from homeassistant.components.webhook import async_generate_path
from homeassistant.config_entries import ConfigFlowResult
from homeassistant.const import CONF_WEBHOOK_ID, Platform
from homeassistant.core import HomeAssistant, State
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers import device_registry as dr, entity_registry as er
from homeassistant.helpers.translation import async_get_translations
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.grandstream_cti.const import DOMAIN
from custom_components.grandstream_cti.webhook import push_urls
from simulator import SimulatedPhone

from ..conftest import poll


def only_platform(
    platform: Platform, *, autouse: bool = True
) -> Callable[[], Generator[None]]:
    """A fixture that sets up the one platform alone.

    Assign it in a test module: `only_switch_platform = only_platform(Platform.SWITCH)`.
    """

    @pytest.fixture(autouse=autouse)
    def only_this_platform() -> Generator[None]:
        with patch("custom_components.grandstream_cti.PLATFORMS", [platform]):
            yield

    only_this_platform.__doc__ = f"Set up the {platform} platform alone."
    return only_this_platform


def state_of(hass: HomeAssistant, entity_id: str) -> State:
    """The entity's state, which must exist."""
    state = hass.states.get(entity_id)
    assert state is not None
    return state


def entity_states(hass: HomeAssistant, entry: MockConfigEntry) -> dict[str, str]:
    """The state of each enabled entity of entry."""
    entities = er.async_entries_for_config_entry(er.async_get(hass), entry.entry_id)
    return {
        entity.entity_id: state.state
        for entity in entities
        if (state := hass.states.get(entity.entity_id)) is not None
    }


# What these entities show lives in Home Assistant: they stay available while
# the phone cannot be read.
KEPT_IN_HOME_ASSISTANT = (
    "_missed_calls",
    "_last_call",
    "_clear_missed_calls",
    "_last_push",
)


def phone_entity_states(hass: HomeAssistant, entry: MockConfigEntry) -> dict[str, str]:
    """The state of each enabled entity of entry that shows what the phone tells."""
    return {
        entity_id: state
        for entity_id, state in entity_states(hass, entry).items()
        if not entity_id.endswith(KEPT_IN_HOME_ASSISTANT)
    }


def device_entry(
    hass: HomeAssistant, entry: MockConfigEntry, hs: int | None = None
) -> dr.DeviceEntry | None:
    """The registry device of the phone or DP base, or of handset hs, if any.

    Looked up among the entry's devices: registry.async_get_device is
    deprecated from Home Assistant 2026.10, and its replacements do not exist
    in the oldest release the integration supports.
    """
    identifier = (DOMAIN, entry.entry_id if hs is None else f"{entry.entry_id}_hs{hs}")
    registry = dr.async_get(hass)
    found = [
        device
        for device in dr.async_entries_for_config_entry(registry, entry.entry_id)
        if identifier in device.identifiers
    ]
    assert len(found) <= 1, found
    return found[0] if found else None


def device_id(
    hass: HomeAssistant, entry: MockConfigEntry, hs: int | None = None
) -> str:
    """The registry id of the phone or DP base, or of handset hs, which must exist."""
    device = device_entry(hass, entry, hs)
    assert device is not None
    return device.id


def sent(phone: SimulatedPhone, function: str) -> list[dict[str, str]]:
    """The parameters of each request of a CTI function, but the passcode."""
    return [
        {name: value for name, value in request.params.items() if name != "passcode"}
        for request in phone.requests_for(function)
    ]


async def press(hass: HomeAssistant, entity_id: str) -> None:
    """Press a button, as the UI does."""
    await hass.services.async_call(
        "button", "press", {"entity_id": entity_id}, blocking=True
    )


def webhook_path(entry: MockConfigEntry) -> str:
    """The path of the entry's webhook, which the phone's pushes GET."""
    return async_generate_path(entry.data[CONF_WEBHOOK_ID])


def point_phone_at(
    hass: HomeAssistant, phone: SimulatedPhone, entry: MockConfigEntry, http: TestClient
) -> None:
    """Fill the phone's Action URL slots with the URLs the integration shows."""
    base = str(http.make_url(webhook_path(entry)))
    phone.action_url.set_templates(
        {
            event: base + "?" + url.split("?", 1)[1]
            for event, url in push_urls(hass, entry).items()
        }
    )


async def pushes_handled(hass: HomeAssistant, phone: SimulatedPhone) -> None:
    """Let the phone's pending pushes arrive and Home Assistant handle them."""
    await phone.action_url.drain()
    await hass.async_block_till_done()


async def pushed_and_polled(
    hass: HomeAssistant,
    phone: SimulatedPhone,
    entry: MockConfigEntry,
    *steps: Callable[[], object],
) -> None:
    """Each step on the phone, then its pushes handled, then a poll."""
    for step in steps:
        step()
        await pushes_handled(hass, phone)
        await poll(hass, entry)


async def rendered_description(
    hass: HomeAssistant, category: str, result: ConfigFlowResult | dict[str, Any]
) -> str:
    """A flow step's description as the frontend renders it, before Markdown.

    The frontend formats the translation with the step's placeholders (an
    ICU message: a placeholder is a name in braces, and its value goes in as
    it is), then renders the Markdown, which keeps HTML anchors.
    """
    key = f"component.{DOMAIN}.{category}.step.{result['step_id']}.description"
    texts = await async_get_translations(hass, "en", category, [DOMAIN])
    placeholders = result["description_placeholders"] or {}
    return re.sub(r"\{(\w+)\}", lambda name: placeholders[name[1]], texts[key])


async def options_step(
    hass: HomeAssistant, entry: MockConfigEntry, step: str
) -> ConfigFlowResult:
    """Open the entry's options and pick step from their menu, as a user does."""
    result = await hass.config_entries.options.async_init(entry.entry_id)
    assert result["type"] is FlowResultType.MENU
    assert step in result["menu_options"]
    return await hass.config_entries.options.async_configure(
        result["flow_id"], {"next_step_id": step}
    )
