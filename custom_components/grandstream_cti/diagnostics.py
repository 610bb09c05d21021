"""Diagnostics of the Grandstream CTI integration."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from homeassistant.components.diagnostics import REDACTED, async_redact_data
from homeassistant.const import (
    CONF_HOST,
    CONF_PASSWORD,
    CONF_USERNAME,
    CONF_WEBHOOK_ID,
)
from homeassistant.core import HomeAssistant

from .coordinator import GrandstreamConfigEntry
from .cti import LineStatus
from .webhook import push_urls

# Who called whom, and where the phone and its accounts live, stay private.
TO_REDACT = {
    CONF_PASSWORD,
    # A WP's web account: a person's name, where someone named it so.
    CONF_USERNAME,
    CONF_HOST,
    CONF_WEBHOOK_ID,
    "title",
    "unique_id",
    "remote_name",
    "remote_number",
    "number",
    "name",
    "sip_id",
    "sip_server",
    # A call event's account: the phone's own number and its name.
    "local_number",
    "account_name",
    "remotename",
    "remotenum",
    "remotenumber",
}


def _model(model: Any) -> dict[str, Any]:
    """A model as a dict; of the fields the models do not know, only the names.

    A phone's unknown fields may hold anything, a caller included.
    """
    fields = asdict(model)
    if "extra" in fields:
        fields["extra"] = dict.fromkeys(fields["extra"], REDACTED)
    return fields


def _line(line: LineStatus) -> dict[str, Any]:
    """A line; the account it is on is the SIP user on some firmware."""
    fields = _model(line)
    if line.account:
        fields["account"] = REDACTED
    return fields


async def async_get_config_entry_diagnostics(
    hass: HomeAssistant, entry: GrandstreamConfigEntry
) -> dict[str, Any]:
    """What the phone told us, without secrets or personal data."""
    coordinator = entry.runtime_data
    data = coordinator.data
    webhook_id = entry.data[CONF_WEBHOOK_ID]
    return async_redact_data(
        {
            "entry": entry.as_dict(),
            "last_update_success": coordinator.last_update_success,
            "family": data.family.value,
            # JSON keys must be text: a GXP phone's station has no handset number.
            # Lines as a list: async_redact_data does not look inside tuples.
            "stations": [
                {**asdict(station), "lines": [_line(line) for line in station.lines]}
                for station in data.stations.values()
            ],
            "phone_status": data.phone_status and _model(data.phone_status),
            "handsets": [_model(handset) for handset in data.handsets.values()],
            "accounts": [_model(account) for account in data.accounts.values()],
            "sip_accounts": [_model(account) for account in data.sip_accounts],
            "events": [asdict(event) for event in data.events],
            # What the phone's Action URL slots should hold, less the secret id.
            "action_urls": {
                event: url.replace(webhook_id, REDACTED)
                for event, url in push_urls(hass, entry).items()
            },
        },
        TO_REDACT,
    )
