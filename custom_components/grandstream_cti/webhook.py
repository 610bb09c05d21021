"""Action URL receiver: the phone's pushes arrive at a local-only webhook."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
import re
from urllib.parse import unquote

from aiohttp import hdrs, web
from homeassistant.components import webhook
from homeassistant.config_entries import SOURCE_IGNORE
from homeassistant.const import CONF_WEBHOOK_ID
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.network import NoURLAvailableError

from .const import CONF_FAMILY, CONF_FIRMWARE, CONF_MODEL, DOMAIN, LOGGER
from .coordinator import GrandstreamConfigEntry
from .cti import Family
from .cti.calls import PushEvent
from .repairs import Repair, async_clear_repair, async_raise_repair

# The phone's Outbound Notification -> Action URL slot for each event.
ACTION_URL_SLOTS: Mapping[PushEvent, tuple[str, str]] = {
    PushEvent.INCOMING: ("P8310", "Incoming Call"),
    PushEvent.OUTGOING: ("P8311", "Outgoing Call"),
    PushEvent.MISSED: ("P8312", "Missed Call"),
    PushEvent.ESTABLISHED: ("P8313", "Established Call"),
    PushEvent.TERMINATED: ("P8314", "Terminated Call"),
    PushEvent.DND_ON: ("P8316", "Open DND"),
    PushEvent.DND_OFF: ("P8317", "Close DND"),
    PushEvent.HOLD: ("P8324", "Hold Call"),
    PushEvent.UNHOLD: ("P8325", "Unhold Call"),
    PushEvent.REGISTERED: ("P8305", "Registered"),
    PushEvent.UNREGISTERED: ("P8306", "Unregistered"),
}
# A WP826's slots (capture, lineup.md), for the events a push tells here:
# its Answered (P22171), Rejected (P8315), Busy (P8328) and Idle (P8329)
# announce nothing the polls do not show, and its DND On/Off (P8316/P8317)
# would feed a DND switch, which a WP has not (no command is known). No
# source gives its Hold, Unhold or registration slots.
WP_ACTION_URL_SLOTS: Mapping[PushEvent, tuple[str, str]] = {
    PushEvent.INCOMING: ("P8310", "Incoming Call"),
    PushEvent.OUTGOING: ("P8311", "Outgoing Call"),
    PushEvent.MISSED: ("P8312", "Missed Call"),
    PushEvent.ESTABLISHED: ("P8313", "Established Call"),
    PushEvent.TERMINATED: ("P8314", "Terminated Call"),
}
# $display_remote is left out on purpose: phones send its spaces raw, which
# breaks the request line; names come from line status instead. Variables
# nothing reads ($active_user, $phone_ip) are left out too: some phones take
# no URL longer than about 256 characters, and the webhook id alone is 64.
PUSH_QUERY = (
    "mac=$mac&remote=$remote&local=$local&product=$product&version=$program_version"
)
# A WP826's variables are $mac, $remote and $display_remote (capture).
WP_PUSH_QUERY = "mac=$mac&remote=$remote"
MAX_VALUE_LENGTH = 128
_MAC = re.compile(r"[0-9a-f]{12}")
_MAC_SEPARATORS = re.compile(r"[:\-.]")


@dataclass(frozen=True, slots=True, kw_only=True)
class Push:
    """One Action URL GET, read."""

    event: PushEvent
    mac: str | None
    remote: str
    # The phone's own number on the account of the call ($local).
    local: str = ""
    # The phone's model and firmware, as it names them ($product,
    # $program_version): what the CTI API never tells.
    product: str = ""
    program_version: str = ""


def _value(params: Mapping[str, str], name: str) -> str:
    """A variable's value; an unset variable arrives as its literal `$name`."""
    value = params.get(name, "").strip()
    if value.startswith("$") or len(value) > MAX_VALUE_LENGTH:
        return ""
    return value


def _device_value(params: Mapping[str, str], name: str) -> str:
    """A value the device page shows: bounded, and only printable characters."""
    value = _value(params, name)
    return value if value.isprintable() else ""


def parse_push(raw_query: str) -> Push | None:
    """Read a push's query string, None when it names no event we know.

    Decoded without turning `+` into a space: a number's leading `+` stays.
    """
    params: dict[str, str] = {}
    for part in raw_query.split("&"):
        name, _, value = part.partition("=")
        params.setdefault(unquote(name), unquote(value))
    try:
        event = PushEvent(params.get("event", "").strip().lower())
    except ValueError:
        return None
    mac = _MAC_SEPARATORS.sub("", _value(params, "mac")).lower()
    return Push(
        event=event,
        mac=mac if _MAC.fullmatch(mac) else None,
        remote=_value(params, "remote"),
        local=_value(params, "local"),
        product=_device_value(params, "product"),
        program_version=_device_value(params, "version"),
    )


