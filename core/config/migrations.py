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
        raise ConfigError(f"{where}: both {old} (old name) and {new} are set; remove {old}",
                          code="CFG_MIGRATION_CONFLICT")
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
RENAMED: dict[str, str] = {**_V2_RENAMES}


def _v1_to_v2(doc: Document, where: str) -> Document:
    for old, new in _V2_RENAMES.items():
        _rename(doc, old, new, where)
    return doc


MIGRATIONS: tuple[Callable[[Document, str], Document], ...] = (
    _v1_to_v2,
)

CURRENT_VERSION = len(MIGRATIONS) + 1


def migrate(doc: Document, *, where: str) -> tuple[Document, int]:
    """Upgrade ``doc`` to ``CURRENT_VERSION``; returns (new document, version it was read as).

    The input is not modified. The result carries ``schema_version = CURRENT_VERSION``.
    """
    version = doc.get("schema_version", 1)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ConfigError(f"{where}: schema_version must be a whole number from 1, got {version!r}",
                          code="CFG_VALUE_INVALID")
    if version > CURRENT_VERSION:
        raise ConfigError(
            f"{where}: schema_version {version} is newer than this program understands ({CURRENT_VERSION}); "
            "the file was written by a newer hallterm — update the program or restore an older config",
            code="CFG_FUTURE_VERSION",
            user_message="本机设置文件版本高于程序版本，暂停服务。请联系现场技术人员升级程序。")
    upgraded = copy.deepcopy(doc)
    for step in MIGRATIONS[version - 1:]:
        upgraded = step(upgraded, where)
    upgraded["schema_version"] = CURRENT_VERSION
    return upgraded, version
