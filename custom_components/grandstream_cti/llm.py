"""The phone intents as tools for conversation agents using the Assist API.

Home Assistant 2026.10 offers an agent only the tools that integrations return
from their llm platform. Older releases offered every registered intent by
themselves and have no llm integration, so they never load this module.
"""

from __future__ import annotations

from homeassistant.components.homeassistant.exposed_entities import async_should_expose
from homeassistant.components.llm import LLMTools
from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import entity_registry as er, intent
from homeassistant.helpers.llm import (
    LLM_API_ASSIST,
    IntentTool,
    LLMContext,
    Tool,
    ToolAnnotations,
)

from . import intents
from .const import DOMAIN

# A call reaches a person outside the house and cannot be taken back; a second
# make_call dials twice. Only "who is calling" and "missed calls" just read.
_ACTS = ToolAnnotations(destructive=True, idempotent=False, open_world=True)
_READS = ToolAnnotations(
    read_only=True, destructive=False, idempotent=True, open_world=False
)
# Home Assistant's own count: a second clear changes nothing.
_CLEARS = ToolAnnotations(destructive=True, idempotent=True, open_world=False)
TOOLS = {
    intents.INTENT_MAKE_CALL: ("Make a phone call", _ACTS),
    intents.INTENT_ANSWER: ("Answer the ringing phone", _ACTS),
    intents.INTENT_REJECT: ("Reject the ringing call", _ACTS),
    intents.INTENT_HANG_UP: ("Hang up", _ACTS),
    intents.INTENT_HOLD: ("Put the call on hold", _ACTS),
    intents.INTENT_RESUME: ("Resume the held call", _ACTS),
    intents.INTENT_DND_ON: ("Turn on do not disturb", _ACTS),
    intents.INTENT_DND_OFF: ("Turn off do not disturb", _ACTS),
    intents.INTENT_WHO_IS_CALLING: ("Who is calling", _READS),
    intents.INTENT_MISSED_CALLS: ("Missed calls", _READS),
    intents.INTENT_CLEAR_MISSED_CALLS: ("Clear the missed calls", _CLEARS),
}


@callback
def async_get_tools(
    hass: HomeAssistant, llm_context: LLMContext, api_id: str
) -> LLMTools | None:
    """The phone tools, while a phone is loaded and the user exposed it."""
    if api_id != LLM_API_ASSIST or not _any_phone_exposed(hass, llm_context):
        return None
    tools: list[Tool] = [
        IntentTool(
            f"{DOMAIN}__{handler.intent_type}",
            handler,
            title=TOOLS[handler.intent_type][0],
            integration=DOMAIN,
            annotations=TOOLS[handler.intent_type][1],
        )
        for handler in intent.async_get(hass)
        if handler.intent_type in TOOLS
    ]
    return LLMTools(tools=tools)


def _any_phone_exposed(hass: HomeAssistant, llm_context: LLMContext) -> bool:
    """Whether an entity of a loaded phone is exposed to the assistant."""
    registry = er.async_get(hass)
    return any(
        async_should_expose(hass, llm_context.assistant, entity.entity_id)
        for entry in hass.config_entries.async_entries(DOMAIN)
        if entry.state is ConfigEntryState.LOADED
        for entity in er.async_entries_for_config_entry(registry, entry.entry_id)
    )
