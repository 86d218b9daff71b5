"""What the technician console needs to set a device up: each driver's editable parameters, the ports
and queues that exist on this machine, and whether a serial port opens.

Parameters are listed here rather than declared like ``core.config`` settings because they belong to
the drivers (``core`` never sees them); the form on the technician's device page is generated from
``DRIVER_PARAMS``. Discovery never raises: a machine without CUPS or pcscd simply has no queues or
readers, and the reason is returned for the page to show. The test page is
``devices.printers.testpage.print_test_on``.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from typing import Any

# Where a parameter's choices come from: a fixed list, or discovery on this machine.
SERIAL_PORTS = "serial_ports"
CUPS_QUEUES = "cups_queues"
PCSC_READERS = "pcsc_readers"


@dataclass(frozen=True)
class DriverParam:
    name: str
    label: str                          # Chinese, for the form row
    kind: str = "str"                   # "str" | "int" | "bool"
    default: Any = ""
    choices: tuple[str, ...] = ()       # offered in an editable list
    discover: str = ""                  # SERIAL_PORTS | CUPS_QUEUES | PCSC_READERS


_PORT = DriverParam("port", "串口", discover=SERIAL_PORTS)
_ESCPOS = (DriverParam("paper_width_mm", "纸宽（毫米）", "int", 80, ("58", "80")),
           DriverParam("encoding", "中文编码", "str", "gb18030", ("gb18030", "gbk", "utf-8")))

DRIVER_PARAMS: dict[str, tuple[DriverParam, ...]] = {
    "samv_serial": (_PORT, DriverParam("baud", "波特率", "int", 115200, ("115200", "57600", "38400", "9600"))),
    "samv_simulated": (),
    "serial_scanner": (_PORT, DriverParam("baud", "波特率", "int", 9600, ("9600", "19200", "38400", "115200")),
                       DriverParam("encoding", "编码", "str", "utf-8", ("utf-8", "gbk", "auto"))),
    "qr_simulator": (),
    "wedge": (DriverParam("prefix", "前缀"), DriverParam("suffix", "后缀")),
    "camera_scanner": (DriverParam("camera", "摄像头（auto 或设备名称的一部分）", "str", "auto"),),
    "escpos": (DriverParam("url", "打印机地址（tcp://、serial://、usb://）"), *_ESCPOS),
    "capture": _ESCPOS,
    "cups": (DriverParam("queue", "CUPS 打印队列", discover=CUPS_QUEUES), DriverParam("server", "CUPS 服务器")),
    "pcsc": (DriverParam("reader", "读卡器", discover=PCSC_READERS),),
    "pcsc_simulator": (),
}


def params_for(driver: str) -> tuple[DriverParam, ...]:
    return DRIVER_PARAMS.get(driver, ())


def serial_ports() -> tuple[list[str], str]:
    """(device paths, problem) from pyserial's port listing (USB adapters first)."""
    try:
        from serial.tools import list_ports
    except ImportError as exc:   # pragma: no cover - pyserial is a dependency
        return [], f"pyserial unavailable: {exc}"
    ports = sorted(list_ports.comports(), key=lambda p: (p.vid is None, p.device))
    return [p.device for p in ports], ""


def cups_queues(timeout_s: float = 5.0) -> tuple[list[str], str]:
    """(queue names, problem) from ``lpstat -e``."""
    lpstat = shutil.which("lpstat")
    if lpstat is None:
        return [], "lpstat not found (CUPS client not installed)"
    try:
        done = subprocess.run([lpstat, "-e"], capture_output=True, text=True, timeout=timeout_s, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return [], f"lpstat failed: {type(exc).__name__}"
    if done.returncode != 0:
        return [], f"lpstat -e: {(done.stderr or done.stdout).strip()[:160]}"
    return [line.strip() for line in done.stdout.splitlines() if line.strip()], ""


def pcsc_readers() -> tuple[list[str], str]:
    """(reader names, problem) from pcscd through pyscard."""
    try:
        from devices.pcsc.reader import list_readers

        return list_readers(), ""
    except Exception as exc:     # pcscd absent, pyscard missing: the page shows why
        return [], f"{getattr(exc, 'code', type(exc).__name__)}: {getattr(exc, 'detail', '') or exc}"[:200]


def discover(source: str) -> tuple[list[str], str]:
    return {SERIAL_PORTS: serial_ports, CUPS_QUEUES: cups_queues, PCSC_READERS: pcsc_readers}[source]()


def probe_serial_port(url: str, baud: int = 9600) -> str:
    """'' when the serial port (or pyserial URL) opens, else why not, for the technician's one sentence."""
    import serial

    if not url:
        return "no port chosen"
    try:
        port = serial.serial_for_url(url, baudrate=baud, timeout=0.1, do_not_open=True)
        port.open()
        port.close()
    except (serial.SerialException, ValueError, OSError) as exc:
        return str(exc)[:160]
    return ""
