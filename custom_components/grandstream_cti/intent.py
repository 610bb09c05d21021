"""Voice commands (Assist intents): call, answer, hang up, DND, who is calling.

Each intent names its phone or handset in the optional `phone` slot, by device,
entity or area name. Without one, the phone follows from what the phones are
doing (the one that rings, the one in a call), or from the only phone there is.
When that leaves more than one, the answer asks which: a voice command never
guesses, so a call never leaves from the wrong phone.

The commands go through the integration's own services and DND switches, so
they check and send exactly what those do.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
import asyncio
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
import re
from typing import Any

from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import (
    ATTR_DEVICE_ID,
    ATTR_ENTITY_ID,
    ATTR_FRIENDLY_NAME,
    SERVICE_TURN_OFF,
    SERVICE_TURN_ON,
    Platform,
)
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import (
    area_registry as ar,
    config_validation as cv,
    device_registry as dr,
    entity_registry as er,
    intent,
)

from .const import DOMAIN
from .coordinator import GrandstreamConfigEntry, GrandstreamCoordinator, Station
from .cti import (
    CallState,
    GrandstreamValidationError,
    LineStatus,
    PhoneOperation,
    parse_number,
)
from .entity import phone_devices
from .schema import vol
from .services import (
    ATTR_NUMBER,
    ATTR_OPERATION,
    SERVICE_CALL_CONTROL,
    SERVICE_MAKE_CALL,
)

INTENT_MAKE_CALL = "GrandstreamMakeCall"
INTENT_ANSWER = "GrandstreamAnswer"
INTENT_REJECT = "GrandstreamReject"
INTENT_HANG_UP = "GrandstreamHangUp"
INTENT_HOLD = "GrandstreamHold"
INTENT_RESUME = "GrandstreamResume"
INTENT_DND_ON = "GrandstreamDndOn"
INTENT_DND_OFF = "GrandstreamDndOff"
INTENT_WHO_IS_CALLING = "GrandstreamWhoIsCalling"

SLOT_NUMBER = "number"
SLOT_PHONE = "phone"
# Filled by Assist (and the LLM API) with the area of the voice satellite.
SLOT_PREFERRED_AREA = "preferred_area_id"

_PHONE_SLOT: dict[Any, Any] = {
    vol.Optional(
        SLOT_PHONE,
        description=(
            "Which phone or handset: its name or its area, e.g. 'kitchen phone'. "
            "Leave out to use the only phone, or the one ringing or in a call."
        ),
    ): intent.non_empty_string,
    vol.Optional(SLOT_PREFERRED_AREA): cv.string,
}

# Words speech recognition writes for what is dialled.
_SPOKEN_KEYS = {
    "zero": "0", "oh": "0", "o": "0", "one": "1", "two": "2", "three": "3",
    "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8",
    "nine": "9", "plus": "+", "star": "*", "asterisk": "*", "hash": "#",
    "pound": "#",
}  # fmt: skip
_TOKEN = re.compile(r"[^\s,]+")
_WORD = re.compile(r"[\w+*#]+")
_GENERIC_WORDS = ("phone", "telephone", "handset")
# "555 1234 from the kitchen phone": sentence matchers may hand over the phone
# inside the number (Assist prefers a match with one wildcard to one with two).
_NUMBER_FROM_PHONE = re.compile(
    r"(?P<number>.+?)\s+(?:from|on|with|using)\s+(?P<phone>.+)", re.IGNORECASE
)


class _RefusedError(Exception):
    """Why nothing was sent, as the spoken answer."""

    def __init__(
        self,
        speech: str,
        code: intent.IntentResponseErrorCode = (
            intent.IntentResponseErrorCode.NO_VALID_TARGETS
        ),
    ) -> None:
        super().__init__(speech)
        self.code = code


@dataclass(frozen=True, slots=True)
class PhoneTarget:
    """A GXP phone or a paired DP handset, with its device (and its base's)."""

    coordinator: GrandstreamCoordinator
    handset: int | None
    device: dr.DeviceEntry
    base: dr.DeviceEntry | None  # a handset's DP base

    @property
    def area_id(self) -> str | None:
        """The phone's area; a handset without one is where its base is."""
        return self.device.area_id or (self.base.area_id if self.base else None)

    @property
    def name(self) -> str:
        """What the phone is called in Home Assistant."""
        return (
            self.device.name_by_user
            or self.device.name
            or self.coordinator.config_entry.title
        )

    @property
    def available(self) -> bool:
        """Whether the last read of the phone succeeded."""
        return self.coordinator.last_update_success

    @property
    def station(self) -> Station:
        """The lines of the phone or handset."""
        return self.coordinator.data.stations[self.handset]


async def async_setup_intents(hass: HomeAssistant) -> None:
    """Register the intents; Home Assistant's intent integration calls this."""
    intent.async_register(hass, MakeCallIntentHandler())
    for control in CALL_CONTROLS:
        intent.async_register(hass, CallControlIntentHandler(control))
    intent.async_register(hass, DndIntentHandler(INTENT_DND_ON, on=True))
    intent.async_register(hass, DndIntentHandler(INTENT_DND_OFF, on=False))
    intent.async_register(hass, WhoIsCallingIntentHandler())


def _loaded_coordinators(hass: HomeAssistant) -> list[GrandstreamCoordinator]:
    entries: list[GrandstreamConfigEntry] = hass.config_entries.async_entries(DOMAIN)
    return [
        entry.runtime_data
        for entry in entries
        if entry.state is ConfigEntryState.LOADED
    ]


def _phone_targets(hass: HomeAssistant) -> list[PhoneTarget]:
    """Every GXP phone and paired DP handset of the loaded phones."""
    targets = []
    for coordinator in _loaded_coordinators(hass):
        devices = phone_devices(coordinator)
        base = devices.get(None)
        # A DP base has no lines of its own: only its handsets are phones.
        for handset in coordinator.data.stations:
            if (device := devices.get(handset)) is not None:
                parent = None if handset is None else base
                targets.append(PhoneTarget(coordinator, handset, device, parent))
    return targets


def _normalise(text: str) -> str:
    words = _WORD.findall(text.lower())
    if words[:1] in (["the"], ["my"]):
        words = words[1:]
    return " ".join(words)


def _spoken_forms(text: str) -> set[str]:
    """The phone as said, and without a trailing 'phone' or 'handset'."""
    said = _normalise(text)
    forms = {said}
    for word in _GENERIC_WORDS:
        if said.endswith(f" {word}"):
            forms.add(said.removesuffix(f" {word}"))
    return forms


def _labels(hass: HomeAssistant, target: PhoneTarget) -> set[str]:
    """Names a phone answers to: device, entity and area names and aliases."""
    names: list[object] = [target.device.name_by_user, target.device.name]
    if target.base is not None:
        # A DP base's name stands for its handsets.
        names += [target.base.name_by_user, target.base.name]
    entries = er.async_entries_for_device(er.async_get(hass), target.device.id)
    states = [hass.states.get(entry.entity_id) for entry in entries]
    names += [alias for entry in entries for alias in entry.aliases]
    names += [state.attributes.get(ATTR_FRIENDLY_NAME) for state in states if state]
    if target.area_id and (area := ar.async_get(hass).async_get_area(target.area_id)):
        names += [area.name, *area.aliases]
    return {_normalise(name) for name in names if isinstance(name, str) and name}


def _match_phone(
    hass: HomeAssistant, targets: Sequence[PhoneTarget], said: str
) -> list[PhoneTarget]:
    """The phones said names: exact names first, then names that contain it."""
    forms = _spoken_forms(said) - {""}
    labelled = [(target, _labels(hass, target)) for target in targets]
    exact = [target for target, labels in labelled if labels & forms]
    if exact:
        return exact
    return [
        target
        for target, labels in labelled
        if any(f" {form} " in f" {label} " for form in forms for label in labels)
    ]


def _phones(targets: Iterable[PhoneTarget]) -> str:
    """Names of several phones to say: 'A or B', 'A, B or C'."""
    names = sorted(target.name for target in targets)
    return f"{', '.join(names[:-1])} or {names[-1]}"


class _PhoneIntentHandler(intent.IntentHandler, ABC):
    """Resolves the phone, and turns refusals and errors into spoken answers."""

    async def async_handle(self, intent_obj: intent.Intent) -> intent.IntentResponse:
        """Handle the intent: speak what was done, or why nothing was."""
        slots = self.async_validate_slots(intent_obj.slots)
        response = intent_obj.create_response()
        try:
            speech = await self._async_handle(intent_obj, slots)
        except _RefusedError as err:
            response.async_set_error(err.code, str(err))
        except HomeAssistantError as err:
            response.async_set_error(
                intent.IntentResponseErrorCode.FAILED_TO_HANDLE, str(err)
            )
        else:
            response.async_set_speech(speech)
        return response

    @property
    def slot_schema(self) -> dict[Any, Any]:
        """Optionally, the phone (an intent with more slots says so)."""
        return _PHONE_SLOT

    @abstractmethod
    async def _async_handle(
        self, intent_obj: intent.Intent, slots: dict[str, Any]
    ) -> str:
        """Act on the phone meant; return what to say, or raise why not."""

    def _named(
        self, hass: HomeAssistant, slots: dict[str, Any]
    ) -> tuple[list[PhoneTarget], bool]:
        """The phones the phone slot names (every phone without one)."""
        targets = _phone_targets(hass)
        if SLOT_PHONE not in slots:
            return targets, False
        said: str = slots[SLOT_PHONE]["value"]
        if not (matches := _match_phone(hass, targets, said)):
            raise _RefusedError(f"I know no phone called {_normalise(said)}.")
        return matches, True

    @staticmethod
    def _prefer_area(
        slots: dict[str, Any], targets: list[PhoneTarget]
    ) -> list[PhoneTarget]:
        """Of several phones, the one in the area the command came from."""
        if len(targets) > 1 and SLOT_PREFERRED_AREA in slots:
            area_id = slots[SLOT_PREFERRED_AREA]["value"]
            here = [target for target in targets if target.area_id == area_id]
            if len(here) == 1:
                return here
        return targets

    @staticmethod
    def _require_available(target: PhoneTarget) -> PhoneTarget:
        if not target.available:
            raise _RefusedError(
                f"{target.name} is not available.",
                intent.IntentResponseErrorCode.FAILED_TO_HANDLE,
            )
        return target

    def _one(
        self,
        hass: HomeAssistant,
        slots: dict[str, Any],
        several: Callable[[list[PhoneTarget], bool], str],
    ) -> PhoneTarget:
        """The one phone meant, whatever it is doing."""
        targets, named = self._named(hass, slots)
        if not named:
            targets = self._prefer_area(slots, targets)
        if not targets:
            raise _RefusedError("No Grandstream phone is set up.")
        if len(targets) > 1:
            raise _RefusedError(several(targets, named))
        return self._require_available(targets[0])

    async def _async_busy(
        self,
        hass: HomeAssistant,
        slots: dict[str, Any],
        busy: Callable[[Station], bool],
    ) -> tuple[list[PhoneTarget], list[PhoneTarget], bool]:
        """The phones meant, and those of them busy as asked, as the phones are now.

        The phones are read first: a ring that began since the last poll counts.
        """
        await asyncio.gather(
            *(coordinator.async_refresh() for coordinator in _loaded_coordinators(hass))
        )
        targets, named = self._named(hass, slots)
        matching = [
            target for target in targets if target.available and busy(target.station)
        ]
        if not named:
            matching = self._prefer_area(slots, matching)
        return targets, matching, named


def _several_make_call(targets: list[PhoneTarget], named: bool) -> str:
    if named:
        return f"Several phones have that name: say which one: {_phones(targets)}."
    return "Which phone should call? Say, for example, 'from the kitchen phone'."


def dial_string(said: str) -> str:
    """The number to dial from what was said ("plus 49 30 1 2 3", "5 5 5-1234")."""
    keys = [_SPOKEN_KEYS.get(token, token) for token in _TOKEN.findall(said.lower())]
    return parse_number("".join(keys))


class MakeCallIntentHandler(_PhoneIntentHandler):
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
            **_PHONE_SLOT,
        }

    async def _async_handle(
        self, intent_obj: intent.Intent, slots: dict[str, Any]
    ) -> str:
        said: str = slots[SLOT_NUMBER]["value"]
        if SLOT_PHONE not in slots and (
            split := _NUMBER_FROM_PHONE.fullmatch(said.strip())
        ):
            said = split["number"]
            slots = {**slots, SLOT_PHONE: {"value": split["phone"]}}
        try:
            number = dial_string(said)
        except GrandstreamValidationError:
            raise _RefusedError(
                f"I cannot dial {said}: a phone number has only digits, star and "
                "hash, with an optional plus at the start.",
                intent.IntentResponseErrorCode.FAILED_TO_HANDLE,
            ) from None
        hass = intent_obj.hass
        target = self._one(hass, slots, _several_make_call)
        await hass.services.async_call(
            DOMAIN,
            SERVICE_MAKE_CALL,
            {ATTR_DEVICE_ID: target.device.id, ATTR_NUMBER: number},
            blocking=True,
            context=intent_obj.context,
        )
        return f"Calling {number} from {target.name}."


