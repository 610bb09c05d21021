"""Names and defaults shared by the simulator modules."""

from __future__ import annotations

from enum import StrEnum
from typing import Final

FACTORY_PASSCODE: Final = "admin"
DEFAULT_MAC: Final = "000B82123456"
DEFAULT_REBOOT_SECONDS: Final = 5.0
DEFAULT_LOCKOUT_SECONDS: Final = 60.0
DEFAULT_MAX_AUTH_FAILURES: Final = 5
DP_HANDSETS: Final = 5
DP_LINES_PER_HANDSET: Final = 10
DP_ACCOUNTS: Final = 10
# A GXP2170 has 12 lines (Grandstream's data sheet, not the CTI guide), but the
# guide's line keys stop at LINE8.
GXP_MAX_LINES: Final = 12
GXP_LINE_KEYS: Final = 8
VOLUME_MAX: Final = 7
ACTION_URL_MAX_VALUE: Final = 256
# Served without a login where a phone serves it (lineup.md).
MODEL_DEFINE_PATH: Final = "/json/configs/model.define.js"


class Family(StrEnum):
    """Product family: which set of CTI functions the phone answers."""

    GXP = "gxp"
    # GRP26xx: the GXP functions, as its own CTI guide gives them (lineup.md).
    GRP = "grp"
    DP = "dp"

    @property
    def has_handsets(self) -> bool:
        """A DP base: its calls are on handsets, not on the phone itself."""
        return self is Family.DP


class LineState(StrEnum):
    """Line states as real phones report them."""

    IDLE = "idle"
    RINGING = "ringing"
    CALLING = "calling"
    CONNECTED = "connected"
    ONHOLD = "onhold"
    FAILED = "failed"


class EventKind(StrEnum):
    """Phone events that can fire an Action URL."""

    INCOMING = "incoming"
    OUTGOING = "outgoing"
    MISSED = "missed"
    ESTABLISHED = "established"
    TERMINATED = "terminated"
    DND_ON = "dnd_on"
    DND_OFF = "dnd_off"
    HOLD = "hold"
    UNHOLD = "unhold"
    REGISTERED = "registered"
    UNREGISTERED = "unregistered"


class FaultMode(StrEnum):
    """The phone's bad days."""

    NONE = "none"
    SLOW = "slow"
    TIMEOUT = "timeout"
    HTML = "html"
    MALFORMED_JSON = "malformed_json"
    TRUNCATED = "truncated"
    RESPONSE_ERROR = "response_error"
    HTTP_401 = "http_401"
    HTTP_403 = "http_403"
    HTTP_404 = "http_404"
    HTTP_500 = "http_500"
    CONNECTION_REFUSED = "connection_refused"
    RESET = "reset"


class AuthFailureStyle(StrEnum):
    """How the phone answers a wrong passcode."""

    JSON_ERROR = "json_error"
    HTTP_401 = "401"
    HTTP_403 = "403"
    HTML = "html"
    # {"response":"success", "body":"unauthorized"}: captured from a GXP1625 on
    # firmware 1.0.7.81, for a refused login or an expired session (not in the
    # guide); "forbidden" is the same answer with another word.
    SUCCESS_UNAUTHORIZED = "success_unauthorized"
    SUCCESS_FORBIDDEN = "success_forbidden"


class Style(StrEnum):
    """JSON formatting of answers."""

    COMPACT = "compact"
    SPACED = "spaced"


class UrlEncoding(StrEnum):
    """How substituted Action URL values go on the wire."""

    RAW = "raw"
    PERCENT = "percent"
