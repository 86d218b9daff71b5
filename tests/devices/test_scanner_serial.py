"""The ``serial_scanner`` driver on a real pseudo-terminal (and a TCP socket): the test writes what a
scanner would send on the master side; the driver reads the slave through pyserial like any serial port.
"""

from __future__ import annotations

import os
import socket
import threading
import time
import tty
from collections.abc import Iterator

import pytest

from devices.base import DataEvent, DeviceError, ErrorEvent, Health, StatusChanged
from devices.registry import create_device
from devices.scanner.serial_scanner import SerialScanner, scan_once

LICENCE = "电子证照:浙江省政务服务网-营业执照-91330100MA2XXXXX0A"  # a made-up e-licence payload


class Pty:
    """A pseudo-terminal pair; ``link`` is a stable path to the slave, re-pointed by ``replug()``."""

    def __init__(self, link: str):
        self.link = link
        self._open()

    def _open(self) -> None:
        self.master, self._slave = os.openpty()
        tty.setraw(self._slave)  # no echo, no CR/LF translation before pyserial takes over
        if os.path.lexists(self.link):
            os.unlink(self.link)
        os.symlink(os.ttyname(self._slave), self.link)

    def write(self, data: bytes) -> None:
        os.write(self.master, data)

    def unplug(self) -> None:
        for fd in (self.master, self._slave):
            if fd >= 0:
                os.close(fd)
        self.master = self._slave = -1

    def replug(self) -> None:
        self.unplug()
        self._open()


@pytest.fixture
def pty_port(tmp_path) -> Iterator[Pty]:
    port = Pty(str(tmp_path / "scanner-tty"))
    yield port
    port.unplug()


@pytest.fixture
def start_scanner(recorder) -> Iterator:
    scanners: list[SerialScanner] = []

    def start(url: str, **options) -> SerialScanner:
        scanner = SerialScanner("scanner", url, listener=recorder, **options)
        scanners.append(scanner)
        scanner.open()
        scanner.claim()
        scanner.enable()
        return scanner

    yield start
    for scanner in scanners:
        scanner.shutdown()


def _texts(recorder) -> list[str]:
    return [event.data.text for event in recorder.of(DataEvent)]


@pytest.mark.parametrize(("encoding", "codec"), [("gbk", "gbk"), ("utf-8", "utf-8"), ("auto", "gbk"),
                                                 ("auto", "utf-8")])
def test_chinese_content_arrives_in_the_configured_encoding(pty_port, start_scanner, recorder, encoding, codec):
    start_scanner(pty_port.link, encoding=encoding)
    pty_port.write(LICENCE.encode(codec) + b"\r\n")
    [event] = recorder.wait_for(DataEvent)
    assert (event.data.text, event.data.source, event.device) == (LICENCE, "serial", "scanner")
    assert recorder.of(ErrorEvent) == []


def test_every_line_end_and_split_writes(pty_port, start_scanner, recorder):
    start_scanner(pty_port.link, encoding="utf-8")
    pty_port.write("第一\r第二\n第三\r".encode())
    time.sleep(0.05)
    raw = "第四".encode()
    pty_port.write(b"\n" + raw[:2])  # the LF completes "第三\r"; "第四" arrives in two reads, cut mid-character
    time.sleep(0.15)
    pty_port.write(raw[2:] + b"\r\n")
    recorder.wait_for(DataEvent, count=4)
    time.sleep(0.1)
    assert _texts(recorder) == ["第一", "第二", "第三", "第四"]
    assert recorder.of(ErrorEvent) == []


def test_garbage_without_line_end_is_dropped_and_reading_goes_on(pty_port, start_scanner, recorder):
    scanner = start_scanner(pty_port.link, max_line=64, stale_after=0.3)
    pty_port.write(b"\x00\x7f" * 100)  # 200 bytes, no terminator
    [error] = recorder.wait_for(ErrorEvent)
    assert error.code == "SCANNER_LINE_TOO_LONG"
    pty_port.write(b"\x00tail of the garbage\r\nCODE-1\r\n")
    recorder.wait_for(DataEvent)
    pty_port.write(b"half a co")  # then silence
    recorder.wait_for(ErrorEvent, code="SCANNER_LINE_INCOMPLETE")
    pty_port.write(b"CODE-2\n")
    recorder.wait_for(DataEvent, count=2)
    assert _texts(recorder) == ["CODE-1", "CODE-2"]
    assert scanner.health is Health.ONLINE


