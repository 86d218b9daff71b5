"""How one setting is declared: key, type, default, descriptions, limits, flags.

A ``Setting`` is the single source for everything about a key: the loader checks file values against it,
``Settings.set`` checks technician input against it, the technician pages are generated from it and
``docs/configuration.md`` is rendered from it. Nothing else repeats a default or a range.

Values are checked strictly when they come from TOML or code (``coerce``): an int setting refuses
``"60"`` and ``true``, because a quoted number in a config file is a typo worth reporting. Text typed on a
technician page or given on the command line goes through ``parse_text`` first.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import urlsplit

from core.errors import ConfigError, HalltermError

REDACTED = "******"


class Kind(StrEnum):
    INT = "int"
    FLOAT = "float"
    BOOL = "bool"
    STR = "str"
    CHOICE = "choice"
    PATH = "path"      # value is Path | None; empty text in the file means "not set"
    URL = "url"        # http(s) URL or "" (not set)
    SECRET = "secret"  # a str that is never logged and is redacted in diagnostics
    STR_LIST = "list[str]"  # value is a tuple of str


@dataclass(frozen=True)
class Section:
    """A group of settings; one technician page (or one box on a page) per section."""

    name: str
    title: str       # Chinese, shown on technician pages
    title_en: str


_TRUE_WORDS = frozenset({"true", "yes", "on", "1", "是"})
_FALSE_WORDS = frozenset({"false", "no", "off", "0", "否"})


@dataclass(frozen=True, kw_only=True)
class Setting:
    key: str                       # dotted: "<section>.<name>"
    kind: Kind
    default: Any
    label: str                     # short Chinese name for a form row: "空闲超时（秒）"
    description: str               # Chinese, for the technician page and the docs
    description_en: str = ""
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()
    secret: bool = False
    restart_required: bool = False
    # Extra rule for a value already of the right type; raises core.errors.HalltermError or ValueError.
    check: Callable[[Any], object] | None = None

    def __post_init__(self) -> None:
        if self.key.count(".") != 1:
            raise ValueError(f"setting key {self.key!r} must be '<section>.<name>'")
        if self.kind is Kind.SECRET and not self.secret:
            object.__setattr__(self, "secret", True)
        if self.kind is Kind.CHOICE and not self.choices:
            raise ValueError(f"choice setting {self.key!r} needs choices")
        # A declaration whose own default fails its rule is a programming error; find it at import.
        self.coerce(self.default, where="<declaration>")

    @property
    def section(self) -> str:
        return self.key.split(".", 1)[0]

    @property
    def name(self) -> str:
        return self.key.split(".", 1)[1]

    # --- checking ---------------------------------------------------------------------------------

    def coerce(self, value: Any, *, where: str) -> Any:
        """Return ``value`` in this setting's canonical type, or raise ConfigError CFG_VALUE_INVALID.

        ``where`` names the source for the technician (a file path, "--set", "settings.set").
        """
        converted = self._convert(value, where)
        self._check_limits(converted, where)
        if self.check is not None and not self._is_empty(converted):
            try:
                self.check(converted)
            except (HalltermError, ValueError) as exc:
                reason = exc.detail if isinstance(exc, HalltermError) else str(exc)
                raise self.invalid(where, reason) from exc
        return converted

    def parse_text(self, text: str, *, where: str) -> Any:
        """Turn text typed by a person (technician page, ``--set key=value``) into a checked value."""
        text = text.strip()
        try:
            if self.kind is Kind.INT:
                value: Any = int(text)
            elif self.kind is Kind.FLOAT:
                value = float(text)
            elif self.kind is Kind.BOOL:
                lowered = text.lower()
                if lowered not in _TRUE_WORDS | _FALSE_WORDS:
                    raise ValueError(f"expected one of {sorted(_TRUE_WORDS | _FALSE_WORDS)}")
                value = lowered in _TRUE_WORDS
            elif self.kind is Kind.STR_LIST:
                value = [part.strip() for part in text.split(",") if part.strip()]
            else:
                value = text
        except ValueError as exc:
            raise self.invalid(where, f"cannot read {self._shown(text)} as {self.kind.value}: {exc}") from exc
        return self.coerce(value, where=where)

    def to_toml(self, value: Any) -> Any:
        """The value as written to the file (paths as text, lists as lists, None as "")."""
        if self.kind is Kind.PATH:
            return "" if value is None else str(value)
        if self.kind is Kind.STR_LIST:
            return list(value)
        return value

    def display(self, value: Any) -> Any:
        """The value safe to log or export: secrets redacted (an unset secret shows as "")."""
        if self.secret:
            return REDACTED if value else ""
        return self.to_toml(value)

    def invalid(self, where: str, reason: str) -> ConfigError:
        return ConfigError(f"{where}: {self.key}: {reason}", code="CFG_VALUE_INVALID",
                           user_message=f"设置项「{self.label}」的值不正确：{self.rule_text()}")

    def rule_text(self) -> str:
        """The rule in Chinese, for error messages and the docs."""
        if self.kind is Kind.CHOICE:
            return "应为以下之一：" + "、".join(self.choices)
        if self.minimum is not None and self.maximum is not None:
            return f"应在 {_num(self.minimum)} 到 {_num(self.maximum)} 之间"
        if self.minimum is not None:
            return f"不应小于 {_num(self.minimum)}"
        if self.maximum is not None:
            return f"不应大于 {_num(self.maximum)}"
        return {
            Kind.INT: "应为整数", Kind.FLOAT: "应为数字", Kind.BOOL: "应为 true 或 false",
            Kind.URL: "应为 http:// 或 https:// 开头的网址，或留空", Kind.PATH: "应为文件或文件夹路径，或留空",
            Kind.STR_LIST: "应为文本列表",
        }.get(self.kind, "格式不符合要求")

    # --- internals --------------------------------------------------------------------------------

    def _shown(self, value: Any) -> str:
        return "(value hidden)" if self.secret else repr(value)

    def _is_empty(self, value: Any) -> bool:
        return value is None or value == "" or value == ()

    def _convert(self, value: Any, where: str) -> Any:
        kind = self.kind

        def wrong() -> ConfigError:
            return self.invalid(where, f"expected {kind.value}, got {type(value).__name__} {self._shown(value)}")

        if kind is Kind.INT:
            if isinstance(value, bool) or not isinstance(value, int):
                raise wrong()
            return value
        if kind is Kind.FLOAT:
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise wrong()
            if not math.isfinite(value):
                raise self.invalid(where, f"{value!r} is not a finite number")
            return float(value)
        if kind is Kind.BOOL:
            if not isinstance(value, bool):
                raise wrong()
            return value
        if kind is Kind.PATH:
            if value is None:
                return None
            if not isinstance(value, str | PurePath):
                raise wrong()
            text = str(value)
            if text == "":
                return None
            if _has_control_chars(text):
                raise self.invalid(where, "path contains control characters")
            return Path(text)
        if kind is Kind.STR_LIST:
            if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
                raise wrong()
            if any(_has_control_chars(v) for v in value):
                raise self.invalid(where, "list item contains control characters")
            return tuple(value)
        # STR, CHOICE, URL, SECRET: text
        if not isinstance(value, str):
            raise wrong()
        if kind is Kind.CHOICE and value not in self.choices:
            raise self.invalid(where, f"{value!r} is not one of {', '.join(self.choices)}")
        if kind is Kind.URL and value:
            _check_url(self, value, where)
        return value

    def _check_limits(self, value: Any, where: str) -> None:
        if self.kind not in (Kind.INT, Kind.FLOAT):
            return
        shown = self._shown(value)
        if self.minimum is not None and value < self.minimum:
            raise self.invalid(where, f"{shown} is below the minimum {_num(self.minimum)}")
        if self.maximum is not None and value > self.maximum:
            raise self.invalid(where, f"{shown} is above the maximum {_num(self.maximum)}")


def _check_url(setting: Setting, value: str, where: str) -> None:
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 -- raises ValueError on a malformed port
    except ValueError as exc:
        raise setting.invalid(where, f"{value!r} is not a URL: {exc}") from exc
    if parts.scheme not in ("http", "https") or not parts.hostname or any(c.isspace() for c in value):
        raise setting.invalid(where, f"{value!r} is not an http(s) URL with a host")


def _has_control_chars(text: str) -> bool:
    return any(ord(c) < 0x20 or ord(c) == 0x7F for c in text)


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)
