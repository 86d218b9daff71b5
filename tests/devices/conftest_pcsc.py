"""A private pcscd with the vpcd virtual reader, for the PC/SC tests (loaded with ``pytest_plugins``).

pcscd 1.9 (Debian 12) always serves ``/run/pcscd/pcscd.comm`` and ignores ``PCSCLITE_CSOCK_NAME``; only
the client library (libpcsclite, which pyscard loads) reads that variable, once, at its first context.
So the daemon runs in a private mount namespace (``unshare``) where ``/run/pcscd`` is bound to a temporary
directory: its socket appears there, no system pcscd is touched or collides with it, and this process
points libpcsclite at it through ``PCSCLITE_CSOCK_NAME``, set when this module is imported (at
collection, before any test establishes a context). A newer pcscd that honours the variable ends up
on the same path.

The reader.conf is private too: vpcd listens on a free port P ("Virtual PCD 00 00") and P+1
("Virtual PCD 00 01"). Every wait is bounded; when a test fails, the daemon's log lines written
during it are printed with the failure.
"""

from __future__ import annotations

import atexit
import glob
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

BASE_DIR = Path(tempfile.mkdtemp(prefix="hallterm-pcscd-"))  # run/ (bound to /run/pcscd), conf/, pcscd.log
RUN_DIR = BASE_DIR / "run"
RUN_DIR.mkdir()
os.environ["PCSCLITE_CSOCK_NAME"] = str(RUN_DIR / "pcscd.comm")
atexit.register(shutil.rmtree, BASE_DIR, True)  # also when no PC/SC test was selected

READER_0 = "Virtual PCD 00 00"
READER_1 = "Virtual PCD 00 01"
_VPCD_GLOBS = ("/usr/lib/pcsc/drivers/serial/libifdvpcd.so*", "/usr/lib/*/pcsc/drivers/serial/libifdvpcd.so*",
               "/usr/local/lib/pcsc/drivers/serial/libifdvpcd.so*")
_HINT = "install them with `make system-deps` (Debian: apt-get install pcscd vsmartcard-vpcd)"


def _free_port_pair() -> int:
    """A port P with P and P+1 both free (vpcd binds both, on every interface)."""
    for _ in range(50):
        with socket.socket() as probe:
            probe.bind(("0.0.0.0", 0))
            port = probe.getsockname()[1]
        if port >= 65535:
            continue
        try:
            with socket.socket() as a, socket.socket() as b:
                a.bind(("0.0.0.0", port))
                b.bind(("0.0.0.0", port + 1))
        except OSError:
            continue
        return port
    raise RuntimeError("no free pair of TCP ports for vpcd")


