"""Command line and line-based control channel of the SAM_V simulator (``python -m devices.idcard.simulator``).

The first line printed is the URL or path a reader opens, so a script can read it. Control lines come from
stdin and, with ``--control HOST:PORT``, from TCP connections (one reply line per command). When stdin
ends the simulator keeps serving until ``quit`` arrives on the control port or SIGINT/SIGTERM.
"""

from __future__ import annotations

import argparse
import signal
import socket
import sys
import threading
from collections.abc import Mapping
from pathlib import Path

from devices.idcard.simcards import SAMPLE_CARDS, SimCard, load_cards
from devices.idcard.simulator import SamvSimulator

HELP = ("commands: place ID | remove | cards | checksum N | stray on|off | chunks on|off | delay SECONDS | "
        "selftest fail|ok | unplug | replug | status | quit")


def _on(word: str) -> bool:
    if word not in ("on", "off", "fail", "ok"):
        raise ValueError(f"expected on/off, got {word!r}")
    return word in ("on", "fail")


def handle_line(sim: SamvSimulator, cards: Mapping[str, SimCard], line: str) -> tuple[str, bool]:
    """Run one control line; returns the reply and whether to keep running."""
    words = line.split()
    if not words:
        return "", True
    verb, args = words[0].lower(), words[1:]
    try:
        if verb in ("quit", "exit"):
            return "bye", False
        if verb == "place":
            if not args or args[0] not in cards:
                return f"error: unknown card; known: {', '.join(cards)}", True
            sim.place(cards[args[0]])
        elif verb == "remove":
            sim.remove()
        elif verb == "cards":
            return "; ".join(f"{cid} ({card.card_type})" for cid, card in cards.items()), True
        elif verb == "checksum":
            sim.faults.checksum_errors = int(args[0]) if args else 1
        elif verb == "stray":
            sim.faults.stray_bytes = _on(args[0])
        elif verb == "chunks":
            sim.faults.chunked = _on(args[0])
        elif verb == "delay":
            sim.faults.delay = float(args[0])
        elif verb == "selftest":
            sim.faults.selftest_failed = _on(args[0])
        elif verb == "unplug":
            sim.unplug()
        elif verb == "replug":
            sim.replug()
        elif verb == "status":
            card = sim.card.card_id if sim.card else "-"
            return (f"url={sim.url} plugged={sim.plugged} card={card} faults={sim.faults} "
                    f"commands={dict(sim.commands)} in={sim.bytes_in} out={sim.bytes_out}"), True
        else:
            return f"error: {HELP}", True
    except (IndexError, ValueError) as exc:
        return f"error: {exc}; {HELP}", True
    return "ok", True


def _serve_control(sim: SamvSimulator, cards: Mapping[str, SimCard], address: tuple[str, int],
                   done: threading.Event) -> None:
    server = socket.create_server(address)
    server.settimeout(0.5)
    with server:
        while not done.is_set():
            try:
                conn, _ = server.accept()
            except TimeoutError:
                continue
            with conn, conn.makefile("rw", encoding="utf-8", newline="\n") as stream:
                for line in stream:
                    reply, keep = handle_line(sim, cards, line)
                    stream.write(reply + "\n")
                    stream.flush()
                    if not keep:
                        done.set()
                        break


def _serve_stdin(sim: SamvSimulator, cards: Mapping[str, SimCard], done: threading.Event) -> None:
    for line in sys.stdin:
        reply, keep = handle_line(sim, cards, line)
        if reply:
            print(reply, flush=True)
        if not keep:
            done.set()
            return


def _host_port(text: str) -> tuple[str, int]:
    host, _, port = text.rpartition(":")
    return host or "127.0.0.1", int(port)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m devices.idcard.simulator",
                                     description="SAM_V resident ID card reader simulator (device side)")
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--tcp", metavar="HOST:PORT", help="serve on a TCP socket (reader URL socket://HOST:PORT)")
    where.add_argument("--pty", action="store_true", help="serve on a pseudo-terminal and print its path")
    parser.add_argument("--link", metavar="PATH", help="with --pty: a stable symlink to the slave (kept over replug)")
    parser.add_argument("--cards", type=Path, default=SAMPLE_CARDS, help="card file (JSON)")
    parser.add_argument("--place", metavar="ID", help="card to place at start")
    parser.add_argument("--pace", action="store_true", help="pace writes at 115200 baud 8N1 (11,520 bytes/s)")
    parser.add_argument("--seed", type=int, default=0, help="seed for stray bytes and chunk sizes")
    parser.add_argument("--control", metavar="HOST:PORT", help="also accept control lines on this TCP address")
    args = parser.parse_args(argv)

    cards = load_cards(args.cards)
    sim = SamvSimulator(seed=args.seed, pace_baud=115200 if args.pace else None)
    url = sim.start_tcp(*_host_port(args.tcp)) if args.tcp else sim.start_pty(link=args.link)
    if args.place:
        sim.place(cards[args.place])
    print(url, flush=True)

    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    if args.control:
        threading.Thread(target=_serve_control, args=(sim, cards, _host_port(args.control), done),
                         daemon=True).start()
    threading.Thread(target=_serve_stdin, args=(sim, cards, done), daemon=True).start()
    try:
        while not done.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        sim.stop()
    return 0
