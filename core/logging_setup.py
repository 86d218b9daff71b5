"""Logging: a rotating file under the data dir plus stderr, and never personal data.

Code is written not to log personal data in the first place (``Person`` and ``Case`` have masked reprs).
The ``PersonalDataFilter`` is the second line of defence: every record that reaches a handler has
anything shaped like a resident ID number or a mainland mobile number masked, including text from
third-party libraries and exception tracebacks.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import re
import sys
from pathlib import Path

from core.identity import mask_id_number, mask_phone

# An 18-character ID number or an 11-digit mobile number standing alone (not inside a longer digit run,
# so case numbers like 43010220261123K0100042 and timestamps are left as they are).
_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
_PHONE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")

LOG_FORMAT = "%(asctime)s %(levelname)-7s %(name)s [%(threadName)s] %(message)s"


def redact(text: str) -> str:
    text = _ID_NUMBER.sub(lambda m: mask_id_number(m.group()), text)
    return _PHONE.sub(lambda m: mask_phone(m.group()), text)


class RootLoggerChatter(logging.Filter):
    """Drops INFO and below that a library logs through the root logger (python-escpos says "Network
    printer enabled" on every connect), which no logger level can silence. Our own code never logs there."""

    PACKAGES = (f"{os.sep}escpos{os.sep}",)

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name != "root" or record.levelno >= logging.WARNING:
            return True
        return not any(package in record.pathname for package in self.PACKAGES)


class PersonalDataFilter(logging.Filter):
    """Masks ID numbers and phone numbers in the formatted message and any exception text."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = redact(message)
        if clean != message:
            record.msg, record.args = clean, None
        if record.exc_info and record.exc_info[1] is not None:
            # Format the traceback now, redacted, and drop exc_info so no handler re-renders the raw one.
            text = logging.Formatter().formatException(record.exc_info)
            record.exc_text = redact(text)
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


def configure_logging(log_dir: Path | None, *, level: str = "INFO", max_bytes: int = 5_000_000,
                      backups: int = 5, stderr: bool = True) -> None:
    """Replace the root logger's handlers: rotating ``hallterm.log`` in ``log_dir`` and/or stderr."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level.upper())
    formatter = logging.Formatter(LOG_FORMAT)
    handlers: list[logging.Handler] = []
    if log_dir is not None:
        log_dir.mkdir(parents=True, exist_ok=True)
        handlers.append(logging.handlers.RotatingFileHandler(
            log_dir / "hallterm.log", maxBytes=max_bytes, backupCount=backups, encoding="utf-8"))
    if stderr:
        handlers.append(logging.StreamHandler(sys.stderr))
    for handler in handlers:
        handler.setFormatter(formatter)
        handler.addFilter(PersonalDataFilter())
        handler.addFilter(RootLoggerChatter())
        root.addHandler(handler)
    # Client libraries log every request at INFO; our sync and queue clients log what matters themselves.
    for noisy in ("httpx", "httpcore", "uvicorn.access"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
