"""Asynchronous client for the CTI API of Grandstream phones.

Self-contained, with no Home Assistant imports, so that it could be published
as a library of its own.
"""

from .client import GrandstreamClient
from .discovery import probe_cti
from .exceptions import (
    GrandstreamAuthenticationError,
    GrandstreamClickToDialError,
    GrandstreamCommandError,
    GrandstreamConnectionError,
    GrandstreamDroppedError,
    GrandstreamError,
    GrandstreamNotSupportedError,
    GrandstreamResponseError,
    GrandstreamTimeoutError,
    GrandstreamValidationError,
)
from .hosts import join_host, normalize_host, split_host
from .identity import family_of_model
from .models import (
    AccountStatus,
    CallState,
    DialMethod,
    Family,
    HandsetOperation,
    HandsetStatus,
    LineStatus,
    ModelDefinition,
    PhoneIdentity,
    PhoneOperation,
    PhoneStatus,
    SipAccount,
    call_state,
)
from .transport import DEFAULT_TIMEOUT
from .validation import parse_keys, parse_number

__all__ = [
    "DEFAULT_TIMEOUT",
    "AccountStatus",
    "CallState",
    "DialMethod",
    "Family",
    "GrandstreamAuthenticationError",
    "GrandstreamClickToDialError",
    "GrandstreamClient",
    "GrandstreamCommandError",
    "GrandstreamConnectionError",
    "GrandstreamDroppedError",
    "GrandstreamError",
    "GrandstreamNotSupportedError",
    "GrandstreamResponseError",
    "GrandstreamTimeoutError",
    "GrandstreamValidationError",
    "HandsetOperation",
    "HandsetStatus",
    "LineStatus",
    "ModelDefinition",
    "PhoneIdentity",
    "PhoneOperation",
    "PhoneStatus",
    "SipAccount",
    "call_state",
    "family_of_model",
    "join_host",
    "normalize_host",
    "parse_keys",
    "parse_number",
    "probe_cti",
    "split_host",
]