@dataclass(frozen=True, slots=True)
class Refusals:
    """What to say when no phone, or not the one named, is as a command needs."""

    none: str
    not_on_phone: str  # {phone}
    several: str  # {phones}


_RINGING = Refusals(
    none="Nothing is ringing.",
    not_on_phone="{phone} is not ringing.",
    several="Several phones are ringing: say which one: {phones}.",
)
_IN_CALL = Refusals(
    none="No phone is in a call.",
    not_on_phone="{phone} is not in a call.",
    several="Several phones are in a call: say which one: {phones}.",
)
_ON_HOLD = Refusals(
    none="No call is on hold.",
    not_on_phone="{phone} has no call on hold.",
    several="Several phones have a call on hold: say which one: {phones}.",
)


@dataclass(frozen=True, slots=True, kw_only=True)
class CallControl:
    """A call operation and how to talk about it."""

    intent_type: str
    description: str
    operation: str  # as the call_control service names it
    phone_operation: PhoneOperation
    done: str  # {phone}
    refusals: Refusals


CALL_CONTROLS = (
    CallControl(
        intent_type=INTENT_ANSWER,
        description="Answers the ringing Grandstream phone or DECT handset.",
        operation="accept",
        phone_operation=PhoneOperation.ACCEPT_CALL,
        done="Answered the call on {phone}.",
        refusals=_RINGING,
    ),
    CallControl(
        intent_type=INTENT_REJECT,
        description="Rejects (declines) the call ringing on a Grandstream phone.",
        operation="reject",
        phone_operation=PhoneOperation.REJECT_CALL,
        done="Rejected the call on {phone}.",
        refusals=_RINGING,
    ),
    CallControl(
        intent_type=INTENT_HANG_UP,
        description="Hangs up (ends) the call of a Grandstream phone or handset.",
        operation="end",
        phone_operation=PhoneOperation.END_CALL,
        done="Hung up on {phone}.",
        refusals=_IN_CALL,
    ),
    CallControl(
        intent_type=INTENT_HOLD,
        description="Puts the call of a Grandstream phone or handset on hold.",
        operation="hold",
        phone_operation=PhoneOperation.HOLD_CALL,
        done="The call on {phone} is on hold.",
        refusals=_IN_CALL,
    ),
    CallControl(
        intent_type=INTENT_RESUME,
        description="Resumes the held call of a Grandstream phone or handset.",
        operation="unhold",
        phone_operation=PhoneOperation.UNHOLD_CALL,
        done="Resumed the call on {phone}.",
        refusals=_ON_HOLD,
    ),
)


