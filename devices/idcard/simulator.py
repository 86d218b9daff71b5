"""The DEVICE side of the SAM_V protocol, so tests and demos drive the real reader driver.

    python -m devices.idcard.simulator --tcp 127.0.0.1:5000      # reader URL socket://127.0.0.1:5000
    python -m devices.idcard.simulator --pty [--link /tmp/idcard] # prints the slave path to open

It answers the same frames a reader does (reset, status, SAM id, find, select, read with or without the
fingerprint) over a pseudo-terminal pair (``os.openpty`` in raw mode) or a TCP server, one host at a time.
Cards come from JSON (see simcards.py) and are placed and removed at run time through ``place()`` and
``remove()`` or, from the command line, a line-based control channel on stdin (and optionally TCP):
``place ID``, ``remove``, ``cards``, ``checksum N``, ``stray on|off``, ``chunks on|off``, ``delay SECONDS``,
``selftest fail|ok``, ``unplug``, ``replug``, ``status``, ``quit``.

Faults: no card, corrupt checksums on the next N answers, stray bytes before answers (including the
``AA 00 AA AA 96 69`` preamble seen from real readers), answers split into random chunks, a slow SAM,
a failed SAM self-test, and unplugging (the connection or pty closes). ``pace_baud`` makes writes take as
long as they would on a real line (115200 baud 8N1 = 11,520 bytes/s).
"""

from __future__ import annotations

import contextlib
import logging
import os
import queue
import random
import select
import socket
import threading
import time
import tty
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from devices.idcard.frames import SYNC, CommandDecoder, Response
from devices.idcard.simcards import SimCard

log = logging.getLogger(__name__)

DEFAULT_SAM_ID = bytes.fromhex("0500010026ba3301d2029600ef8d5b49")


@dataclass
class SimFaults:
    checksum_errors: int = 0   # corrupt the checksum of the next N answers
    stray_bytes: bool = False  # noise (and a broken preamble) before every answer
    chunked: bool = False      # split answers into random chunks with small pauses
    delay: float = 0.0         # seconds the SAM takes before each answer
    selftest_failed: bool = False


class _PtyLink:
    def __init__(self, link_path: str | None):
        self.master, self._slave = os.openpty()
        tty.setraw(self._slave)  # no echo, no line editing: the slave must pass bytes through untouched
        tty.setraw(self.master)
        self.path = os.ttyname(self._slave)
        self.link_path = link_path
        if link_path:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(link_path)
            os.symlink(self.path, link_path)

    def fileno(self) -> int:
        return self.master

    def recv(self) -> bytes:
        try:
            return os.read(self.master, 4096)
        except OSError:
            return b""

    def send(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            written = os.write(self.master, view)
            view = view[written:]

    def close(self) -> None:
        for fd in (self.master, self._slave):
            with contextlib.suppress(OSError):
                os.close(fd)
        if self.link_path:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.link_path)


