"""Fixtures of the voice command tests: Assist in a language, and the phones named.

A test module picks the language by parametrizing `language` (English
otherwise).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
import shutil

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components import conversation
from homeassistant.core import HomeAssistant
from homeassistant.helpers import area_registry as ar, device_registry as dr
from homeassistant.setup import async_setup_component
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from simulator import SimulatedPhone

from .helpers import device_id
from .voice import HOUSEHOLDS, SENTENCES


@pytest.fixture
def language() -> str:
    """The language spoken to Assist."""
    return "en"


@pytest.fixture
def config_dir(tmp_path: Path, language: str) -> Path:
    """A configuration folder with the language's sentences where users put them."""
    folder = tmp_path / "custom_sentences" / language
    folder.mkdir(parents=True)
    shutil.copy(SENTENCES / language / "grandstream_cti.yaml", folder)
    return tmp_path


@pytest.fixture
async def assist(hass: HomeAssistant, config_dir: Path, language: str) -> None:
    """Assist, reading custom sentences from config_dir; Home Assistant in language.

    Set before the phones: their handsets are named in the language.
    """
    hass.config.config_dir = str(config_dir)
    hass.config.language = language
    assert await async_setup_component(hass, "homeassistant", {})
    assert await async_setup_component(hass, conversation.DOMAIN, {})
    # Load the sentences now: the first sentence spoken would take seconds.
    await conversation.async_prepare_agent(hass, None, language)
    await hass.async_block_till_done()


@pytest.fixture
async def phones(
    hass: HomeAssistant,
    *,
    language: str,
    assist: None,
    gxp: MockConfigEntry,
    dp: MockConfigEntry,
    gxp_phone: SimulatedPhone,
    dp_phone: SimulatedPhone,
) -> None:
    """Both phones, named and placed as a user of the language would (Household)."""
    household = HOUSEHOLDS[language]
    areas = ar.async_get(hass)
    devices = dr.async_get(hass)
    office = areas.async_create(household.office)
    hall = areas.async_create(household.hall)
    kitchen = areas.async_create(household.kitchen, aliases={"cuisine"})
    devices.async_update_device(
        device_id(hass, gxp), name_by_user=household.desk, area_id=office.id
    )
    devices.async_update_device(device_id(hass, dp), area_id=hall.id)
    devices.async_update_device(device_id(hass, dp, 1), area_id=kitchen.id)
    gxp_phone.clear_requests()
    dp_phone.clear_requests()


@pytest.fixture
def nine_o_clock(hass: HomeAssistant, freezer: FrozenDateTimeFactory) -> datetime:
    """09:00 local time (the phones are set up later: polls move the clock)."""
    start = datetime(2026, 12, 1, 9, 0, tzinfo=dt_util.get_default_time_zone())
    freezer.move_to(start)
    return start
