"""The development environment behind scripts/develop.

Starts a simulated GXP2135 and a simulated DP750 (handsets 1 and 2 paired) on
loopback, runs Home Assistant with this integration and debug logging, finishes
onboarding with a documented local user, adds both phones through the config
flow API, points the phones' Action URLs at Home Assistant, then waits until
Ctrl-C or SIGTERM and stops everything. A second run reuses the config dir.

Run it through scripts/develop (which prepares .venv first).
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Coroutine
import contextlib
from dataclasses import dataclass
from datetime import UTC, datetime
import json
import os
from pathlib import Path
import shutil
import signal
import socket
import sys
import time
from typing import Any
from urllib.parse import parse_qs, urlsplit

import aiohttp

from simulator import SimulatedPhone

REPO = Path(__file__).resolve().parent.parent
DOMAIN = "grandstream_cti"
USERNAME = "dev"
PASSWORD = "grandstream-dev"  # noqa: S105 - documented local development login
PHONE_PASSCODE = "admin"  # the factory default admin password of the phones
RESTART_EXIT_CODE = 100  # Home Assistant exits with it when asked to restart
HA_STOP_SECONDS = 30.0
SYSTEM_CA_BUNDLE = "/etc/ssl/certs/ca-certificates.crt"  # Debian's, Ubuntu's


@dataclass(frozen=True, slots=True)
class PhoneSpec:
    """One simulated phone of the environment."""

    key: str
    family: str
    port: int
    mac: str


def parse_args() -> argparse.Namespace:
    """Command line options; every one has an environment variable too."""
    env = os.environ.get
    parser = argparse.ArgumentParser(
        prog="scripts/develop",
        description="Home Assistant + grandstream_cti + two simulated phones.",
    )
    parser.add_argument(
        "--config",
        type=Path,
        default=Path(env("DEVELOP_CONFIG", str(REPO / ".develop" / "config"))),
        help="Home Assistant config dir (default .develop/config)",
    )
    parser.add_argument("--port", type=int, default=int(env("DEVELOP_HA_PORT", "8123")))
    parser.add_argument(
        "--gxp-port", type=int, default=int(env("DEVELOP_GXP_PORT", "8081"))
    )
    parser.add_argument(
        "--dp-port", type=int, default=int(env("DEVELOP_DP_PORT", "8082"))
    )
    parser.add_argument(
        "--ready-file",
        type=Path,
        default=Path(env("DEVELOP_READY_FILE", str(REPO / ".develop" / "ready.json"))),
        help="written (JSON: URLs, login, token, phones) once everything is up",
    )
    parser.add_argument(
        "--quiet",
        action="store_true",
        default=env("DEVELOP_QUIET", "") not in ("", "0"),
        help="keep Home Assistant's log out of the terminal (it is in the config dir)",
    )
    return parser.parse_args()


def write_config(config: Path, port: int) -> None:
    """Write a small configuration.yaml (rewritten each run) and its companions.

    default_config is left out on purpose: it pulls in bluetooth, zeroconf,
    dhcp, stream, cloud, assist... (dozens of packages to install, and a much
    slower start); this lists what the UI and the integration need, and the
    recorder, history and logbook that show what the integration logs. Your
    own YAML goes into packages/*.yaml, which is kept.
    """
    (config / "custom_components").mkdir(parents=True, exist_ok=True)
    (config / "packages").mkdir(exist_ok=True)
    link = config / "custom_components" / DOMAIN
    if not link.is_symlink():
        link.symlink_to(REPO / "custom_components" / DOMAIN)
    copy_blueprints(config)
    onboarding = config / ".storage" / "onboarding"
    if not onboarding.exists():
        # A fresh config dir: mark onboarding's core_config step done. Through
        # the API it would also add google_translate, met, radio_browser and
        # shopping_list, which install packages from PyPI at run time and need
        # the internet. The other steps go through the API, as in the frontend.
        onboarding.parent.mkdir(parents=True, exist_ok=True)
        onboarding.write_text(
            json.dumps(
                {
                    "version": 4,
                    "minor_version": 1,
                    "key": "onboarding",
                    "data": {"done": ["core_config"]},
                }
            ),
            encoding="utf-8",
        )
    write_http_store(config, port)
    for name, empty in (("automations.yaml", "[]\n"), ("scripts.yaml", "{}\n")):
        if not (config / name).exists():
            (config / name).write_text(empty, encoding="utf-8")
    (config / "configuration.yaml").write_text(
        f"""\
# Written by scripts/develop on every run: put your own YAML in packages/.
homeassistant:
  name: Grandstream development
  country: US
  internal_url: http://127.0.0.1:{port}
  packages: !include_dir_named packages
frontend:
config:
# No http: here. Home Assistant 2026 would try it for 5 minutes, then restart
# without it; scripts/develop writes the HTTP settings to .storage/http.
api:
webhook:
automation: !include automations.yaml
script: !include scripts.yaml
# As in users' Home Assistant (default_config has it): Assist, whose sentences
# the integration's options install.
conversation:
# As in users' Home Assistant (default_config has them): the logbook's lines
# of call events, and each entity's history.
recorder:
history:
logbook:
logger:
  default: info
  logs:
    custom_components.{DOMAIN}: debug
    # libturbojpeg is missing here; only camera snapshots would be slower.
    homeassistant.components.camera.img_util: critical
    # So is the ffmpeg binary, which only camera streams and text-to-speech use;
    # the ffmpeg integration (tts needs it) logs a traceback at every start.
    haffmpeg: critical
""",
        encoding="utf-8",
    )


def copy_blueprints(config: Path) -> None:
    """Copy the integration's blueprints where Home Assistant lists them.

    Copies, rewritten on every run, so that they are this checkout's: Home
    Assistant's blueprint list does not follow a symlinked folder (Path.glob's
    "**" no longer follows symlinks), which earlier runs made; one is replaced.
    A user installs them from the integration's options instead.
    """
    folder = config / "blueprints" / "automation" / DOMAIN
    if folder.is_symlink():
        folder.unlink()
    folder.mkdir(parents=True, exist_ok=True)
    for blueprint in (REPO / "custom_components" / DOMAIN / "blueprints").glob(
        "*.yaml"
    ):
        shutil.copyfile(blueprint, folder / blueprint.name)


def write_http_store(config: Path, port: int) -> None:
    """Write Home Assistant's HTTP settings where 2026 keeps them: .storage/http.

    Not in configuration.yaml, because Home Assistant 2026 treats a YAML
    `http:` section as a trial (homeassistant/components/http/config.py): it
    imports it once into that store as the `pending` config, and unless the
    pending config is promoted (the frontend's `http/config/promote` websocket
    command) within AUTO_REVERT_DELAY, 5 minutes, it marks it not_promoted and
    restarts on the `stable` one, the default on a new config dir: port 8123 on
    every interface. The YAML is ignored after that import, so a later run with
    another --port would keep the old port too. A `stable` config with nothing
    pending and the import marked done is used as it is, with no trial; it is
    written before every start, when Home Assistant is not running.
    """
    from homeassistant.components.http import config as http  # noqa: PLC0415

    stable = http.HTTP_STORAGE_SCHEMA(
        {http.CONF_SERVER_HOST: "127.0.0.1", http.CONF_SERVER_PORT: port}
    )
    store = config / ".storage" / http.STORAGE_KEY
    store.parent.mkdir(parents=True, exist_ok=True)
    partial = store.with_name(f".{store.name}.partial")
    partial.write_text(
        json.dumps(
            {
                "version": http.STORAGE_VERSION,
                "minor_version": http.STORAGE_MINOR_VERSION,
                "key": http.STORAGE_KEY,
                "data": {
                    http.KEY_STABLE: {
                        **stable,
                        http.HTTP_CONFIG_CREATED_AT: datetime.now(UTC).isoformat(),
                        http.HTTP_CONFIG_ERROR: None,
                        http.HTTP_CONFIG_ERROR_MESSAGE: None,
                    },
                    http.KEY_PENDING: None,
                    http.KEY_YAML_MIGRATION_DONE: True,
                },
            },
            indent=2,
        ),
        encoding="utf-8",
    )
    partial.chmod(0o600)  # as Home Assistant keeps it (private)
    partial.replace(store)


def ensure_port_free(port: int, what: str) -> None:
    """Fail early, with a useful message, when a port is taken."""
    with socket.socket() as sock:
        # As the servers do: a port in TIME_WAIT after a previous run is free.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            sys.exit(
                f"scripts/develop: port {port} ({what}) is in use: is another "
                "scripts/develop running? Choose others with DEVELOP_HA_PORT, "
                "DEVELOP_GXP_PORT, DEVELOP_DP_PORT."
            )


class HomeAssistantApi:
    """The few REST calls the environment makes, with the local user."""

    def __init__(
        self, session: aiohttp.ClientSession, base_url: str, config_dir: Path
    ) -> None:
        """Talk to Home Assistant at base_url, running on config_dir."""
        self.session = session
        self.config_dir = config_dir
        self.base_url = base_url
        self.client_id = f"{base_url}/"
        self.redirect_uri = f"{base_url}/?auth_callback=1"
        self.token: dict[str, Any] = {}

    async def request(
        self,
        method: str,
        path: str,
        payload: dict[str, Any] | None = None,
        *,
        auth: bool = True,
        ok: tuple[int, ...] = (200,),
    ) -> Any:
        """One JSON request; raises RuntimeError on an unexpected status."""
        headers = {}
        if auth:
            headers["Authorization"] = f"Bearer {self.token['access_token']}"
        async with self.session.request(
            method, f"{self.base_url}{path}", json=payload, headers=headers
        ) as response:
            if response.status not in ok:
                text = await response.text()
                msg = f"{method} {path}: HTTP {response.status} {text[:300]}"
                raise RuntimeError(msg)
            if response.content_type == "application/json":
                return await response.json()
            return None

    async def wait_until_up(self, ha: asyncio.subprocess.Process) -> None:
        """Wait until the HTTP server answers (Home Assistant may need a while)."""
        while True:
            if ha.returncode is not None:
                msg = f"Home Assistant exited with code {ha.returncode}"
                raise RuntimeError(msg)
            with contextlib.suppress(aiohttp.ClientError):
                async with self.session.get(f"{self.base_url}/manifest.json") as resp:
                    if resp.status == 200:
                        return
            await asyncio.sleep(0.25)

    async def exchange_code(self, code: str) -> None:
        """Trade an authorization code for tokens."""
        async with self.session.post(
            f"{self.base_url}/auth/token",
            data={
                "grant_type": "authorization_code",
                "code": code,
                "client_id": self.client_id,
            },
        ) as response:
            response.raise_for_status()
            self.token = await response.json()

    async def onboard_or_login(self) -> bool:
        """Finish onboarding, or log in as the dev user; True if onboarded now."""
        onboarding: list[dict[str, Any]] = []
        async with self.session.get(f"{self.base_url}/api/onboarding") as response:
            if response.status == 200:
                onboarding = await response.json()
        todo = {step["step"] for step in onboarding if not step["done"]}
        if "user" in todo:
            result = await self.request(
                "POST",
                "/api/onboarding/users",
                {
                    "client_id": self.client_id,
                    "name": "Developer",
                    "username": USERNAME,
                    "password": PASSWORD,
                    "language": "en",
                },
                auth=False,
            )
            await self.exchange_code(result["auth_code"])
        else:
            await self.login()
        if "core_config" in todo:
            await self.request("POST", "/api/onboarding/core_config", {})
        if "analytics" in todo:
            await self.request("POST", "/api/onboarding/analytics", {})
        if "integration" in todo:
            await self.request(
                "POST",
                "/api/onboarding/integration",
                {"client_id": self.client_id, "redirect_uri": self.redirect_uri},
            )
        return bool(todo)

    async def login(self) -> None:
        """Log in through the login flow, as the frontend does."""
        flow = await self.request(
            "POST",
            "/auth/login_flow",
            {
                "client_id": self.client_id,
                "handler": ["homeassistant", None],
                "redirect_uri": self.redirect_uri,
            },
            auth=False,
        )
        result = await self.request(
            "POST",
            f"/auth/login_flow/{flow['flow_id']}",
            {"client_id": self.client_id, "username": USERNAME, "password": PASSWORD},
            auth=False,
        )
        if result.get("type") != "create_entry":
            msg = (
                f"cannot log in as {USERNAME!r}: {result.get('errors')}; delete "
                "the config dir to start over"
            )
            raise RuntimeError(msg)
        await self.exchange_code(result["result"])

    async def websocket(self, command: dict[str, Any]) -> Any:
        """The result of one websocket command, on a connection of its own."""
        url = self.base_url.replace("http", "ws", 1) + "/api/websocket"
        async with self.session.ws_connect(url) as ws:
            await ws.receive_json()  # auth_required
            await ws.send_json(
                {"type": "auth", "access_token": self.token["access_token"]}
            )
            if (auth := await ws.receive_json())["type"] != "auth_ok":
                msg = f"websocket auth failed: {auth}"
                raise RuntimeError(msg)
            await ws.send_json({"id": 1, **command})
            answer: dict[str, Any] = await ws.receive_json()
        if not answer.get("success"):
            msg = f"{command['type']}: {answer.get('error')}"
            raise RuntimeError(msg)
        return answer.get("result")

    async def confirm_http_config(self) -> bool:
        """Confirm HTTP settings on trial, as the frontend's button does.

        write_http_store leaves none on trial, but settings changed in Home
        Assistant's UI are (it restarts on them), and unless confirmed they are
        reverted 5 minutes later, with another restart. True if it confirmed.
        """
        http = await self.websocket({"type": "http/config"})
        if http.get("revert_at") is None:
            return False
        await self.websocket({"type": "http/config/promote"})
        return True

    async def wait_until_running(self) -> None:
        """Wait until Home Assistant has finished starting."""
        while True:
            config = await self.request("GET", "/api/config")
            if config["state"] == "RUNNING":
                return
            await asyncio.sleep(0.25)

    async def entries(self) -> list[dict[str, Any]]:
        """This integration's config entries."""
        result: list[dict[str, Any]] = await self.request(
            "GET", f"/api/config/config_entries/entry?domain={DOMAIN}"
        )
        return result

    async def add_phone(self, phone: SimulatedPhone) -> dict[str, Any]:
        """The entry of phone, added through the config flow unless it exists."""
        for entry in await self.entries():
            if f"({phone.host})" in entry["title"]:
                return entry
        flow = await self.request(
            "POST",
            "/api/config/config_entries/flow",
            {"handler": DOMAIN, "show_advanced_options": False},
        )
        result = await self.request(
            "POST",
            f"/api/config/config_entries/flow/{flow['flow_id']}",
            {
                "host": phone.host,
                "password": phone.passcode,
                "ssl": False,
                "verify_ssl": False,
            },
        )
        if result.get("type") != "create_entry":
            msg = f"adding {phone.model} at {phone.host} failed: {result}"
            raise RuntimeError(msg)
        created: dict[str, Any] = result["result"]
        return created

    async def action_urls(self, entry_id: str) -> dict[str, str]:
        """The Action URLs the options flow shows for an entry, by event."""
        menu = await self.request(
            "POST",
            "/api/config/config_entries/options/flow",
            {"handler": entry_id},
        )
        # The options open on a menu: the URLs are on its settings step.
        flow = await self.request(
            "POST",
            f"/api/config/config_entries/options/flow/{menu['flow_id']}",
            {"next_step_id": "settings"},
        )
        await self.request(
            "DELETE", f"/api/config/config_entries/options/flow/{flow['flow_id']}"
        )
        urls: dict[str, str] = {}
        for line in flow["description_placeholders"]["action_urls"].splitlines():
            url = line.split("`")[1]
            urls[parse_qs(urlsplit(url).query)["event"][0]] = url
        return urls


async def start_home_assistant(
    config: Path, *, quiet: bool
) -> asyncio.subprocess.Process:
    """Start `hass` in its own process group (so Ctrl-C reaches only us)."""
    output = asyncio.subprocess.DEVNULL if quiet else None
    return await asyncio.create_subprocess_exec(
        str(Path(sys.executable).parent / "hass"),
        "--config",
        str(config),
        stdout=output,
        stderr=output,
        env=home_assistant_environment(),
        start_new_session=True,
    )


def home_assistant_environment() -> dict[str, str]:
    """Our environment, with what Home Assistant's own package installs need.

    requirements_dev.txt holds every requirement of what the environment loads,
    so a start installs nothing; an integration added in packages/*.yaml still
    makes Home Assistant run `uv pip install` from PyPI. uv trusts only the CAs
    built into it unless told to use the system's, and where the registries are
    reached through a proxy with a CA of its own (as on this project's
    machines), only the system's bundle has it.
    """
    env = dict(os.environ)
    env.setdefault("UV_NATIVE_TLS", "1")
    if "SSL_CERT_FILE" not in env and Path(SYSTEM_CA_BUNDLE).is_file():
        env["SSL_CERT_FILE"] = SYSTEM_CA_BUNDLE
    return env


async def stop_home_assistant(ha: asyncio.subprocess.Process) -> None:
    """SIGTERM Home Assistant's process group; SIGKILL it if it hangs."""
    if ha.returncode is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(ha.pid, signal.SIGTERM)
    try:
        await asyncio.wait_for(ha.wait(), HA_STOP_SECONDS)
    except TimeoutError:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(ha.pid, signal.SIGKILL)
        await ha.wait()


def write_ready_file(path: Path, info: dict[str, Any]) -> None:
    """Write the environment's description atomically (a reader never sees half)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    partial.chmod(0o600)  # it holds an access token
    partial.replace(path)


def banner(info: dict[str, Any]) -> str:
    """What a person needs to start: URLs, login, how to ring."""
    gxp, dp = info["phones"]["gxp"], info["phones"]["dp"]
    ring = "/sim/ring -d number=5551234 -d name=Alice"
    lines = [
        "",
        "=" * 72,
        f"Home Assistant is ready ({info['ready_after_seconds']:.0f}s): "
        + info["ha_url"],
        f"  login: {info['username']} / {info['password']}",
        f"  config: {info['config_dir']} (log: home-assistant.log there)",
        *(
            f"  {phone['model']} simulator: {phone['control_url']} "
            f"(passcode {phone['passcode']})"
            for phone in info["phones"].values()
        ),
        "Ring the GXP2135, then answer it on its device page in Home Assistant:",
        f"  curl -X POST {gxp['url']}{ring} -d line=1",
        "Ring DP750 handset 2:",
        f"  curl -X POST {dp['url']}{ring} -d hs=2",
        "Restart Home Assistant from its UI after changing code; Ctrl-C stops all.",
        "=" * 72,
        "",
    ]
    return "\n".join(lines)


async def run(args: argparse.Namespace) -> int:
    """Run everything until a signal; return the exit code."""
    started = float(os.environ.get("DEVELOP_STARTED_AT", time.time()))
    specs = (
        PhoneSpec("gxp", "gxp", args.gxp_port, "000B82123456"),
        # Its own MAC: a push is accepted only from the MAC the entry learnt.
        PhoneSpec("dp", "dp", args.dp_port, "000B82654321"),
    )
    ensure_port_free(args.port, "Home Assistant")
    for spec in specs:
        ensure_port_free(spec.port, f"{spec.family} simulator")
    config = args.config.resolve()
    write_config(config, args.port)

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        loop.add_signal_handler(sig, stop.set)

    base_url = f"http://127.0.0.1:{args.port}"
    async with contextlib.AsyncExitStack() as stack:
        phones: dict[str, SimulatedPhone] = {}
        for spec in specs:
            phones[spec.key] = await stack.enter_async_context(
                SimulatedPhone(
                    spec.family, port=spec.port, passcode=PHONE_PASSCODE, mac=spec.mac
                )
            )
        session = await stack.enter_async_context(aiohttp.ClientSession())
        api = HomeAssistantApi(session, base_url, config)
        while True:
            print(f"scripts/develop: starting Home Assistant ({config})", flush=True)
            ha = await start_home_assistant(config, quiet=args.quiet)
            code = await supervise(
                ha, ready(api, ha, phones, args.ready_file, started=started), stop
            )
            if code is None:
                print("scripts/develop: Home Assistant asked to restart", flush=True)
                started = time.time()
                continue
            args.ready_file.unlink(missing_ok=True)
            return code


async def supervise(
    ha: asyncio.subprocess.Process,
    bring_up: Coroutine[Any, Any, None],
    stop: asyncio.Event,
) -> int | None:
    """Bring Home Assistant up, then wait; None when it restarts itself."""
    setup = asyncio.ensure_future(bring_up)
    stopper = asyncio.ensure_future(stop.wait())
    exited = asyncio.ensure_future(ha.wait())
    try:
        await asyncio.wait({setup, stopper}, return_when=asyncio.FIRST_COMPLETED)
        if setup.done() and setup.exception() is not None:
            print(f"scripts/develop: {setup.exception()}", file=sys.stderr, flush=True)
            await stop_home_assistant(ha)
            return 1
        await asyncio.wait({exited, stopper}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        setup.cancel()
        stopper.cancel()
    if stop.is_set():
        print("scripts/develop: stopping", flush=True)
        await stop_home_assistant(ha)
        print(
            f"scripts/develop: Home Assistant stopped (exit code {ha.returncode})",
            flush=True,
        )
        return 0
    if ha.returncode == RESTART_EXIT_CODE:
        return None
    print(f"scripts/develop: Home Assistant exited ({ha.returncode})", flush=True)
    return ha.returncode or 1


async def ready(
    api: HomeAssistantApi,
    ha: asyncio.subprocess.Process,
    phones: dict[str, SimulatedPhone],
    ready_file: Path,
    *,
    started: float,
) -> None:
    """Bring Home Assistant to a usable state, then describe it."""
    await api.wait_until_up(ha)
    if await api.onboard_or_login():
        print(f"scripts/develop: onboarded, user {USERNAME!r}", flush=True)
    await api.wait_until_running()
    if await api.confirm_http_config():
        print("scripts/develop: confirmed the new HTTP settings", flush=True)
    described: dict[str, dict[str, Any]] = {}
    for key, phone in phones.items():
        entry = await api.add_phone(phone)
        urls = await api.action_urls(entry["entry_id"])
        phone.action_url.set_templates(urls)
        described[key] = {
            "model": phone.model,
            "family": str(phone.family),
            "host": phone.host,
            "port": phone.port,
            "url": phone.url,
            "control_url": f"{phone.url}/sim/",
            "passcode": phone.passcode,
            "mac": phone.formatted_mac,
            "entry_id": entry["entry_id"],
            "title": entry["title"],
        }
    info = {
        "ha_url": api.base_url,
        "ha_port": int(api.base_url.rsplit(":", 1)[1]),
        "username": USERNAME,
        "password": PASSWORD,
        "access_token": api.token["access_token"],
        "client_id": api.client_id,
        "config_dir": str(api.config_dir),
        "ready_after_seconds": round(time.time() - started, 1),
        "phones": described,
    }
    write_ready_file(ready_file, info)
    print(banner(info), flush=True)


def main() -> None:
    """Entry point."""
    sys.exit(asyncio.run(run(parse_args())))


if __name__ == "__main__":
    main()
