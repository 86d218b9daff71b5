"""``python -m hall_server --db URL --host H --port P [--config FILE] [--workers N]``: the hall's queue service.

``--db``: ``sqlite:///path`` (default ``sqlite:///hall-queue.sqlite3``; ONE process) or
``postgresql://user@host/db``, where ``--workers N`` runs N server processes on one listening socket
(the instances share nothing but the database; LISTEN/NOTIFY keeps every instance's event streams
current). Without ``--config`` the built-in demo hall is served, whose well-known tokens are only
accepted on a loopback address. ``--port 0`` picks a free port; the first line on stdout is always
``hall_server listening on <url>``.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import ipaddress
import logging
import os
import signal
import socket
import sys
from pathlib import Path

import uvicorn

from core.errors import HalltermError
from hall_server.api.app import create_app
from hall_server.config import HallConfig, demo_config, is_demo, load_config
from hall_server.db import open_backend
from hall_server.embedded import uvicorn_config
from hall_server.service import HallService

log = logging.getLogger("hall_server")
_PR_SET_PDEATHSIG = 1


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m hall_server", description="大厅排队叫号服务 hall queue server")
    parser.add_argument("--db", default="sqlite:///hall-queue.sqlite3", help="sqlite:///path or postgresql://…")
    parser.add_argument("--config", type=Path, help="hall configuration (TOML or JSON); default: the demo hall")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8600)
    parser.add_argument("--workers", type=int, default=1, help="server processes (PostgreSQL only)")
    parser.add_argument("--heartbeat", type=float, default=15.0, help="seconds between event-stream keepalives")
    parser.add_argument("--log-level", default="info", choices=("debug", "info", "warning", "error"))
    parser.add_argument("--allow-demo-tokens", action="store_true",
                        help="accept the demo hall's well-known tokens on a non-loopback address")
    return parser


def _check(args: argparse.Namespace) -> HallConfig:
    """The configuration, after refusing what must not run; the database is opened and migrated once."""
    config = load_config(args.config) if args.config else demo_config()
    if is_demo(config) and not _is_loopback(args.host) and not args.allow_demo_tokens:
        raise ValueError(f"refusing to serve the demo hall's well-known tokens on {args.host}; "
                         "give --config with your own tokens (or --allow-demo-tokens)")
    if args.workers < 1 or (args.workers > 1 and not args.db.startswith(("postgresql:", "postgres:"))):
        raise ValueError("--workers > 1 needs PostgreSQL: a SQLite hall has exactly one writer process")
    open_backend(args.db).close()
    return config


def _bind(host: str, port: int) -> tuple[socket.socket, str]:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)  # TCP_NODELAY: see embedded.py
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    bound_host, bound_port = sock.getsockname()[:2]
    return sock, f"http://{'[' + bound_host + ']' if family == socket.AF_INET6 else bound_host}:{bound_port}"


def _serve(args: argparse.Namespace, config: HallConfig, sock: socket.socket) -> int:
    """One instance: its own database connections, its own event loop, the shared socket."""
    service = HallService(config, open_backend(args.db, run_migrations=False))
    server = uvicorn.Server(uvicorn_config(create_app(service, heartbeat_s=args.heartbeat),
                                           log_level=args.log_level))
    try:
        server.run(sockets=[sock])
    finally:
        service.close()
    return 0


def _run_workers(args: argparse.Namespace, config: HallConfig, sock: socket.socket) -> int:
    """Fork ``--workers`` instances on the one socket; stop them all when one stops or we are told to."""
    children: list[int] = []
    for _ in range(args.workers):
        pid = os.fork()
        if pid == 0:  # the child: die with the parent, even if the parent is SIGKILLed
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
            code = 1
            try:
                code = _serve(args, config, sock)
            finally:
                os._exit(code)
        children.append(pid)

    def forward(signum: int, _frame: object) -> None:
        for child in children:
            with contextlib.suppress(ProcessLookupError):  # already gone
                os.kill(child, signum)

    signal.signal(signal.SIGTERM, forward)
    signal.signal(signal.SIGINT, forward)
    status = 0
    while children:
        pid, code = os.wait()
        if pid in children:
            children.remove(pid)
            status = status or os.waitstatus_to_exitcode(code)
            forward(signal.SIGTERM, None)  # one gone: the others follow (a supervisor restarts the lot)
    return status


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s %(message)s")
    try:
        config = _check(args)
        sock, url = _bind(args.host, args.port)
    except (HalltermError, ValueError, OSError) as exc:
        print(f"hall_server: {exc}", file=sys.stderr)
        return 2
    print(f"hall_server listening on {url}", flush=True)
    log.info("serving %s on %s with %d worker(s)", config.hall_name, url, args.workers)
    if args.workers == 1:
        return _serve(args, config, sock)
    return _run_workers(args, config, sock)


if __name__ == "__main__":
    sys.exit(main())
