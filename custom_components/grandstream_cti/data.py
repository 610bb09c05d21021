"""What one poll of a phone brought, as the coordinator hands it out."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .cti import (
    AccountStatus,
    BatteryStatus,
    Family,
    HandsetStatus,
    PhoneStatus,
    SipAccount,
)
from .cti.accounts import PhoneAccounts
from .cti.calls import CallEvent, Station


@dataclass(frozen=True, slots=True, kw_only=True)
class GrandstreamData:
    """What the phone told us at the last poll."""

    family: Family
    stations: Mapping[int | None, Station]
    phone_status: PhoneStatus | None = None
    handsets: Mapping[int, HandsetStatus] = field(default_factory=dict)
    accounts: Mapping[int, AccountStatus] = field(default_factory=dict)
    sip_accounts: tuple[SipAccount, ...] = ()
    # A WP's, where its session may read it (an admin's).
    battery: BatteryStatus | None = None
    # Left out of ==, so that the poll after a change, which brought nothing
    # new, is equal to the one before and updates no entity. Events only come
    # with a change of the stations: such data never equals what came before.
    events: tuple[CallEvent, ...] = field(default=(), compare=False)

    @property
    def phone_accounts(self) -> PhoneAccounts:
        """Which account each line's `acct` is, with its number and name."""
        return PhoneAccounts.from_sip_accounts(self.family, self.sip_accounts)
