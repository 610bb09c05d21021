"""Services of the Grandstream CTI integration: calls, keys, call control, reset."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial

from homeassistant.const import ATTR_DEVICE_ID
from homeassistant.core import HomeAssistant, ServiceCall, callback
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import config_validation as cv

from .const import DOMAIN
from .cti import (
    DialMethod,
    Family,
    GrandstreamValidationError,
    PhoneOperation,
    parse_keys,
    parse_number,
)
from .helpers import async_send_call_operation, async_send_command, desk_call_command
from .repairs import Repair, async_clear_repair, async_raise_repair
from .schema import vol
from .targets import Target, device_target

SERVICE_MAKE_CALL = "make_call"
SERVICE_SEND_KEYS = "send_keys"
SERVICE_CALL_CONTROL = "call_control"
SERVICE_FACTORY_RESET = "factory_reset"

ATTR_NUMBER = "number"
ATTR_KEYS = "keys"
ATTR_OPERATION = "operation"
ATTR_LINE = "line"
ATTR_CONFIRM = "confirm"
ATTR_ACCOUNT = "account"

OPERATIONS = {
    "end": PhoneOperation.END_CALL,
    "hold": PhoneOperation.HOLD_CALL,
    "unhold": PhoneOperation.UNHOLD_CALL,
    "accept": PhoneOperation.ACCEPT_CALL,
    "reject": PhoneOperation.REJECT_CALL,
    "cancel": PhoneOperation.CANCEL,
}

_DEVICES = vol.All(cv.ensure_list, [cv.string])
MAKE_CALL_SCHEMA = vol.Schema(
    {
        vol.Required(ATTR_DEVICE_ID): _DEVICES,
        vol.Required(ATTR_NUMBER): cv.string,
        vol.Optional(ATTR_ACCOUNT): vol.All(vol.Coerce(int), vol.Range(min=1)),
    }
)
SEND_KEYS_SCHEMA = vol.Schema(
    {
        vol.Required(ATTR_DEVICE_ID): _DEVICES,
        vol.Required(ATTR_KEYS): vol.Any(cv.string, [cv.string]),
    }
)
CALL_CONTROL_SCHEMA = vol.Schema(
    {
        vol.Required(ATTR_DEVICE_ID): _DEVICES,
        vol.Required(ATTR_OPERATION): vol.In(OPERATIONS),
        vol.Optional(ATTR_LINE): vol.All(vol.Coerce(int), vol.Range(min=1)),
    }
)
FACTORY_RESET_SCHEMA = vol.Schema(
    {
        vol.Required(ATTR_DEVICE_ID): _DEVICES,
        # A real true, not just anything Home Assistant would read as one.
        vol.Optional(ATTR_CONFIRM, default=False): bool,
    }
)


def _targets(hass: HomeAssistant, call: ServiceCall) -> list[Target]:
    """The loaded phones or handsets behind the call's devices."""
    targets = []
    for device_id in call.data[ATTR_DEVICE_ID]:
        if (target := device_target(hass, device_id)) is None:
            raise ServiceValidationError(
                translation_domain=DOMAIN,
                translation_key="not_a_phone",
                translation_placeholders={"device_id": device_id},
            )
        targets.append(target)
    return targets


def _station_targets(call: ServiceCall) -> list[Target]:
    """The call's phones and handsets, every one checked before any is sent to."""
    targets = _targets(call.hass, call)
    for target in targets:
        target.require_station()
    return targets


async def _async_make_call(call: ServiceCall) -> None:
    try:
        number = parse_number(call.data[ATTR_NUMBER])
    except GrandstreamValidationError as err:
        raise ServiceValidationError(
            translation_domain=DOMAIN,
            translation_key="invalid_number",
            translation_placeholders={"number": call.data[ATTR_NUMBER]},
        ) from err
    account: int | None = call.data.get(ATTR_ACCOUNT)
    targets = _station_targets(call)
    if account is not None and any(
        target.coordinator.family is not Family.GRP for target in targets
    ):
        # Only the GRP's api-make_call takes an account (vendor code).
        raise ServiceValidationError(
            translation_domain=DOMAIN, translation_key="account_not_supported"
        )
    for target in targets:
        await _async_dial(target, number, account)


