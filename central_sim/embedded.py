"""Run the simulator inside this process: uvicorn in a thread on a loopback port (``--demo``, tests).

    sim = start(tmp / "central.sqlite3", terminals={"K01": secret})
    ... settings override central.url = sim.url ...
    sim.stop()

``port=0`` takes a free port; passing the port of a stopped simulator brings it back at the same URL
(the socket is bound with SO_REUSEADDR), which is how the tests take the platform down for a while.
"""

from __future__ import annotations

import socket
import ssl
import threading
from dataclasses import dataclass, field
from pathlib import Path

import uvicorn

from central_sim.app import SimConfig, Simulator
from central_sim.faults import Faults

STARTUP_TIMEOUT_S = 10.0


@dataclass
class RunningSim:
    url: str
    port: int
    sim: Simulator
    _server: uvicorn.Server = field(repr=False)
    _thread: threading.Thread = field(repr=False)

    @property
    def faults(self) -> Faults:
        return self.sim.faults

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(STARTUP_TIMEOUT_S)
        self.sim.close()

    def __enter__(self) -> RunningSim:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start(db_path: Path, *, terminals: dict[str, str], host: str = "127.0.0.1", port: int = 0,
          faults: Faults | None = None, back_office_step_s: float = 0.0, catalog_dir: Path | None = None,
          ssl_certfile: Path | None = None, ssl_keyfile: Path | None = None, ssl_ca_certs: Path | None = None,
          require_client_cert: bool = False, max_body_bytes: int | None = None,
          log_level: str = "warning") -> RunningSim:
    """Start a simulator and return once it accepts connections. Raises OSError if the port is taken."""
    config = SimConfig(db_path=Path(db_path), terminals=dict(terminals), back_office_step_s=back_office_step_s,
                       faults=faults or Faults(), catalog_dir=catalog_dir)
    if max_body_bytes is not None:
        config.max_body_bytes = max_body_bytes
    sim = Simulator(config)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        sim.close()
        raise
    bound = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(
        sim.app, host=host, port=bound, log_level=log_level, lifespan="off", timeout_graceful_shutdown=1,
        access_log=False, ssl_certfile=str(ssl_certfile) if ssl_certfile else None,
        ssl_keyfile=str(ssl_keyfile) if ssl_keyfile else None,
        ssl_ca_certs=str(ssl_ca_certs) if ssl_ca_certs else None,
        ssl_cert_reqs=ssl.CERT_REQUIRED if require_client_cert else ssl.CERT_NONE))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name=f"central-sim-{bound}",
                              daemon=True)
    thread.start()
    started = threading.Event()

    def wait_started() -> None:
        while thread.is_alive() and not server.started:
            started.wait(0.01)

    waiter = threading.Thread(target=wait_started)
    waiter.start()
    waiter.join(STARTUP_TIMEOUT_S)
    if not server.started:
        server.should_exit = True
        thread.join(STARTUP_TIMEOUT_S)
        sim.close()
        raise OSError(f"central_sim did not start on {host}:{bound}")
    sim.back_office.start()
    scheme = "https" if ssl_certfile else "http"
    return RunningSim(url=f"{scheme}://{host}:{bound}", port=bound, sim=sim, _server=server, _thread=thread)
