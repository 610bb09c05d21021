"""Which of a phone's accounts a call is on: lines' `acct`, api-get_accounts, `$local`."""

from __future__ import annotations

import pytest

from custom_components.grandstream_cti.cti import Family, SipAccount
from custom_components.grandstream_cti.cti.accounts import (
    CallAccount,
    PhoneAccounts,
    account_number,
)
from custom_components.grandstream_cti.cti.parsing import (
    decode_answer,
    parse_handset_line_status,
)
from tests.guide import guide_answer


@pytest.mark.parametrize(
    ("family", "acct", "account"),
    [
        # A GXP line counts from 0: the phone's web page shows Account 1.
        (Family.GXP, "0", 1),
        (Family.GXP, "1", 2),
        (Family.GXP, " 5 ", 6),
        # A DP line numbers as api-get_account_status does; 0 is none.
        (Family.DP, "1", 1),
        (Family.DP, "10", 10),
        (Family.DP, "0", None),
        # An idle line tells no account; anything else is no number.
        (Family.GXP, "", None),
        (Family.DP, "", None),
        (Family.GXP, "-1", None),
        (Family.GXP, "sip:1001", None),
        (Family.DP, "one", None),
    ],
)
def test_account_number(family: Family, acct: str, account: int | None) -> None:
    assert account_number(family, acct) == account


def test_guide_handset_line_is_account_one() -> None:
    """The guide's DP line 1 is on Account1; its unused lines are on none."""
    lines = parse_handset_line_status(decode_answer(guide_answer("hs_line_status")), 1)
    accounts = PhoneAccounts(family=Family.DP)

    assert accounts.identify(lines[0].account) == CallAccount(account=1)
    assert accounts.identify(lines[1].account) == CallAccount()


GXP_ACCOUNTS = PhoneAccounts.from_sip_accounts(
    Family.GXP,
    [
        SipAccount(id=1, sip_id="1001", name="Office"),
        SipAccount(id=2, sip_id="+4930555", name="Home"),
    ],
)


@pytest.mark.parametrize(
    ("acct", "local", "expected"),
    [
        ("0", "", CallAccount(account=1, local_number="1001", account_name="Office")),
        ("1", "", CallAccount(account=2, local_number="+4930555", account_name="Home")),
        # An account api-get_accounts does not list: its number only.
        ("4", "", CallAccount(account=5)),
        # A push's $local names the account when the line does not.
        (
            "",
            "+4930555",
            CallAccount(account=2, local_number="+4930555", account_name="Home"),
        ),
        ("", "999", CallAccount(local_number="999")),
        # The push's own number wins over the one api-get_accounts listed.
        (
            "0",
            "1001@pbx",
            CallAccount(account=1, local_number="1001@pbx", account_name="Office"),
        ),
        ("", "", CallAccount()),
    ],
)
def test_identify(acct: str, local: str, expected: CallAccount) -> None:
    assert GXP_ACCOUNTS.identify(acct, local) == expected
