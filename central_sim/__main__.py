"""``python -m central_sim --db PATH --host H --port P [--terminal K01=SECRET] [fault switches]``.

Serves the platform contract (docs/central-api.yaml) until interrupted. Terminals are enrolled with
``--terminal ID=SECRET`` (repeatable; kept in the database file, so a restart needs them only once) or
the ``CENTRAL_SIM_TERMINALS`` environment variable (``K01=s1,K02=s2``), which keeps secrets out of the
process list.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

import uvicorn

from central_sim.app import SimConfig, Simulator
from central_sim.faults import Faults


def _terminals(pairs: list[str]) -> dict[str, str]:
    terminals = {}
    for pair in pairs:
        terminal_id, sep, secret = pair.partition("=")
        if not sep or not terminal_id or not secret:
            raise SystemExit(f"--terminal wants ID=SECRET, got {terminal_id or pair!r}=…")
        terminals[terminal_id] = secret
    return terminals


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m central_sim", description="central platform simulator")
    p.add_argument("--db", type=Path, required=True, help="the simulator's SQLite file")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8700)
    p.add_argument("--terminal", action="append", default=[], metavar="ID=SECRET", help="enrol a terminal")
    p.add_argument("--back-office-step", type=float, default=30.0, metavar="SECONDS",
                   help="seconds a promised case rests before the back office moves it on (0: never)")
    p.add_argument("--failure-rate", type=float, default=0.0, help="share of requests answered 503")
    p.add_argument("--drop-rate", type=float, default=0.0, help="share of connections closed before processing")
    p.add_argument("--stall-rate", type=float, default=0.0, help="share of requests held for --stall seconds")
    p.add_argument("--stall", type=float, default=30.0, metavar="SECONDS")
    p.add_argument("--lost-reply-rate", type=float, default=0.0,
                   help="share of requests processed, then the connection closed without a reply")
    p.add_argument("--latency", type=float, default=0.0, metavar="SECONDS", help="added to every request")
    p.add_argument("--seed", type=int, default=None, help="seed of the fault dice")
    p.add_argument("--ssl-certfile", type=Path)
    p.add_argument("--ssl-keyfile", type=Path)
    p.add_argument("--log-level", default="info")
    return p


def main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    env_pairs = [p for p in os.environ.get("CENTRAL_SIM_TERMINALS", "").split(",") if p.strip()]
    faults = Faults(failure_rate=args.failure_rate, drop_rate=args.drop_rate, stall_rate=args.stall_rate,
                    stall_s=args.stall, lost_reply_rate=args.lost_reply_rate, latency_s=args.latency, seed=args.seed)
    if faults.total() > 1:
        raise SystemExit("the fault rates add up to more than 1")
    sim = Simulator(SimConfig(db_path=args.db, terminals=_terminals(env_pairs + args.terminal),
                              back_office_step_s=args.back_office_step, faults=faults))
    if not sim.db.terminals():
        logging.warning("no terminal is enrolled: every request will be refused (use --terminal ID=SECRET)")
    sim.back_office.start()
    try:
        uvicorn.run(sim.app, host=args.host, port=args.port, log_level=args.log_level, lifespan="off",
                    ssl_certfile=str(args.ssl_certfile) if args.ssl_certfile else None,
                    ssl_keyfile=str(args.ssl_keyfile) if args.ssl_keyfile else None)
    finally:
        sim.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
