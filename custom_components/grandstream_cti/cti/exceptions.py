"""Errors raised by the Grandstream CTI client.

No message ever carries the passcode: the client builds every message from the
function name and a redacted description of what went wrong.
"""

from __future__ import annotations


class GrandstreamError(Exception):
    """Base class of every error the client raises."""


class GrandstreamConnectionError(GrandstreamError):
    """The phone could not be reached, or it broke the connection."""


class GrandstreamTimeoutError(GrandstreamConnectionError):
    """The phone did not answer in time."""


class GrandstreamDroppedError(GrandstreamConnectionError):
    """The phone closed the connection after the request reached it, unanswered.

    Not a failure for a reboot: the phone may restart before its answer is out.
    """


class GrandstreamAuthenticationError(GrandstreamError):
    """The phone refused the passcode (or this client's address)."""


class GrandstreamNotSupportedError(GrandstreamError):
    """The phone does not offer this CTI function (404, or a web page instead)."""


class GrandstreamResponseError(GrandstreamError):
    """The phone answered something that is not a CTI answer we can read."""


class GrandstreamCommandError(GrandstreamError):
    """The phone answered an operation with a negative answer."""


class GrandstreamClickToDialError(GrandstreamCommandError):
    """A GXP phone refused api-make_call, and the number cannot be keyed in.

    GXP phones dial through api-make_call only with Click-To-Dial enabled; the
    keys that dial instead have no `+`.
    """


class GrandstreamValidationError(GrandstreamError, ValueError):
    """An argument was refused before any request left for the phone."""