def test_undecodable_line_is_a_typed_error_and_the_next_one_reads(pty_port, start_scanner, recorder):
    scanner = start_scanner(pty_port.link, encoding="utf-8")
    pty_port.write(LICENCE.encode("gbk") + b"\r\n" + LICENCE.encode() + b"\r\n")
    [error] = recorder.wait_for(ErrorEvent)
    assert error.code == "SCANNER_DECODE_FAILED" and error.user_message == "未能识别二维码，请重新扫描。"
    assert LICENCE not in error.detail  # the payload may be personal: never in the detail
    assert recorder.wait_for(DataEvent)[0].data.text == LICENCE
    assert scanner.health is Health.ONLINE


def test_unplugged_port_is_nodevice_and_reconnect_brings_it_back(pty_port, start_scanner, recorder):
    scanner = start_scanner(pty_port.link)
    pty_port.unplug()
    recorder.wait_for(StatusChanged, health=Health.NODEVICE)
    assert recorder.codes() == ["SCANNER_DEVICE_LOST"]
    os.unlink(pty_port.link)
    with pytest.raises(DeviceError) as caught:
        scanner.reconnect()
    assert caught.value.code == "SCANNER_PORT_OPEN_FAILED"
    assert recorder.codes() == ["SCANNER_DEVICE_LOST"]  # retries stay quiet
    pty_port.replug()
    scanner.reconnect()
    assert scanner.health is Health.ONLINE
    pty_port.write(b"AFTER-REPLUG\r")
    assert recorder.wait_for(DataEvent)[0].data.text == "AFTER-REPLUG"
    assert scanner.diagnostics()["port_losses"] == 1


def test_missing_port_fails_the_claim(recorder, tmp_path):
    scanner = create_device("scanner", {"driver": "serial_scanner", "port": str(tmp_path / "nothing")}, recorder)
    scanner.open()
    try:
        with pytest.raises(DeviceError) as caught:
            scanner.claim()
        assert caught.value.code == "SCANNER_PORT_OPEN_FAILED"
        assert scanner.health is Health.NODEVICE
        assert recorder.of(ErrorEvent)[0].user_message == "扫码设备未连接，请联系工作人员。"
    finally:
        scanner.shutdown()


def test_socket_url_works_like_a_port(start_scanner, recorder):
    server = socket.create_server(("127.0.0.1", 0))
    try:
        start_scanner(f"socket://127.0.0.1:{server.getsockname()[1]}", encoding="gbk")
        connection, _ = server.accept()
        with connection:
            connection.sendall("网上办事大厅\r\n".encode("gbk"))
            assert recorder.wait_for(DataEvent)[0].data.text == "网上办事大厅"
    finally:
        server.close()


def test_scan_once_for_the_technician(pty_port):
    threading.Timer(0.2, pty_port.write, args=(LICENCE.encode("gbk") + b"\r\n",)).start()
    code = scan_once(pty_port.link, timeout=3.0, encoding="gbk")
    assert (code.text, code.source) == (LICENCE, "serial")
    with pytest.raises(DeviceError) as caught:
        scan_once(pty_port.link, timeout=0.3)
    assert caught.value.code == "SCANNER_NO_CODE"
    # written after scan_once has opened the port: pyserial's open empties the input buffer
    threading.Timer(0.2, pty_port.write, args=("办".encode("gbk") + b"\n",)).start()
    with pytest.raises(DeviceError) as wrong:
        scan_once(pty_port.link, timeout=2.0, encoding="utf-8")
    assert wrong.value.code == "SCANNER_DECODE_FAILED"
    with pytest.raises(DeviceError) as missing:
        scan_once("/dev/hallterm-no-such-port", timeout=0.3)
    assert missing.value.code == "SCANNER_PORT_OPEN_FAILED"


def test_config_is_checked():
    for bad in ({"driver": "serial_scanner"}, {"driver": "serial_scanner", "port": "/dev/x", "encoding": "latin-1"},
                {"driver": "serial_scanner", "port": "/dev/x", "baud": "fast"}):
        with pytest.raises(DeviceError) as caught:
            create_device("scanner", bad)
        assert caught.value.code == "DEVICE_CONFIG_INVALID"