class SamvSimulator:
    """A scriptable SAM_V reader. All I/O runs on one serving thread; the methods are thread-safe."""

    def __init__(self, *, seed: int = 0, pace_baud: int | None = None, sam_id: bytes = DEFAULT_SAM_ID):
        self.faults = SimFaults()
        self.pace_baud = pace_baud
        self.sam_id = sam_id
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self._card: SimCard | None = None
        self.placed_at: float | None = None
        self.found_at: float | None = None  # first 9F answer after place(): where polling delay ends
        self.commands: Counter[str] = Counter()
        self.bytes_in = 0
        self.bytes_out = 0
        self._decoder = CommandDecoder()
        self._actions: queue.SimpleQueue[tuple[Callable[[], None], threading.Event]] = queue.SimpleQueue()
        self._wake_r, self._wake_w = os.pipe()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._mode = ""
        self._pty: _PtyLink | None = None
        self._pty_link_path: str | None = None
        self._server: socket.socket | None = None
        self._conn: socket.socket | None = None
        self._address: tuple[str, int] = ("", 0)
        self.plugged = False

    # --- starting and stopping ------------------------------------------------------------------

    def start_pty(self, link: str | None = None) -> str:
        """Open a pty pair and serve on its master; returns the path a reader opens (``link`` if given)."""
        self._mode, self._pty_link_path = "pty", link
        self._plug()
        self._start_thread()
        return self.url

    def start_tcp(self, host: str = "127.0.0.1", port: int = 0) -> str:
        """Listen on ``host:port`` (0 picks a free port); returns the reader URL ``socket://host:port``."""
        self._mode, self._address = "tcp", (host, port)
        self._plug()
        self._start_thread()
        return self.url

    @property
    def url(self) -> str:
        if self._mode == "pty":
            return self._pty_link_path or (self._pty.path if self._pty else "")
        return f"socket://{self._address[0]}:{self._address[1]}"

    def stop(self) -> None:
        self._stopping.set()
        self._wake()
        if self._thread is not None:
            self._thread.join(5.0)
        self._unplug()
        for fd in (self._wake_r, self._wake_w):
            with contextlib.suppress(OSError):
                os.close(fd)

    def __enter__(self) -> SamvSimulator:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- scripting ------------------------------------------------------------------------------

    def place(self, card: SimCard) -> None:
        with self._lock:
            self._card = card
            self.placed_at = time.perf_counter()
            self.found_at = None

    def remove(self) -> None:
        with self._lock:
            self._card = None
            self.placed_at = None

    @property
    def card(self) -> SimCard | None:
        return self._card

    def unplug(self) -> None:
        """Pull the cable: the host's connection or pty closes. ``replug()`` plugs it back."""
        self._run_on_thread(self._unplug)

    def replug(self) -> None:
        self._run_on_thread(self._plug)

    # --- the serving thread ---------------------------------------------------------------------

    def _start_thread(self) -> None:
        self._thread = threading.Thread(target=self._serve, name=f"samv-sim-{self._mode}", daemon=True)
        self._thread.start()

    def _wake(self) -> None:
        with contextlib.suppress(OSError):
            os.write(self._wake_w, b"!")

    def _run_on_thread(self, action: Callable[[], None]) -> None:
        if self._thread is None or threading.current_thread() is self._thread or not self._thread.is_alive():
            action()
            return
        done = threading.Event()
        self._actions.put((action, done))
        self._wake()
        if not done.wait(5.0):
            raise TimeoutError("simulator thread did not run the action")

    def _plug(self) -> None:
        if self.plugged:
            return
        if self._mode == "pty":
            self._pty = _PtyLink(self._pty_link_path)
        else:
            server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            server.bind(self._address)
            server.listen(1)
            self._address = server.getsockname()[:2]
            self._server = server
        self._decoder = CommandDecoder()
        self.plugged = True

    def _unplug(self) -> None:
        self.plugged = False
        if self._pty is not None:
            self._pty.close()
            self._pty = None
        self._drop_conn()
        if self._server is not None:
            self._server.close()
            self._server = None

    def _drop_conn(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(OSError):
                self._conn.close()
            self._conn = None

    def _serve(self) -> None:
        while not self._stopping.is_set():
            sources: list[object] = [self._wake_r]
            if self._pty is not None:
                sources.append(self._pty)
            if self._conn is not None:
                sources.append(self._conn)
            elif self._server is not None:
                sources.append(self._server)
            try:
                ready, _, _ = select.select(sources, [], [], 0.5)
            except (OSError, ValueError):
                continue  # a source was closed under select by an action; loop with fresh ones
            if self._wake_r in ready:
                os.read(self._wake_r, 4096)
                self._run_actions()
                continue
            if self._server is not None and self._server in ready:
                conn, _ = self._server.accept()
                self._drop_conn()  # one host at a time: a reconnecting reader replaces the old socket
                conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                self._conn = conn
                self._decoder = CommandDecoder()
            if self._pty is not None and self._pty in ready:
                self._handle(self._pty.recv())
            if self._conn is not None and self._conn in ready:
                try:
                    data = self._conn.recv(4096)
                except OSError:
                    data = b""
                if not data:
                    self._drop_conn()
                else:
                    self._handle(data)

    def _run_actions(self) -> None:
        while True:
            try:
                action, done = self._actions.get_nowait()
            except queue.Empty:
                return
            try:
                action()
            finally:
                done.set()

    def _handle(self, data: bytes) -> None:
        self.bytes_in += len(data)
        for command in self._decoder.feed(data):
            key = f"{command.cmd:02X} {command.para:02X}"
            self.commands[key] += 1
            self._send(self._answer(command.cmd, command.para))
        for fault in self._decoder.take_faults():
            if fault.code == "IDCARD_FRAME_CHECKSUM":
                self._send(Response(0, 0, 0x10))  # the SAM's own "checksum error" answer

    def _answer(self, cmd: int, para: int) -> Response:
        with self._lock:
            card, faults = self._card, self.faults
        if (cmd, para) == (0x10, 0xFF) or (cmd, para) == (0x61, 0xFF):
            return Response(0, 0, 0x90)
        if (cmd, para) == (0x11, 0xFF):
            return Response(0, 0, 0x60 if faults.selftest_failed else 0x90)
        if (cmd, para) == (0x12, 0xFF):
            return Response(0, 0, 0x90, self.sam_id)
        if (cmd, para) == (0x20, 0x01):
            if card and self.found_at is None:
                self.found_at = time.perf_counter()
            return Response(0, 0, 0x9F, bytes(4)) if card else Response(0, 0, 0x80)
        if (cmd, para) == (0x20, 0x02):
            return Response(0, 0, 0x90, bytes(8)) if card else Response(0, 0, 0x81)
        if cmd == 0x30 and para in (0x01, 0x10):
            if card is None:
                return Response(0, 0, 0x41)
            if card.read_sw3 is not None:
                return Response(0, 0, card.read_sw3)
            return Response(0, 0, 0x90, card.read_payload(with_fingerprint=para == 0x10))
        if (cmd, para) == (0x30, 0x03):
            return Response(0, 0, 0x91) if card else Response(0, 0, 0x41)
        return Response(0, 0, 0x21)

    def _send(self, response: Response) -> None:
        faults = self.faults
        if faults.delay > 0 and self._stopping.wait(faults.delay):
            return
        frame = bytearray(response.encode())
        with self._lock:
            if faults.checksum_errors > 0:
                faults.checksum_errors -= 1
                frame[-1] ^= 0x5A
        if faults.stray_bytes:
            noise = bytes(self._rng.randrange(256) for _ in range(self._rng.randrange(1, 12)))
            noise = noise.replace(SYNC[:2], b"\xaa\x00")
            frame[1:1] = b"\x00"  # AA 00 AA AA 96 69: the broken preamble real readers emit
            frame[:0] = noise
        self._write(bytes(frame), chunked=faults.chunked)

    def _write(self, data: bytes, *, chunked: bool) -> None:
        link: object = self._pty or self._conn
        if link is None:
            return
        rate = self.pace_baud / 10 if self.pace_baud else None  # 8N1: 10 bits on the wire per byte
        started, sent = time.perf_counter(), 0
        try:
            while sent < len(data):
                size = self._rng.randint(1, 64) if chunked else (16 if rate else len(data))
                piece = data[sent:sent + size]
                if isinstance(link, socket.socket):
                    link.sendall(piece)
                else:
                    link.send(piece)  # type: ignore[attr-defined]
                sent += len(piece)
                self.bytes_out += len(piece)
                pause = (started + sent / rate - time.perf_counter()) if rate else 0.0
                if chunked:
                    pause = max(pause, self._rng.uniform(0, 0.002))
                if pause > 0 and self._stopping.wait(pause):
                    return
        except OSError as exc:
            log.info("simulator lost its host while writing: %s", exc)
            if isinstance(link, socket.socket):
                self._drop_conn()


if __name__ == "__main__":
    import sys

    from devices.idcard.simcontrol import main

    sys.exit(main(sys.argv[1:]))
