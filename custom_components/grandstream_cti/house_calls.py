"""The calls of every phone of the house, decided as one (cti/house.py)."""

from __future__ import annotations

from homeassistant.core import HomeAssistant
from homeassistant.helpers.singleton import singleton
from homeassistant.util.hass_dict import HassKey

from .const import DOMAIN
from .cti.house import HouseCalls
from .phonebook_store import async_get_phonebook

HOUSE_CALLS: HassKey[HouseCalls] = HassKey(f"{DOMAIN}_house_calls")


@singleton(HOUSE_CALLS, async_=True)
async def async_get_house_calls(hass: HomeAssistant) -> HouseCalls:
    """The rings of every phone, compared by caller as the phonebook compares them."""
    phonebook = await async_get_phonebook(hass)
    return HouseCalls(phonebook.call_key)
