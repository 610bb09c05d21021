"""The phone's listening socket: it can stop (connection refused) and listen again."""

from __future__ import annotations

import asyncio
import socket
import ssl

from aiohttp import web


class Listener:
    """The phone's listening socket: can stop (refused) and restart on the same port."""

    def __init__(
        self,
        app: web.Application,
        *,
        bind: str = "127.0.0.1",
        port: int = 0,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        """Prepare; nothing listens until start()."""
        self.bind = bind
        self.port = port
        self.ssl_context = ssl_context
        self._runner = web.AppRunner(
            app, handler_cancellation=True, shutdown_timeout=1.0, access_log=None
        )
        self._site: web.SockSite | None = None
        self._setup = False

    @property
    def listening(self) -> bool:
        """True while connections are accepted."""
        return self._site is not None

    @property
    def open_connections(self) -> int:
        """How many connections clients hold open to the phone."""
        server = self._runner.server
        return len(server.connections) if server is not None else 0

    def drop_connections(self) -> int:
        """Close every connection clients hold open; returns how many there were.

        Real phones close idle kept-alive connections when they like: a client
        must open a new one for its next request. A request under way is cut
        off, as by a reset.
        """
        server = self._runner.server
        connections = list(server.connections) if server is not None else []
        for connection in connections:
            connection.force_close()
        return len(connections)

    async def start(self) -> None:
        """Listen (again) on the same port."""
        if self._site is not None:
            return
        if not self._setup:
            await self._runner.setup()
            self._setup = True
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((self.bind, self.port))
            sock.setblocking(False)
        except OSError:
            sock.close()
            raise
        self.port = sock.getsockname()[1]
        site = web.SockSite(self._runner, sock, ssl_context=self.ssl_context)
        await site.start()
        self._site = site

    async def stop(self) -> None:
        """Stop listening and drop open connections (connection refused)."""
        site, self._site = self._site, None
        if site is not None:
            await site.stop()
        server = self._runner.server
        if server is not None:
            for conn in server.connections:
                conn.force_close()
        await asyncio.sleep(0)

    async def close(self) -> None:
        """Stop for good."""
        await self.stop()
        if self._setup:
            await self._runner.cleanup()
            self._setup = False
