"""Repair issues: what the user must change on the phone itself.

And the fix flows of the repairs that offer the voice commands' sentences
(voice_commands.py raises them, voice_flow.py holds their steps).

Each is raised when the integration detects it and deleted when it is seen
fixed, one per phone (config entry). The text, in strings.json under
"issues", names the exact setting on the phone's web page.
"""

from __future__ import annotations

from enum import StrEnum

from homeassistant.components.repairs import RepairsFlow
from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import issue_registry as ir

from .const import DOMAIN
from .voice_commands import LEFT_ISSUE, OFFER_ISSUE
from .voice_flow import LeftSentencesFlow, SentencesOfferFlow


class Repair(StrEnum):
    """A setting of the phone that stops a feature; the translation key."""

    CLICK_TO_DIAL_OFF = "click_to_dial_off"
    CTI_DISABLED = "cti_disabled"
    DND_STATE_UNKNOWN = "dnd_state_unknown"
    ACTION_URLS_SILENT = "action_urls_silent"
    DUPLICATE_PHONE = "duplicate_phone"
    WEB_SESSION_TAKEN = "web_session_taken"


def repair_id(entry: ConfigEntry, repair: Repair) -> str:
    """The issue registry id of a repair of one phone."""
    return f"{repair}_{entry.entry_id}"


@callback
def async_raise_repair(
    hass: HomeAssistant,
    entry: ConfigEntry,
    repair: Repair,
    placeholders: dict[str, str] | None = None,
) -> None:
    """Show the repair for this phone (again, with current placeholders)."""
    ir.async_create_issue(
        hass,
        DOMAIN,
        repair_id(entry, repair),
        is_fixable=False,
        severity=ir.IssueSeverity.WARNING,
        translation_key=repair,
        translation_placeholders={"phone": entry.title, **(placeholders or {})},
    )


@callback
def async_clear_repair(hass: HomeAssistant, entry: ConfigEntry, repair: Repair) -> None:
    """The phone's setting was seen fixed: remove the repair, if shown."""
    ir.async_delete_issue(hass, DOMAIN, repair_id(entry, repair))


@callback
def async_clear_repairs(hass: HomeAssistant, entry: ConfigEntry) -> None:
    """Remove every repair of a phone that is removed from Home Assistant."""
    for repair in Repair:
        async_clear_repair(hass, entry, repair)


async def async_create_fix_flow(
    hass: HomeAssistant, issue_id: str, data: dict[str, str | int | float | None] | None
) -> RepairsFlow:
    """The flow of a repair the user can fix here: those of the voice commands."""
    if issue_id == OFFER_ISSUE:
        return SentencesOfferFlow()
    return LeftSentencesFlow(issue_id.removeprefix(f"{LEFT_ISSUE}_"))
