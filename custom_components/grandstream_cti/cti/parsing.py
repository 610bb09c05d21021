"""Turn the phone's JSON answers into models.

Phones differ in spacing, number types (`1` or `"1"`) and field names
(`remotenum` or `remotenumber`), so every field is read leniently, and fields we
do not know are kept in `extra` rather than dropped. Anything that cannot be read
raises GrandstreamResponseError, never a KeyError or TypeError.
"""

from __future__ import annotations

from collections.abc import Mapping
import json
from typing import Any

from .exceptions import (
    GrandstreamNotSupportedError,
    GrandstreamResponseError,
)
from .models import (
    AccountStatus,
    BatteryStatus,
    HandsetStatus,
    LineStatus,
    PhoneStatus,
    SipAccount,
)

_REMOTE_NUMBER_KEYS = ("remotenumber", "remotenum", "remote_number")
_REMOTE_NAME_KEYS = ("remotename", "remote_name")
# Not in the guide: a GXP1625 (firmware 1.0.7.81) was captured answering a refused
# login or an expired session {"response":"success", "body":"unauthorized"}, with
# "success"; "forbidden" is read the same way.
_PASSCODE_REFUSALS = frozenset({"unauthorized", "forbidden"})
# Enough of a negative answer's body to tell "locked" from "wrong4" from false.
_MAX_REASON = 40


def decode_answer(body: bytes) -> Any:
    """Decode an answer body as JSON, whatever content type it came with."""
    text = body.decode("utf-8", errors="replace").strip()
    if text.startswith("<"):
        raise GrandstreamNotSupportedError("the phone answered a web page, not CTI")
    try:
        return json.loads(text)
    except ValueError:
        raise GrandstreamResponseError("the answer is not valid JSON") from None


def is_success(answer: Any) -> bool:
    """Whether a decoded answer is a positive one; refuse what is neither."""
    if isinstance(answer, list):
        return True  # api-get_accounts answers a bare list on some firmware
    if not isinstance(answer, dict):
        raise GrandstreamResponseError("the answer is not a JSON object")
    response = answer.get("response")
    if not isinstance(response, str) or response.lower() not in {"success", "error"}:
        raise GrandstreamResponseError("the answer has no response field")
    return response.lower() == "success"


def passcode_refusal(answer: Any) -> str | None:
    """The word with which an answer refuses the passcode, whatever its response."""
    body = answer.get("body") if isinstance(answer, dict) else None
    if isinstance(body, str) and body.strip().lower() in _PASSCODE_REFUSALS:
        return body.strip()
    return None


def refusal_reason(answer: Any) -> str:
    """What a negative answer gives as its reason: its body ("locked", False)."""
    body = answer.get("body") if isinstance(answer, dict) else None
    reason = "" if body is None else str(body).strip()
    return reason[:_MAX_REASON] or "no reason given"


def _as_int(value: Any, what: str) -> int:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            pass
    raise GrandstreamResponseError(f"{what} is not a number")


def _as_bool(value: Any, what: str) -> bool:
    if isinstance(value, str) and value.strip().lower() in {"true", "false"}:
        return value.strip().lower() == "true"
    return _as_int(value, what) != 0


def _as_str(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool | int | float):
        return str(value)
    raise GrandstreamResponseError("a text field holds a structure")


def _lower_keys(record: Any, what: str) -> dict[str, Any]:
    if not isinstance(record, dict):
        raise GrandstreamResponseError(f"{what} is not a JSON object")
    return {str(key).lower(): value for key, value in record.items()}


def _first(record: Mapping[str, Any], keys: tuple[str, ...]) -> Any:
    return next((record[key] for key in keys if key in record), None)


# What a record without a field the guide does not name keeps: one empty
# mapping for all of them, not a dict each (a DP base's poll parses 20 lines).
# A dict, as asdict copies only dicts; the models hand it out read-only.
_NOTHING_EXTRA: Mapping[str, Any] = {}


def _extra(record: Mapping[str, Any], known: set[str]) -> Mapping[str, Any]:
    extra = {key: value for key, value in record.items() if key not in known}
    return extra or _NOTHING_EXTRA


def _member(answer: Any, name: str) -> Any:
    """The answer's member called name (`HS1`, `Account1`), in any letter case."""
    if isinstance(answer, dict):
        for key, value in answer.items():
            if str(key).lower() == name.lower():
                return value
    raise GrandstreamResponseError(f"the answer has no {name}")


def _body(answer: Any) -> Any:
    if not isinstance(answer, dict) or "body" not in answer:
        raise GrandstreamResponseError("the answer has no body")
    return answer["body"]


