"""Headless device commands for the technician (``python main.py devices …``); the technician screens
call the same functions. Each returns ``(exit_code, text)`` so the caller decides where text goes.

Output is for a person with a serial cable in one hand: one line that says what is wrong, with the
stable code for the log. ``read-card`` prints the card's fields in full because reading them is the
point of the command; nothing here logs them.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from typing import Any

from devices.base import DeviceError, Health
from devices.manager import DeviceManager

# Health that will not change by waiting a little longer.
_SETTLED = {Health.ONLINE, Health.NODEVICE, Health.HWERROR, Health.USERERROR}


def _fail(exc: DeviceError) -> tuple[int, str]:
    return 1, f"[{exc.code}] {exc.user_message} {exc.detail}".strip()


def list_devices(config: Mapping[str, Mapping[str, Any]], *, settle_s: float = 3.0) -> tuple[int, str]:
    """Bring every configured device up, wait until its health settles (bounded), and report it."""
    manager = DeviceManager(config, backoff_initial=settle_s * 2)
    manager.start()
    try:
        deadline = time.monotonic() + settle_s
        while time.monotonic() < deadline and not all(h in _SETTLED for h in manager.health().values()):
            time.sleep(0.05)
        health = manager.health()
        facts = manager.diagnostics()
    finally:
        manager.stop()
    if not config:
        return 0, "没有配置任何设备 (no devices configured)"
    width = max(len(name) for name in config)
    lines = []
    for name, table in config.items():
        error = facts.get(name, {}).get("error")
        note = f"  [{error}]" if error else ""
        lines.append(f"{name:<{width}}  {table.get('driver', '?'):<16}  {health[name].value}{note}")
    return 0, "\n".join(lines)


def read_card(url: str, *, baud: int, timeout: float) -> tuple[int, str]:
    """Wait for one ID card on the SAM_V reader at ``url`` and return its fields as one JSON object."""
    from devices.idcard.reader import read_one_card

    try:
        card = read_one_card(url, baud, timeout)
    except DeviceError as exc:
        return _fail(exc)
    return 0, json.dumps(card.to_json_dict(), ensure_ascii=False)


def scan(url: str, *, timeout: float, encoding: str, baud: int) -> tuple[int, str]:
    """Wait for the next code from the serial QR scanner at ``url`` and return its text."""
    from devices.scanner.serial_scanner import scan_once

    try:
        code = scan_once(url, timeout, encoding, baud=baud)
    except DeviceError as exc:
        return _fail(exc)
    return 0, code.text


def print_test(url: str, *, job_timeout: float = 30.0) -> tuple[int, str]:
    """``devices print-test --printer URL``: a test page with Chinese text (GB18030) and a QR code.

    ``URL`` is ``tcp://host:9100``, ``serial:///dev/ttyS0?baudrate=19200``, ``usb://vvvv:pppp``,
    ``file:///dev/usb/lp0`` (ESC/POS; ``?paper_width_mm=58&encoding=gbk&qr=native`` adjust the page) or
    ``cups://QUEUE`` (``?server=host:port``; an A4 PDF through ``lp``). Exit 1 with one line saying why when
    the printer cannot be reached or does not confirm the page.
    """
    from devices.printers.testpage import print_test_page

    try:
        code = print_test_page(url, job_timeout=job_timeout)
    except DeviceError as exc:
        return 1, " ".join(f"[{exc.code}] {exc.user_message} {exc.detail}".split())
    return 0, f"测试页已打印 (test page printed) on {url}; its QR code reads {code}"
