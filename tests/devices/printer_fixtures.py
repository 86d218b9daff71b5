"""Printer test fixtures (``pytest_plugins = ["printer_fixtures"]`` in the test_printer_*.py modules):
the capture printer on loopback TCP, a private cupsd with a cups-pdf queue, and QR decoding.

The private cupsd
-----------------
``cupsd -f -c <tmp>/cupsd.conf -s <tmp>/cups-files.conf`` listens on a free loopback port and its own
socket, with ServerRoot, spool, cache, state and logs in a temporary directory; jobs go to a cups-pdf queue
``HallA4`` whose PDFs land in ``<tmp>/pdf-out``. Clients reach it with ``-h 127.0.0.1:PORT`` (the drivers'
``server`` parameter), never through a global ``CUPS_SERVER``.

Two things found on the way, which the fixture works around:

* cups-pdf 3.0 reads its settings from ``/etc/cups/cups-pdf.conf`` (or ``cups-pdf-<queue>.conf``) only —
  the path is compiled in, it ignores ``CUPS_SERVERROOT`` — and would write into the printing user's
  ``$HOME/PDF``. So cupsd runs in a private mount namespace (``unshare --mount``) in which a private
  directory is bind-mounted over ``/etc/cups``; the real ``/etc/cups`` is never touched.
* the cups-pdf backend is mode 0700 root (CUPS runs such backends as root), and cupsd refuses
  ``User root``; so the tests run as root, and the temporary directory is made world-traversable
  (0755) because the filters run as the unprivileged ``lp`` user.

A missing tool fails the tests with the package to install; nothing is skipped.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from printer_checks import C_LOCALE

from devices.printers import ipp
from devices.printers.capture import CapturePrinter

QUEUE = "HallA4"
_TOOLS = {"cupsd": "cups-daemon", "lpadmin": "cups-client", "lpinfo": "cups-client", "lp": "cups-client",
          "cancel": "cups-client", "cupsdisable": "cups-client", "cupsenable": "cups-client",
          "lpstat": "cups-client", "pdfinfo": "poppler-utils", "pdftoppm": "poppler-utils", "gs": "ghostscript",
          "unshare": "util-linux", "mount": "mount"}
_CUPS_PDF_BACKEND = Path("/usr/lib/cups/backend/cups-pdf")


@pytest.fixture
def capture() -> Iterator[CapturePrinter]:
    """A capture printer on a free loopback port (``capture.url``), stopped after the test."""
    printer = CapturePrinter()
    printer.start_tcp()
    yield printer
    printer.stop()


@dataclass
class PrivateCups:
    root: Path
    server: str            # "127.0.0.1:PORT", what -h and the drivers' ``server`` take
    queue: str
    out_dir: Path
    process: subprocess.Popen

    def run(self, *command: str, check: bool = True) -> str:
        done = subprocess.run([command[0], "-h", self.server, *command[1:]], capture_output=True, text=True,
                              env=C_LOCALE, timeout=20, check=False)
        if check and done.returncode != 0:
            raise AssertionError(f"{' '.join(command)} failed: {done.stdout}{done.stderr}\n{self.log_tail()}")
        return done.stdout + done.stderr

    def add_queue(self, name: str, device_uri: str) -> None:
        self.run("lpadmin", "-p", name, "-E", "-v", device_uri, "-m", self.ppd)

    @property
    def ppd(self) -> str:
        models = self.run("lpinfo", "-m").splitlines()
        found = [line.split()[0] for line in models if "CUPS-PDF" in line]
        if not found:
            raise AssertionError("lpinfo -m lists no CUPS-PDF driver: install printer-driver-cups-pdf")
        return next((m for m in found if m.endswith("noopt.ppd")), found[0])

    def not_completed(self, queue: str) -> str:
        return self.run("lpstat", "-W", "not-completed", "-o", queue).strip()

    def job_state(self, job_number: int) -> int:
        return ipp.job_attributes(self.server, job_number).group(ipp.TAG_JOB)["job-state"][0]

    def output_for(self, job_id: str, timeout: float = 10.0) -> Path:
        """The PDF cups-pdf wrote for the job titled ``job_id`` (its name is job_<n>-<title>.pdf)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [p for p in self.out_dir.glob("job_*.pdf") if job_id.lower() in p.name.lower()]
            if found:
                return found[0]
            time.sleep(0.1)
        raise AssertionError(f"no cups-pdf output for {job_id} in {self.out_dir}: "
                             f"{sorted(p.name for p in self.out_dir.iterdir())}\n{self.log_tail()}")

    def log_tail(self, lines: int = 30) -> str:
        log = self.root / "log" / "error_log"
        text = log.read_text(errors="replace").splitlines()[-lines:] if log.exists() else ["(no error_log)"]
        return "cupsd error_log:\n" + "\n".join(text)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _require_cups() -> None:
    missing = [f"{tool} (apt install {package})" for tool, package in _TOOLS.items() if shutil.which(tool) is None]
    if not _CUPS_PDF_BACKEND.exists():
        missing.append(f"{_CUPS_PDF_BACKEND} (apt install printer-driver-cups-pdf)")
    if missing:
        pytest.fail("the CUPS printer tests need a real cupsd with cups-pdf; missing: " + ", ".join(missing))
    if os.geteuid() != 0:
        pytest.fail("the CUPS printer tests must run as root: the cups-pdf backend is mode 0700 and runs as root "
                    "only, and its config can only be replaced in a private mount namespace")


