"""Simulated Grandstream phones answering the CTI HTTP API (tests, benchmarks, dev)."""

from .action_url import ActionUrlSender, SentPush, substitute
from .auth import PasscodeGuard
from .const import (
    FACTORY_PASSCODE,
    AuthFailureStyle,
    EventKind,
    Family,
    FaultMode,
    LineState,
    Style,
    UrlEncoding,
)
from .cti import CtiHandler
from .device import SimulatedPhone
from .farm import SimulatorFarm
from .faults import FaultState
from .model import (
    Account,
    InvalidTransitionError,
    Line,
    PhoneEvent,
    SimulatorError,
    Station,
)
from .phone import PhoneState
from .records import RecordedRequest

__all__ = [
    "FACTORY_PASSCODE",
    "Account",
    "ActionUrlSender",
    "AuthFailureStyle",
    "CtiHandler",
    "EventKind",
    "Family",
    "FaultMode",
    "FaultState",
    "InvalidTransitionError",
    "Line",
    "LineState",
    "PasscodeGuard",
    "PhoneEvent",
    "PhoneState",
    "RecordedRequest",
    "SentPush",
    "SimulatedPhone",
    "SimulatorError",
    "SimulatorFarm",
    "Station",
    "Style",
    "UrlEncoding",
    "substitute",
]
