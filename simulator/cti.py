"""CTI functions: turn one request (function name + query) into the phone's answer.

Pure: acts on a `PhoneState`, returns the JSON document to send (or None for an
unknown cgi path, which a real phone answers with HTTP 404).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from .const import DP_ACCOUNTS, DP_HANDSETS, DP_LINES_PER_HANDSET, Family
from .model import InvalidTransitionError, Line, SimulatorError, Station
from .phone import PhoneState

type Payload = dict[str, Any]
type Params = Mapping[str, str]
type After = Literal["reboot", "reset"] | None


def complete() -> Payload:
    """Positive answer with no returned value (send_key)."""
    return {"response": "success", "body": "complete"}


def true() -> Payload:
    """Positive answer of operations and make_call."""
    return {"response": "success", "body": True}


def false() -> Payload:
    """Negative answer of operations and make_call."""
    return {"response": "error", "body": False}


def unknown() -> Payload:
    """Negative answer of send_key and sys_operation."""
    return {"response": "error", "body": "unknown"}


def failed() -> Payload:
    """Generic negative answer (also wrong passcode)."""
    return {"response": "error", "body": "failed"}


@dataclass(frozen=True)
class CtiResult:
    """What to answer, and what the phone does after answering."""

    payload: Payload | None
    after: After = None


class _FailedError(Exception):
    """A parameter is missing or invalid: answer `failed`."""


GXP_FUNCTIONS = frozenset(
    {
        "api-get_line_status",
        "api-get_phone_status",
        "api-phone_operation",
        "api-get_accounts",
        "api-make_call",
        "api-send_key",
        "api-sys_operation",
    }
)
DP_FUNCTIONS = frozenset(
    {
        "api-get_account_status",
        "api-get_hs_status",
        "api-get_hs_line_status",
        "api-make_call",
        "api-device_operation",
        "api-send_key",
        "api-sys_operation",
    }
)
_LINE_OPS = frozenset(
    {"endcall", "holdcall", "unholdcall", "acceptcall", "rejectcall", "cancel"}
)
# The guide's api-phone_operation has no unholdcall: a GXP phone refuses it like
# any command it does not take, and a person resumes with the line's key.
_GXP_OPS = _LINE_OPS - {"unholdcall"}
# Grandstream's own GRP code resumes with cmd=unhold and the line as arg
# (vendor code in lineup.md; its CTI guide lists the GXP's commands).
_GRP_UNHOLD = "unhold"
_DP_OPS = _LINE_OPS | {"mute", "speaker", "setdnd", "unsetdnd"}


class CtiHandler:
    """Answers CTI functions for one phone."""

    def __init__(self, state: PhoneState, *, remote_key: str = "remotenum") -> None:
        """Bind to the phone state; remote_key names the line's number field."""
        self.state = state
        self.remote_key = remote_key

    def functions(self) -> frozenset[str]:
        """CTI function names this family answers."""
        return DP_FUNCTIONS if self.state.family.has_handsets else GXP_FUNCTIONS

    def handle(self, function: str, params: Params) -> CtiResult:
        """Answer one authorised CTI request."""
        if function not in self.functions():
            return CtiResult(None)
        if function == "api-sys_operation":
            return self._sys_operation(params)
        method: Callable[[Params], Payload] = getattr(self, "_" + function[4:])
        try:
            return CtiResult(method(params))
        except _FailedError, SimulatorError:
            return CtiResult(failed())

    # ------------------------------------------------------------------ GXP
    def _get_line_status(self, params: Params) -> Payload:
        st = self.state.station()
        active = self.state.active_line()
        body = [self._gxp_line(line, line is active) for line in st.lines]
        return {"response": "success", "body": body}

    def _gxp_line(self, line: Line, active: bool) -> Payload:
        return {
            "line": line.index,
            "state": str(line.state),
            # Counted from 0, as real phones' line status suggests (a WP826
            # answers "acct": 0 on its first account); the guide shows only "".
            "acct": str(line.account - 1) if line.busy else "",
            "remotename": line.remote_name,
            self.remote_key: line.remote_number,
            "active": 1 if active else 0,
        }

    def _get_phone_status(self, params: Params) -> Payload:
        body = "busy" if self.state.busy else "available"
        if self.state.family is not Family.GRP:
            return {"response": "success", "body": body, "misc": "0"}
        # A GRP also says "ringing", and "unavailable" with no registered
        # account (vendor code).
        if not any(account.registered for account in self.state.accounts.values()):
            body = "unavailable"
        elif self.state.station().status == "ringing":
            body = "ringing"
        # Inferred: lineup.md says only that misc "1" means an idle call is
        # allowed; the simulated GRP allows one while it is available.
        return {
            "response": "success",
            "body": body,
            "misc": "1" if body == "available" else "0",
        }

    def _get_accounts(self, params: Params) -> Payload:
        body = [
            {
                "id": acc.index,
                "sip_server": acc.sip_server,
                "sip_id": acc.sip_id,
                "name": acc.name,
                "reg": 1 if acc.registered else 0,
            }
            for acc in self.state.accounts.values()
        ]
        return {"response": "success", "body": body}

    def _phone_operation(self, params: Params) -> Payload:
        cmd = _required(params, "cmd")
        lines = len(self.state.station().lines)
        if self.state.family is Family.GRP and cmd == _GRP_UNHOLD:
            return self._line_op("unholdcall", _int(params, "arg", 1, lines), None)
        line = _int(params, "line", 1, lines)
        if cmd not in _GXP_OPS:
            return false()
        return self._line_op(cmd, line, None)

    # ------------------------------------------------------------------- DP
    def _get_account_status(self, params: Params) -> Payload:
        index = _int_required(params, "account", 1, DP_ACCOUNTS)
        acc = self.state.account(index)
        return {
            "response": "success",
            f"Account{index}": {
                "Registered": 1 if acc.registered else 0,
                "Profile": 1,
                "Active": 1 if acc.active else 0,
                "HSMode": acc.hs_mode,
            },
        }

    def _get_hs_status(self, params: Params) -> Payload:
        hs = _int_required(params, "hs", 1, DP_HANDSETS)
        st = self.state.station(hs)
        return {
            "response": "success",
            f"HS{hs}": {
                "initialized": 1 if st.paired else 0,
                "subscribed": 1 if st.paired else 0,
                "status": st.status,
            },
        }

    def _get_hs_line_status(self, params: Params) -> Payload:
        hs = _int_required(params, "hs", 1, DP_HANDSETS)
        st = self.state.station(hs)
        lines = {f"Line{line.index}": self._dp_line(st, line) for line in st.lines}
        return {"response": "success", f"HS{hs}": lines}

    def _dp_line(self, st: Station, line: Line) -> Payload:
        index = line.account if line.busy else line.index
        acc = self.state.accounts.get(index)
        if acc is None or not acc.active or not st.paired:
            index, registered, active = 0, 0, 0
        else:
            registered, active = int(acc.registered), 1
        entry: Payload = {
            "Status": str(line.state),
            "Account": index,
            "Registered": registered,
            "Active": active,
        }
        if line.busy:
            entry["RemoteNumber"] = line.remote_number
            entry["RemoteName"] = line.remote_name
        return entry

    def _device_operation(self, params: Params) -> Payload:
        hs = _int_required(params, "hs", 1, DP_HANDSETS)
        line = _int(params, "line", 1, DP_LINES_PER_HANDSET)
        cmd = _required(params, "cmd")
        if cmd not in _DP_OPS or not self.state.station(hs).paired:
            return false()
        if cmd in _LINE_OPS:
            return self._line_op(cmd, line, hs)
        if cmd == "mute":
            self.state.toggle_mute(hs)
        elif cmd == "speaker":
            self.state.toggle_speaker(hs)
        else:
            self.state.set_dnd(cmd == "setdnd", hs)
        return true()

    # ------------------------------------------------------------ all models
    def _make_call(self, params: Params) -> Payload:
        hs: int | None = None
        if self.state.family.has_handsets:
            hs = _int_required(params, "hs", 1, DP_HANDSETS)
        number = _required(params, "phonenumber")
        if not self.state.family.has_handsets and not self.state.click_to_dial:
            return false()
        account = 1
        if self.state.family is Family.GRP and "account" in params:
            # 0-based: api-get_accounts' id minus one (vendor code).
            account = _int_required(params, "account", 0, len(self.state.accounts) - 1)
            account += 1
        try:
            self.state.dial(number, hs, account=account)
        except InvalidTransitionError:
            return false()
        except SimulatorError as err:
            raise _FailedError from err
        return true()

    def _send_key(self, params: Params) -> Payload:
        hs: int | None = None
        if self.state.family.has_handsets:
            hs = _int_required(params, "hs", 1, DP_HANDSETS)
        keys = _required(params, "keys").split(":")
        try:
            accepted = self.state.press_keys(keys, hs)
        except InvalidTransitionError:
            return unknown()
        return complete() if accepted else unknown()

    def _sys_operation(self, params: Params) -> CtiResult:
        request = params.get("request")
        if request == "REBOOT":
            # A DP752 is taken to answer as the DP750 does (inferred, lineup.md).
            word = "directreboot" if self.state.family.has_handsets else "savereboot"
            return CtiResult({"response": "success", "body": word}, "reboot")
        if request == "RESET":
            return CtiResult({"response": "success", "body": "reset"}, "reset")
        return CtiResult(unknown())

    # --------------------------------------------------------------- helpers
    def _line_op(self, cmd: str, line: int | None, hs: int | None) -> Payload:
        state = self.state
        actions: dict[str, Callable[[int | None, int | None], Line]] = {
            "endcall": state.end_call,
            "holdcall": state.hold,
            "unholdcall": state.unhold,
            "acceptcall": state.answer,
            "rejectcall": state.reject,
            "cancel": state.cancel,
        }
        try:
            actions[cmd](line, hs)
        except InvalidTransitionError:
            return false()
        except SimulatorError as err:
            raise _FailedError from err
        return true()


def _required(params: Params, name: str) -> str:
    value = params.get(name)
    if not value:
        raise _FailedError
    return value


def _int(params: Params, name: str, low: int, high: int) -> int | None:
    value = params.get(name)
    if value is None:
        return None
    if not (value.isascii() and value.isdigit()) or not low <= int(value) <= high:
        raise _FailedError
    return int(value)


def _int_required(params: Params, name: str, low: int, high: int) -> int:
    value = _int(params, name, low, high)
    if value is None:
        raise _FailedError
    return value
