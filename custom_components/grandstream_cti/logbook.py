"""Call events in the logbook, in words: "Kitchen handset missed a call from Alice".

Plain English, as core's logbook platforms describe their events: the logbook
has no translations for them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from homeassistant.components.logbook.const import (
    LOGBOOK_ENTRY_ENTITY_ID,
    LOGBOOK_ENTRY_MESSAGE,
    LOGBOOK_ENTRY_NAME,
)
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import ATTR_DEVICE_ID, ATTR_ENTITY_ID
from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.helpers import device_registry as dr, entity_registry as er

from .const import DOMAIN, EVENT_CALL
from .coordinator import GrandstreamConfigEntry
from .cti.calls import CallEventType

# What the phone did, after its name; {party} is the other side of the call.
_MESSAGES: Mapping[str, str] = {
    CallEventType.INCOMING: "was called by {party}",
    CallEventType.OUTGOING: "called {party}",
    CallEventType.ANSWERED: "was connected with {party}",
    CallEventType.ENDED: "ended the call with {party}",
    CallEventType.MISSED: "missed a call from {party}",
    CallEventType.REJECTED: "declined a call from {party}",
    CallEventType.ANSWERED_ELSEWHERE: (
        "stopped ringing: the call from {party} was answered on another phone"
    ),
}
# Which of its numbers was called, or called from.
_ACCOUNT_WORDS: Mapping[str, str] = {
    CallEventType.INCOMING: " on {account}",
    CallEventType.MISSED: " on {account}",
    CallEventType.REJECTED: " on {account}",
    CallEventType.OUTGOING: " from {account}",
}
_UNKNOWN_DEVICE = "Grandstream phone"


def _both(name: str | None, number: str | None) -> str:
    """`Alice (+4930123456)`, or whichever of the two is known."""
    if name and number:
        return f"{name} ({number})"
    return name or number or ""


def describe_call(data: Mapping[str, Any], *, name_account: bool = True) -> str:
    """A call event's data in words: `missed a call from Alice (+4930123456)`.

    With name_account, also the account it was on: ` on Home (+4930555)`.
    """
    # Anyone may fire this event type: what is not ours still gets words.
    event_type = str(data.get("event_type"))
    party = _both(data.get("name"), data.get("number")) or "an unknown number"
    message = _MESSAGES.get(event_type, "had a call with {party}").format(party=party)
    account = _both(data.get("account_name"), data.get("local_number"))
    if name_account and account and (words := _ACCOUNT_WORDS.get(event_type)):
        message += words.format(account=account)
    return message


def _several_accounts(hass: HomeAssistant, entity_id: str | None) -> bool:
    """Whether the phone of the event's entity has accounts to tell apart.

    A phone that lists one account has one number: saying it on every line
    of its calls tells nothing. One that lists none (older GXP firmware) may
    have several: the account is said.
    """
    entity = er.async_get(hass).async_get(entity_id) if entity_id else None
    entry: GrandstreamConfigEntry | None = (
        hass.config_entries.async_get_entry(entity.config_entry_id)
        if entity and entity.platform == DOMAIN and entity.config_entry_id
        else None
    )
    if entry is None or entry.state is not ConfigEntryState.LOADED:
        return True
    accounts = entry.runtime_data.data.sip_accounts
    return sum(1 for account in accounts if account.sip_id) != 1


@callback
def async_describe_events(
    hass: HomeAssistant,
    async_describe_event: Callable[[str, str, Callable[[Event], dict[str, str]]], None],
) -> None:
    """Describe the call events: the phone or handset's name, then what it did."""
    devices = dr.async_get(hass)

    @callback
    def async_describe_call(event: Event) -> dict[str, str]:
        data = event.data
        device = devices.async_get(data.get(ATTR_DEVICE_ID) or "")
        several = _several_accounts(hass, data.get(ATTR_ENTITY_ID))
        description = {
            LOGBOOK_ENTRY_NAME: (device and (device.name_by_user or device.name))
            or _UNKNOWN_DEVICE,
            LOGBOOK_ENTRY_MESSAGE: describe_call(data, name_account=several),
        }
        if entity_id := data.get(ATTR_ENTITY_ID):
            description[LOGBOOK_ENTRY_ENTITY_ID] = entity_id
        return description

    async_describe_event(DOMAIN, EVENT_CALL, async_describe_call)
