"""What the voice commands answer: every reply by id, and the English text.

A reply's text takes its values by name, so that a second language can put
them where its sentences need them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from enum import StrEnum
from typing import Final

from homeassistant.helpers import intent
from homeassistant.util import dt as dt_util

from ..cti import LineStatus
from ..cti.call_records import CallRecord, StationCalls


class Reply(StrEnum):
    """What a voice command can answer."""

    NO_PHONE_SET_UP = "no_phone_set_up"
    NO_PHONE_CALLED = "no_phone_called"
    NOT_AVAILABLE = "not_available"
    PHONES = "phones"
    SEVERAL_NAMED = "several_named"
    WHICH_PHONE_CALLS = "which_phone_calls"
    WHICH_PHONE = "which_phone"
    CANNOT_DIAL = "cannot_dial"
    CALLING = "calling"
    NOTHING_RINGING = "nothing_ringing"
    NOT_RINGING = "not_ringing"
    SEVERAL_RINGING = "several_ringing"
    NO_CALL = "no_call"
    NOT_IN_CALL = "not_in_call"
    SEVERAL_IN_CALL = "several_in_call"
    NO_CALL_ON_HOLD = "no_call_on_hold"
    NO_HELD_CALL = "no_held_call"
    SEVERAL_ON_HOLD = "several_on_hold"
    ANSWERED = "answered"
    REJECTED = "rejected"
    HUNG_UP = "hung_up"
    HELD = "held"
    RESUMED = "resumed"
    DND_DISABLED = "dnd_disabled"
    DND_ON = "dnd_on"
    DND_OFF = "dnd_off"
    CALLER_NAME_NUMBER = "caller_name_number"
    CALLER_NAME = "caller_name"
    CALLER_NUMBER = "caller_number"
    CALLER_UNKNOWN = "caller_unknown"
    CALLER_NAME_NUMBER_PHONE = "caller_name_number_phone"
    CALLER_NAME_PHONE = "caller_name_phone"
    CALLER_NUMBER_PHONE = "caller_number_phone"
    CALLER_UNKNOWN_PHONE = "caller_unknown_phone"
    NO_MISSED_CALLS = "no_missed_calls"
    NO_MISSED_CALLS_ON_PHONE = "no_missed_calls_on_phone"
    MISSED_CALL = "missed_call"
    MISSED_CALLS = "missed_calls"
    MISSED_TODAY = "missed_today"
    MISSED_YESTERDAY = "missed_yesterday"
    MISSED_EARLIER = "missed_earlier"
    UNKNOWN_CALLER = "unknown_caller"
    MORE_CALLS = "more_calls"
    LIST = "list"
    WHICH_NUMBER = "which_number"
    LAST_ANSWERED = "last_answered"
    CLEARED_MISSED_CALLS = "cleared_missed_calls"


ENGLISH: Final[Mapping[Reply, str]] = {
    Reply.NO_PHONE_SET_UP: "No Grandstream phone is set up.",
    Reply.NO_PHONE_CALLED: "I know no phone called {name}.",
    Reply.NOT_AVAILABLE: "{phone} is not available.",
    Reply.PHONES: "{others} or {last}",
    Reply.SEVERAL_NAMED: "Several phones have that name: say which one: {phones}.",
    Reply.WHICH_PHONE_CALLS: (
        "Which phone should call? Say, for example, 'from the kitchen phone'."
    ),
    Reply.WHICH_PHONE: "Which phone? Say which one: {phones}.",
    Reply.CANNOT_DIAL: (
        "I cannot dial {number}: a phone number has only digits, star and hash, "
        "with an optional plus at the start."
    ),
    Reply.CALLING: "Calling {number} from {phone}.",
    Reply.NOTHING_RINGING: "Nothing is ringing.",
    Reply.NOT_RINGING: "{phone} is not ringing.",
    Reply.SEVERAL_RINGING: "Several phones are ringing: say which one: {phones}.",
    Reply.NO_CALL: "No phone is in a call.",
    Reply.NOT_IN_CALL: "{phone} is not in a call.",
    Reply.SEVERAL_IN_CALL: "Several phones are in a call: say which one: {phones}.",
    Reply.NO_CALL_ON_HOLD: "No call is on hold.",
    Reply.NO_HELD_CALL: "{phone} has no call on hold.",
    Reply.SEVERAL_ON_HOLD: (
        "Several phones have a call on hold: say which one: {phones}."
    ),
    Reply.ANSWERED: "Answered the call on {phone}.",
    Reply.REJECTED: "Rejected the call on {phone}.",
    Reply.HUNG_UP: "Hung up on {phone}.",
    Reply.HELD: "The call on {phone} is on hold.",
    Reply.RESUMED: "Resumed the call on {phone}.",
    Reply.DND_DISABLED: "The do not disturb switch of {phone} is disabled.",
    Reply.DND_ON: "Turned on do not disturb on {phone}.",
    Reply.DND_OFF: "Turned off do not disturb on {phone}.",
    Reply.CALLER_NAME_NUMBER: "{name} is calling from {number}.",
    Reply.CALLER_NAME: "{name} is calling.",
    Reply.CALLER_NUMBER: "Someone is calling from {number}.",
    Reply.CALLER_UNKNOWN: "Someone is calling, without caller ID.",
    Reply.CALLER_NAME_NUMBER_PHONE: "{name} is calling {phone} from {number}.",
    Reply.CALLER_NAME_PHONE: "{name} is calling {phone}.",
    Reply.CALLER_NUMBER_PHONE: "Someone is calling {phone} from {number}.",
    Reply.CALLER_UNKNOWN_PHONE: "Someone is calling {phone}, without caller ID.",
    Reply.NO_MISSED_CALLS: "No missed calls.",
    Reply.NO_MISSED_CALLS_ON_PHONE: "{phone} has no missed calls.",
    Reply.MISSED_CALL: "{phone} missed a call from {caller}.",
    Reply.MISSED_CALLS: "{phone} missed {count} calls, from {callers}.",
    Reply.MISSED_TODAY: "{caller} at {time}",
    Reply.MISSED_YESTERDAY: "{caller} yesterday at {time}",
    Reply.MISSED_EARLIER: "{caller} on {date} at {time}",
    Reply.UNKNOWN_CALLER: "an unknown caller",
    Reply.MORE_CALLS: "{count} more",
    Reply.LIST: "{others} and {last}",
    Reply.WHICH_NUMBER: "{name} has several numbers: {numbers}. Say which one to call.",
    Reply.LAST_ANSWERED: "The last call was answered on {phone}: {call}.",
    Reply.CLEARED_MISSED_CALLS: "Cleared the missed calls of {phones}.",
}
# How the English replies write a time of day and a date.
_TIME = "%H:%M"
_DATE = "%B {day}"


def say(reply: Reply, **values: str) -> str:
    """The reply's text with its values filled in."""
    return ENGLISH[reply].format(**values)


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
    time = started.strftime(_TIME)
    if days_ago == 0:
        return say(Reply.MISSED_TODAY, caller=caller, time=time)
    if days_ago == 1:
        return say(Reply.MISSED_YESTERDAY, caller=caller, time=time)
    date = started.strftime(_DATE).format(day=started.day)
    return say(Reply.MISSED_EARLIER, caller=caller, date=date, time=time)


def say_all(items: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(items) == 1:
        return items[0]
    return say(Reply.LIST, others=", ".join(items[:-1]), last=items[-1])


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
