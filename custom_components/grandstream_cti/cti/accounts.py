"""Which of a phone's accounts (its own numbers) a call is on."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .models import Family, SipAccount


@dataclass(frozen=True, slots=True, kw_only=True)
class CallAccount:
    """Which of the phone's accounts a call is on, as far as the phone tells."""

    account: int | None = None
    local_number: str = ""
    account_name: str = ""


def account_number(family: Family, acct: str) -> int | None:
    """The account a line's `acct` names, as the phone's web page numbers it.

    An assumption beyond the guide, whose GXP example shows only idle lines
    (`"acct": ""`): a GXP line counts its account from 0, as real phones'
    line status suggests (a WP826 answers `acct: 0` on its first account, a
    GRP click-to-call tool shows `acct + 1`, so a GRP's too). A DP handset's
    line names the account as api-get_account_status does (`"Account": 1`
    for Account1 in the guide), with 0 for none.
    """
    try:
        number = int(acct.strip())
    except ValueError:
        return None
    if not family.has_handsets:
        number += 1
    return number if number >= 1 else None


@dataclass(frozen=True, slots=True, kw_only=True)
class PhoneAccounts:
    """What a phone tells of its accounts: how lines count them, their numbers."""

    family: Family
    # By account: its number and name from api-get_accounts (GXP). A DP base
    # tells neither: the guide's api-get_account_status has no such field.
    known: Mapping[int, CallAccount] = field(default_factory=dict)

    @classmethod
    def from_sip_accounts(
        cls, family: Family, sip_accounts: Iterable[SipAccount]
    ) -> PhoneAccounts:
        """The accounts as api-get_accounts lists them (`id` from 1)."""
        return cls(
            family=family,
            known={
                sip.id: CallAccount(
                    account=sip.id, local_number=sip.sip_id, account_name=sip.name
                )
                for sip in sip_accounts
            },
        )

    def identify(self, acct: str, local: str = "") -> CallAccount:
        """The account of a line's `acct`, or of a push's `$local` number."""
        account = account_number(self.family, acct)
        if account is None and local:
            account = next(
                (
                    number
                    for number, known in self.known.items()
                    if known.local_number == local
                ),
                None,
            )
        known = self.known.get(account) if account is not None else None
        return CallAccount(
            account=account,
            local_number=local or (known.local_number if known else ""),
            account_name=known.account_name if known else "",
        )
