"""A phone's host as users type it: name and port, told apart and put back."""

from __future__ import annotations

import re

from yarl import URL

from .exceptions import GrandstreamValidationError

_HOSTNAME = re.compile(r"[A-Za-z0-9._-]+")


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


def join_host(name: str, port: int | None) -> str:
    """What split_host split: `host`, `host:port` or `[v6]:port`."""
    host = f"[{name}]" if ":" in name else name
    return host if port is None else f"{host}:{port}"


def normalize_host(host: str, ssl: bool) -> str:
    """The host as a client addresses it, for telling whether two are one.

    The scheme's default port goes: `phone.lan:80` is `phone.lan`.
    """
    name, port = split_host(host)
    return join_host(name.lower(), None if port == (443 if ssl else 80) else port)
