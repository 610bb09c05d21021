"""What the config flow asks a phone: which it is, and whether it takes the password."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from homeassistant.const import CONF_HOST
from homeassistant.core import HomeAssistant

from .const import CONF_FAMILY, CONF_MODEL, LOGGER
from .cti import (
    GrandstreamAuthenticationError,
    GrandstreamConnectionError,
    GrandstreamNotSupportedError,
    GrandstreamResponseError,
    GrandstreamValidationError,
    PhoneIdentity,
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
