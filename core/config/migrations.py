"""Numbered upgrades of the config file's layout.

``MIGRATIONS[n - 1]`` turns a version-``n`` document into a version-``n + 1`` one. Each is a plain function
on the parsed TOML (nested dicts), so it is easy to test and never needs the declarations of its time.
A file without ``schema_version`` is treated as version 1 (the first files had none), which is safe
because every migration only acts on keys that exist.

Rules: never edit a released migration; add a new one and bump nothing by hand (``CURRENT_VERSION`` follows
the list). Keep a file from each released version under tests and check it upgrades.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from core.errors import ConfigError

Document = dict[str, Any]


def _rename(doc: Document, old: str, new: str, where: str) -> None:
    """Move ``section.old_name`` to ``section.new_name``; both present is ambiguous and refused."""
    old_section, old_name = old.split(".")
    new_section, new_name = new.split(".")
    source = doc.get(old_section)
    if not isinstance(source, dict) or old_name not in source:
        return
    target = doc.setdefault(new_section, {})
    if not isinstance(target, dict):
        return  # the loader reports the malformed section with its own message
    if new_name in target:
        raise ConfigError(
            f"{where}: both {old} (old name) and {new} are set; remove {old}", code="CFG_MIGRATION_CONFLICT"
        )
    target[new_name] = source.pop(old_name)
    if not source:
        del doc[old_section]


# Version 2 names every duration with its unit suffix (``_s``) and the kiosk timeouts after what they
# time; the ui section says ``language`` like the rest of the program.
_V2_RENAMES = {
    "kiosk.idle_seconds": "kiosk.idle_timeout_s",
    "kiosk.countdown_seconds": "kiosk.idle_countdown_s",
    "ui.locale": "ui.language",
}

# Old name -> current name, for "did you mean" when an old name turns up in a current file.
RENAMED: dict[str, str] = {**_V2_RENAMES, "kiosk.technician_pin": "kiosk.technician_pin_hash"}


def _v1_to_v2(doc: Document, where: str) -> Document:
    for old, new in _V2_RENAMES.items():
        _rename(doc, old, new, where)
    return doc


def _v2_to_v3(doc: Document, where: str) -> Document:
    """Version 3 keeps the technician PIN only as an Argon2id hash (``core.config.pin``).

    A plain ``kiosk.technician_pin`` is hashed on load rather than refused: a kiosk upgraded in the night
    must still start, and its technician must still get in. The plain text leaves the file at the next
    save (the technician console saves on any change).
    """
    from core.config.pin import hash_pin

    kiosk = doc.get("kiosk")
    if not isinstance(kiosk, dict) or "technician_pin" not in kiosk:
        return doc
    if "technician_pin_hash" in kiosk:
        raise ConfigError(
            f"{where}: both kiosk.technician_pin (old, plain text) and kiosk.technician_pin_hash "
            "are set; remove kiosk.technician_pin",
            code="CFG_MIGRATION_CONFLICT",
        )
    pin = kiosk.pop("technician_pin")
    if pin == "":
        return doc
    try:
        kiosk["technician_pin_hash"] = hash_pin(pin if isinstance(pin, str) else "")
    except ValueError:
        raise ConfigError(
            f"{where}: kiosk.technician_pin: the old plain PIN is not 6-12 digits; remove it and set "
            "a new PIN on the technician console",
            code="CFG_VALUE_INVALID",
            user_message="技术维护密码格式不正确（应为 6-12 位数字），请在技术维护界面重新设置。",
        ) from None
    return doc


MIGRATIONS: tuple[Callable[[Document, str], Document], ...] = (
    _v1_to_v2,
    _v2_to_v3,
)

CURRENT_VERSION = len(MIGRATIONS) + 1


def migrate(doc: Document, *, where: str) -> tuple[Document, int]:
    """Upgrade ``doc`` to ``CURRENT_VERSION``; returns (new document, version it was read as).

    The input is not modified. The result carries ``schema_version = CURRENT_VERSION``.
    """
    version = doc.get("schema_version", 1)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ConfigError(
            f"{where}: schema_version must be a whole number from 1, got {version!r}", code="CFG_VALUE_INVALID"
        )
    if version > CURRENT_VERSION:
        raise ConfigError(
            f"{where}: schema_version {version} is newer than this program understands ({CURRENT_VERSION}); "
            "the file was written by a newer hallterm — update the program or restore an older config",
            code="CFG_FUTURE_VERSION",
            user_message="本机设置文件版本高于程序版本，暂停服务。请联系现场技术人员升级程序。",
        )
    upgraded = copy.deepcopy(doc)
    for step in MIGRATIONS[version - 1 :]:
        upgraded = step(upgraded, where)
    upgraded["schema_version"] = CURRENT_VERSION
    return upgraded, version