class CallControlIntentHandler(_PhoneIntentHandler):
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
            hass,
            slots,
            lambda station: station.line_for(control.phone_operation) is not None,
        )
        refusals = control.refusals
        if not busy:
            if named and len(targets) == 1:
                self._require_available(targets[0])
                raise _RefusedError(refusals.not_on_phone.format(phone=targets[0].name))
            raise _RefusedError(refusals.none)
        if len(busy) > 1:
            raise _RefusedError(refusals.several.format(phones=_phones(busy)))
        target = busy[0]
        await hass.services.async_call(
            DOMAIN,
            SERVICE_CALL_CONTROL,
            {ATTR_DEVICE_ID: target.device.id, ATTR_OPERATION: control.operation},
            blocking=True,
            context=intent_obj.context,
        )
        return control.done.format(phone=target.name)


def _several_dnd(targets: list[PhoneTarget], named: bool) -> str:
    return f"Which phone? Say which one: {_phones(targets)}."


class DndIntentHandler(_PhoneIntentHandler):
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
        target = self._one(hass, slots, _several_dnd)
        entry_id = target.coordinator.config_entry.entry_id
        unique_id = (
            f"{entry_id}_dnd"
            if target.handset is None
            else f"{entry_id}_hs{target.handset}_dnd"
        )
        registry = er.async_get(hass)
        entity_id = registry.async_get_entity_id(Platform.SWITCH, DOMAIN, unique_id)
        entry = None if entity_id is None else registry.async_get(entity_id)
        if entry is None or entry.disabled:
            raise _RefusedError(
                f"The do not disturb switch of {target.name} is disabled.",
                intent.IntentResponseErrorCode.FAILED_TO_HANDLE,
            )
        await hass.services.async_call(
            Platform.SWITCH,
            SERVICE_TURN_ON if self.on else SERVICE_TURN_OFF,
            {ATTR_ENTITY_ID: entry.entity_id},
            blocking=True,
            context=intent_obj.context,
        )
        return f"Turned {'on' if self.on else 'off'} do not disturb on {target.name}."


