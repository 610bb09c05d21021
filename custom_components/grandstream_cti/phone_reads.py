"""What each poll reads from a phone, and how often each read recurs.

Every request costs the phone and Home Assistant about the same, and most of
them answer what the last one did: each read recurs only as often as what it
tells can change unseen.
"""

from __future__ import annotations

import time

from .const import LOGGER, SLOW_POLL_INTERVAL
from .cti import (
    Family,
    GrandstreamClient,
    GrandstreamNotSupportedError,
    LineStatus,
    PhoneStatus,
)
from .cti.calls import Station
from .cti.validation import DP_ACCOUNTS, HANDSETS
from .data import GrandstreamData
from .read_schedule import ReadSchedule

# The word of api-get_phone_status for a phone not in use (the guide's example).
_AVAILABLE = "available"


class PhoneReads:
    """The reads of one phone's polls."""

    def __init__(self, client: GrandstreamClient, family: Family) -> None:
        """Everything due at the first poll."""
        self._client = client
        self._family = family
        self._slow_due = 0.0
        self._sip_accounts_supported = True
        # Only the Phone status sensor shows the phone status, and it is
        # disabled by default: while nothing shows it, it is not read.
        self._status_shown = False
        # The phone status as last read, the lines then, and when it is due
        # again whatever the lines do.
        self._status: PhoneStatus | None = None
        self._status_lines: tuple[LineStatus, ...] = ()
        self._status_due = 0.0
        self._handset_reads = ReadSchedule(HANDSETS)
        self._account_reads = ReadSchedule(DP_ACCOUNTS)

    def read_everything_next(self) -> None:
        """Read pairing and registration at the next poll, of every slot."""
        self._slow_due = 0.0
        self._handset_reads.read_all_next()
        self._account_reads.read_all_next()

    def show_phone_status(self, shown: bool) -> None:
        """Read the phone status from the next poll on, or no more.

        What was read while it was shown is forgotten with it: shown again,
        it is unknown until read, not stale.
        """
        self._status_shown = shown
        self._status = None
        self._status_lines = ()
        self._status_due = 0.0

    async def poll(self, last: GrandstreamData | None) -> GrandstreamData:
        """What the phone says now; what was not due is as in last."""
        if self._family.has_handsets:
            return await self._poll_dp(last)
        return await self._poll_desk(last)

    def _slow_refresh_due(self, now: float) -> bool:
        if now < self._slow_due:
            return False
        self._slow_due = now + SLOW_POLL_INTERVAL.total_seconds()
        return True

    async def _poll_desk(self, last: GrandstreamData | None) -> GrandstreamData:
        now = time.monotonic()
        lines = await self._client.line_status()
        if self._status_shown and self._phone_status_due(lines, now):
            await self._read_phone_status(lines, now)
        sip_accounts = last.sip_accounts if last else ()
        if self._sip_accounts_supported and self._slow_refresh_due(now):
            try:
                sip_accounts = tuple(await self._client.accounts())
            except GrandstreamNotSupportedError:
                LOGGER.debug("%s has no api-get_accounts", self._client.host)
                self._sip_accounts_supported = False
        return GrandstreamData(
            family=self._family,
            stations={None: Station(handset=None, lines=tuple(lines))},
            phone_status=self._status,
            sip_accounts=sip_accounts,
        )

    def _phone_status_due(self, lines: tuple[LineStatus, ...], now: float) -> bool:
        """Whether the phone status may have changed since its last read.

        The guide does not say what makes a phone busy. A call does: the
        status is read again whenever the lines changed, and at every poll
        while it is not "available". Anything else shows within a minute.
        """
        return lines != self._status_lines or now >= self._status_due

    async def _read_phone_status(
        self, lines: tuple[LineStatus, ...], now: float
    ) -> None:
        self._status = await self._client.phone_status()
        self._status_lines = lines
        self._status_due = (
            now + SLOW_POLL_INTERVAL.total_seconds()
            if self._status.status == _AVAILABLE
            else now
        )

    async def _poll_dp(self, last: GrandstreamData | None) -> GrandstreamData:
        # A slot not due keeps what its last read showed. The reads count only
        # once the whole poll succeeded: a failed poll's are made again.
        now = time.monotonic()
        handsets = dict(last.handsets) if last else {}
        accounts = dict(last.accounts) if last else {}
        for hs in (handsets_due := self._handset_reads.due(now)):
            handsets[hs] = await self._client.handset_status(hs)
        for number in (accounts_due := self._account_reads.due(now)):
            accounts[number] = await self._client.account_status(number)
        stations: dict[int | None, Station] = {
            hs: Station(
                handset=hs,
                lines=tuple(await self._client.handset_line_status(hs)),
            )
            for hs, status in handsets.items()
            if status.paired
        }
        self._handset_reads.read(now, {hs: handsets[hs].paired for hs in handsets_due})
        self._account_reads.read(now, {n: accounts[n].active for n in accounts_due})
        return GrandstreamData(
            family=Family.DP,
            stations=stations,
            handsets=handsets,
            accounts=accounts,
        )
