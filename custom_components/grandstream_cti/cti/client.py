"""Asynchronous client for the CTI API of Grandstream phones."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Mapping
import re
from typing import Any
from urllib.parse import quote

import aiohttp
from aiohttp import hdrs
from yarl import URL

from .exceptions import (
    GrandstreamAuthenticationError,
    GrandstreamClickToDialError,
    GrandstreamCommandError,
    GrandstreamConnectionError,
    GrandstreamError,
    GrandstreamNotSupportedError,
    GrandstreamTimeoutError,
    GrandstreamValidationError,
)
from .models import (
    AccountStatus,
    DialMethod,
    Family,
    HandsetOperation,
    HandsetStatus,
    LineStatus,
    PhoneOperation,
    PhoneStatus,
    SipAccount,
)
from .parsing import (
    decode_answer,
    is_success,
    parse_account_status,
    parse_accounts,
    parse_handset_line_status,
    parse_handset_status,
    parse_line_status,
    parse_phone_status,
    passcode_refusal,
    refusal_reason,
)
from .validation import (
    DP_ACCOUNTS,
    DP_LINES,
    GXP_LINES,
    HANDSETS,
    check_in,
    parse_keys,
    parse_number,
)

DEFAULT_TIMEOUT = 10.0
REDACTED = "**REDACTED**"
_CLOSE = {hdrs.CONNECTION: "close"}
_HOSTNAME = re.compile(r"[A-Za-z0-9._-]+")
_DP_KEY_NAMES = {"#": "HASH", "*": "STAR"}
_GXP_KEY_NAMES = {"HASH": "#", "STAR": "*"}
_HANDSET_OPERATIONS = frozenset(HandsetOperation)


def _phone_operation(operation: str) -> PhoneOperation:
    """The PhoneOperation named operation; anything else is refused here."""
    try:
        return PhoneOperation(operation)
    except ValueError:
        raise GrandstreamValidationError(f"Unknown operation: {operation!r}") from None


def split_host(host: str) -> tuple[str, int | None]:
    """Split `host`, `host:port`, `[v6]:port` or a bare IPv6 address."""
    host = host.strip()
    if not host:
        raise GrandstreamValidationError("The host is empty")
    try:
        if host.startswith("["):
            url = URL(f"http://{host}")
        elif host.count(":") > 1:
            url = URL(f"http://[{host}]")
        else:
            url = URL(f"http://{host}")
        name, port = url.raw_host, url.explicit_port
        # yarl parses some hosts it then refuses to build a URL with ("[a:b:z]").
        URL.build(scheme="http", host=name or "")
    except ValueError:
        raise GrandstreamValidationError("The host is not valid") from None
    if (
        not name
        or url.raw_path not in ("", "/")
        or url.user
        or url.query_string
        or (":" not in name and not _HOSTNAME.fullmatch(name))
    ):
        raise GrandstreamValidationError("The host is not valid")
    return name, port


def _send_once() -> aiohttp.ClientMiddlewareType:
    """A middleware for one request that lets it reach the wire once.

    aiohttp sends a GET again when the connection breaks before the answer
    (RFC 9112 allows it for idempotent methods). A phone's command is no such
    thing: the phone may have acted before the connection broke, and a second
    make_call dials twice, a second REBOOT reboots twice. aiohttp calls the
    request's middlewares once per attempt, so a second call is refused here.
    """
    attempted = False

    async def send_once(
        request: aiohttp.ClientRequest, handler: aiohttp.ClientHandlerType
    ) -> aiohttp.ClientResponse:
        nonlocal attempted
        if attempted:
            raise aiohttp.ClientConnectionError(
                "the connection broke after the command went out; not sent again"
            )
        attempted = True
        return await handler(request)

    return send_once


class GrandstreamClient:
    """Talks to one phone, one request at a time.

    Commands are sent once and never retried: a phone that received a command and
    then lost the answer has acted on it, and a second make_call would dial twice.
    """

    def __init__(
        self,
        session: aiohttp.ClientSession,
        host: str,
        passcode: str,
        *,
        ssl: bool = False,
        verify_ssl: bool = False,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        """Prepare a client; nothing is sent until a method is called."""
        self._session = session
        self._host, self._port = split_host(host)
        self._passcode = passcode
        self._ssl = ssl
        self._verify_ssl = verify_ssl
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self._lock = asyncio.Lock()

    @property
    def host(self) -> str:
        """The host (and port, if one was given) this client talks to."""
        host = f"[{self._host}]" if ":" in self._host else self._host
        return host if self._port is None else f"{host}:{self._port}"

    def url(self, function: str, params: Mapping[str, str | int] | None = None) -> URL:
        """The URL of a CTI function, passcode included; never log it."""
        query: dict[str, str | int] = {"passcode": self._passcode, **(params or {})}
        return URL.build(
            scheme="https" if self._ssl else "http",
            host=self._host,
            port=self._port,
            path=f"/cgi-bin/{function}",
            query=query,
        )

    def redact(self, text: str) -> str:
        """Text with every spelling of the passcode replaced."""
        if not self._passcode:
            return text
        for spelling in {
            self._passcode,
            quote(self._passcode, safe=""),
            quote(self._passcode, safe="").replace("%20", "+"),
            str(URL.build(query={"p": self._passcode}).raw_query_string)[2:],
        }:
            if spelling:
                text = text.replace(spelling, REDACTED)
        return text

    async def _get(
        self, function: str, params: Mapping[str, str | int], *, command: bool
    ) -> Any:
        """Send one request and return the decoded answer, success or not."""
        url = self.url(function, params)
        # Every request gets a connection of its own: a command must never go out
        # on a kept-alive connection that the phone is closing just then, since
        # it cannot be sent again.
        failure: GrandstreamError | None = None
        async with self._lock:
            try:
                async with self._session.get(
                    url,
                    ssl=self._verify_ssl if self._ssl else False,
                    timeout=self._timeout,
                    allow_redirects=False,
                    headers=_CLOSE,
                    middlewares=(_send_once(),) if command else None,
                ) as response:
                    status = response.status
                    body = await response.read()
            except TimeoutError:
                failure = GrandstreamTimeoutError(
                    f"{function}: no answer within {self._timeout.total:g} s"
                )
            except aiohttp.ClientError as err:
                # aiohttp puts the whole URL, passcode included, in its messages.
                reason = self.redact(str(err)) or type(err).__name__
                failure = GrandstreamConnectionError(f"{function}: {reason}")
        if failure is not None:
            # Raised outside the except blocks, so that aiohttp's error (whose
            # request_info holds the URL, passcode included) is not kept as
            # __context__ ("from None" only hides it from tracebacks).
            raise failure
        if status in (401, 403):
            raise GrandstreamAuthenticationError(f"{function}: HTTP {status}")
        if status == 404 or 300 <= status < 400:
            raise GrandstreamNotSupportedError(f"{function}: HTTP {status}")
        if status >= 400:
            raise GrandstreamConnectionError(f"{function}: HTTP {status}")
        try:
            answer = decode_answer(body)
        except GrandstreamError as err:
            raise type(err)(f"{function}: {err}") from None
        if (word := passcode_refusal(answer)) is not None:
            raise GrandstreamAuthenticationError(
                f"{function}: the phone refused the passcode ({self.redact(word)})"
            )
        return answer

    async def _read(self, function: str, params: Mapping[str, str | int]) -> Any:
        """A status read: a negative answer means the passcode was refused.

        The phone's reason stays in the message: "locked" (too many failures)
        needs a wait, not another password.
        """
        answer = await self._get(function, params, command=False)
        if not is_success(answer):
            reason = self.redact(refusal_reason(answer))
            raise GrandstreamAuthenticationError(
                f"{function}: the phone refused the passcode ({reason})"
            )
        return answer

    async def _command(self, function: str, params: Mapping[str, str | int]) -> Any:
        """An operation: a negative answer means the phone did not act."""
        answer = await self._get(function, params, command=True)
        if not is_success(answer):
            reason = self.redact(refusal_reason(answer))
            raise GrandstreamCommandError(f"{function}: the phone refused ({reason})")
        return answer

    async def detect_family(self) -> Family:
        """Ask the phone which CTI dialect it speaks.

        Only GXP phones know api-get_phone_status; a DP base answers it as an
        unknown page, then proves itself with api-get_hs_status. A refused
        passcode stops here at once: firmware locks the account after a few.
        """
        try:
            await self.phone_status()
        except GrandstreamNotSupportedError:
            await self.handset_status(1)
            return Family.DP
        return Family.GXP

    # Functions of GXP phones

    async def line_status(self) -> list[LineStatus]:
        """Every line of a GXP phone (api-get_line_status)."""
        return parse_line_status(await self._read("api-get_line_status", {}))

    async def phone_status(self) -> PhoneStatus:
        """Whether a GXP phone is available or busy (api-get_phone_status)."""
        return parse_phone_status(await self._read("api-get_phone_status", {}))

    async def accounts(self) -> list[SipAccount]:
        """SIP accounts, on firmware that has api-get_accounts."""
        return parse_accounts(await self._read("api-get_accounts", {}))

    async def phone_operation(self, operation: PhoneOperation) -> None:
        """A call operation on a GXP phone (api-phone_operation).

        The guide's api-phone_operation has no unholdcall: it is refused here,
        and resume_line resumes a held call instead.
        """
        command = _phone_operation(operation)
        if command is PhoneOperation.UNHOLD_CALL:
            raise GrandstreamValidationError(
                "api-phone_operation has no unholdcall: resume the held line"
            )
        await self._command("api-phone_operation", {"cmd": command.value})

    async def resume_line(self, line: int) -> None:
        """Resume the held call on a line of a GXP phone: press its line key.

        The guide gives GXP phones no unholdcall; its LINE1-LINE8 keys select
        a line, which is what a person presses to take its call off hold.
        """
        check_in(line, GXP_LINES, "Line")
        await self.send_keys([f"LINE{line}"])

    # Functions of DP750/DP720 bases

    async def account_status(self, account: int) -> AccountStatus:
        """One account of a DP base (api-get_account_status)."""
        check_in(account, DP_ACCOUNTS, "Account")
        answer = await self._read("api-get_account_status", {"account": account})
        return parse_account_status(answer, account)

    async def handset_status(self, handset: int) -> HandsetStatus:
        """One handset slot of a DP base (api-get_hs_status)."""
        check_in(handset, HANDSETS, "Handset")
        answer = await self._read("api-get_hs_status", {"hs": handset})
        return parse_handset_status(answer, handset)

    async def handset_line_status(self, handset: int) -> list[LineStatus]:
        """The lines of one DP handset (api-get_hs_line_status)."""
        check_in(handset, HANDSETS, "Handset")
        answer = await self._read("api-get_hs_line_status", {"hs": handset})
        return parse_handset_line_status(answer, handset)

    async def device_operation(
        self,
        operation: PhoneOperation | HandsetOperation,
        handset: int,
        line: int | None = None,
    ) -> None:
        """A call or handset operation on a DP handset (api-device_operation).

        Handset-wide operations (mute, speaker, DND) take no line.
        """
        check_in(handset, HANDSETS, "Handset")
        params: dict[str, str | int] = {"hs": handset}
        if operation in _HANDSET_OPERATIONS:
            if line is not None:
                raise GrandstreamValidationError(f"{operation} takes no line")
            command = HandsetOperation(operation).value
        else:
            command = _phone_operation(operation).value
            if line is not None:
                params["line"] = check_in(line, DP_LINES, "Line")
        params["cmd"] = command
        await self._command("api-device_operation", params)

    # Functions of all models

    async def make_call(self, number: str, handset: int | None = None) -> DialMethod:
        """Dial number, from a DP handset when handset is given; say how.

        A GXP phone dials through api-make_call only with Click-To-Dial enabled;
        when it refuses, the number is dialled with keys and SEND instead. That
        is no retry: a refused command did nothing on the phone. A `+` has no
        key: GrandstreamClickToDialError. When the keys are refused too, the
        error is make_call's: it is what was asked for, and what to fix.
        """
        dial = parse_number(number)
        if handset is not None:
            check_in(handset, HANDSETS, "Handset")
            params: dict[str, str | int] = {"hs": handset, "phonenumber": dial}
            await self._command("api-make_call", params)
            return DialMethod.MAKE_CALL
        try:
            await self._command("api-make_call", {"phonenumber": dial})
        except (GrandstreamCommandError, GrandstreamNotSupportedError) as err:
            refusal = err
        else:
            return DialMethod.MAKE_CALL
        if dial.startswith("+"):
            raise GrandstreamClickToDialError(f"{refusal}, and + has no key")
        try:
            await self.send_keys([*dial, "SEND"])
        except GrandstreamCommandError, GrandstreamNotSupportedError:
            raise refusal from None
        return DialMethod.KEYS

    async def send_keys(
        self, keys: str | Iterable[str], handset: int | None = None
    ) -> None:
        """Press keys (api-send_key), on a DP handset when handset is given."""
        parsed = parse_keys(keys)
        params: dict[str, str | int] = {}
        if handset is not None:
            params["hs"] = check_in(handset, HANDSETS, "Handset")
            # DP firmware wants # and * spelled out.
            parsed = [_DP_KEY_NAMES.get(key, key) for key in parsed]
        else:
            parsed = [_GXP_KEY_NAMES.get(key, key) for key in parsed]
        params["keys"] = ":".join(parsed)
        await self._command("api-send_key", params)

    async def reboot(self) -> None:
        """Reboot the phone (api-sys_operation REBOOT)."""
        await self._command("api-sys_operation", {"request": "REBOOT"})

    async def factory_reset(self) -> None:
        """Reset the phone to factory settings (api-sys_operation RESET)."""
        await self._command("api-sys_operation", {"request": "RESET"})
