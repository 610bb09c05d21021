"""Helpers shared by the integration: making clients, sending commands."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from functools import partial
from typing import Any

from homeassistant.const import CONF_HOST, CONF_PASSWORD, CONF_SSL, CONF_VERIFY_SSL
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import (
    ConfigEntryAuthFailed,
    HomeAssistantError,
    ServiceValidationError,
)
from homeassistant.helpers.aiohttp_client import async_get_clientsession
from homeassistant.util.ssl import get_default_context, get_default_no_verify_context

from .const import DOMAIN, REQUEST_TIMEOUT
from .coordinator import GrandstreamCoordinator
from .cti import (
    Family,
    GrandstreamAuthenticationError,
    GrandstreamClickToDialError,
    GrandstreamClient,
    GrandstreamCommandError,
    GrandstreamConnectionError,
    GrandstreamError,
    GrandstreamNotSupportedError,
    GrandstreamValidationError,
    PhoneOperation,
)
from .cti.models import CallState
from .cti.validation import GXP_LINES
from .repairs import Repair

# The translation of each error a command can meet; the first that fits. The
# error of a refused Click-To-Dial is named like its repair, which it raises.
# The operations that end a ringing line by the user's choice.
_DECLINING = frozenset({PhoneOperation.REJECT_CALL, PhoneOperation.CANCEL})
_COMMAND_ERRORS: tuple[tuple[type[GrandstreamError], str], ...] = (
    (GrandstreamAuthenticationError, "invalid_auth"),
    (GrandstreamClickToDialError, Repair.CLICK_TO_DIAL_OFF),
    (GrandstreamCommandError, "command_refused"),
    (GrandstreamNotSupportedError, "not_supported"),
    (GrandstreamConnectionError, "cannot_connect"),
)


def create_client(hass: HomeAssistant, data: Mapping[str, Any]) -> GrandstreamClient:
    """A client for the phone a config entry (or a flow's input) describes.

    It talks through Home Assistant's own session, the one that checks an
    HTTPS phone's certificate or the one that does not. Whoever makes a
    client closes it, which ends a request still under way.
    """
    verify_ssl = data.get(CONF_VERIFY_SSL, False)
    return GrandstreamClient(
        async_get_clientsession(hass, verify_ssl=verify_ssl),
        data[CONF_HOST],
        data[CONF_PASSWORD],
        ssl=data.get(CONF_SSL, False),
        # The context of that session's connector (Home Assistant's cached one).
        tls=get_default_context() if verify_ssl else get_default_no_verify_context(),
        timeout=REQUEST_TIMEOUT,
    )


async def async_send_command[**P, T](
    coordinator: GrandstreamCoordinator,
    command: Callable[P, Awaitable[T]],
    *args: P.args,
    **kwargs: P.kwargs,
) -> T:
    """Send command(*args, **kwargs) and return once the phone answered it.

    The new state follows from one read started right after, not waited for
    (or sooner, from the phone's push). Sent once: when the answer is lost the
    phone may still have acted, and a second make_call would dial twice.
    """
    try:
        result = await command(*args, **kwargs)
    except GrandstreamValidationError as err:
        # Refused before anything was sent: the phone has nothing new to show.
        raise ServiceValidationError(
            translation_domain=DOMAIN,
            translation_key="invalid_input",
            translation_placeholders={"error": str(err)},
        ) from err
    except GrandstreamCommandError as err:
        # A phone that no longer takes the passcode may answer a command just
        # like a refusal ({"response": "error"}): the read tells them apart,
        # and starts the reauth when the passcode is what was refused.
        await coordinator.async_refresh()
        failure = coordinator.last_exception
        if not coordinator.last_update_success and isinstance(
            failure, ConfigEntryAuthFailed
        ):
            raise HomeAssistantError(
                translation_domain=DOMAIN,
                translation_key="invalid_auth",
                translation_placeholders=failure.translation_placeholders,
            ) from err
        raise _translated(err) from err
    except GrandstreamError as err:
        if isinstance(err, GrandstreamAuthenticationError):
            coordinator.config_entry.async_start_reauth(coordinator.hass)
        # Even a command whose answer was lost may have changed the phone; after
        # a refused passcode, the read stops the polling until the reauth.
        coordinator.async_refresh_after_command()
        raise _translated(err) from err
    coordinator.async_refresh_after_command()
    return result


async def async_send_call_operation(
    coordinator: GrandstreamCoordinator,
    operation: PhoneOperation,
    handset: int | None,
    line: int | None,
    command: Callable[[], Awaitable[None]],
) -> None:
    """Send a call operation; a ring it declines ends `rejected`, not missed.

    The decline is noted before the command leaves: the phone may push the
    ring's end before it answers the command. line is the line the command
    names, None for the one the phone picks (as line_for does).
    """
    undo = _note_decline(coordinator, operation, handset, line)
    try:
        await async_send_command(coordinator, command)
    except HomeAssistantError:
        # It may not have reached the phone: a ring that then stops is one
        # nobody answered.
        undo()
        raise


def _note_decline(
    coordinator: GrandstreamCoordinator,
    operation: PhoneOperation,
    handset: int | None,
    line: int | None,
) -> Callable[[], None]:
    """Tell the house that the ring operation ends is declined; returns the undo."""
    station = coordinator.data.stations.get(handset)
    if station is None or operation not in _DECLINING:
        return lambda: None
    if line is None:
        line = station.line_for(operation)
    ringing = None if line is None else station.line(line)
    if ringing is None or ringing.state is not CallState.RINGING:
        return lambda: None
    house, phone = coordinator.house, coordinator.config_entry.entry_id
    house.decline(phone, handset, ringing.remote_number)
    return partial(house.forget_decline, phone, handset, ringing.remote_number)


def _translated(err: GrandstreamError) -> HomeAssistantError:
    """The error to show for what the phone made of a command."""
    translation_key = next(
        (key for kind, key in _COMMAND_ERRORS if isinstance(err, kind)),
        "unknown_error",
    )
    return HomeAssistantError(
        translation_domain=DOMAIN,
        translation_key=translation_key,
        translation_placeholders={"error": str(err)},
    )


def desk_call_command(
    coordinator: GrandstreamCoordinator, operation: PhoneOperation
) -> Callable[[], Awaitable[None]]:
    """The command that carries out a call operation on a GXP or GRP phone.

    api-phone_operation has no unholdcall. A GRP resumes a line with unhold
    (as Grandstream's own code does); a GXP's held call is resumed as a person
    does it, with its line's key. Either needs the held line before anything
    is sent: as the last read (or push) showed it.
    """
    client = coordinator.client
    if operation is not PhoneOperation.UNHOLD_CALL:
        return partial(client.phone_operation, operation)
    line = coordinator.data.stations[None].line_for(operation)
    if line is None:
        raise ServiceValidationError(
            translation_domain=DOMAIN, translation_key="no_held_call"
        )
    if coordinator.family is Family.GRP:
        return partial(client.unhold_line, line)
    if line not in GXP_LINES:
        raise ServiceValidationError(
            translation_domain=DOMAIN,
            translation_key="held_line_without_key",
            translation_placeholders={"line": str(line)},
        )
    return partial(client.resume_line, line)