def _write_config(root: Path, port: int) -> None:
    (root / "cupsd.conf").write_text(f"""\
Listen 127.0.0.1:{port}
Listen {root}/cups.sock
ServerName 127.0.0.1
LogLevel debug
WebInterface No
Browsing Off
DefaultAuthType None
JobRetryLimit 0
PreserveJobFiles No
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
""")
    (root / "cups-files.conf").write_text(f"""\
ServerRoot {root}/serverroot
RequestRoot {root}/spool
TempDir {root}/spool/tmp
CacheDir {root}/cache
StateDir {root}/state
ErrorLog {root}/log/error_log
AccessLog {root}/log/access_log
PageLog {root}/log/page_log
FileDevice Yes
Sandboxing Relaxed
SystemGroup root
""")
    # Seen by cups-pdf as /etc/cups/cups-pdf.conf inside cupsd's mount namespace. Label 1 puts the CUPS
    # job number in the file name; Grp root because the lpadmin group need not exist.
    (root / "etc-cups" / "cups-pdf.conf").write_text(f"""\
Out {root}/pdf-out
AnonDirName {root}/pdf-anon
Spool {root}/cups-pdf-spool
Log {root}/log
LogType 3
Label 1
Grp root
""")


@pytest.fixture(scope="session")
def private_cups() -> Iterator[PrivateCups]:
    _require_cups()
    root = Path(tempfile.mkdtemp(prefix="hallterm-cups-"))
    root.chmod(0o755)   # the filters run as user lp and must reach the spool
    for sub in ("serverroot", "spool/tmp", "cache", "state", "log", "etc-cups", "pdf-out", "pdf-anon",
                "cups-pdf-spool"):
        (root / sub).mkdir(parents=True, mode=0o755)
    port = _free_port()
    _write_config(root, port)
    script = (f"mount --bind {root}/etc-cups /etc/cups && "
              f"exec cupsd -f -c {root}/cupsd.conf -s {root}/cups-files.conf")
    with (root / "log" / "cupsd.out").open("wb") as out:
        process = subprocess.Popen(["unshare", "--mount", "--propagation", "private", "sh", "-c", script],
                                   stdout=out, stderr=subprocess.STDOUT, env=C_LOCALE)
    cups = PrivateCups(root, f"127.0.0.1:{port}", QUEUE, root / "pdf-out", process)
    try:
        deadline = time.monotonic() + 15
        while True:
            if process.poll() is not None:
                pytest.fail(f"private cupsd exited with {process.returncode}: "
                            f"{(root / 'log' / 'cupsd.out').read_text(errors='replace')}\n{cups.log_tail()}")
            try:
                ipp.printer_attributes(cups.server, QUEUE, timeout=1)
                break
            except ipp.IppUnreachable:
                if time.monotonic() > deadline:
                    pytest.fail(f"private cupsd did not answer on {cups.server} within 15 s\n{cups.log_tail()}")
                time.sleep(0.1)
        cups.add_queue(QUEUE, "cups-pdf:/")
        yield cups
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)
        with contextlib.suppress(OSError):
            shutil.rmtree(root)
