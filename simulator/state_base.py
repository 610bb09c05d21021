"""PhoneState's foundation: setup, lookups, handsets, accounts, flags and events."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from .const import (
    DP_ACCOUNTS,
    DP_HANDSETS,
    DP_LINES_PER_HANDSET,
    GXP_MAX_LINES,
    VOLUME_MAX,
    EventKind,
    Family,
    LineState,
)
from .model import (
    Account,
    InvalidTransitionError,
    Line,
    PhoneEvent,
    SimulatorError,
    Station,
    line_of,
    make_lines,
)


class StateBase:
    """Every piece of state, and the changes that need no call logic."""

    def __init__(
        self,
        family: Family | str = Family.GXP,
        *,
        lines: int = 3,
        paired_handsets: Iterable[int] = (1, 2),
        accounts: int | None = None,
        configured_accounts: Iterable[int] = (1,),
        click_to_dial: bool = True,
    ) -> None:
        """Build the phone as it leaves the factory (plus the given setup)."""
        self.family = Family(family)
        if not self.family.has_handsets and not 1 <= lines <= GXP_MAX_LINES:
            raise SimulatorError(f"lines must be 1-{GXP_MAX_LINES}")
        self._lines_count = lines
        self._paired = tuple(paired_handsets)
        default_accounts = DP_ACCOUNTS if self.family.has_handsets else lines
        self._accounts_count = accounts or default_accounts
        self._configured = tuple(configured_accounts)
        self._click_to_dial = click_to_dial
        self.listeners: list[Callable[[PhoneEvent], None]] = []
        self.events: list[PhoneEvent] = []
        self.stations: dict[int, Station] = {}
        self.accounts: dict[int, Account] = {}
        self.click_to_dial = click_to_dial
        self.factory_reset()

    # ----------------------------------------------------------------- setup
    def factory_reset(self) -> None:
        """Restore the state the phone was built with (no events)."""
        if not self.family.has_handsets:
            self.stations = {0: Station(hs=None, lines=make_lines(self._lines_count))}
        else:
            self.stations = {
                hs: Station(
                    hs=hs,
                    lines=make_lines(DP_LINES_PER_HANDSET),
                    paired=hs in self._paired,
                )
                for hs in range(1, DP_HANDSETS + 1)
            }
        self.accounts = {
            i: Account(index=i) for i in range(1, self._accounts_count + 1)
        }
        for index in self._configured:
            self.configure_account(index)
        self.click_to_dial = self._click_to_dial

    def configure_account(
        self,
        index: int,
        *,
        sip_id: str | None = None,
        sip_server: str = "pbx.example.com",
        name: str | None = None,
        registered: bool = True,
        hs_mode: str | None = None,
    ) -> Account:
        """Fill an account slot (no events)."""
        account = self.account(index)
        account.sip_id = sip_id if sip_id is not None else str(1000 + index)
        account.sip_server = sip_server
        account.name = name if name is not None else f"Account {index}"
        account.active = True
        account.registered = registered
        if hs_mode is not None:
            account.hs_mode = hs_mode
        elif self.family.has_handsets:
            account.hs_mode = f"HS{self._paired[0] if self._paired else 1}"
        return account

    # --------------------------------------------------------------- lookups
    def station(self, hs: int | None = None) -> Station:
        """The desk phone (GXP, hs ignored) or handset hs (DP; None = first paired)."""
        if not self.family.has_handsets:
            return self.stations[0]
        if hs is None:
            paired = [s for s in self.stations.values() if s.paired]
            return paired[0] if paired else self.stations[1]
        if hs not in self.stations:
            raise SimulatorError(f"no handset {hs}")
        return self.stations[hs]

    def account(self, index: int) -> Account:
        """Account slot index (1-based)."""
        if index not in self.accounts:
            raise SimulatorError(f"no account {index}")
        return self.accounts[index]

    def line(self, line: int, hs: int | None = None) -> Line:
        """Line number line (1-based) of the phone or handset."""
        return line_of(self.station(hs), line)

    def all_lines(self) -> list[Line]:
        """Every line of every station."""
        return [line for st in self.stations.values() for line in st.lines]

    @property
    def busy(self) -> bool:
        """True when any line of the phone is not idle."""
        return any(line.busy for line in self.all_lines())

    def active_line(self, hs: int | None = None) -> Line | None:
        """The line the person is talking on (selected, else connected, else any)."""
        st = self.station(hs)
        selected = line_of(st, st.selected_line)
        if selected.busy:
            return selected
        for wanted in (LineState.CONNECTED, None):
            for line in st.lines:
                if line.busy and (wanted is None or line.state is wanted):
                    return line
        return None

    # ------------------------------------------------------------- handsets
    def pair(self, hs: int) -> Station:
        """Pair a DP handset."""
        st = self._dp_station(hs)
        st.paired = True
        return st

    def unpair(self, hs: int) -> Station:
        """Unpair a DP handset (its calls vanish)."""
        st = self._dp_station(hs)
        st.clear_calls()
        st.paired = False
        return st

    # ---------------------------------------------------------- phone flags
    def set_registered(self, account: int, registered: bool) -> Account:
        """Account registers or loses its registration."""
        acc = self.account(account)
        if registered:
            acc.active = True
        if acc.registered == registered:
            return acc
        acc.registered = registered
        kind = EventKind.REGISTERED if registered else EventKind.UNREGISTERED
        self._emit_event(PhoneEvent(kind=kind, account=account))
        return acc

    def set_account_active(self, account: int, active: bool) -> Account:
        """The admin switches an account on or off (no events).

        Assumed, as the guide does not say: an account switched on registers,
        one switched off is not registered.
        """
        acc = self.account(account)
        acc.active = acc.registered = active
        return acc

    def set_dnd(self, on: bool, hs: int | None = None) -> Station:
        """Turn Do Not Disturb on or off."""
        st = self.station(hs)
        if st.dnd != on:
            st.dnd = on
            kind = EventKind.DND_ON if on else EventKind.DND_OFF
            self._emit_event(PhoneEvent(kind=kind, hs=st.hs))
        return st

    def toggle_dnd(self, hs: int | None = None) -> Station:
        """Flip Do Not Disturb."""
        return self.set_dnd(not self.station(hs).dnd, hs)

    def toggle_mute(self, hs: int | None = None) -> Station:
        """Flip mute."""
        st = self.station(hs)
        st.muted = not st.muted
        return st

    def toggle_speaker(self, hs: int | None = None) -> Station:
        """Flip speaker."""
        st = self.station(hs)
        st.speaker = not st.speaker
        return st

    def toggle_headset(self, hs: int | None = None) -> Station:
        """Flip headset mode."""
        st = self.station(hs)
        st.headset = not st.headset
        return st

    def change_volume(self, step: int, hs: int | None = None) -> Station:
        """Volume up (+1) or down (-1), within 0-7."""
        st = self.station(hs)
        st.volume = max(0, min(VOLUME_MAX, st.volume + step))
        return st

    def reboot(self) -> None:
        """What a reboot does to the state: every call gone, no events."""
        for st in self.stations.values():
            st.clear_calls()

    # --------------------------------------------------------------- helpers
    def _paired_station(self, hs: int | None) -> Station:
        st = self.station(hs)
        if not st.paired:
            raise InvalidTransitionError(f"handset {st.hs} is not paired")
        return st

    def _dp_station(self, hs: int) -> Station:
        if not self.family.has_handsets:
            raise SimulatorError("only DP bases have handsets")
        return self.station(hs)

    def _emit(
        self,
        kind: EventKind,
        st: Station,
        ln: Line,
        *,
        number: str | None = None,
        name: str | None = None,
    ) -> None:
        self._emit_event(
            PhoneEvent(
                kind=kind,
                hs=st.hs,
                line=ln.index,
                remote_number=ln.remote_number if number is None else number,
                remote_name=ln.remote_name if name is None else name,
                account=ln.account or 1,
            )
        )

    def _emit_event(self, event: PhoneEvent) -> None:
        self.events.append(event)
        for listener in list(self.listeners):
            listener(event)

    def to_dict(self) -> dict[str, Any]:
        """Snapshot for the control API."""
        return {
            "family": str(self.family),
            "busy": self.busy,
            "click_to_dial": self.click_to_dial,
            "stations": [st.to_dict() for st in self.stations.values()],
            "accounts": [acc.to_dict() for acc in self.accounts.values()],
        }