def _caller(line: LineStatus, phone: str | None = None) -> str:
    """Who calls (and which phone, when phone is given), as a sentence."""
    calling = "is calling" if phone is None else f"is calling {phone}"
    if line.remote_name and line.remote_number:
        return f"{line.remote_name} {calling} from {line.remote_number}."
    if line.remote_name:
        return f"{line.remote_name} {calling}."
    if line.remote_number:
        return f"Someone {calling} from {line.remote_number}."
    return f"Someone {calling}, without caller ID."


class WhoIsCallingIntentHandler(_PhoneIntentHandler):
    """Say who is calling on the ringing phone."""

    intent_type = INTENT_WHO_IS_CALLING
    description = (
        "Tells who is calling: the name and number of the caller ringing a "
        "Grandstream phone or DECT handset."
    )

    async def async_handle(self, intent_obj: intent.Intent) -> intent.IntentResponse:
        """Answer as a query."""
        response = await super().async_handle(intent_obj)
        if response.response_type is intent.IntentResponseType.ACTION_DONE:
            response.response_type = intent.IntentResponseType.QUERY_ANSWER
        return response

    async def _async_handle(
        self, intent_obj: intent.Intent, slots: dict[str, Any]
    ) -> str:
        targets, ringing, named = await self._async_busy(
            intent_obj.hass, slots, lambda station: station.ringing
        )
        if not ringing:
            if named and len(targets) == 1:
                self._require_available(targets[0])
                return _RINGING.not_on_phone.format(phone=targets[0].name)
            return _RINGING.none
        calls = [
            (target, line)
            for target in ringing
            for line in target.station.lines
            if line.state is CallState.RINGING
        ]
        if len({(line.remote_name, line.remote_number) for _, line in calls}) == 1:
            # One caller, however many handsets ring for them.
            return _caller(calls[0][1])
        return " ".join(_caller(line, target.name) for target, line in calls)
