"""Run the hall server on a background thread of this process (``main.py --demo``, tests, benchmarks).

    running = start_in_thread(db_url="sqlite:///…/hall.sqlite3")
    running.url          # http://127.0.0.1:<free port>
    running.tokens       # {Role.KIOSK: "…", …}: the first token of each role in the configuration
    running.stop()

It is the same ASGI app on the same uvicorn as ``python -m hall_server``; only the listening socket is
bound here first (port 0: the kernel picks a free loopback port, so two demos never collide).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import uvicorn

from core.queueing.codes import Role
from hall_server.api.app import create_app
from hall_server.clock import HallClock
from hall_server.config import HallConfig, demo_config
from hall_server.db import open_backend
from hall_server.service import HallService

START_TIMEOUT_S = 15.0


def uvicorn_config(app: object, **overrides: object) -> uvicorn.Config:
    settings: dict[str, object] = {"log_level": "warning", "access_log": False, "lifespan": "on",
                                   "timeout_graceful_shutdown": 3, "server_header": False}
    settings.update(overrides)
    return uvicorn.Config(app, **settings)  # type: ignore[arg-type]


@dataclass
class RunningHallServer:
    url: str
    service: HallService
    tokens: dict[Role, str]
    _server: uvicorn.Server = field(repr=False)
    _thread: threading.Thread = field(repr=False)

    def stop(self, timeout: float = 10.0) -> None:
        self.service.feed.close()
        self._server.should_exit = True
        self._thread.join(timeout)
        self.service.close()
        if self._thread.is_alive():
            raise RuntimeError("hall server thread did not stop")


def start_in_thread(db_url: str, config: HallConfig | None = None, *, host: str = "127.0.0.1", port: int = 0,
                    now: Callable[[], float] | None = None, heartbeat_s: float = 15.0) -> RunningHallServer:
    config = config or demo_config()
    backend = open_backend(db_url)
    try:
        service = HallService(config, backend, HallClock(config.zone, now) if now else None)
    except BaseException:
        backend.close()
        raise
    # proto=IPPROTO_TCP: asyncio sets TCP_NODELAY only on sockets that say they are TCP, and without it
    # every answer waits ~40 ms on the client's delayed ACK (Nagle).
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    bound_host, bound_port = sock.getsockname()[:2]
    server = uvicorn.Server(uvicorn_config(create_app(service, heartbeat_s=heartbeat_s)))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="hall-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + START_TIMEOUT_S
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            service.close()
            sock.close()
            raise RuntimeError("the embedded hall server did not start")
        time.sleep(0.01)
    tokens: dict[Role, str] = {}
    for token in config.tokens:
        tokens.setdefault(token.role, token.token)
    return RunningHallServer(f"http://{bound_host}:{bound_port}", service, tokens, server, thread)
