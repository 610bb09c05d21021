"""Control API under /sim/: drive the simulated phone over HTTP (JSON in and out)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from .const import FaultMode
from .core import PhoneCore
from .model import SimulatorError
from .render import render_page

type Args = dict[str, Any]
type Action = Callable[[PhoneCore, Args], Awaitable[Any]]


class _BadRequestError(Exception):
    """Missing or invalid control parameter."""


@dataclass(frozen=True)
class _Then:
    """Answer result first, then run after (it may drop the connection)."""

    result: Any
    after: Callable[[], Coroutine[Any, Any, None]]


async def _args(request: web.Request) -> Args:
    args: Args = dict(request.query)
    if request.can_read_body:
        if request.content_type == "application/json":
            body = await request.json()
            if not isinstance(body, dict):
                raise _BadRequestError("JSON body must be an object")
            args.update(body)
        elif request.content_type.endswith("urlencoded"):
            args.update({k: str(v) for k, v in (await request.post()).items()})
    return args


def _int(args: Args, name: str, default: int | None = None) -> int | None:
    value = args.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except (TypeError, ValueError) as err:
        raise _BadRequestError(f"{name} must be an integer") from err


def _req_int(args: Args, name: str) -> int:
    value = _int(args, name)
    if value is None:
        raise _BadRequestError(f"{name} is required")
    return value


def _float(args: Args, name: str) -> float | None:
    value = args.get(name)
    if value is None or value == "":
        return None
    try:
        return float(value)
    except (TypeError, ValueError) as err:
        raise _BadRequestError(f"{name} must be a number") from err


def _bool(args: Args, name: str, default: bool) -> bool:
    value = args.get(name, default)
    if isinstance(value, bool):
        return value
    return str(value).lower() in {"1", "true", "on", "yes"}


def _str(args: Args, name: str, default: str | None = None) -> str:
    value = args.get(name, default)
    if value is None:
        raise _BadRequestError(f"{name} is required")
    return str(value)


async def _ring(phone: PhoneCore, args: Args) -> Any:
    return phone.ring(
        line=_int(args, "line"),
        number=_str(args, "number", "5551234"),
        name=_str(args, "name", "Alice"),
        hs=_int(args, "hs"),
        account=_int(args, "account", 1) or 1,
    ).to_dict()


async def _ring_all(phone: PhoneCore, args: Args) -> Any:
    lines = phone.ring_all(
        number=_str(args, "number", "5551234"),
        name=_str(args, "name", "Alice"),
        account=_int(args, "account", 1) or 1,
    )
    return [line.to_dict() for line in lines]


def _line_action(name: str) -> Action:
    async def action(phone: PhoneCore, args: Args) -> Any:
        method = getattr(phone, name)
        return method(_int(args, "line"), _int(args, "hs")).to_dict()

    return action


async def _dial(phone: PhoneCore, args: Args) -> Any:
    return phone.dial(_str(args, "number"), _int(args, "hs")).to_dict()


async def _pair(phone: PhoneCore, args: Args) -> Any:
    return phone.pair(_req_int(args, "hs")).to_dict()


async def _unpair(phone: PhoneCore, args: Args) -> Any:
    return phone.unpair(_req_int(args, "hs")).to_dict()


async def _register(phone: PhoneCore, args: Args) -> Any:
    account = _int(args, "account", 1) or 1
    return phone.set_registered(account, _bool(args, "registered", True)).to_dict()


async def _dnd(phone: PhoneCore, args: Args) -> Any:
    hs = _int(args, "hs")
    if "on" in args:
        return phone.set_dnd(_bool(args, "on", True), hs).to_dict()
    return phone.toggle_dnd(hs).to_dict()


async def _keys(phone: PhoneCore, args: Args) -> Any:
    keys = args.get("keys")
    if isinstance(keys, str):
        keys = keys.split(":")
    if not isinstance(keys, list):
        raise _BadRequestError("keys is required")
    return phone.press_keys([str(k) for k in keys], _int(args, "hs"))


async def _reboot(phone: PhoneCore, args: Args) -> Any:
    seconds = _float(args, "seconds")
    factory_reset = _bool(args, "factory_reset", False)
    return _Then(True, lambda: phone.reboot(seconds, factory_reset=factory_reset))


async def _fault(phone: PhoneCore, args: Args) -> Any:
    mode = FaultMode(_str(args, "mode", "none"))
    count, delay = _int(args, "count"), _float(args, "delay")
    duration = _float(args, "duration")
    if mode is FaultMode.CONNECTION_REFUSED:
        return _Then(
            {"mode": str(mode), "count": count, "delay": delay},
            lambda: phone.set_fault(mode, count=count, delay=delay, duration=duration),
        )
    await phone.set_fault(mode, count=count, delay=delay, duration=duration)
    return phone.fault_status


async def _action_url(phone: PhoneCore, args: Args) -> Any:
    templates = args.get("templates", args)
    if not isinstance(templates, dict):
        raise _BadRequestError("templates must be an object")
    phone.action_url.set_templates(
        {str(k): (str(v) if v else None) for k, v in templates.items()}
    )
    return {str(k): v for k, v in phone.action_url.templates.items()}


async def _passcode(phone: PhoneCore, args: Args) -> Any:
    phone.change_passcode(_str(args, "passcode"))
    return True


async def _click_to_dial(phone: PhoneCore, args: Args) -> Any:
    phone.click_to_dial = _bool(args, "enabled", True)
    return phone.click_to_dial


async def _clear_requests(phone: PhoneCore, args: Args) -> Any:
    phone.clear_requests()
    return True


async def _drop_connections(phone: PhoneCore, args: Args) -> Any:
    async def drop() -> None:
        phone.drop_connections()

    # After the answer: the control request's own connection is one of them.
    return _Then(phone.open_connections, drop)


_ACTIONS: dict[str, Action] = {
    "ring": _ring,
    "ring_all": _ring_all,
    "answer": _line_action("answer"),
    "remote_answer": _line_action("remote_answer"),
    "hangup": _line_action("hangup"),
    "hold": _line_action("hold"),
    "unhold": _line_action("unhold"),
    "fail": _line_action("fail"),
    "reject": _line_action("reject"),
    "dial": _dial,
    "pair": _pair,
    "unpair": _unpair,
    "register": _register,
    "dnd": _dnd,
    "keys": _keys,
    "reboot": _reboot,
    "fault": _fault,
    "action_url": _action_url,
    "passcode": _passcode,
    "click_to_dial": _click_to_dial,
    "requests/clear": _clear_requests,
    "drop_connections": _drop_connections,
}


def _make_handler(
    phone: PhoneCore, action: Action
) -> Callable[[web.Request], Awaitable[web.Response]]:
    async def handler(request: web.Request) -> web.Response:
        try:
            result = await action(phone, await _args(request))
        except (_BadRequestError, SimulatorError, ValueError) as err:
            return web.json_response({"ok": False, "error": str(err)}, status=400)
        if not isinstance(result, _Then):
            return web.json_response({"ok": True, "result": result})
        response = web.json_response({"ok": True, "result": result.result})
        await response.prepare(request)
        await response.write_eof()
        phone.run_later(result.after())
        return response

    return handler


def add_control_routes(app: web.Application, phone: PhoneCore) -> None:
    """Register the /sim/ routes driving phone."""

    async def state(request: web.Request) -> web.Response:
        return web.json_response(phone.snapshot())

    async def requests(request: web.Request) -> web.Response:
        return web.json_response([r.to_dict() for r in phone.requests])

    async def pushes(request: web.Request) -> web.Response:
        return web.json_response([p.to_dict() for p in phone.action_url.sent])

    async def page(request: web.Request) -> web.Response:
        text = render_page(f"{phone.model} {phone.host}", phone.stations)
        return web.Response(text=text, content_type="text/html")

    app.router.add_get("/sim/", page)
    app.router.add_get("/sim", page)
    app.router.add_get("/sim/state", state)
    app.router.add_get("/sim/requests", requests)
    app.router.add_get("/sim/pushes", pushes)
    for name, action in _ACTIONS.items():
        app.router.add_post(f"/sim/{name}", _make_handler(phone, action))
