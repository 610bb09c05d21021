"""What every phone intent does: find the phone meant, and speak the outcome."""

from __future__ import annotations

from abc import ABC, abstractmethod
import asyncio
from collections.abc import Callable
from typing import Any

from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import config_validation as cv, intent

from ..cti.calls import Station
from ..schema import vol
from ..targets import Target, loaded_coordinators
from .matching import SLOT_PREFERRED_AREA, match_phone, normalise, phones, prefer_area
from .reply import Reply
from .speech import RefusedError, async_say_error, say_phones, speaking

SLOT_PHONE = "phone"

PHONE_SLOT: dict[Any, Any] = {
    vol.Optional(
        SLOT_PHONE,
        description=(
            "Which phone or handset: its name or its area, e.g. 'kitchen phone'. "
            "Leave out to use the only phone, or the one ringing or in a call."
        ),
    ): intent.non_empty_string,
    vol.Optional(SLOT_PREFERRED_AREA): cv.string,
}


def require_available(target: Target) -> Target:
    """The phone, if its last read succeeded."""
    if not target.available:
        raise RefusedError(
            Reply.NOT_AVAILABLE,
            intent.IntentResponseErrorCode.FAILED_TO_HANDLE,
            phone=target.name,
        )
    return target


class PhoneIntentHandler(intent.IntentHandler, ABC):
    """Resolves the phone, and turns refusals and errors into spoken answers."""

    async def async_handle(self, intent_obj: intent.Intent) -> intent.IntentResponse:
        """Handle the intent: speak what was done, or why nothing was.

        In the language of the conversation (the LLM API passes its own).
        """
        slots = self.async_validate_slots(intent_obj.slots)
        response = intent_obj.create_response()
        with speaking(intent_obj.language):
            try:
                speech = await self._async_handle(intent_obj, slots)
            except RefusedError as err:
                response.async_set_error(err.code, str(err))
            except HomeAssistantError as err:
                response.async_set_error(
                    intent.IntentResponseErrorCode.FAILED_TO_HANDLE,
                    await async_say_error(intent_obj.hass, err),
                )
            else:
                response.async_set_speech(speech)
        return response

    @property
    def slot_schema(self) -> dict[Any, Any]:
        """Optionally, the phone (an intent with more slots says so)."""
        return PHONE_SLOT

    @abstractmethod
    async def _async_handle(
        self, intent_obj: intent.Intent, slots: dict[str, Any]
    ) -> str:
        """Act on the phone meant; return what to say, or raise why not."""

    def _named(
        self, intent_obj: intent.Intent, slots: dict[str, Any]
    ) -> tuple[list[Target], bool]:
        """The phones the phone slot names (every phone without one).

        Only the phones exposed to the assistant asking (matching.phones).
        """
        hass = intent_obj.hass
        targets = phones(hass, intent_obj.assistant)
        if SLOT_PHONE not in slots:
            return targets, False
        said: str = slots[SLOT_PHONE]["value"]
        if not (matches := match_phone(hass, targets, said)):
            raise RefusedError(Reply.NO_PHONE_CALLED, name=normalise(said))
        return matches, True

    def _one(
        self,
        intent_obj: intent.Intent,
        slots: dict[str, Any],
        *,
        several: Reply,
        several_named: Reply,
    ) -> Target:
        """The one phone meant, whatever it is doing.

        When more than one is meant, the answer asks which: several_named when
        the phone slot named them all.
        """
        targets, named = self._named(intent_obj, slots)
        if not named:
            targets = prefer_area(slots, targets)
        if not targets:
            raise RefusedError(Reply.NO_PHONE_SET_UP)
        if len(targets) > 1:
            raise RefusedError(
                several_named if named else several,
                phones=say_phones(target.name for target in targets),
            )
        return require_available(targets[0])

    async def _async_busy(
        self,
        intent_obj: intent.Intent,
        slots: dict[str, Any],
        busy: Callable[[Station], bool],
    ) -> tuple[list[Target], list[Target], bool]:
        """The phones meant, and those of them busy as asked, as the phones are now.

        The phones are read first: a ring that began since the last poll counts.
        """
        hass = intent_obj.hass
        await asyncio.gather(
            *(coordinator.async_refresh() for coordinator in loaded_coordinators(hass))
        )
        targets, named = self._named(intent_obj, slots)
        matching = [
            target
            for target in targets
            if target.available
            and (station := target.station) is not None
            and busy(station)
        ]
        if not named:
            matching = prefer_area(slots, matching)
        return targets, matching, named


class QueryIntentHandler(PhoneIntentHandler):
    """An intent that only tells what it finds, and answers as a query."""

    async def async_handle(self, intent_obj: intent.Intent) -> intent.IntentResponse:
        """Answer as a query."""
        response = await super().async_handle(intent_obj)
        if response.response_type is intent.IntentResponseType.ACTION_DONE:
            response.response_type = intent.IntentResponseType.QUERY_ANSWER
        return response
