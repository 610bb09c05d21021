"""Command line: run simulated phones until Ctrl-C.

python -m simulator --family gxp --port 8080 --passcode admin [--count 3]
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Sequence
import contextlib
import logging
import signal
import ssl

from .const import DEFAULT_MAC, DEFAULT_REBOOT_SECONDS, EventKind, Family, Style
from .farm import SimulatorFarm


def action_url_templates(base: str) -> dict[str, str]:
    """One template per event: base + event name, MAC, remote and local numbers."""
    sep = "&" if "?" in base else "?"
    return {
        str(kind): f"{base}{sep}event={kind}&mac=$mac&remote=$remote&local=$local"
        for kind in EventKind
    }


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Command line options."""
    parser = argparse.ArgumentParser(
        prog="simulator", description="Simulated Grandstream phones (CTI API)."
    )
    parser.add_argument("--family", choices=[f.value for f in Family], default="gxp")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--bind", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--passcode", default="admin")
    parser.add_argument("--model")
    parser.add_argument("--firmware")
    parser.add_argument(
        "--lines", type=int, help="desk phone lines (1-12; default 3, a GRP 4)"
    )
    parser.add_argument("--mac", default=DEFAULT_MAC)
    parser.add_argument("--count", type=int, default=1, help="phones to run")
    parser.add_argument("--style", choices=[s.value for s in Style], default="compact")
    parser.add_argument("--reboot-seconds", type=float, default=DEFAULT_REBOOT_SECONDS)
    parser.add_argument(
        "--action-url-base",
        help="send every Action URL event to BASE?event=NAME&mac=$mac&remote=$remote",
    )
    parser.add_argument("--ssl-cert", help="PEM certificate: serve HTTPS")
    parser.add_argument("--ssl-key", help="PEM private key for --ssl-cert")
    parser.add_argument("--verbose", "-v", action="store_true")
    return parser.parse_args(argv)


async def run(args: argparse.Namespace) -> None:
    """Run the phones until SIGINT/SIGTERM."""
    ssl_context: ssl.SSLContext | None = None
    if args.ssl_cert:
        ssl_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ssl_context.load_cert_chain(args.ssl_cert, args.ssl_key)
    farm = SimulatorFarm(
        args.count,
        family=args.family,
        base_port=args.port,
        base_mac=args.mac,
        passcode=args.passcode,
        model=args.model,
        firmware=args.firmware,
        lines=args.lines,
        style=args.style,
        reboot_seconds=args.reboot_seconds,
        ssl_context=ssl_context,
        bind=args.bind,
        action_urls=action_url_templates(args.action_url_base)
        if args.action_url_base
        else None,
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    async with farm:
        for phone in farm:
            print(  # noqa: T201
                f"{phone.model} ({phone.family}) {phone.url}  "
                f"passcode={phone.passcode}  mac={phone.formatted_mac}  "
                f"control: {phone.url}/sim/",
                flush=True,
            )
        await stop.wait()


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point."""
    args = parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(run(args))


if __name__ == "__main__":
    main()