def format_mac_colons(mac: str) -> str:
    """Twelve hex digits as the device registry spells a MAC."""
    return ":".join(mac[index : index + 2] for index in range(0, 12, 2))


def _is_wp(entry: GrandstreamConfigEntry) -> bool:
    return Family(entry.data[CONF_FAMILY]) is Family.WP


def action_url_slots(
    entry: GrandstreamConfigEntry,
) -> Mapping[PushEvent, tuple[str, str]]:
    """The phone's Action URL slot (P-value, name on its web page) of each event.

    None for a GRP26xx: no source gives its slots (lineup.md), and the GXP's
    P-values put into its file would be a guess. Such a phone is polled.
    """
    family = Family(entry.data[CONF_FAMILY])
    if family is Family.GRP:
        return {}
    return WP_ACTION_URL_SLOTS if family is Family.WP else ACTION_URL_SLOTS


def push_urls(hass: HomeAssistant, entry: GrandstreamConfigEntry) -> dict[str, str]:
    """The URL to paste into each Action URL slot of the phone."""
    query = WP_PUSH_QUERY if _is_wp(entry) else PUSH_QUERY
    webhook_id = entry.data[CONF_WEBHOOK_ID]
    try:
        base = webhook.async_generate_url(
            hass, webhook_id, allow_internal=True, prefer_external=False
        )
    except NoURLAvailableError:
        base = f"http://HOME_ASSISTANT_ADDRESS:8123{webhook.async_generate_path(webhook_id)}"
    return {
        event.value: f"{base}?event={event.value}&{query}"
        for event in action_url_slots(entry)
    }


@callback
def _async_learn_mac(
    hass: HomeAssistant, entry: GrandstreamConfigEntry, mac: str
) -> bool:
    """Teach an entry its phone's MAC from its first push; whether it took it.

    An entry that knows its MAC keeps it. One whose MAC another entry holds is
    a second entry for that phone: it gets a repair, not the MAC.
    """
    if entry.unique_id is not None:
        return False
    owner = hass.config_entries.async_entry_for_domain_unique_id(DOMAIN, mac)
    if owner is None:
        hass.config_entries.async_update_entry(entry, unique_id=mac)
        async_clear_repair(hass, entry, Repair.DUPLICATE_PHONE)
        return True
    if owner.source != SOURCE_IGNORE:
        async_raise_repair(
            hass, entry, Repair.DUPLICATE_PHONE, {"other": owner.title, "mac": mac}
        )
    return False


@callback
def _async_learn_model_and_firmware(
    hass: HomeAssistant, entry: GrandstreamConfigEntry, push: Push
) -> None:
    """Keep the model and firmware a push names, for the phone's device page.

    Kept in the entry, so that the device shows them again after a restart;
    the entry's update listener brings them to the device registry.
    """
    learned = {
        key: value
        for key, value in (
            (CONF_MODEL, push.product),
            (CONF_FIRMWARE, push.program_version),
        )
        if value
    }
    if any(entry.data.get(key) != value for key, value in learned.items()):
        hass.config_entries.async_update_entry(entry, data={**entry.data, **learned})


def async_register_webhook(hass: HomeAssistant, entry: GrandstreamConfigEntry) -> None:
    """Receive the phone's pushes until the entry unloads."""

    # MACs whose refused pushes were logged: a ringing phone pushes often.
    refused: set[str] = set()

    async def handle(
        hass: HomeAssistant, webhook_id: str, request: web.Request
    ) -> web.Response:
        push = parse_push(request.rel_url.raw_query_string)
        if push is None:
            LOGGER.debug("Ignoring a push with no known event from %s", request.remote)
            return web.Response(status=400)
        if push.mac is not None:
            mac = format_mac_colons(push.mac)
            if entry.unique_id != mac and not _async_learn_mac(hass, entry, mac):
                if mac not in refused:
                    refused.add(mac)
                    LOGGER.warning(
                        "%s refuses the Action URL pushes of the phone with MAC %s,"
                        " which is not its phone. Paste an entry's Action URLs (its"
                        " Configure page) into its own phone only",
                        entry.title,
                        mac,
                    )
                return web.Response(status=403)
        _async_learn_model_and_firmware(hass, entry, push)
        entry.runtime_data.async_handle_push(push.event, push.remote, local=push.local)
        return web.Response(status=200)

    webhook.async_register(
        hass,
        DOMAIN,
        f"Grandstream {entry.title}",
        entry.data[CONF_WEBHOOK_ID],
        handle,
        local_only=True,
        allowed_methods=[hdrs.METH_GET],
    )
    entry.async_on_unload(
        lambda: webhook.async_unregister(hass, entry.data[CONF_WEBHOOK_ID])
    )
