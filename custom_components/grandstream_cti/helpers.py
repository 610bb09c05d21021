"""Helpers shared by the integration: making clients, sending commands."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from homeassistant.const import CONF_HOST, CONF_PASSWORD, CONF_SSL, CONF_VERIFY_SSL
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import (
    ConfigEntryAuthFailed,
    HomeAssistantError,
    ServiceValidationError,
)
from homeassistant.helpers.aiohttp_client import async_get_clientsession

from .const import DOMAIN, REQUEST_TIMEOUT
from .coordinator import GrandstreamCoordinator
from .cti import (
    GrandstreamAuthenticationError,
    GrandstreamClient,
    GrandstreamCommandError,
    GrandstreamConnectionError,
    GrandstreamError,
    GrandstreamNotSupportedError,
    GrandstreamValidationError,
)


def create_client(hass: HomeAssistant, data: Mapping[str, Any]) -> GrandstreamClient:
    """A client for the phone a config entry (or a flow's input) describes."""
    return GrandstreamClient(
        async_get_clientsession(hass),
        data[CONF_HOST],
        data[CONF_PASSWORD],
        ssl=data.get(CONF_SSL, False),
        verify_ssl=data.get(CONF_VERIFY_SSL, False),
        timeout=REQUEST_TIMEOUT,
    )


async def async_send_command(
    coordinator: GrandstreamCoordinator, command: Callable[[], Awaitable[None]]
) -> None:
    """Send one command to the phone, then refresh its state.

    Sent once: when the answer is lost the phone may still have acted, and a
    second make_call would dial twice.
    """
    refreshed = False
    try:
        await command()
    except GrandstreamValidationError as err:
        raise ServiceValidationError(
            translation_domain=DOMAIN,
            translation_key="invalid_input",
            translation_placeholders={"error": str(err)},
        ) from err
    except GrandstreamAuthenticationError as err:
        coordinator.config_entry.async_start_reauth(coordinator.hass)
        raise HomeAssistantError(
            translation_domain=DOMAIN, translation_key="invalid_auth"
        ) from err
    except GrandstreamCommandError as err:
        # A phone that no longer takes the passcode may answer a command just
        # like a refusal ({"response": "error"}): a status read tells them apart,
        # and starts the reauth when the passcode is what was refused.
        refreshed = True
        coordinator.schedule_slow_refresh()
        await coordinator.async_refresh()
        if not coordinator.last_update_success and isinstance(
            coordinator.last_exception, ConfigEntryAuthFailed
        ):
            raise HomeAssistantError(
                translation_domain=DOMAIN, translation_key="invalid_auth"
            ) from err
        raise HomeAssistantError(
            translation_domain=DOMAIN,
            translation_key="command_refused",
            translation_placeholders={"error": str(err)},
        ) from err
    except GrandstreamNotSupportedError as err:
        raise HomeAssistantError(
            translation_domain=DOMAIN,
            translation_key="not_supported",
            translation_placeholders={"error": str(err)},
        ) from err
    except GrandstreamConnectionError as err:
        raise HomeAssistantError(
            translation_domain=DOMAIN,
            translation_key="cannot_connect",
            translation_placeholders={"error": str(err)},
        ) from err
    except GrandstreamError as err:
        raise HomeAssistantError(
            translation_domain=DOMAIN,
            translation_key="unknown_error",
            translation_placeholders={"error": str(err)},
        ) from err
    finally:
        # Even a refused or lost command may have changed the phone.
        if not refreshed:
            await coordinator.async_after_command()
