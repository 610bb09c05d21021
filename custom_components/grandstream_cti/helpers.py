"""Turns client errors into errors Home Assistant shows to the user."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from homeassistant.exceptions import HomeAssistantError, ServiceValidationError

from .const import DOMAIN
from .coordinator import GrandstreamCoordinator
from .cti import (
    GrandstreamAuthenticationError,
    GrandstreamCommandError,
    GrandstreamConnectionError,
    GrandstreamError,
    GrandstreamNotSupportedError,
    GrandstreamValidationError,
)


async def async_send_command(
    coordinator: GrandstreamCoordinator, command: Callable[[], Awaitable[None]]
) -> None:
    """Send one command to the phone, then refresh its state.

    Sent once: when the answer is lost the phone may still have acted, and a
    second make_call would dial twice.
    """
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
        await coordinator.async_after_command()
