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
from .device import PhoneSimulator, SimulatedPhone
from .farm import SimulatorFarm
from .faults import FaultState
from .phone import (
    Account,
    InvalidTransitionError,
    Line,
    PhoneEvent,
    PhoneState,
    SimulatorError,
    Station,
)
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
    "PhoneSimulator",
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
