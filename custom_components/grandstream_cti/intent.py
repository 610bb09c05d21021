"""Voice commands (Assist intents): Home Assistant's entry point to them.

The intents themselves are in the intents package.
"""

from __future__ import annotations

from homeassistant.core import HomeAssistant
from homeassistant.helpers import intent

from .intents import INTENT_DND_OFF, INTENT_DND_ON
from .intents.handlers import (
    CALL_CONTROLS,
    CallControlIntentHandler,
    DndIntentHandler,
    MakeCallIntentHandler,
    WhoIsCallingIntentHandler,
)
from .intents.missed_calls import (
    ClearMissedCallsIntentHandler,
    MissedCallsIntentHandler,
)


async def async_setup_intents(hass: HomeAssistant) -> None:
    """Register the intents; Home Assistant's intent integration calls this."""
    intent.async_register(hass, MakeCallIntentHandler())
    for control in CALL_CONTROLS:
        intent.async_register(hass, CallControlIntentHandler(control))
    intent.async_register(hass, DndIntentHandler(INTENT_DND_ON, on=True))
    intent.async_register(hass, DndIntentHandler(INTENT_DND_OFF, on=False))
    intent.async_register(hass, WhoIsCallingIntentHandler())
    intent.async_register(hass, MissedCallsIntentHandler())
    intent.async_register(hass, ClearMissedCallsIntentHandler())
