"""What the voice commands answer, in the language of the conversation.

A reply's text takes its values by name, so that each language puts them where
its sentences need them (languages/).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import intent, translation
from homeassistant.util import dt as dt_util

from ..cti import LineStatus
from ..cti.call_records import CallRecord, StationCalls
from .language import Language
from .languages import language_for
from .languages.en import EN
from .reply import Reply

# The language of the conversation being answered (speaking() sets it): replies
# are said deep inside the handlers, refusals among them, all in that language.
_SPEAKING: ContextVar[Language] = ContextVar("speaking", default=EN)


@contextmanager
def speaking(code: str | None) -> Iterator[Language]:
    """Say the replies made within in the language code names (English if none)."""
    token = _SPEAKING.set(spoken := language_for(code))
    try:
        yield spoken
    finally:
        _SPEAKING.reset(token)


def spoken_language() -> Language:
    """The language the replies are said in."""
    return _SPEAKING.get()


def say(reply: Reply, **values: str) -> str:
    """The reply's text with its values filled in."""
    return _SPEAKING.get().replies[reply].format(**values)


def say_phones(names: Iterable[str]) -> str:
    """Several phones' names to say: 'A or B', 'A, B or C'."""
    return say_choices(sorted(names))


def say_choices(choices: list[str]) -> str:
    """Several things to choose from, in this order: 'A or B', 'A, B or C'."""
    return say(Reply.PHONES, others=", ".join(choices[:-1]), last=choices[-1])


# By whether the caller's name, and their number, are known.
_CALLER = {
    (True, True): Reply.CALLER_NAME_NUMBER,
    (True, False): Reply.CALLER_NAME,
    (False, True): Reply.CALLER_NUMBER,
    (False, False): Reply.CALLER_UNKNOWN,
}
_CALLER_TO_PHONE = {
    (True, True): Reply.CALLER_NAME_NUMBER_PHONE,
    (True, False): Reply.CALLER_NAME_PHONE,
    (False, True): Reply.CALLER_NUMBER_PHONE,
    (False, False): Reply.CALLER_UNKNOWN_PHONE,
}


def say_caller(line: LineStatus, phone: str | None = None) -> str:
    """Who calls on the line (and which phone, when phone is given)."""
    name, number = line.remote_name, line.remote_number
    known = (bool(name), bool(number))
    if phone is None:
        return say(_CALLER[known], name=name, number=number)
    return say(_CALLER_TO_PHONE[known], name=name, number=number, phone=phone)


# The missed calls said per phone: the newest; the others are counted.
SPOKEN_MISSED_CALLS = 3


def say_missed_calls(phone: str, calls: StationCalls, now: datetime) -> str:
    """Which calls the phone missed, newest first, and when."""
    callers = [
        _say_missed_call(call, now) for call in calls.missed[:SPOKEN_MISSED_CALLS]
    ]
    if calls.missed_count == 1 and callers:
        return say(Reply.MISSED_CALL, phone=phone, caller=callers[0])
    if more := calls.missed_count - len(callers):
        callers.append(say(Reply.MORE_CALLS, count=str(more)))
    return say(
        Reply.MISSED_CALLS,
        phone=phone,
        count=str(calls.missed_count),
        callers=say_all(callers),
    )


def say_last_answered(phone: str, call: CallRecord, now: datetime) -> str:
    """The last call that was answered: who, where and when."""
    return say(Reply.LAST_ANSWERED, phone=phone, call=_say_missed_call(call, now))


def _say_missed_call(call: CallRecord, now: datetime) -> str:
    caller = call.name or call.number or say(Reply.UNKNOWN_CALLER)
    started = dt_util.as_local(call.started)
    days_ago = (dt_util.as_local(now).date() - started.date()).days
    spoken = _SPEAKING.get()
    time = spoken.time.format(hour=started.hour, minute=started.minute)
    if days_ago == 0:
        return say(Reply.MISSED_TODAY, caller=caller, time=time)
    if days_ago == 1:
        return say(Reply.MISSED_YESTERDAY, caller=caller, time=time)
    month = spoken.months[started.month - 1]
    date = spoken.date.format(day=started.day, month=month)
    return say(Reply.MISSED_EARLIER, caller=caller, date=date, time=time)


def say_all(items: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(items) == 1:
        return items[0]
    return say(Reply.LIST, others=", ".join(items[:-1]), last=items[-1])


async def async_say_error(hass: HomeAssistant, err: HomeAssistantError) -> str:
    """An action's error, in the language spoken where it is translated.

    Home Assistant words an error in English only (str(err)); the integration's
    translations have its errors in each language.
    """
    if err.translation_domain and err.translation_key:
        translations = await translation.async_get_translations(
            hass, _SPEAKING.get().code, "exceptions", [err.translation_domain]
        )
        key = (
            f"component.{err.translation_domain}.exceptions."
            f"{err.translation_key}.message"
        )
        if text := translations.get(key):
            # As Home Assistant words it: without the final full stop.
            return text.rstrip(".").format(**(err.translation_placeholders or {}))
    return str(err)


class RefusedError(Exception):
    """Why nothing was sent, as the spoken answer."""

    def __init__(
        self,
        reply: Reply,
        code: intent.IntentResponseErrorCode = (
            intent.IntentResponseErrorCode.NO_VALID_TARGETS
        ),
        **values: str,
    ) -> None:
        """Refuse with the reply, filled with values."""
        super().__init__(say(reply, **values))
        self.code = code