class PrivatePcscd:
    def __init__(self, base_dir: Path, run_dir: Path):
        self.run_dir = run_dir
        self.conf_dir = base_dir / "conf"
        self.log_path = base_dir / "pcscd.log"
        self.port = 0
        self.process: subprocess.Popen[bytes] | None = None
        self.pcscd = shutil.which("pcscd") or shutil.which("pcscd", path="/usr/sbin:/sbin") or ""
        self.vpcd = next((p for pattern in _VPCD_GLOBS for p in sorted(glob.glob(pattern))), "")

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def check_installed(self) -> None:
        if not self.pcscd:
            pytest.fail(f"pcscd is not installed; the PC/SC tests run against a real pcscd: {_HINT}", pytrace=False)
        if not self.vpcd:
            pytest.fail(f"vpcd (libifdvpcd.so from vsmartcard-vpcd) is not installed: {_HINT}", pytrace=False)
        if not shutil.which("unshare"):
            pytest.fail("`unshare` (util-linux) is needed to give pcscd a private /run/pcscd", pytrace=False)

    def start(self, timeout: float = 15.0) -> None:
        if self.running:
            return
        self.check_installed()
        if not self.port:
            self.port = _free_port_pair()
        self.conf_dir.mkdir(exist_ok=True)
        # vsmartcard's reader.conf: DEVICENAME /dev/null:<port> makes vpcd listen (server mode) on <port>.
        (self.conf_dir / "vpcd").write_text(
            f'FRIENDLYNAME "Virtual PCD"\nDEVICENAME   /dev/null:0x{self.port:04X}\n'
            f"LIBPATH      {self.vpcd}\nCHANNELID    0x{self.port:04X}\n")
        for stale in self.run_dir.iterdir():
            stale.unlink()
        namespace = ["--mount", "--propagation", "private"]
        if os.geteuid() != 0:  # an unprivileged developer: a user namespace lets us mount
            namespace = ["--user", "--map-root-user", *namespace]
        script = 'mkdir -p /run/pcscd && mount --bind "$1" /run/pcscd && exec "$2" --foreground --info -c "$3"'
        with self.log_path.open("ab") as log:
            log.write(f"--- starting pcscd, vpcd on port {self.port}\n".encode())
            log.flush()
            self.process = subprocess.Popen(
                ["unshare", *namespace, "sh", "-c", script, "sh", str(self.run_dir), self.pcscd, str(self.conf_dir)],
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        self._wait_for_readers(timeout)

    def _wait_for_readers(self, timeout: float) -> None:
        from smartcard import scard

        deadline = time.monotonic() + timeout
        last = "nothing tried"
        while time.monotonic() < deadline:
            if not self.running:
                last = f"pcscd exited with {self.process.returncode if self.process else '?'}"
                break
            hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
            if hresult == 0:
                hresult, readers = scard.SCardListReaders(context, [])
                scard.SCardReleaseContext(context)
                if hresult == 0 and READER_0 in readers and READER_1 in readers:
                    return
                last = f"readers {readers if hresult == 0 else hex(hresult)}"
            else:
                last = f"no context: 0x{hresult & 0xFFFFFFFF:08X}"
            time.sleep(0.1)
        self.stop()
        pytest.fail(f"the private pcscd did not list the vpcd readers within {timeout:.0f} s ({last}); "
                    f"socket {os.environ['PCSCLITE_CSOCK_NAME']}\n--- pcscd log ---\n{self.log_tail()}",
                    pytrace=False)

    def stop(self, timeout: float = 5.0) -> None:
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout)

    def log_size(self) -> int:
        return self.log_path.stat().st_size if self.log_path.exists() else 0

    def log_tail(self, since: int = 0, limit: int = 8000) -> str:
        if not self.log_path.exists():
            return "(no log)"
        with self.log_path.open("rb") as log:
            log.seek(since)
            text = log.read().decode("utf-8", "replace")
        return text[-limit:]

    def reader_state(self, reader: str) -> int:
        """The reader's state word as a fresh client sees it (0 if pcscd does not answer)."""
        from smartcard import scard

        hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
        if hresult != 0:
            return 0
        try:
            hresult, states = scard.SCardGetStatusChange(context, 0, [(reader, scard.SCARD_STATE_UNAWARE)])
            return states[0][1] if hresult == 0 else 0
        finally:
            scard.SCardReleaseContext(context)

    def wait_empty(self, reader: str, timeout: float = 5.0) -> None:
        """Wait until pcscd has seen that no card is in ``reader`` (it polls vpcd about every 400 ms)."""
        from smartcard import scard

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.running or self.reader_state(reader) & scard.SCARD_STATE_EMPTY:
                return
            time.sleep(0.05)
        raise AssertionError(f"pcscd still sees a card in {reader!r} after {timeout} s")


@pytest.fixture(scope="session")
def pcscd_session() -> Iterator[PrivatePcscd]:
    daemon = PrivatePcscd(BASE_DIR, RUN_DIR)
    daemon.start()
    yield daemon
    daemon.stop()


@pytest.fixture
def pcscd(pcscd_session: PrivatePcscd) -> Iterator[PrivatePcscd]:
    """The private pcscd, running (restarted if an earlier test stopped it); its log is printed on failure."""
    pcscd_session.start()
    since = pcscd_session.log_size()
    yield pcscd_session
    print(f"--- pcscd log during this test (port {pcscd_session.port}) ---\n{pcscd_session.log_tail(since)}")


@pytest.fixture
def insert_card(pcscd: PrivatePcscd) -> Iterator[Callable[..., object]]:
    """``insert_card(uid_hex, reader=0, answers=None, atr=None)`` -> VirtualCard in that vpcd reader.

    Every card is removed after the test, and the test waits until pcscd has seen the readers empty, so
    the next test never meets a card left behind.
    """
    from devices.pcsc.virtual_card import DEFAULT_ATR, VirtualCard

    cards: list[VirtualCard] = []

    def insert(uid_hex: str, reader: int = 0, answers: dict[bytes, bytes] | None = None,
               atr: bytes | None = None) -> VirtualCard:
        card = VirtualCard(bytes.fromhex(uid_hex), atr or DEFAULT_ATR, answers=answers)
        card.insert(pcscd.port + reader)
        cards.append(card)
        return card

    yield insert
    for card in cards:
        card.remove()
    if pcscd.running:
        pcscd.wait_empty(READER_0)
        pcscd.wait_empty(READER_1)
