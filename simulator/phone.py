"""Pure state of a simulated phone: lines, handsets, accounts, keys. No I/O.

Every change that a real phone would announce through an Action URL is emitted as a
`PhoneEvent` to the listeners registered in `PhoneState.listeners`. The state is
built up in layers: `StateBase` (state_base.py), `CallControl` (calls.py), and the
keypad here.
"""

from __future__ import annotations

from collections.abc import Sequence
import re

from .calls import CallControl
from .const import DP_LINES_PER_HANDSET, GXP_LINE_KEYS, Family, LineState
from .model import Line, Station, first_line, line_of

_DIGITS = frozenset("0123456789")
_COMMON_KEYS = frozenset(
    {"SPEAKER", "XFER", "VUP", "VDOWN", "MUTE", "HOLD", "CONF", "VM", "HEADSET"}
    | {"DND", "SEND"}
    | {f"SOFT{n}" for n in range(1, 5)}
    | {f"MPK{n}" for n in range(1, 25)}
)
_GXP_KEYS = _COMMON_KEYS | _DIGITS | {"*", "#"}
_DP_KEYS = (
    _COMMON_KEYS
    | _DIGITS
    | {"LEFT_SOFT_KEY", "RIGHT_SOFT_KEY", "STAR", "HASH", "ONHOOK", "OFFHOOK"}
    | {"OK", "LOCK", "UNLOCK", "UP", "DOWN", "LEFT", "RIGHT"}
)
# The GRP26xx CTI guide's keys beyond the GXP's (lineup.md).
_GRP_KEYS = (
    _GXP_KEYS
    | {"STAR", "ONHOOK", "OFFHOOK", "OK", "LOCK", "UNLOCK"}
    | {
        "UP",
        "DOWN",
        "LEFT",
        "RIGHT",
    }
)
_KEYS = {Family.GXP: _GXP_KEYS, Family.GRP: _GRP_KEYS, Family.DP: _DP_KEYS}
_KEY_CHAR = {"STAR": "*", "HASH": "#"}
_LINE_KEY_RE = re.compile(r"^LINE([1-9][0-9]?)$")


class PhoneState(CallControl):
    """All state of one simulated phone; methods act like a person or the network."""

    # ------------------------------------------------------------------ keys
    def key_known(self, key: str) -> bool:
        """True when the phone knows this key name."""
        if match := _LINE_KEY_RE.match(key):
            limit = (
                DP_LINES_PER_HANDSET
                if self.family.has_handsets
                else min(GXP_LINE_KEYS, self._lines_count)
            )
            return 1 <= int(match.group(1)) <= limit
        return key in _KEYS[self.family]

    def press_keys(self, keys: Sequence[str], hs: int | None = None) -> bool:
        """Press keys in order; False (and nothing done) if any key is unknown."""
        if not keys or not all(self.key_known(key) for key in keys):
            return False
        st = self._paired_station(hs)
        for key in keys:
            st.keys.append(key)
            self._press(st, key)
        return True

    def _press(self, st: Station, key: str) -> None:
        hs = st.hs
        active = self.active_line(hs)
        char = _KEY_CHAR.get(key, key)
        if char in _DIGITS or char in {"*", "#"}:
            if active is not None and active.state is LineState.CONNECTED:
                st.dtmf.append(char)
            else:
                st.digits.append(char)
        elif key == "SEND":
            self._key_send(st, active)
        elif key == "OFFHOOK":
            if (ringing := first_line(st, LineState.RINGING)) is not None:
                self.answer(ringing.index, hs)
        elif key == "ONHOOK":
            st.digits.clear()
            if active is not None:
                self._end(st, active)
        elif key == "HOLD":
            if active is not None and active.state is LineState.CONNECTED:
                self.hold(active.index, hs)
            elif active is not None and active.state is LineState.ONHOLD:
                self.unhold(active.index, hs)
        elif key == "DND":
            self.toggle_dnd(hs)
        elif key == "MUTE":
            self.toggle_mute(hs)
        elif key == "SPEAKER":
            self.toggle_speaker(hs)
        elif key == "HEADSET":
            self.toggle_headset(hs)
        elif key in {"VUP", "VDOWN"}:
            self.change_volume(1 if key == "VUP" else -1, hs)
        elif key in {"LOCK", "UNLOCK"}:
            st.locked = key == "LOCK"
        elif match := _LINE_KEY_RE.match(key):
            self._key_line(st, int(match.group(1)))

    def _key_send(self, st: Station, active: Line | None) -> None:
        if st.digits:
            number = "".join(st.digits)
            st.digits.clear()
            if any(not line.busy for line in st.lines):
                self.dial(number, st.hs)
        elif active is not None and active.state is LineState.RINGING:
            self.answer(active.index, st.hs)

    def _key_line(self, st: Station, index: int) -> None:
        st.selected_line = index
        line = line_of(st, index)
        if line.state is LineState.RINGING:
            self.answer(index, st.hs)
        elif line.state is LineState.ONHOLD:
            self.unhold(index, st.hs)
