"""The phone intents: make a call, call control, DND, who is calling."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from homeassistant.const import (
    ATTR_DEVICE_ID,
    ATTR_ENTITY_ID,
    SERVICE_TURN_OFF,
    SERVICE_TURN_ON,
    Platform,
)
from homeassistant.helpers import entity_registry as er, intent

from ..const import DOMAIN
from ..cti import CallState, PhoneOperation
from ..entity import unique_id
from ..schema import vol
from ..services import (
    ATTR_NUMBER,
    ATTR_OPERATION,
    SERVICE_CALL_CONTROL,
    SERVICE_MAKE_CALL,
)
from ..switch import DND
from . import (
    INTENT_ANSWER,
    INTENT_HANG_UP,
    INTENT_HOLD,
    INTENT_MAKE_CALL,
    INTENT_REJECT,
    INTENT_RESUME,
    INTENT_WHO_IS_CALLING,
)
from .base import (
    PHONE_SLOT,
    SLOT_PHONE,
    PhoneIntentHandler,
    QueryIntentHandler,
    require_available,
)
from .numbers import async_number_to_dial, split_phone
from .reply import Reply
from .speech import (
    RefusedError,
    say,
    say_caller,
    say_phones,
)

SLOT_NUMBER = "number"


class MakeCallIntentHandler(PhoneIntentHandler):
    """Dial a number from a phone or handset."""

    intent_type = INTENT_MAKE_CALL
    description = (
        "Calls a phone number from a Grandstream desk phone or DECT handset. "
        "The call starts on that phone's speaker or handset."
    )

    @property
    def slot_schema(self) -> dict[Any, Any]:
        """The number to dial, and optionally the phone to dial from."""
        return {
            vol.Required(
                SLOT_NUMBER,
                description="The number to dial: digits, * and #, optional leading +",
            ): intent.non_empty_string,
            **PHONE_SLOT,
        }

    async def _async_handle(
        self, intent_obj: intent.Intent, slots: dict[str, Any]
    ) -> str:
        said: str = slots[SLOT_NUMBER]["value"]
        if SLOT_PHONE not in slots and (split := split_phone(said)):
            said, phone = split
            slots = {**slots, SLOT_PHONE: {"value": phone}}
        hass = intent_obj.hass
        number = await async_number_to_dial(hass, said)
        target = self._one(
            intent_obj,
            slots,
            several=Reply.WHICH_PHONE_CALLS,
            several_named=Reply.SEVERAL_NAMED,
        )
        await hass.services.async_call(
            DOMAIN,
            SERVICE_MAKE_CALL,
            {ATTR_DEVICE_ID: target.device.id, ATTR_NUMBER: number},
            blocking=True,
            context=intent_obj.context,
        )
        return say(Reply.CALLING, number=number, phone=target.name)


@dataclass(frozen=True, slots=True)
class Refusals:
    """What to say when no phone, or not the one named, is as a command needs."""

    none: Reply
    not_on_phone: Reply  # {phone}
    several: Reply  # {phones}


_RINGING = Refusals(Reply.NOTHING_RINGING, Reply.NOT_RINGING, Reply.SEVERAL_RINGING)
_IN_CALL = Refusals(Reply.NO_CALL, Reply.NOT_IN_CALL, Reply.SEVERAL_IN_CALL)
_ON_HOLD = Refusals(Reply.NO_CALL_ON_HOLD, Reply.NO_HELD_CALL, Reply.SEVERAL_ON_HOLD)


@dataclass(frozen=True, slots=True, kw_only=True)
class CallControl:
    """A call operation and how to talk about it."""

    intent_type: str
    description: str
    operation: str  # as the call_control service names it
    phone_operation: PhoneOperation
    done: Reply  # {phone}
    refusals: Refusals


CALL_CONTROLS = (
    CallControl(
        intent_type=INTENT_ANSWER,
        description="Answers the ringing Grandstream phone or DECT handset.",
        operation="accept",
        phone_operation=PhoneOperation.ACCEPT_CALL,
        done=Reply.ANSWERED,
        refusals=_RINGING,
    ),
    CallControl(
        intent_type=INTENT_REJECT,
        description="Rejects (declines) the call ringing on a Grandstream phone.",
        operation="reject",
        phone_operation=PhoneOperation.REJECT_CALL,
        done=Reply.REJECTED,
        refusals=_RINGING,
    ),
    CallControl(
        intent_type=INTENT_HANG_UP,
        description="Hangs up (ends) the call of a Grandstream phone or handset.",
        operation="end",
        phone_operation=PhoneOperation.END_CALL,
        done=Reply.HUNG_UP,
        refusals=_IN_CALL,
    ),
    CallControl(
        intent_type=INTENT_HOLD,
        description="Puts the call of a Grandstream phone or handset on hold.",
        operation="hold",
        phone_operation=PhoneOperation.HOLD_CALL,
        done=Reply.HELD,
        refusals=_IN_CALL,
    ),
    CallControl(
        intent_type=INTENT_RESUME,
        description="Resumes the held call of a Grandstream phone or handset.",
        operation="unhold",
        phone_operation=PhoneOperation.UNHOLD_CALL,
        done=Reply.RESUMED,
        refusals=_ON_HOLD,
    ),
)


class CallControlIntentHandler(PhoneIntentHandler):
    """Answer, reject, hang up, hold or resume the call of a phone."""

    def __init__(self, control: CallControl) -> None:
        """Handle one call operation."""
        self.control = control
        self.intent_type = control.intent_type
        self.description = control.description

    async def _async_handle(
        self, intent_obj: intent.Intent, slots: dict[str, Any]
    ) -> str:
        hass, control = intent_obj.hass, self.control
        targets, busy, named = await self._async_busy(
            intent_obj,
            slots,
            lambda station: station.line_for(control.phone_operation) is not None,
        )
        refusals = control.refusals
        if not busy:
            if named and len(targets) == 1:
                require_available(targets[0])
                raise RefusedError(refusals.not_on_phone, phone=targets[0].name)
            raise RefusedError(refusals.none)
        if len(busy) > 1:
            raise RefusedError(
                refusals.several, phones=say_phones(target.name for target in busy)
            )
        target = busy[0]
        await hass.services.async_call(
            DOMAIN,
            SERVICE_CALL_CONTROL,
            {ATTR_DEVICE_ID: target.device.id, ATTR_OPERATION: control.operation},
            blocking=True,
            context=intent_obj.context,
        )
        return say(control.done, phone=target.name)


class DndIntentHandler(PhoneIntentHandler):
    """Turn do not disturb on or off, through the phone's DND switch."""

    def __init__(self, intent_type: str, *, on: bool) -> None:
        """Handle DND on, or DND off."""
        self.intent_type = intent_type
        self.on = on
        self.description = (
            f"Turns do not disturb {'on' if on else 'off'} on a Grandstream phone "
            "or DECT handset" + (": it then rejects incoming calls." if on else ".")
        )

    async def _async_handle(
        self, intent_obj: intent.Intent, slots: dict[str, Any]
    ) -> str:
        hass = intent_obj.hass
        target = self._one(
            intent_obj,
            slots,
            several=Reply.WHICH_PHONE,
            several_named=Reply.WHICH_PHONE,
        )
        registry = er.async_get(hass)
        entity_id = registry.async_get_entity_id(
            Platform.SWITCH,
            DOMAIN,
            unique_id(target.coordinator, DND.key, handset=target.handset),
        )
        entry = None if entity_id is None else registry.async_get(entity_id)
        if entry is None or entry.disabled:
            raise RefusedError(
                Reply.DND_DISABLED,
                intent.IntentResponseErrorCode.FAILED_TO_HANDLE,
                phone=target.name,
            )
        await hass.services.async_call(
            Platform.SWITCH,
            SERVICE_TURN_ON if self.on else SERVICE_TURN_OFF,
            {ATTR_ENTITY_ID: entry.entity_id},
            blocking=True,
            context=intent_obj.context,
        )
        return say(Reply.DND_ON if self.on else Reply.DND_OFF, phone=target.name)


class WhoIsCallingIntentHandler(QueryIntentHandler):
    """Say who is calling on the ringing phone."""

    intent_type = INTENT_WHO_IS_CALLING
    description = (
        "Tells who is calling: the name and number of the caller ringing a "
        "Grandstream phone or DECT handset."
    )

    async def _async_handle(
        self, intent_obj: intent.Intent, slots: dict[str, Any]
    ) -> str:
        targets, ringing, named = await self._async_busy(
            intent_obj, slots, lambda station: station.ringing
        )
        if not ringing:
            if named and len(targets) == 1:
                require_available(targets[0])
                return say(_RINGING.not_on_phone, phone=targets[0].name)
            return say(_RINGING.none)
        calls = [
            (target, line)
            for target in ringing
            for line in target.require_station().lines
            if line.state is CallState.RINGING
        ]
        if len({(line.remote_name, line.remote_number) for _, line in calls}) == 1:
            # One caller, however many handsets ring for them.
            return say_caller(calls[0][1])
        return " ".join(say_caller(line, target.name) for target, line in calls)
