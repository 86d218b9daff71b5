"""One terminal's settings: declared defaults, the TOML file over them, command-line overrides on top.

    settings = Settings.load(paths.config_file, overrides={"logging.level": "DEBUG"})
    settings.get("kiosk.idle_timeout_s")        # -> 60
    settings.set("kiosk.idle_timeout_s", 90)    # checked against the declaration; refused if locked
    settings.save()                             # atomic; writes only non-default values

Layers, lowest first: the declared default, the file (or a value ``set()`` since), the overrides. Overrides
come from the command line or a test and are never written back; ``set()`` on an overridden key drops
the override, because the technician's explicit choice is what they expect to see.

Every failure is a ``core.errors.ConfigError`` whose detail names the file (with line when it can be
found) and the key, and never contains a secret's value.
"""

from __future__ import annotations

import difflib
import threading
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from core.config import devices as device_table
from core.config.declaration import Kind, Section, Setting
from core.config.migrations import CURRENT_VERSION, RENAMED, migrate
from core.config.schema import BY_KEY, SECTIONS, SETTINGS, by_section
from core.config.tomlfile import locate, read_document, write_document
from core.errors import ConfigError
from core.paths import Paths

# Values --demo changes besides the devices: a developer's laptop should not lose its desktop.
DEMO_VALUES: Mapping[str, Any] = {"ui.fullscreen": False, "counter.number": 3, "kiosk.document_camera": "sample"}

_TEXT_KINDS = frozenset({Kind.STR, Kind.CHOICE, Kind.URL, Kind.SECRET, Kind.PATH})
_RESERVED = ("schema_version", "locked.keys", "devices.<name>")


