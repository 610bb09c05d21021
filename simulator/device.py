"""SimulatedPhone: a PhoneCore answering HTTP with the app server.py builds."""

from __future__ import annotations

from aiohttp import web

from .core import PhoneCore
from .server import build_app


class SimulatedPhone(PhoneCore):
    """A Grandstream phone answering the CTI API on 127.0.0.1.

    Use as `async with SimulatedPhone(family="gxp") as phone:`; `phone.host` is
    "127.0.0.1:PORT".
    """

    def _build_app(self) -> web.Application:
        return build_app(self)