_LINE_FIELDS = {"line", "state", "status", "acct", "account", "active", "registered"}
_LINE_FIELDS |= {*_REMOTE_NUMBER_KEYS, *_REMOTE_NAME_KEYS}


def _line(record: Any, line: int | None) -> LineStatus:
    fields = _lower_keys(record, "a line")
    registered = fields.get("registered")
    return LineStatus(
        line=_as_int(fields.get("line"), "line") if line is None else line,
        raw_state=_as_str(fields.get("state", fields.get("status"))),
        account=_as_str(fields.get("acct", fields.get("account"))),
        remote_name=_as_str(_first(fields, _REMOTE_NAME_KEYS)),
        remote_number=_as_str(_first(fields, _REMOTE_NUMBER_KEYS)),
        active=_as_bool(fields.get("active", 0), "active"),
        registered=None if registered is None else _as_bool(registered, "registered"),
        extra=_extra(fields, _LINE_FIELDS),
    )


def parse_line_status(answer: Any) -> tuple[LineStatus, ...]:
    """Read api-get_line_status (GXP)."""
    body = _body(answer)
    if not isinstance(body, list):
        raise GrandstreamResponseError("line status body is not a list")
    return tuple(_line(record, None) for record in body)


def parse_phone_status(answer: Any) -> PhoneStatus:
    """Read api-get_phone_status (GXP)."""
    fields = _lower_keys(answer, "phone status")
    return PhoneStatus(
        status=_as_str(_body(fields)).strip().lower(),
        misc=_as_str(fields.get("misc")),
    )


def parse_accounts(answer: Any) -> tuple[SipAccount, ...]:
    """Read api-get_accounts (newer GXP firmware): a list, bare or as body."""
    records = answer if isinstance(answer, list) else _body(answer)
    if not isinstance(records, list):
        raise GrandstreamResponseError("accounts are not a list")
    accounts = []
    for record in records:
        fields = _lower_keys(record, "an account")
        accounts.append(
            SipAccount(
                id=_as_int(fields.get("id"), "account id"),
                name=_as_str(fields.get("name")),
                sip_id=_as_str(fields.get("sip_id")),
                sip_server=_as_str(fields.get("sip_server")),
                registered=_as_bool(fields.get("reg", 0), "reg"),
                extra=_extra(fields, {"id", "name", "sip_id", "sip_server", "reg"}),
            )
        )
    return tuple(accounts)


def parse_account_status(answer: Any, account: int) -> AccountStatus:
    """Read api-get_account_status (DP)."""
    fields = _lower_keys(_member(answer, f"Account{account}"), "account status")
    profile = fields.get("profile")
    return AccountStatus(
        account=account,
        registered=_as_bool(fields.get("registered", 0), "Registered"),
        active=_as_bool(fields.get("active", 0), "Active"),
        profile=None if profile in (None, "") else _as_int(profile, "Profile"),
        handset_mode=_as_str(fields.get("hsmode")),
        extra=_extra(fields, {"registered", "active", "profile", "hsmode"}),
    )


def parse_handset_status(answer: Any, handset: int) -> HandsetStatus:
    """Read api-get_hs_status (DP)."""
    fields = _lower_keys(_member(answer, f"HS{handset}"), "handset status")
    return HandsetStatus(
        handset=handset,
        initialized=_as_bool(fields.get("initialized", 0), "initialized"),
        subscribed=_as_bool(fields.get("subscribed", 0), "subscribed"),
        raw_state=_as_str(fields.get("status")),
        extra=_extra(fields, {"initialized", "subscribed", "status"}),
    )


def parse_handset_line_status(answer: Any, handset: int) -> tuple[LineStatus, ...]:
    """Read api-get_hs_line_status (DP): `LineN` members, in line order."""
    lines = _lower_keys(_member(answer, f"HS{handset}"), "handset line status")
    parsed = []
    for key, record in lines.items():
        if key.startswith("line") and key[4:].isdigit():
            parsed.append(_line(record, int(key[4:])))
    return tuple(sorted(parsed, key=lambda line: line.line))


def parse_battery_status(answer: Any) -> BatteryStatus:
    """Read api-get_battery_status (WP826 capture): a `battery` member, no body."""
    fields = _lower_keys(_member(answer, "battery"), "battery status")
    return BatteryStatus(
        capacity=_as_int(fields.get("capacity"), "capacity"),
        status=_as_str(fields.get("status")),
        present=_as_bool(fields.get("present", True), "present"),
        health=_as_str(fields.get("health")),
    )
