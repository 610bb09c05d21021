"""Typed answers of the Grandstream CTI API."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Family(StrEnum):
    """Which CTI dialect a phone speaks."""

    GXP = "gxp"
    # The GXP's functions, as the GRP26xx's own CTI guide gives them: resumed
    # with unhold, dialled on a chosen account.
    GRP = "grp"
    DP = "dp"

    @property
    def has_handsets(self) -> bool:
        """A DP base: its calls are on its handsets, each with its own lines."""
        return self is Family.DP


@dataclass(frozen=True, slots=True, kw_only=True)
class ModelDefinition:
    """What GET /json/configs/model.define.js tells, without a login."""

    model: str
    accounts: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class PhoneIdentity:
    """Which phone answers: its CTI family, and its model where it names it."""

    family: Family
    model: str | None = None


class CallState(StrEnum):
    """A line's state, normalised over the spellings phones use."""

    IDLE = "idle"
    RINGING = "ringing"
    DIALING = "dialing"
    TALKING = "talking"
    ON_HOLD = "on_hold"
    FAILED = "failed"
    OTHER = "other"


_CALL_STATES: Mapping[str, CallState] = {
    "idle": CallState.IDLE,
    "": CallState.IDLE,
    "ringing": CallState.RINGING,
    "ring": CallState.RINGING,
    "incoming": CallState.RINGING,
    "calling": CallState.DIALING,
    "dialing": CallState.DIALING,
    "proceeding": CallState.DIALING,
    "ringback": CallState.DIALING,
    "connected": CallState.TALKING,
    "talking": CallState.TALKING,
    "onhold": CallState.ON_HOLD,
    "on_hold": CallState.ON_HOLD,
    "hold": CallState.ON_HOLD,
    "held": CallState.ON_HOLD,
    "failed": CallState.FAILED,
    "busy": CallState.FAILED,
}


def call_state(raw_state: str) -> CallState:
    """Map a phone's raw line state onto a CallState; unknown ones are OTHER."""
    return _CALL_STATES.get(raw_state.strip().lower(), CallState.OTHER)


class PhoneOperation(StrEnum):
    """Call commands of api-device_operation (DP) and api-phone_operation (GXP).

    The guide lists unholdcall for api-device_operation only: a GXP phone resumes
    a held call when its line key is pressed (GrandstreamClient.resume_line).
    """

    END_CALL = "endcall"
    HOLD_CALL = "holdcall"
    UNHOLD_CALL = "unholdcall"
    ACCEPT_CALL = "acceptcall"
    REJECT_CALL = "rejectcall"
    CANCEL = "cancel"


class DialMethod(StrEnum):
    """How make_call had a call dialled: the CTI function that did it."""

    MAKE_CALL = "api-make_call"
    # A GXP phone with Click-To-Dial off: the number's keys, then SEND.
    KEYS = "api-send_key"


class HandsetOperation(StrEnum):
    """Handset-wide commands of api-device_operation (DP), sent without a line."""

    MUTE = "mute"
    SPEAKER = "speaker"
    SET_DND = "setdnd"
    UNSET_DND = "unsetdnd"


@dataclass(frozen=True, slots=True, kw_only=True)
class LineStatus:
    """One line of a GXP phone (api-get_line_status) or a DP handset."""

    line: int
    # The phone's own word for the line's state; None once a push has moved
    # the line (calls.PushedLine), until the next poll.
    raw_state: str | None
    account: str = ""
    remote_name: str = ""
    remote_number: str = ""
    active: bool = False
    registered: bool | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def state(self) -> CallState:
        """The normalised call state of this line."""
        return call_state(self.raw_state or "")


@dataclass(frozen=True, slots=True, kw_only=True)
class PhoneStatus:
    """A GXP phone's status (api-get_phone_status): available or busy."""

    status: str
    misc: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class SipAccount:
    """A SIP account as api-get_accounts lists it (newer GXP firmware)."""

    id: int
    name: str = ""
    sip_id: str = ""
    sip_server: str = ""
    registered: bool = False
    extra: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class AccountStatus:
    """A DP base's account (api-get_account_status)."""

    account: int
    registered: bool
    active: bool
    profile: int | None = None
    handset_mode: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class HandsetStatus:
    """A DP handset slot (api-get_hs_status)."""

    handset: int
    initialized: bool
    subscribed: bool
    raw_state: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def paired(self) -> bool:
        """Whether a handset is registered to this slot."""
        return self.subscribed