class Settings:
    def __init__(self, *, source: Path | None = None) -> None:
        self.source = source                      # where load() read from and save() writes to by default
        self.loaded_version: int | None = None    # schema_version the file had (None: no file)
        self._values: dict[str, Any] = {}
        self._overrides: dict[str, Any] = {}
        self._devices: dict[str, device_table.DeviceParams] = {}
        self._device_overrides: dict[str, device_table.DeviceParams] = {}
        self._locked: set[str] = set()
        self._lock = threading.RLock()

    # --- construction -----------------------------------------------------------------------------

    @classmethod
    def load(cls, path: Path | None, *, overrides: Mapping[str, Any] | None = None, demo: bool = False) -> Settings:
        """Read ``path`` (a missing file means all defaults) and apply ``overrides`` (dotted keys).

        ``demo=True`` starts from the embedded demo defaults (simulated devices, windowed) instead of the
        declared ones; a ``[devices]`` table in the file then replaces the demo devices as a whole.
        Override values may be typed or text (``"90"`` for an int), as given on a command line.
        """
        settings = cls(source=Path(path) if path is not None else None)
        if demo:
            settings._values.update(DEMO_VALUES)
            settings._devices = {name: dict(params) for name, params in device_table.DEMO_DEVICES.items()}
        if path is not None:
            parsed = read_document(Path(path))
            if parsed is not None:
                settings._apply_document(*parsed)
        if overrides:
            settings._apply_overrides(overrides)
        return settings

    @classmethod
    def demo_defaults(cls, *, overrides: Mapping[str, Any] | None = None) -> Settings:
        """What ``main.py <mode> --demo`` runs on: in-process hall server, local central_sim, simulators."""
        return cls.load(None, overrides=overrides, demo=True)

    # --- declarations -----------------------------------------------------------------------------

    @staticmethod
    def declarations() -> tuple[Setting, ...]:
        return SETTINGS

    @staticmethod
    def sections() -> tuple[Section, ...]:
        return SECTIONS

    @staticmethod
    def declarations_by_section() -> Iterator[tuple[Section, tuple[Setting, ...]]]:
        return by_section()

    @staticmethod
    def declaration(key: str) -> Setting:
        return _declared(key, where="settings")

    # --- reading ----------------------------------------------------------------------------------

    def get(self, key: str) -> Any:
        setting = _declared(key, where="settings.get")
        if key in self._overrides:
            return self._overrides[key]
        return self._values.get(key, setting.default)

    def __getitem__(self, key: str) -> Any:
        return self.get(key)

    def is_default(self, key: str) -> bool:
        return self.get(key) == _declared(key, where="settings.is_default").default

    def is_overridden(self, key: str) -> bool:
        return key in self._overrides or key.removeprefix("devices.") in self._device_overrides

    @property
    def devices(self) -> dict[str, dict[str, Any]]:
        """Every configured device: name -> its table (a copy, with ``driver`` and parameters)."""
        merged = {**self._devices, **self._device_overrides}
        return {name: dict(params) for name, params in merged.items()}

    def device(self, name: str) -> dict[str, Any] | None:
        return self.devices.get(name)

    def resolve_paths(self, paths: Paths) -> Paths:
        """Apply ``store.data_dir`` to the platform paths (relative values follow the config file)."""
        return paths.with_data_dir(self.get("store.data_dir"))

    # --- changing ---------------------------------------------------------------------------------

    def set(self, key: str, value: Any) -> Any:
        """Check and store ``value``; returns it in canonical type. Call ``save()`` to persist."""
        setting = _declared(key, where="settings.set")
        with self._lock:
            self._refuse_locked(key)
            checked = setting.coerce(value, where="settings.set")
            self._values[key] = checked
            self._overrides.pop(key, None)
            return checked

    def set_text(self, key: str, text: str) -> Any:
        """``set`` from text a person typed (technician page): ``"90"`` for an int, ``"a, b"`` for a list."""
        setting = _declared(key, where="settings.set")
        return self.set(key, setting.parse_text(text, where="settings.set"))

    def reset(self, key: str) -> None:
        """Return ``key`` to its declared default (removed from the file on the next save)."""
        _declared(key, where="settings.reset")
        with self._lock:
            self._refuse_locked(key)
            self._values.pop(key, None)
            self._overrides.pop(key, None)

    def set_device(self, name: str, params: Mapping[str, Any]) -> None:
        with self._lock:
            self._refuse_locked(f"devices.{name}")
            self._devices[name] = device_table.check_device(name, params, where="settings.set_device")
            self._device_overrides.pop(name, None)

    def remove_device(self, name: str) -> bool:
        with self._lock:
            self._refuse_locked(f"devices.{name}")
            self._device_overrides.pop(name, None)
            return self._devices.pop(name, None) is not None

    # --- locking ----------------------------------------------------------------------------------

    def lock(self, key: str) -> None:
        """Lock ``key`` (a setting or ``devices.<name>``) so ``set`` refuses it until ``unlock``."""
        _check_lockable(key, where="settings.lock")
        with self._lock:
            self._locked.add(key)

    def unlock(self, key: str) -> None:
        with self._lock:
            self._locked.discard(key)

    def is_locked(self, key: str) -> bool:
        return key in self._locked

    def locked_keys(self) -> frozenset[str]:
        return frozenset(self._locked)

    # --- saving and exporting ---------------------------------------------------------------------

    def to_document(self) -> dict[str, Any]:
        """The TOML document ``save`` writes: schema_version, non-default values, devices, locked keys."""
        with self._lock:
            doc: dict[str, Any] = {"schema_version": CURRENT_VERSION}
            for setting in SETTINGS:
                if setting.key in self._values and self._values[setting.key] != setting.default:
                    doc.setdefault(setting.section, {})[setting.name] = setting.to_toml(self._values[setting.key])
            if self._devices:
                doc["devices"] = {name: dict(params) for name, params in sorted(self._devices.items())}
            if self._locked:
                doc["locked"] = {"keys": sorted(self._locked)}
            return doc

    def save(self, path: Path | None = None) -> Path:
        """Write atomically to ``path`` (default: where it was loaded from). Overrides are not written."""
        target = Path(path) if path is not None else self.source
        if target is None:
            raise ConfigError("settings.save: no file given and the settings were not loaded from one",
                              code="CFG_UNWRITABLE")
        with self._lock:
            write_document(target, self.to_document())
            self.source = target
        return target

    def redacted_dict(self) -> dict[str, Any]:
        """Every effective value, laid out like the file, safe for logs and the diagnostics export."""
        out: dict[str, Any] = {"schema_version": CURRENT_VERSION}
        for setting in SETTINGS:
            out.setdefault(setting.section, {})[setting.name] = setting.display(self.get(setting.key))
        out["devices"] = {name: device_table.redacted_params(params) for name, params in sorted(self.devices.items())}
        out["locked"] = {"keys": sorted(self._locked)}
        return out

    def __repr__(self) -> str:
        # Never the values: a repr ends up in logs and tracebacks, and some values are secrets.
        return (f"Settings(source={str(self.source) if self.source else None!r}, "
                f"explicit={sorted(self._values)}, devices={sorted(self.devices)})")

    # --- internals --------------------------------------------------------------------------------

    def _refuse_locked(self, key: str) -> None:
        if key in self._locked:
            setting = BY_KEY.get(key)
            label = setting.label if setting else key
            raise ConfigError(f"{self.source or 'settings'}: {key} is locked by the technician; unlock it first",
                              code="CFG_KEY_LOCKED", user_message=f"设置项「{label}」已被锁定，不能修改。")

    def _apply_document(self, raw_doc: dict[str, Any], text: str) -> None:
        path = self.source

        def where(key: str) -> str:
            line = locate(text, key)
            return f"{path} line {line}" if line else str(path)

        doc, self.loaded_version = migrate(raw_doc, where=str(path))
        doc.pop("schema_version")
        if "locked" in doc:
            self._locked = _read_locked(doc.pop("locked"), where)
        if "devices" in doc:
            self._devices = device_table.check_devices(doc.pop("devices"), where=where)
        for section, body in doc.items():
            if not isinstance(body, dict):
                raise _unknown(section, where(section))
            for name, value in body.items():
                key = f"{section}.{name}"
                setting = BY_KEY.get(key)
                if setting is None:
                    raise _unknown(key, where(key))
                self._values[key] = setting.coerce(value, where=where(key))

    def _apply_overrides(self, overrides: Mapping[str, Any]) -> None:
        for key, value in overrides.items():
            if key.startswith("devices.") and key.count(".") == 1:
                name = key.split(".", 1)[1]
                self._device_overrides[name] = device_table.check_device(name, value, where="overrides")
                continue
            setting = _declared(key, where="overrides")
            if isinstance(value, str) and setting.kind not in _TEXT_KINDS:
                self._overrides[key] = setting.parse_text(value, where="overrides")
            else:
                self._overrides[key] = setting.coerce(value, where="overrides")


