"""``driver = "serial_scanner"``: a QR scanner in serial mode, one code per line.

Config: ``port`` (a device path or any pyserial URL: ``/dev/ttyACM0``, ``socket://host:port``, a pty),
``baud`` (9600), ``encoding`` ("utf-8", "gbk" or "auto"), ``max_line`` bytes (4096).

Lifecycle (devices/base.py): ``claim`` opens the port, ``enable`` starts reading on the worker, ``release``
closes it. Every line becomes a ``DataEvent(ScannedCode)``; a line that cannot be decoded, is too long or
never ends becomes an ``ErrorEvent`` and reading goes on. A lost port is health NODEVICE (told once) until
``reconnect()`` (the manager's job, with backoff) opens it again.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from typing import Any

import serial

from devices.base import DeviceError, Health, Listener
from devices.registry import register_driver
from devices.scanner.code import MSG_SCANNER_FAULT, MSG_SCANNER_NOT_CONNECTED, MSG_SHOW_CODE, ScannedCode
from devices.scanner.device import ScannerDevice
from devices.scanner.lines import Dropped, LineSplitter, check_encoding, decode_line

log = logging.getLogger(__name__)

DEFAULT_BAUD = 9600
READ_TIMEOUT = 0.1
READ_INTERVAL = 0.01   # between reads; each read itself waits up to READ_TIMEOUT for the first byte
IDLE_INTERVAL = 0.25   # while the port is lost there is nothing to read until reconnect()


def open_port(url: str, baud: int) -> serial.SerialBase:
    try:
        return serial.serial_for_url(url, baudrate=baud, timeout=READ_TIMEOUT)
    except (serial.SerialException, OSError, ValueError) as exc:
        raise DeviceError("SCANNER_PORT_OPEN_FAILED", MSG_SCANNER_NOT_CONNECTED,
                          f"cannot open {url!r}: {exc}") from exc


def read_chunk(port: serial.SerialBase) -> bytes:
    """Whatever has arrived, waiting at most the read timeout for the first byte. Raises SCANNER_DEVICE_LOST."""
    try:
        return port.read(max(1, port.in_waiting))
    except (serial.SerialException, OSError) as exc:
        raise DeviceError("SCANNER_DEVICE_LOST", MSG_SCANNER_NOT_CONNECTED, f"reading {port.name!r}: {exc}") from exc


class SerialScanner(ScannerDevice):
    kind = "scanner"
    source = "serial"

    def __init__(self, name: str, url: str, *, listener: Listener | None = None, baud: int = DEFAULT_BAUD,
                 encoding: str = "utf-8", max_line: int = 4096, stale_after: float = 1.0):
        super().__init__(name, listener)
        self.url = url
        self.baud = baud
        self.encoding = check_encoding(encoding)
        self.max_line = max_line
        self.stale_after = stale_after
        self._port: serial.SerialBase | None = None
        self._splitter = LineSplitter(max_line, stale_after)
        self._loss_reported = False
        self._totals.update(port_losses=0)

    @classmethod
    def from_config(cls, name: str, config: Mapping[str, Any], listener: Listener | None = None) -> SerialScanner:
        url = str(config.get("port") or config.get("url") or "")
        if not url:
            raise DeviceError("DEVICE_CONFIG_INVALID", MSG_SCANNER_FAULT, f"device {name!r}: no port configured")
        try:
            return cls(name, url, listener=listener, baud=int(config.get("baud", DEFAULT_BAUD)),
                       encoding=str(config.get("encoding", "utf-8")), max_line=int(config.get("max_line", 4096)))
        except (TypeError, ValueError) as exc:
            raise DeviceError("DEVICE_CONFIG_INVALID", MSG_SCANNER_FAULT, f"device {name!r}: {exc}") from exc

    # --- lifecycle hooks --------------------------------------------------------------------------

    def _do_claim(self) -> None:
        self._on_worker(self._connect)

    def _do_enable(self) -> None:
        assert self._worker is not None
        self._worker.set_tick(self._poll, READ_INTERVAL if self._port is not None else IDLE_INTERVAL)

    def _do_disable(self) -> None:
        assert self._worker is not None
        self._worker.set_tick(None)
        self._on_worker(lambda: None)

    def _do_release(self) -> None:
        self._on_worker(self._disconnect)

    def _do_reconnect(self) -> None:
        self._on_worker(self._reconnect)

    # --- worker thread ----------------------------------------------------------------------------

    def _connect(self) -> None:
        try:
            self._port = open_port(self.url, self.baud)
        except DeviceError as exc:
            if not self._loss_reported:  # the manager retries with backoff: tell once, not per attempt
                self._loss_reported = True
                self._fail(exc)
            self._set_health(Health.NODEVICE, exc.detail)
            raise
        self._loss_reported = False
        self._splitter = LineSplitter(self.max_line, self.stale_after)
        if self.enabled:
            self._worker.set_tick(self._poll, READ_INTERVAL)  # type: ignore[union-attr]
        log.info("serial scanner %s on %s, %s", self.name, self.url, self.encoding)
        self._set_health(Health.ONLINE)

    def _disconnect(self) -> None:
        if self._port is not None:
            self._port.close()
            self._port = None
        self._set_health(Health.OFFLINE, "port released")

    def _reconnect(self) -> None:
        if self._port is not None:
            self._port.close()
            self._port = None
        self._connect()

    def _poll(self) -> None:
        port = self._port
        if port is None:
            return  # lost: waiting for reconnect()
        try:
            data = read_chunk(port)
        except DeviceError as exc:
            self._lose(exc)
            return
        for item in self._splitter.feed(data, time.monotonic()):
            if isinstance(item, Dropped):
                self._fail(item.error(self.max_line))
                continue
            try:
                text = decode_line(item, self.encoding)
            except DeviceError as exc:
                self._fail(exc)
                continue
            self._publish(text)

    def _lose(self, error: DeviceError) -> None:
        self._totals["port_losses"] += 1
        if self._port is not None:
            self._port.close()
            self._port = None
        if not self._loss_reported:
            self._loss_reported = True
            self._fail(error)
        if self._worker is not None:
            self._worker.set_tick(self._poll, IDLE_INTERVAL)
        self._set_health(Health.NODEVICE, error.detail)

    def diagnostics(self) -> dict[str, Any]:
        facts = super().diagnostics()
        facts.update(url=self.url, baud=self.baud, encoding=self.encoding)
        return facts


def scan_once(url: str, timeout: float = 10.0, encoding: str = "utf-8", *, baud: int = DEFAULT_BAUD,
              max_line: int = 4096) -> ScannedCode:
    """Blocking: open ``url``, return the first code read within ``timeout`` seconds, close. For the CLI
    (``main.py devices scan --port URL``).

    Raises DeviceError: SCANNER_PORT_OPEN_FAILED, SCANNER_DEVICE_LOST, SCANNER_NO_CODE, SCANNER_DECODE_FAILED
    (the technician learns the encoding setting is wrong), SCANNER_LINE_TOO_LONG.
    """
    name = check_encoding(encoding)
    port = open_port(url, baud)
    splitter = LineSplitter(max_line, stale_after=timeout)
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            for item in splitter.feed(read_chunk(port), time.monotonic()):
                if isinstance(item, Dropped):
                    raise item.error(max_line)
                return ScannedCode(text=decode_line(item, name), source="serial")
    finally:
        port.close()
    raise DeviceError("SCANNER_NO_CODE", MSG_SHOW_CODE, f"no code on {url!r} within {timeout:.1f} s")


register_driver("serial_scanner", SerialScanner.from_config)
