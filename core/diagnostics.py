"""The diagnostics export: one zip a technician can mail to support, with no personal data and no secret.

    path = build_diagnostics(folder, settings=settings, store=store, logs_dir=paths.logs_dir,
                             device_status=manager.diagnostics(), recent_events=page_events)

Inside: ``versions.json`` (program, Python, libraries, config and store schema), ``config.json`` (every
effective setting, secrets as ``******``), ``devices.json`` (status of each device and its recent events),
``outbox.json`` (how many rows wait in each state, how many cases wait), ``audit.json`` (the audit chain's
verification result and head; never the entries), ``log.txt`` (the last lines of the log) and
``manifest.json``.

Two defences keep personal data and secrets out, because the zip leaves the hall: each part is built from
data that holds none (redacted settings, counts, health codes), and then every text file is scrubbed once
more: ID-card and mobile numbers are masked (``core.logging_setup.redact``, the log's own filter, applied
again because a log file may predate it) and the value of every secret setting is replaced wherever it
appears, so a token pasted into a log line does not travel either.
"""

from __future__ import annotations

import json
import platform
import sys
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from core.config.declaration import REDACTED
from core.logging_setup import redact
from core.paths import LOG_FILE_NAME

LOG_LINES = 500
_LIBRARIES = ("hallterm", "PySide6-Essentials", "PySide6-Addons", "httpx", "pydantic", "pyserial", "pyscard",
              "python-escpos", "zxing-cpp", "cryptography", "sqlite-utils", "argon2-cffi", "reportlab")


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def versions(settings: Any = None, store: Any = None) -> dict[str, Any]:
    from core.config import CURRENT_VERSION

    return {"python": sys.version.split()[0], "platform": platform.platform(),
            "libraries": {name: _version(name) for name in _LIBRARIES},
            "config_schema": CURRENT_VERSION,
            "config_file_version": getattr(settings, "loaded_version", None),
            "store_schema": store.schema_version if store is not None else None}


def outbox_summary(store: Any) -> dict[str, Any]:
    if store is None:
        return {"available": False}
    counts = store.outbox.counts_by_state()
    return {"available": True, "by_state": {str(state): n for state, n in counts.items()},
            "cases_waiting": store.outbox.cases_waiting(),
            "unsent": sum(n for state, n in counts.items() if str(state) != "synced")}


def audit_summary(store: Any) -> dict[str, Any]:
    if store is None:
        return {"available": False}
    result = store.audit.verify()
    head = store.db.get_meta("audit_head")
    return {"available": True, "ok": result.ok, "checked": result.checked, "first_bad_seq": result.first_bad_seq,
            "reason": result.reason, "head": json.loads(head) if head else None}


def last_log_lines(logs_dir: Path | None, count: int = LOG_LINES) -> list[str]:
    """The last ``count`` lines of the current log and, if it is short, of the rotated one before it."""
    if logs_dir is None:
        return []
    lines: list[str] = []
    for path in (Path(logs_dir) / f"{LOG_FILE_NAME}.1", Path(logs_dir) / LOG_FILE_NAME):
        try:
            lines += path.read_text("utf-8", errors="replace").splitlines()
        except OSError:
            continue
    return lines[-count:]


def secret_values(settings: Any) -> list[str]:
    """The values of every secret setting and secret-looking device parameter (to scrub them)."""
    from core.config.devices import redacted_params

    values: list[str] = []
    declarations = settings.declarations() if hasattr(settings, "declarations") else ()
    for setting in declarations:
        if setting.secret:
            value = settings.get(setting.key)
            if value:
                values.append(str(value))
    for params in getattr(settings, "devices", {}).values():
        shown = redacted_params(params)
        values += [str(v) for k, v in params.items() if shown.get(k) == REDACTED and v != REDACTED]
    # Longest first: a secret that contains another is replaced whole.
    return sorted({v for v in values if len(v) >= 4}, key=len, reverse=True)


def scrub(text: str, secrets: Iterable[str]) -> str:
    for secret in secrets:
        text = text.replace(secret, REDACTED)
    return redact(text)


def build_diagnostics(folder: Path, *, settings: Any, store: Any = None, logs_dir: Path | None = None,
                      device_status: Mapping[str, Any] | None = None,
                      recent_events: Sequence[Mapping[str, Any]] = (), terminal_id: str = "",
                      now: datetime | None = None, log_lines: int = LOG_LINES) -> Path:
    """Write ``hallterm-diagnostics-<terminal>-<time>.zip`` into ``folder``; returns its path."""
    now = now or datetime.now(UTC)
    terminal = "".join(c for c in (terminal_id or settings.get("terminal.id") or "") if c.isalnum()) or "terminal"
    target = Path(folder) / f"hallterm-diagnostics-{terminal}-{now.strftime('%Y%m%d-%H%M%S')}.zip"
    secrets = secret_values(settings)
    parts: dict[str, Any] = {
        "versions.json": versions(settings, store),
        "config.json": settings.redacted_dict(),
        "devices.json": {"status": dict(device_status or {}), "recent_events": list(recent_events)},
        "outbox.json": outbox_summary(store),
        "audit.json": audit_summary(store),
    }
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".zip.part")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            text = json.dumps(content, ensure_ascii=False, indent=2, default=str)
            archive.writestr(name, scrub(text, secrets))
        log_text = "\n".join(last_log_lines(logs_dir, log_lines))
        archive.writestr("log.txt", scrub(log_text, secrets) + "\n")
        manifest = {"created_at": now.isoformat(), "terminal_id": terminal, "files": [*parts, "log.txt"],
                    "personal_data": "none: ID and phone numbers masked, secrets replaced by " + REDACTED}
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
    partial.replace(target)
    return target
