"""A WP826's web login and sessions, as lineup.md gives them. Pure: no I/O.

Captured on a WP826 (lineup.md): the challenge (a nonce for the SHA-256 of
the user name, then the SHA-256 of password + nonce), `wrongN` with the
attempts left, `locked` with `lockTime` after five, one session per account.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
import hashlib
import secrets
import time
from typing import Any

from .auth import PasscodeGuard

type Payload = dict[str, Any]


def sha256_hex(text: str) -> str:
    """Lower-case hex SHA-256, as the phone's login page computes it."""
    return hashlib.sha256(text.encode()).hexdigest()


class WebSessions:
    """The phone's web accounts, their logins and their sessions."""

    def __init__(
        self,
        guards: Mapping[str, PasscodeGuard],
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """Accounts by user name, each with the guard of its password."""
        self._guards = dict(guards)
        self._clock = clock
        # The nonce each user's last access step got: a second access spoils
        # the first login's (lineup.md: two logins at once burn attempts).
        self._nonces: dict[str, str] = {}
        # One session per account: by user, its id and when it was last used.
        self._sessions: dict[str, tuple[str, float]] = {}
        # Idle lifetime: unknown on real phones (lineup.md, peers guess 60 s
        # to 30 min); None keeps a session until it is ended.
        self.idle_seconds: float | None = None
        self.logins = 0
        self.refused_logins = 0
        self.logouts = 0

    def access(self, access: str) -> Payload:
        """The access step: a nonce for the user whose name hashes to access."""
        user = next((u for u in self._guards if sha256_hex(u) == access), None)
        # Inferred: what an unknown user name gets is not captured; a nonce
        # too, so that the name is not told apart from a wrong password.
        nonce = secrets.token_hex(8)
        if user is not None:
            self._nonces[user] = nonce
        return {"response": "success", "body": nonce}

    def login(self, username: str, password_hash: str) -> Payload:
        """The dologin step: a session, or a refusal."""
        guard = self._guards.get(username)
        if guard is None:
            self.refused_logins += 1
            # Inferred: captured as the answer for an account that may not
            # use the web page; that an unknown user gets it too is not.
            return {"response": "error", "body": "user is not allow"}
        nonce = self._nonces.pop(username, None)
        right = nonce is not None and password_hash == sha256_hex(
            guard.passcode + nonce
        )
        # The guard counts failures and locks after five (its max_failures);
        # a wrong login is given it as a NUL, which no password holds.
        if not guard.check(guard.passcode if right else "\0"):
            self.refused_logins += 1
            return self._refusal(guard)
        self.logins += 1
        sid = secrets.token_hex(16)
        # A second login as the same user ends the first session (WP826 1.0.3.35).
        self._sessions[username] = (sid, self._clock())
        return {
            "response": "success",
            "body": {
                "sid": sid,
                "role": sha256_hex(username + sid),
                "ver": "1.0.3.35",
                "mac": "00:0B:82:12:34:56",
                "defaultAuth": False,
                "defaultLogin": False,
            },
        }

    def _refusal(self, guard: PasscodeGuard) -> Payload:
        if guard.locked:
            # "lockTime": 5, in minutes (capture).
            minutes = max(1, round(guard.lockout_seconds / 60))
            return {"response": "error", "body": "locked", "lockTime": minutes}
        left = guard.max_failures - guard.consecutive_failures
        return {"response": "error", "body": f"wrong{left}"}

    def user_of(self, sid: str | None) -> str | None:
        """The user whose live session sid is (and it is used now), or None."""
        if not sid:
            return None
        now = self._clock()
        for user, (live, used) in self._sessions.items():
            if live != sid:
                continue
            if self.idle_seconds is not None and now - used > self.idle_seconds:
                del self._sessions[user]
                return None
            self._sessions[user] = (live, now)
            return user
        return None

    def logout(self, sid: str | None) -> None:
        """End the session sid, if it is live."""
        if (user := self.user_of(sid)) is not None:
            del self._sessions[user]
            self.logouts += 1

    def end_sessions(self) -> None:
        """Every session ends (its idle time passed, or the phone restarted)."""
        self._sessions.clear()

    def person_logs_in(self, username: str) -> None:
        """Someone logs in on the phone's web page: that user's session ends."""
        self._sessions[username] = (secrets.token_hex(16), self._clock())

    @property
    def live_sessions(self) -> int:
        """How many sessions are live."""
        return len(self._sessions)
