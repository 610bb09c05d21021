"""Passcode check with the lockout of newer firmware."""

from __future__ import annotations

from collections.abc import Callable
import time

from .const import DEFAULT_LOCKOUT_SECONDS, DEFAULT_MAX_AUTH_FAILURES


class PasscodeGuard:
    """Checks passcodes; locks for a while after too many consecutive failures."""

    def __init__(
        self,
        passcode: str,
        *,
        max_failures: int = DEFAULT_MAX_AUTH_FAILURES,
        lockout_seconds: float = DEFAULT_LOCKOUT_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """Start unlocked with the given passcode."""
        self.passcode = passcode
        self.max_failures = max_failures
        self.lockout_seconds = lockout_seconds
        self._clock = clock
        self.consecutive_failures = 0
        self.total_failures = 0
        self.refused_while_locked = 0
        # Whether the last passcode refused was refused for the lockout alone.
        self.refused_as_locked = False
        self.locked_until: float | None = None

    @property
    def locked(self) -> bool:
        """True while the lockout lasts."""
        if self.locked_until is None:
            return False
        if self._clock() >= self.locked_until:
            self.unlock()
            return False
        return True

    def unlock(self) -> None:
        """End a lockout and forget past failures."""
        self.locked_until = None
        self.consecutive_failures = 0

    def check(self, given: str | None) -> bool:
        """True when given is right and the phone is not locked.

        A request without any passcode (None) is refused but not counted as a
        failed login: the integration's discovery asks so, on the assumption
        that real firmware does not count it either (the CTI guide does not
        say; see custom_components/grandstream_cti/cti/discovery.py).
        """
        self.refused_as_locked = self.locked
        if given is None:
            return False
        if self.refused_as_locked:
            self.refused_while_locked += 1
            return False
        if given == self.passcode:
            self.consecutive_failures = 0
            return True
        self.consecutive_failures += 1
        self.total_failures += 1
        if self.max_failures and self.consecutive_failures >= self.max_failures:
            self.locked_until = self._clock() + self.lockout_seconds
        return False

    def change(self, passcode: str) -> None:
        """The admin sets a new passcode (ends any lockout)."""
        self.passcode = passcode
        self.unlock()
