"""PhoneCore: one phone (state, socket, faults, reboots, Action URL pushes) but its app.

The web app comes from the subclass (device.py), so that the HTTP side (server.py,
control.py) can depend on PhoneCore without PhoneCore depending on it.
"""

from __future__ import annotations

from abc import abstractmethod
import asyncio
from collections.abc import Coroutine, Iterable, Mapping
import logging
import re
import ssl
from typing import Any, Literal, Self

from aiohttp import web

from .action_url import ActionUrlSender
from .auth import PasscodeGuard
from .clock import WallClock
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
from .cti import CtiHandler
from .faults import FaultState
from .front import PhoneFront
from .gate import RequestGate
from .lifecycle import AsyncService
from .listener import Listener
from .model import PhoneEvent
from .phone import PhoneState
from .records import RecordedRequest

_LOGGER = logging.getLogger(__name__)
_DEFAULT_MODEL = {Family.GXP: "GXP2135", Family.GRP: "GRP2614", Family.DP: "DP750"}
# Inferred for the GRP: lineup.md names firmware 1.0.5.25 and later for the
# GRP260x (vendor code), no version of a GRP2614.
_DEFAULT_FIRMWARE = {
    Family.GXP: "1.0.11.64",
    Family.GRP: "1.0.5.25",
    Family.DP: "1.0.4.2",
}
# Inferred: a GRP2614 has 4 lines and 4 accounts by Grandstream's data sheet,
# which lineup.md does not give (the phone's answer tells its lines).
_DEFAULT_LINES = {Family.GRP: 4}


def normalize_mac(mac: str) -> str:
    """Twelve upper-case hex digits, whatever the separators."""
    digits = re.sub(r"[^0-9A-Fa-f]", "", mac).upper()
    if len(digits) != 12:
        raise ValueError(f"invalid MAC address {mac!r}")
    return digits


class PhoneCore(PhoneFront, RequestGate, AsyncService):
    """Everything of a simulated phone except the routes of its web app."""

    def __init__(
        self,
        family: Family | str = Family.GXP,
        *,
        passcode: str = FACTORY_PASSCODE,
        port: int = 0,
        bind: str = "127.0.0.1",
        model: str | None = None,
        firmware: str | None = None,
        lines: int | None = None,
        paired_handsets: Iterable[int] = (1, 2),
        accounts: int | None = None,
        configured_accounts: Iterable[int] = (1,),
        click_to_dial: bool = True,
        mac: str = DEFAULT_MAC,
        mac_separator: str = "",
        phone_ip: str = "127.0.0.1",
        style: Style | str = Style.COMPACT,
        content_type: str = "application/json",
        remote_key: str | None = None,
        auth_failure: AuthFailureStyle | str = AuthFailureStyle.JSON_ERROR,
        max_auth_failures: int = DEFAULT_MAX_AUTH_FAILURES,
        lockout_seconds: float = DEFAULT_LOCKOUT_SECONDS,
        reboot_seconds: float = DEFAULT_REBOOT_SECONDS,
        ssl_context: ssl.SSLContext | None = None,
        action_urls: Mapping[str, str] | None = None,
        action_url_timeout: float = 2.0,
        action_url_encoding: UrlEncoding | str = UrlEncoding.RAW,
        max_requests: int = 10000,
        model_define: bool | None = None,
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
        # GET /json/configs/model.define.js, answered without a login: captured
        # on a WP826, and Grandstream's GRP code reads it (lineup.md). No
        # source says that a GXP or a DP base serves it: they do not, unless
        # told to.
        self.serves_model_define = (
            self.family is Family.GRP if model_define is None else model_define
        )
        # Peer (lineup.md): the connection may drop while the phone reboots;
        # then REBOOT gets no answer at all.
        self.reboot_drops_connection = False
        self._state = PhoneState(
            self.family,
            lines=_DEFAULT_LINES.get(self.family, 3) if lines is None else lines,
            paired_handsets=paired_handsets,
            accounts=accounts,
            configured_accounts=configured_accounts,
            click_to_dial=click_to_dial,
        )
        self._state.listeners.append(self._on_event)
        # The guide's line entry names the number remotenum, the GRP guide's
        # remotenumber (lineup.md).
        if remote_key is None:
            remote_key = "remotenumber" if self.family is Family.GRP else "remotenum"
        self._cti = CtiHandler(self._state, remote_key=remote_key)
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
        self._listener = Listener(
            self._build_app(), bind=bind, port=port, ssl_context=ssl_context
        )
        self._clock = WallClock()
        self._tasks: set[asyncio.Task[Any]] = set()
        self._boot_task: asyncio.Task[None] | None = None
        self._fault_task: asyncio.Task[None] | None = None
        self._closing = asyncio.Event()
        self._wake = asyncio.Event()
        self._up = asyncio.Event()

    @abstractmethod
    def _build_app(self) -> web.Application:
        """The web app answering on the phone's socket."""

    # ------------------------------------------------------------ lifecycle
    async def start(self) -> Self:
        """Start listening; afterwards `port` is the real port."""
        await self._listener.start()
        self._up.set()
        return self

    async def close(self) -> None:
        """Stop everything: no task, timer or connection is left behind."""
        self._closing.set()
        self._clock.interrupt()
        self._release_hung()
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
        await self._listener.close()
        await self.action_url.close()

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
    def open_connections(self) -> int:
        """How many connections clients hold open to the phone."""
        return self._listener.open_connections

    def drop_connections(self) -> int:
        """Close every connection clients hold open (Listener.drop_connections)."""
        return self._listener.drop_connections()

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
            "fault": self.fault_status,
            "action_urls": {str(k): v for k, v in self.action_url.templates.items()},
            "requests": len(self.requests),
            **self._state.to_dict(),
        }

    def model_define(self) -> dict[str, Any]:
        """What GET /json/configs/model.define.js answers (lineup.md's fields)."""
        return {
            "model": self.model,
            "defines": {"num_accounts": len(self._state.accounts)},
        }

    # ------------------------------------------------------------- pushes
    @property
    def formatted_mac(self) -> str:
        """MAC as $mac sends it (separator per mac_separator)."""
        pairs = [self.mac[i : i + 2] for i in range(0, 12, 2)]
        return self.mac_separator.join(pairs)

    def action_url_values(self, event: PhoneEvent) -> dict[str, str]:
        """The $variables for one event."""
        account = self._state.accounts.get(event.account or 1)
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
        await self._clock.sleep(seconds)
        self._fault_task = None
        await self.clear_fault()

    async def sleep(self, seconds: float) -> None:
        """Wait (slow answers); cut short when the phone closes."""
        if not self._closing.is_set():
            await self._clock.sleep(seconds)

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
        self._state.reboot()
        if factory_reset:
            self._state.factory_reset()
            self.guard.change(FACTORY_PASSCODE)
            self.action_url.clear_templates()
        self._boot_task = self._spawn(self._boot(duration))

    async def wait_until_up(self, timeout: float | None = None) -> None:  # noqa: ASYNC109
        """Wait until a reboot is over."""
        async with asyncio.timeout(timeout):
            await self._up.wait()

    async def _boot(self, seconds: float) -> None:
        await self._clock.sleep(seconds)
        self._boot_task = None
        self.guard.unlock()
        if self.fault.active is not FaultMode.CONNECTION_REFUSED:
            await self._listener.start()
        self.rebooting = False
        self.boot_count += 1
        self._up.set()
        for account in self._state.accounts.values():
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