async def _async_dial(target: Target, number: str, account: int | None) -> None:
    """Dial from one target; a GXP phone that refused api-make_call gets a repair.

    Only once the phone proved the passcode good: by dialling with keys, or by
    the read that follows the refusal. The repair's text names the setting as
    a GXP21xx's web page shows it (Settings > Call Features > Enable
    Click-To-Dial Feature): that comes from Grandstream's GXP21xx
    administration guide, not from the CTI guide.
    """
    coordinator = target.coordinator
    hass, entry = coordinator.hass, coordinator.config_entry
    try:
        dialled = await async_send_command(
            coordinator,
            coordinator.client.make_call,
            number,
            target.handset,
            account=account,
        )
    except HomeAssistantError as err:
        if err.translation_key == Repair.CLICK_TO_DIAL_OFF:
            async_raise_repair(hass, entry, Repair.CLICK_TO_DIAL_OFF)
        raise
    if dialled is DialMethod.KEYS:
        async_raise_repair(hass, entry, Repair.CLICK_TO_DIAL_OFF)
    else:
        async_clear_repair(hass, entry, Repair.CLICK_TO_DIAL_OFF)


async def _async_send_keys(call: ServiceCall) -> None:
    try:
        keys = parse_keys(call.data[ATTR_KEYS])
    except GrandstreamValidationError as err:
        raise ServiceValidationError(
            translation_domain=DOMAIN,
            translation_key="invalid_keys",
            translation_placeholders={"error": str(err)},
        ) from err
    for target in _station_targets(call):
        client = target.coordinator.client
        await async_send_command(
            target.coordinator, client.send_keys, keys, target.handset
        )


async def _async_call_control(call: ServiceCall) -> None:
    operation = OPERATIONS[call.data[ATTR_OPERATION]]
    line: int | None = call.data.get(ATTR_LINE)
    commands = [
        (target, _call_control_command(target, operation, line))
        for target in _targets(call.hass, call)
    ]
    for target, command in commands:
        await async_send_call_operation(
            target.coordinator, operation, target.handset, line, command
        )


def _call_control_command(
    target: Target, operation: PhoneOperation, line: int | None
) -> Callable[[], Awaitable[None]]:
    """The command for one target, checked before anything is sent."""
    client = target.coordinator.client
    if not target.coordinator.family.has_handsets:
        target.require_station()
        if line is not None:
            # api-phone_operation acts on the phone's active call only.
            raise ServiceValidationError(
                translation_domain=DOMAIN, translation_key="line_not_supported"
            )
        return desk_call_command(target.coordinator, operation)
    handset, station = target.handset, target.station
    if handset is None or station is None:
        raise ServiceValidationError(
            translation_domain=DOMAIN, translation_key="handset_required"
        )
    if line is not None and station.line(line) is None:
        raise ServiceValidationError(
            translation_domain=DOMAIN,
            translation_key="invalid_line",
            translation_placeholders={"line": str(line)},
        )
    chosen = line if line is not None else station.line_for(operation)
    return partial(client.device_operation, operation, handset, chosen)


async def _async_factory_reset(call: ServiceCall) -> None:
    if not call.data[ATTR_CONFIRM]:
        raise ServiceValidationError(
            translation_domain=DOMAIN, translation_key="confirm_required"
        )
    for coordinator in {target.coordinator for target in _targets(call.hass, call)}:
        await async_send_command(coordinator, coordinator.client.factory_reset)


@callback
def async_setup_services(hass: HomeAssistant) -> None:
    """Register the services; they resolve their target devices per call."""
    hass.services.async_register(
        DOMAIN, SERVICE_MAKE_CALL, _async_make_call, schema=MAKE_CALL_SCHEMA
    )
    hass.services.async_register(
        DOMAIN, SERVICE_SEND_KEYS, _async_send_keys, schema=SEND_KEYS_SCHEMA
    )
    hass.services.async_register(
        DOMAIN, SERVICE_CALL_CONTROL, _async_call_control, schema=CALL_CONTROL_SCHEMA
    )
    hass.services.async_register(
        DOMAIN, SERVICE_FACTORY_RESET, _async_factory_reset, schema=FACTORY_RESET_SCHEMA
    )
