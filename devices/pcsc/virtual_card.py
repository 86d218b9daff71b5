"""A contactless staff card of our own for vpcd, the virtual reader driver of vsmartcard-vpcd.

vpcd is a pcscd reader driver (``libifdvpcd.so``) that listens on a TCP port, 35963 by default, set in
reader.conf as ``DEVICENAME /dev/null:0x8C7B`` / ``CHANNELID 0x8C7B`` (each configured line makes two
readers, "Virtual PCD 00 00" on the port and "Virtual PCD 00 01" on the port + 1). A virtual card is the
*client*: connecting to the port is inserting the card, closing the connection is removing it.

The wire protocol (vsmartcard ``vpcd.c``, ``sendToVICC``/``recvFromVICC``): every message in either
direction is a 2-byte big-endian length followed by that many bytes. A 1-byte message from vpcd is a
control: 0 power off, 1 power on, 2 reset (no answer to these three), 4 "send your ATR" (answer: the ATR).
pcscd asks for the ATR every presence poll (about every 400 ms), so the card must keep answering it.
Any longer message is a C-APDU; the answer is the R-APDU.

This card answers GET DATA UID (``FF CA 00 00 00``, PC/SC Part 3 §3.2.2.1.3) with its UID and 90 00 and
everything else with 6D 00 (instruction not supported, ISO/IEC 7816-4 §5.6). ``answers`` overrides the
answer to given C-APDUs, which is how tests make a card that fails the UID read.

Run ``python -m devices.pcsc.virtual_card --port 35963 --uid 04A1B2C3`` to hold a card on a real vpcd
reader until Ctrl-C (a technician's check that pcscd, vpcd and the driver all work).
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import socket
import struct
import sys
import threading
from collections.abc import Mapping

log = logging.getLogger(__name__)

VPCD_DEFAULT_PORT = 0x8C7B  # 35963, vsmartcard's VPCDPORT

CTRL_OFF = 0
CTRL_ON = 1
CTRL_RESET = 2
CTRL_ATR = 4

GET_UID = bytes.fromhex("FFCA000000")
SW_OK = bytes.fromhex("9000")
SW_INS_NOT_SUPPORTED = bytes.fromhex("6D00")

# The ATR a PC/SC Part 3 reader builds for a MIFARE Classic 1K (PC/SC Part 3 §3.1.3.2.3: 3B 8F 80 01 80 4F,
# the RID A0 00 00 03 06, standard 03 = ISO 14443-A part 3, card name 00 01, then TCK).
DEFAULT_ATR = bytes.fromhex("3B8F8001804F0CA000000306030001000000006A")


class VirtualCard:
    """One card. ``insert()`` connects to vpcd and serves it on a thread; ``remove()`` disconnects."""

    def __init__(self, uid: bytes, atr: bytes = DEFAULT_ATR, *, answers: Mapping[bytes, bytes] | None = None):
        if not 1 <= len(atr) <= 33:  # ISO/IEC 7816-3 §8.2.1: at most 32 bytes after TS
            raise ValueError(f"an ATR has 1..33 bytes, got {len(atr)}")
        self.uid = bytes(uid)
        self.atr = bytes(atr)
        self.answers = dict(answers or {})
        self.apdus: list[bytes] = []  # every C-APDU received, for tests and the technician
        self.powered = False
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    @property
    def inserted(self) -> bool:
        thread = self._thread
        return thread is not None and thread.is_alive()

    def insert(self, port: int = VPCD_DEFAULT_PORT, host: str = "127.0.0.1", timeout: float = 2.0) -> None:
        """Connect to vpcd (raises OSError if nothing listens there) and start answering it."""
        with self._lock:
            if self.inserted:
                raise RuntimeError("the card is already inserted")
            sock = socket.create_connection((host, port), timeout=timeout)
            sock.settimeout(None)  # the serving thread blocks in recv until vpcd talks or remove() shuts it
            self._sock = sock
            self._thread = threading.Thread(target=self._serve, args=(sock,), name=f"pcsc-vcard-{port}",
                                            daemon=True)
            self._thread.start()

    def remove(self, timeout: float = 2.0) -> None:
        """Disconnect (the card leaves the field) and wait for the serving thread; safe to call twice."""
        with self._lock:
            sock, thread = self._sock, self._thread
            self._sock = self._thread = None
        if sock is not None:
            with contextlib.suppress(OSError):  # vpcd may have closed its side already
                sock.shutdown(socket.SHUT_RDWR)  # wakes the recv in _serve at once
            sock.close()
        if thread is not None:
            thread.join(timeout)

    def wait_removed(self, timeout: float | None) -> bool:
        """Wait until vpcd closed the connection (pcscd stopped); True if it did within ``timeout``."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
        return not self.inserted

    def answer(self, apdu: bytes) -> bytes:
        if apdu in self.answers:
            return self.answers[apdu]
        if apdu == GET_UID:
            return self.uid + SW_OK
        return SW_INS_NOT_SUPPORTED

    # --- serving thread -------------------------------------------------------------------------

    def _serve(self, sock: socket.socket) -> None:
        try:
            while True:
                message = _receive(sock)
                if message is None:
                    return  # vpcd closed the connection, or remove() shut the socket
                reply = self._handle(message)
                if reply is not None:
                    sock.sendall(struct.pack(">H", len(reply)) + reply)
        except OSError as exc:
            log.debug("virtual card connection ended: %s", exc)
        finally:
            self.powered = False

    def _handle(self, message: bytes) -> bytes | None:
        if len(message) == 1:
            control = message[0]
            if control == CTRL_ATR:
                return self.atr
            if control in (CTRL_ON, CTRL_RESET):
                self.powered = True
            elif control == CTRL_OFF:
                self.powered = False
            else:
                log.warning("virtual card: unknown vpcd control %d", control)
            return None
        self.apdus.append(message)
        return self.answer(message)


def _receive(sock: socket.socket) -> bytes | None:
    header = _receive_exactly(sock, 2)
    if header is None:
        return None
    (length,) = struct.unpack(">H", header)
    return _receive_exactly(sock, length) if length else b""


def _receive_exactly(sock: socket.socket, count: int) -> bytes | None:
    chunks, left = [], count
    while left:
        chunk = sock.recv(left)
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Hold a virtual staff card on a vpcd reader until Ctrl-C.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=VPCD_DEFAULT_PORT)
    parser.add_argument("--uid", default="04A1B2C3", help="card UID in hex")
    args = parser.parse_args(argv)
    card = VirtualCard(bytes.fromhex(args.uid))
    try:
        card.insert(args.port, args.host)
    except OSError as exc:
        print(f"cannot reach vpcd on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 1
    print(f"card {args.uid.upper()} inserted on {args.host}:{args.port}; Ctrl-C removes it", flush=True)
    try:
        card.wait_removed(timeout=None)
    except KeyboardInterrupt:
        pass
    finally:
        card.remove()
    return 0


if __name__ == "__main__":
    sys.exit(main())