def _read_locked(table: Any, where: Callable[[str], str]) -> set[str]:
    if not isinstance(table, dict):
        raise _unknown("locked", where("locked"))
    extra = set(table) - {"keys"}
    if extra:
        key = f"locked.{sorted(extra)[0]}"
        raise _unknown(key, where(key))
    keys = table.get("keys", [])
    if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
        raise ConfigError(f"{where('locked.keys')}: locked.keys: expected a list of setting keys",
                          code="CFG_VALUE_INVALID")
    for key in keys:
        _check_lockable(key, where=where("locked.keys"))
    return set(keys)


def _check_lockable(key: str, *, where: str) -> None:
    if key in BY_KEY:
        return
    if key.startswith("devices.") and key.count(".") == 1 and key != "devices.":
        return
    raise _unknown(key, where)


def _declared(key: str, *, where: str) -> Setting:
    setting = BY_KEY.get(key)
    if setting is None:
        raise _unknown(key, where)
    return setting


def _unknown(key: str, where: str) -> ConfigError:
    suggestion = suggest(key)
    hint = f"; did you mean {suggestion}?" if suggestion else ""
    return ConfigError(f"{where}: unknown key {key}{hint}", code="CFG_UNKNOWN_KEY")


def suggest(key: str) -> str | None:
    """The declared key ``key`` was probably meant to be (an old name's new name first)."""
    if key in RENAMED:
        return RENAMED[key]
    matches = difflib.get_close_matches(key, [*BY_KEY, *_RESERVED], n=1, cutoff=0.6)
    return matches[0] if matches else None
