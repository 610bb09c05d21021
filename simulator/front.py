"""The one surface through which tests, scripts and the control API reach the state.

PhoneState stays private to the phone so that nothing outside changes it behind the
phone's back (the CTI handler and the Action URL pushes see every change).
"""

from __future__ import annotations

from collections.abc import Sequence

from .model import Account, Line, PhoneEvent, Station
from .phone import PhoneState


class PhoneFront:
    """What a person or the network does to the phone, and what they can see of it."""

    _state: PhoneState

    @property
    def events(self) -> list[PhoneEvent]:
        """Every event the phone emitted, oldest first."""
        return self._state.events

    @property
    def stations(self) -> list[Station]:
        """The desk phone (GXP) or every handset slot (DP)."""
        return list(self._state.stations.values())

    def lines(self, hs: int | None = None) -> list[Line]:
        """Lines of the phone (GXP) or of a handset (DP)."""
        return self._state.station(hs).lines

    def line(self, line: int = 1, hs: int | None = None) -> Line:
        """One line."""
        return self._state.line(line, hs)

    def station(self, hs: int | None = None) -> Station:
        """The desk phone (GXP) or a handset (DP)."""
        return self._state.station(hs)

    def account(self, index: int) -> Account:
        """Account slot index (1-based)."""
        return self._state.account(index)

    def configure_account(
        self,
        index: int,
        *,
        sip_id: str | None = None,
        name: str | None = None,
        registered: bool = True,
    ) -> Account:
        """The admin fills an account slot (no events)."""
        return self._state.configure_account(
            index, sip_id=sip_id, name=name, registered=registered
        )

    @property
    def click_to_dial(self) -> bool:
        """Whether the phone (GXP) accepts api-make_call."""
        return self._state.click_to_dial

    @click_to_dial.setter
    def click_to_dial(self, enabled: bool) -> None:
        self._state.click_to_dial = enabled

    def ring(
        self,
        line: int | None = 1,
        number: str = "5551234",
        name: str = "Alice",
        hs: int | None = None,
        *,
        account: int = 1,
    ) -> Line:
        """Incoming call on line (None: first idle line)."""
        return self._state.ring(line, number, name, hs, account=account)

    def ring_all(
        self, number: str = "5551234", name: str = "Alice", *, account: int = 1
    ) -> list[Line]:
        """DP: one incoming call rings every paired handset (parallel ring)."""
        return self._state.ring_all(number, name, account=account)

    def answer(self, line: int | None = None, hs: int | None = None) -> Line:
        """Person answers the ringing line."""
        return self._state.answer(line, hs)

    def remote_answer(self, line: int | None = None, hs: int | None = None) -> Line:
        """Far end answers the outgoing call."""
        return self._state.remote_answer(line, hs)

    def hold(self, line: int | None = None, hs: int | None = None) -> Line:
        """Put the connected call on hold."""
        return self._state.hold(line, hs)

    def unhold(self, line: int | None = None, hs: int | None = None) -> Line:
        """Resume the held call."""
        return self._state.unhold(line, hs)

    def hangup(self, line: int | None = None, hs: int | None = None) -> Line:
        """Far end hangs up (ringing: missed; connected/held: terminated)."""
        return self._state.hangup(line, hs)

    def end_call(self, line: int | None = None, hs: int | None = None) -> Line:
        """Person ends the call."""
        return self._state.end_call(line, hs)

    def reject(self, line: int | None = None, hs: int | None = None) -> Line:
        """Person rejects the ringing call."""
        return self._state.reject(line, hs)

    def fail(self, line: int | None = None, hs: int | None = None) -> Line:
        """The call fails: line shows failed."""
        return self._state.fail(line, hs)

    def dial(
        self, number: str, hs: int | None = None, *, line: int | None = None
    ) -> Line:
        """Person dials number: first idle line goes calling."""
        return self._state.dial(number, hs, line=line)

    def clear_calls(self) -> None:
        """Every call gone at once, without events (what a reboot does to them)."""
        self._state.reboot()

    def pair(self, hs: int) -> Station:
        """Pair DP handset hs."""
        return self._state.pair(hs)

    def unpair(self, hs: int) -> Station:
        """Unpair DP handset hs."""
        return self._state.unpair(hs)

    def set_registered(self, account: int, registered: bool) -> Account:
        """Account registration changes."""
        return self._state.set_registered(account, registered)

    def set_account_active(self, account: int, active: bool) -> Account:
        """The admin switches an account on or off (no events)."""
        return self._state.set_account_active(account, active)

    def set_dnd(self, on: bool, hs: int | None = None) -> Station:
        """DND on or off."""
        return self._state.set_dnd(on, hs)

    def toggle_dnd(self, hs: int | None = None) -> Station:
        """Flip DND."""
        return self._state.toggle_dnd(hs)

    def press_keys(self, keys: Sequence[str], hs: int | None = None) -> bool:
        """Press keys like api-send_key does; False if a key is unknown."""
        return self._state.press_keys(keys, hs)
