"""What a phone is asked of itself: which it is, and whether it takes the password."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import CONF_HOST
from homeassistant.core import HomeAssistant

from .const import CONF_FAMILY, CONF_MODEL, LOGGER
from .cti import (
    Family,
    GrandstreamAuthenticationError,
    GrandstreamClient,
    GrandstreamConnectionError,
    GrandstreamError,
    GrandstreamNotSupportedError,
    GrandstreamResponseError,
    GrandstreamValidationError,
    PhoneIdentity,
    family_of_model,
)
from .helpers import create_client


async def async_probe_phone(
    hass: HomeAssistant, data: Mapping[str, Any]
) -> tuple[PhoneIdentity | None, dict[str, str]]:
    """Ask the phone which it is; return that, or the form's errors.

    Its model where it names it without a login, its family, and whether it
    takes the password: one status read spends one login attempt.
    """
    try:
        async with create_client(hass, data) as client:
            identity = await client.identify()
    except GrandstreamValidationError:
        return None, {CONF_HOST: "invalid_host"}
    except GrandstreamAuthenticationError:
        return None, {"base": "invalid_auth"}
    except GrandstreamNotSupportedError:
        return None, {"base": "cti_disabled"}
    except (GrandstreamConnectionError, GrandstreamResponseError) as err:
        LOGGER.debug("Cannot connect to %s: %s", data[CONF_HOST], err)
        return None, {"base": "cannot_connect"}
    except Exception:  # noqa: BLE001
        LOGGER.exception("Unexpected error talking to %s", data[CONF_HOST])
        return None, {"base": "unknown"}
    return identity, {}


def identity_data(identity: PhoneIdentity) -> dict[str, str]:
    """What an entry keeps of what the phone said of itself.

    Without a model file, a model a push taught the entry stays.
    """
    data = {CONF_FAMILY: identity.family.value}
    if identity.model:
        data[CONF_MODEL] = identity.model
    return data


async def async_learn_model(
    hass: HomeAssistant, entry: ConfigEntry, client: GrandstreamClient
) -> bool:
    """Teach an entry its phone's model from the model file; whether its family changed.

    For entries added before models were read, and for phones that named
    none yet: the file needs no login, so asking costs no password attempt.
    A desk phone taken for a GXP may so turn out a GRP; a base stays a base.
    """
    if CONF_MODEL in entry.data:
        return False
    try:
        definition = await client.model_definition()
    except GrandstreamError as err:
        LOGGER.debug("No model file from %s: %s", client.host, err)
        return False
    if definition is None:
        return False
    old = Family(entry.data[CONF_FAMILY])
    family = family_of_model(definition.model)
    if family is None or family.has_handsets is not old.has_handsets:
        family = old
    hass.config_entries.async_update_entry(
        entry,
        data={
            **entry.data,
            CONF_MODEL: definition.model,
            CONF_FAMILY: family.value,
        },
    )
    return family is not old
