"""The WP8xx web login as the phone speaks it: forms, answers, an ended session.

Pure: no request is made here (web_session.py makes them). Every fact is a
capture of a WP826 in lineup.md unless a comment says otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping
import hashlib
from typing import Any, Final

from .exceptions import GrandstreamAuthenticationError, GrandstreamResponseError
from .parsing import decode_answer, refusal_reason

ACCESS: Final = "access"
LOGIN: Final = "dologin"
LOGOUT: Final = "dologout"
# The session's cookie; the WP826 needs no other (capture).
SESSION_COOKIE: Final = "sid"
# Words in which a phone says that the session is gone, as bytes: an answer
# is decoded only when one of them is in it.
_ENDED_WORDS: Final = (b"unauthorized", b"session-expired")


def sha256_hex(text: str) -> str:
    """The lower-case hex SHA-256 of text, as the login forms carry it."""
    return hashlib.sha256(text.encode()).hexdigest()


def access_form(username: str) -> dict[str, str]:
    """The form of POST /cgi-bin/access, which answers a nonce."""
    return {"access": sha256_hex(username)}


def login_form(username: str, password: str, nonce: str) -> dict[str, str]:
    """The form of POST /cgi-bin/dologin: the password hashed with the nonce."""
    return {"username": username, "password": sha256_hex(password + nonce)}


def parse_nonce(answer: Any) -> str:
    """The nonce of the access step's answer."""
    if not isinstance(answer, Mapping):
        raise GrandstreamResponseError("the login challenge is not a JSON object")
    body = answer.get("body")
    if answer.get("response") != "success" or not isinstance(body, str) or not body:
        raise GrandstreamResponseError("the login challenge gave no nonce")
    return body


def parse_session_id(answer: Any) -> str:
    """The session id of a login's answer; a refused login raises.

    A refusal ("wrong4": four attempts left; "locked" for about five
    minutes after five; "user is not allow": that account may not use the
    web page) is an authentication error, never tried again: each one counts
    towards the lock-out.
    """
    body = answer.get("body") if isinstance(answer, Mapping) else None
    if isinstance(answer, Mapping) and answer.get("response") == "success":
        sid = body.get(SESSION_COOKIE) if isinstance(body, Mapping) else None
        if isinstance(sid, str) and sid:
            return sid
        raise GrandstreamResponseError("the login gave no session")
    raise GrandstreamAuthenticationError(
        f"the phone refused the login ({refusal_reason(answer)})"
    )


def session_ended(status: int, body: bytes) -> bool:
    """Whether an answer says that the session is gone.

    Any of: HTTP 401 (an api-* function, capture behaviour);
    api-get_phone_status's `{"response": "success", "body": "unauthorized"}`
    (peer and vendor code, not captured on a WP); config_get's
    `{"response": "error", "body": {"status": "session-expired"}}` (capture).
    """
    if status == 401:
        return True
    if status != 200 or not any(word in body for word in _ENDED_WORDS):
        return False
    try:
        answer = decode_answer(body)
    except GrandstreamResponseError:
        return False
    if not isinstance(answer, Mapping):
        return False
    word = answer.get("body")
    if isinstance(word, Mapping):
        word = word.get("status")
    return isinstance(word, str) and word.strip().lower() in {
        "unauthorized",
        "session-expired",
    }
