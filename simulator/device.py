"""SimulatedPhone: one phone (state + HTTP server + Action URL pushes)."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine, Iterable, Mapping, Sequence
import contextlib
import logging
import re
import ssl
from types import TracebackType
from typing import Any, Literal, Self

from aiohttp import web

from .action_url import ActionUrlSender
from .auth import PasscodeGuard
from .const import (
    DEFAULT_LOCKOUT_SECONDS,
    DEFAULT_MAC,
    DEFAULT_MAX_AUTH_FAILURES,
    DEFAULT_REBOOT_SECONDS,
    FACTORY_PASSCODE,
    AuthFailureStyle,
    EventKind,
    Family,
    FaultMode,
    Style,
    UrlEncoding,
)
from .control import add_control_routes
from .cti import CtiHandler
from .faults import FaultState
from .phone import Account, Line, PhoneEvent, PhoneState, Station
from .records import RecordedRequest
from .server import PHONE_KEY, Listener, cti_route

_LOGGER = logging.getLogger(__name__)
_DEFAULT_MODEL = {Family.GXP: "GXP2135", Family.DP: "DP750"}
_DEFAULT_FIRMWARE = {Family.GXP: "1.0.11.64", Family.DP: "1.0.4.2"}


def normalize_mac(mac: str) -> str:
    """Twelve upper-case hex digits, whatever the separators."""
    digits = re.sub(r"[^0-9A-Fa-f]", "", mac).upper()
    if len(digits) != 12:
        raise ValueError(f"invalid MAC address {mac!r}")
    return digits


class SimulatedPhone:
    """A Grandstream phone answering the CTI API on 127.0.0.1.

    Use as `async with SimulatedPhone(family="gxp") as phone:`; `phone.host` is
    "127.0.0.1:PORT".
    """

    def __init__(
        self,
        family: Family | str = Family.GXP,
        *,
        passcode: str = FACTORY_PASSCODE,
        port: int = 0,
        bind: str = "127.0.0.1",
        model: str | None = None,
        firmware: str | None = None,
        lines: int = 3,
        paired_handsets: Iterable[int] = (1, 2),
        accounts: int | None = None,
        configured_accounts: Iterable[int] = (1,),
        click_to_dial: bool = True,
        mac: str = DEFAULT_MAC,
        mac_separator: str = "",
        phone_ip: str = "127.0.0.1",
        style: Style | str = Style.COMPACT,
        content_type: str = "application/json",
        remote_key: str = "remotenum",
        auth_failure: AuthFailureStyle | str = AuthFailureStyle.JSON_ERROR,
        max_auth_failures: int = DEFAULT_MAX_AUTH_FAILURES,
        lockout_seconds: float = DEFAULT_LOCKOUT_SECONDS,
        reboot_seconds: float = DEFAULT_REBOOT_SECONDS,
        ssl_context: ssl.SSLContext | None = None,
        action_urls: Mapping[str, str] | None = None,
        action_url_timeout: float = 2.0,
        action_url_encoding: UrlEncoding | str = UrlEncoding.RAW,
        max_requests: int = 10000,
    ) -> None:
        """Configure the phone; start() (or `async with`) makes it listen."""
        self.family = Family(family)
        self.model = model or _DEFAULT_MODEL[self.family]
        self.firmware = firmware or _DEFAULT_FIRMWARE[self.family]
        self.mac = normalize_mac(mac)
        self.mac_separator = mac_separator
        self.phone_ip = phone_ip
        self.style = Style(style)
        self.content_type = content_type
        self.auth_failure = AuthFailureStyle(auth_failure)
        self.reboot_seconds = reboot_seconds
        self.ssl_context = ssl_context
        self.max_requests = max_requests
        self.state = PhoneState(
            self.family,
            lines=lines,
            paired_handsets=paired_handsets,
            accounts=accounts,
            configured_accounts=configured_accounts,
            click_to_dial=click_to_dial,
        )
        self.state.listeners.append(self._on_event)
        self.cti = CtiHandler(self.state, remote_key=remote_key)
        self.guard = PasscodeGuard(
            passcode, max_failures=max_auth_failures, lockout_seconds=lockout_seconds
        )
        self.fault = FaultState()
        self.action_url = ActionUrlSender(
            action_urls, timeout=action_url_timeout, encoding=action_url_encoding
        )
        self.requests: list[RecordedRequest] = []
        self.rebooting = False
        self.boot_count = 0
        app = web.Application()
        app[PHONE_KEY] = self
        add_control_routes(app)
        app.router.add_route("*", "/cgi-bin/{function}", cti_route)
        app.router.add_route("*", "/{tail:.*}", cti_route)
        self._listener = Listener(app, bind=bind, port=port, ssl_context=ssl_context)
        self._tasks: set[asyncio.Task[Any]] = set()
        self._boot_task: asyncio.Task[None] | None = None
        self._fault_task: asyncio.Task[None] | None = None
        self._closing = asyncio.Event()
        self._wake = asyncio.Event()
        self._up = asyncio.Event()

    # ------------------------------------------------------------ lifecycle
    async def start(self) -> Self:
        """Start listening; afterwards `port` is the real port."""
        await self._listener.start()
        self._up.set()
        return self

    async def close(self) -> None:
        """Stop everything: no task, timer or connection is left behind."""
        self._closing.set()
        self._release_hung()
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
        await self._listener.close()
        await self.action_url.close()

    async def __aenter__(self) -> Self:
        """Start listening."""
        return await self.start()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Close."""
        await self.close()

    # ----------------------------------------------------------- addressing
    @property
    def port(self) -> int:
        """TCP port (stays the same across reboots)."""
        return self._listener.port

    @property
    def host(self) -> str:
        """ "127.0.0.1:PORT", what a user types as the phone's host."""
        bind = self._listener.bind
        address = "127.0.0.1" if bind in {"0.0.0.0", ""} else bind  # noqa: S104
        return f"{address}:{self.port}"

    @property
    def scheme(self) -> str:
        """ "https" when an ssl_context was given, else "http"."""
        return "https" if self.ssl_context is not None else "http"

    @property
    def url(self) -> str:
        """Base URL, e.g. "http://127.0.0.1:PORT"."""
        return f"{self.scheme}://{self.host}"

    def cti_url(self, function: str) -> str:
        """URL of a CTI function (no query)."""
        return f"{self.url}/cgi-bin/{function}"

    @property
    def listening(self) -> bool:
        """True while the phone accepts connections."""
        return self._listener.listening

    @property
    def passcode(self) -> str:
        """The passcode the phone currently accepts."""
        return self.guard.passcode

    def change_passcode(self, new: str) -> None:
        """The admin changes the password on the phone."""
        self.guard.change(new)

    @property
    def locked(self) -> bool:
        """True while the phone refuses every passcode after repeated failures."""
        return self.guard.locked

    # ---------------------------------------------------------- request log
    def record(self, request: RecordedRequest) -> None:
        """Append to the request log (the oldest half goes when it is full)."""
        self.requests.append(request)
        if len(self.requests) > self.max_requests:
            del self.requests[: self.max_requests // 2]

    def requests_for(
        self, function: str | None = None, **params: str
    ) -> list[RecordedRequest]:
        """Logged requests of a function whose params include the given ones."""
        return [
            r
            for r in self.requests
            if (function is None or r.function == function)
            and all(r.params.get(k) == v for k, v in params.items())
        ]

    def clear_requests(self) -> None:
        """Forget the request log."""
        self.requests.clear()

    # --------------------------------------------------------- state access
    @property
    def events(self) -> list[PhoneEvent]:
        """Every event the phone emitted, oldest first."""
        return self.state.events

    def lines(self, hs: int | None = None) -> list[Line]:
        """Lines of the phone (GXP) or of a handset (DP)."""
        return self.state.station(hs).lines

    def line(self, line: int = 1, hs: int | None = None) -> Line:
        """One line."""
        return self.state.line(line, hs)

    def station(self, hs: int | None = None) -> Station:
        """The desk phone (GXP) or a handset (DP)."""
        return self.state.station(hs)

    def ring(
        self,
        line: int | None = 1,
        number: str = "5551234",
        name: str = "Alice",
        hs: int | None = None,
        *,
        account: int = 1,
    ) -> Line:
        """Incoming call on line (None: first idle line)."""
        return self.state.ring(line, number, name, hs, account=account)

    def answer(self, line: int | None = None, hs: int | None = None) -> Line:
        """Person answers the ringing line."""
        return self.state.answer(line, hs)

    def remote_answer(self, line: int | None = None, hs: int | None = None) -> Line:
        """Far end answers the outgoing call."""
        return self.state.remote_answer(line, hs)

    def hold(self, line: int | None = None, hs: int | None = None) -> Line:
        """Put the connected call on hold."""
        return self.state.hold(line, hs)

    def unhold(self, line: int | None = None, hs: int | None = None) -> Line:
        """Resume the held call."""
        return self.state.unhold(line, hs)

    def hangup(self, line: int | None = None, hs: int | None = None) -> Line:
        """Far end hangs up (ringing: missed; connected/held: terminated)."""
        return self.state.hangup(line, hs)

    def end_call(self, line: int | None = None, hs: int | None = None) -> Line:
        """Person ends the call."""
        return self.state.end_call(line, hs)

    def reject(self, line: int | None = None, hs: int | None = None) -> Line:
        """Person rejects the ringing call."""
        return self.state.reject(line, hs)

    def fail(self, line: int | None = None, hs: int | None = None) -> Line:
        """The call fails: line shows failed."""
        return self.state.fail(line, hs)

    def dial(
        self, number: str, hs: int | None = None, *, line: int | None = None
    ) -> Line:
        """Person dials number: first idle line goes calling."""
        return self.state.dial(number, hs, line=line)

    def pair(self, hs: int) -> Station:
        """Pair DP handset hs."""
        return self.state.pair(hs)

    def unpair(self, hs: int) -> Station:
        """Unpair DP handset hs."""
        return self.state.unpair(hs)

    def set_registered(self, account: int, registered: bool) -> Account:
        """Account registration changes."""
        return self.state.set_registered(account, registered)

    def set_dnd(self, on: bool, hs: int | None = None) -> Station:
        """DND on or off."""
        return self.state.set_dnd(on, hs)

    def press_keys(self, keys: Sequence[str], hs: int | None = None) -> bool:
        """Press keys like api-send_key does; False if a key is unknown."""
        return self.state.press_keys(keys, hs)

    def snapshot(self) -> dict[str, Any]:
        """Everything, as JSON-able data (GET /sim/state)."""
        return {
            "family": str(self.family),
            "model": self.model,
            "firmware": self.firmware,
            "mac": self.formatted_mac,
            "host": self.host,
            "port": self.port,
            "listening": self.listening,
            "rebooting": self.rebooting,
            "boot_count": self.boot_count,
            "locked": self.locked,
            "failed_auth": self.guard.total_failures,
            "fault": self.fault.to_dict(),
            "action_urls": {str(k): v for k, v in self.action_url.templates.items()},
            "requests": len(self.requests),
            **self.state.to_dict(),
        }

    # ------------------------------------------------------------- pushes
    @property
    def formatted_mac(self) -> str:
        """MAC as $mac sends it (separator per mac_separator)."""
        pairs = [self.mac[i : i + 2] for i in range(0, 12, 2)]
        return self.mac_separator.join(pairs)

    def action_url_values(self, event: PhoneEvent) -> dict[str, str]:
        """The $variables for one event."""
        account = self.state.accounts.get(event.account or 1)
        user = account.sip_id if account is not None else ""
        return {
            "mac": self.formatted_mac,
            "remote": event.remote_number,
            "display_remote": event.remote_name,
            "local": user,
            "active_user": user,
            "phone_ip": self.phone_ip,
            "product": self.model,
            "program_version": self.firmware,
        }

    def _on_event(self, event: PhoneEvent) -> None:
        self.action_url.notify(event.kind, self.action_url_values(event))

    # ------------------------------------------------------------- faults
    async def set_fault(
        self,
        mode: FaultMode | str,
        *,
        count: int | None = None,
        delay: float | None = None,
        duration: float | None = None,
    ) -> None:
        """Misbehave: mode for the next count requests (None: until cleared) or
        for duration seconds. delay is the wait of "slow"."""
        mode = FaultMode(mode)
        self._cancel(self._fault_task)
        self.fault.set(mode, count=count, delay=delay, duration=duration)
        self._release_hung()
        if mode is FaultMode.CONNECTION_REFUSED:
            await self._listener.stop()
        elif not self.rebooting:
            await self._listener.start()
        if duration is not None and mode is not FaultMode.NONE:
            self._fault_task = self._spawn(self._clear_after(duration))

    async def clear_fault(self) -> None:
        """Back to a good day (listens again after connection_refused)."""
        await self.set_fault(FaultMode.NONE)

    async def _clear_after(self, seconds: float) -> None:
        await asyncio.sleep(seconds)
        self._fault_task = None
        await self.clear_fault()

    async def sleep(self, seconds: float) -> None:
        """Wait (slow answers); cut short when the phone closes."""
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(seconds):
                await self._closing.wait()

    async def hang(self) -> None:
        """Never answer: wait until the fault changes or the phone closes."""
        await self._wake.wait()

    def _release_hung(self) -> None:
        self._wake.set()
        self._wake = asyncio.Event()

    # ------------------------------------------------------------- reboot
    async def reboot(
        self, seconds: float | None = None, *, factory_reset: bool = False
    ) -> None:
        """Go down now (connection refused), back on the same port after seconds
        with every line idle. factory_reset also restores factory settings
        (passcode "admin", no Action URLs). Returns once down."""
        duration = self.reboot_seconds if seconds is None else seconds
        self.rebooting = True
        self._up.clear()
        self._cancel(self._boot_task)
        await self._listener.stop()
        self._release_hung()
        self.state.reboot()
        if factory_reset:
            self.state.factory_reset()
            self.guard.change(FACTORY_PASSCODE)
            self.action_url.clear_templates()
        self._boot_task = self._spawn(self._boot(duration))

    async def wait_until_up(self, timeout: float | None = None) -> None:  # noqa: ASYNC109
        """Wait until a reboot is over."""
        async with asyncio.timeout(timeout):
            await self._up.wait()

    async def _boot(self, seconds: float) -> None:
        await asyncio.sleep(seconds)
        self._boot_task = None
        self.guard.unlock()
        if self.fault.active is not FaultMode.CONNECTION_REFUSED:
            await self._listener.start()
        self.rebooting = False
        self.boot_count += 1
        self._up.set()
        for account in self.state.accounts.values():
            if account.registered:
                self.action_url.notify(
                    EventKind.REGISTERED,
                    self.action_url_values(
                        PhoneEvent(kind=EventKind.REGISTERED, account=account.index)
                    ),
                )

    def after_answer(self, after: Literal["reboot", "reset"]) -> None:
        """Called once the answer to api-sys_operation has been sent."""
        self._spawn(self.reboot(factory_reset=after == "reset"))

    def run_later(self, coro: Coroutine[Any, Any, None]) -> None:
        """Run coro in a task the phone owns (cancelled on close)."""
        self._spawn(coro)

    # -------------------------------------------------------------- tasks
    def _spawn(self, coro: Coroutine[Any, Any, None]) -> asyncio.Task[None]:
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._task_done)
        return task

    def _task_done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and (exc := task.exception()) is not None:
            _LOGGER.error("Simulator task failed", exc_info=exc)

    @staticmethod
    def _cancel(task: asyncio.Task[Any] | None) -> None:
        if task is not None and task is not asyncio.current_task():
            task.cancel()


PhoneSimulator = SimulatedPhone
