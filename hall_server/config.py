"""The hall server's configuration: services, counters, terminal tokens and the priority policy.

One TOML or JSON file (``--config``), or the built-in demo default. Everything is checked at load time
so a typo stops the server with a readable message instead of surprising a clerk at 9 am.

A token names one terminal and its role. ``counter_id`` ties a counter terminal to its own window;
``reserved_numbers`` gives a kiosk its offline number range (degraded mode: the kiosk issues numbers
from that range while the server is unreachable and reports them when it returns). Server-issued numbers
stay below ``max_number`` so the two never meet.
"""

from __future__ import annotations

import json
import re
import tomllib
from enum import StrEnum
from functools import cached_property
from itertools import pairwise
from pathlib import Path
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from core.errors import ConfigError
from core.queueing.codes import Priority, Role

_CODE = r"^[a-z][a-z0-9_]{0,31}$"
_PREFIX = r"^[A-Z]{1,2}$"
_COUNTER_ID = r"^[A-Za-z0-9_-]{1,16}$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ServiceDef(_Strict):
    code: Annotated[str, Field(pattern=_CODE)]
    prefix: Annotated[str, Field(pattern=_PREFIX)]
    name: Annotated[str, Field(min_length=1, max_length=20)]


class CounterDef(_Strict):
    id: Annotated[str, Field(pattern=_COUNTER_ID)]
    name: Annotated[str, Field(min_length=1, max_length=20)]
    services: tuple[str, ...]


class TokenDef(_Strict):
    token: Annotated[str, Field(min_length=12, max_length=200)]
    role: Role
    terminal_id: Annotated[str, Field(pattern=r"^[A-Za-z0-9_.-]{1,40}$")]
    counter_id: str | None = None
    reserved_numbers: tuple[int, int] | None = None

    @model_validator(mode="after")
    def _fits_role(self) -> TokenDef:
        if self.counter_id is not None and self.role is not Role.COUNTER:
            raise ValueError(f"counter_id only applies to counter tokens ({self.terminal_id})")
        if self.reserved_numbers is not None:
            if self.role is not Role.KIOSK:
                raise ValueError(f"reserved_numbers only applies to kiosk tokens ({self.terminal_id})")
            low, high = self.reserved_numbers
            if not 1 <= low <= high:
                raise ValueError(f"reserved_numbers of {self.terminal_id} must be [low, high] with 1 <= low <= high")
        return self


class PriorityPolicyKind(StrEnum):
    WEIGHTED = "weighted"  # a head start per class; waiting time ages every ticket alike
    RATIO = "ratio"        # per counter: N normal tickets, then one priority ticket if any waits


class PriorityPolicy(_Strict):
    policy: PriorityPolicyKind = PriorityPolicyKind.WEIGHTED
    # Seconds of head start: an elderly ticket issued now ranks like a normal ticket issued 10 minutes
    # ago, so a normal ticket that has waited longer than that still goes first (ageing, no starvation).
    head_start_s: dict[Priority, Annotated[int, Field(ge=0, le=86_400)]] = Field(default_factory=lambda: {
        Priority.ELDERLY: 600, Priority.DISABLED: 600, Priority.APPOINTMENT: 900})
    normal_per_priority: Annotated[int, Field(ge=1, le=100)] = 3

    def head_start_ms(self, priority: Priority) -> int:
        if self.policy is not PriorityPolicyKind.WEIGHTED or priority is Priority.NORMAL:
            return 0
        return self.head_start_s.get(priority, 0) * 1000


class HallConfig(_Strict):
    hall_name: str = "政务服务大厅"
    timezone: str = "Asia/Shanghai"
    service_level_target_s: Annotated[int, Field(ge=60, le=86_400)] = 1200
    default_service_time_s: Annotated[int, Field(ge=10, le=7200)] = 300
    max_number: Annotated[int, Field(ge=9, le=99_999)] = 8999
    priority: PriorityPolicy = Field(default_factory=PriorityPolicy)
    services: tuple[ServiceDef, ...]
    counters: tuple[CounterDef, ...]
    tokens: tuple[TokenDef, ...]

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r}") from None
        return value

    @model_validator(mode="after")
    def _consistent(self) -> HallConfig:
        _unique("service code", [s.code for s in self.services])
        _unique("counter id", [c.id for c in self.counters])
        _unique("token", [t.token for t in self.tokens], show=False)
        _unique("terminal_id", [t.terminal_id for t in self.tokens])
        if not self.services or not self.counters:
            raise ValueError("a hall needs at least one service and one counter")
        codes = {s.code for s in self.services}
        for counter in self.counters:
            unknown = set(counter.services) - codes
            if unknown or not counter.services:
                raise ValueError(f"counter {counter.id} lists unknown or no services: {sorted(unknown)}")
        counters = {c.id for c in self.counters}
        ranges: list[tuple[int, int, str]] = []
        for token in self.tokens:
            if token.counter_id is not None and token.counter_id not in counters:
                raise ValueError(f"token {token.terminal_id} names unknown counter {token.counter_id}")
            if token.reserved_numbers is not None:
                low, high = token.reserved_numbers
                if low <= self.max_number:
                    raise ValueError(f"reserved_numbers of {token.terminal_id} must lie above max_number "
                                     f"({self.max_number}), where the server never issues")
                ranges.append((low, high, token.terminal_id))
        ranges.sort()
        for (_, high, first), (low, _, second) in pairwise(ranges):
            if low <= high:
                raise ValueError(f"reserved_numbers of {first} and {second} overlap")
        return self

    # --- lookups (every request makes several: dicts built once, the model is frozen) ------------------
    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @cached_property
    def _services_by_code(self) -> dict[str, ServiceDef]:
        return {s.code: s for s in self.services}

    @cached_property
    def _counters_by_id(self) -> dict[str, CounterDef]:
        return {c.id: c for c in self.counters}

    @cached_property
    def _serving(self) -> dict[str, tuple[CounterDef, ...]]:
        return {s.code: tuple(c for c in self.counters if s.code in c.services) for s in self.services}

    def service(self, code: str) -> ServiceDef | None:
        return self._services_by_code.get(code)

    def counter(self, counter_id: str) -> CounterDef | None:
        return self._counters_by_id.get(counter_id)

    def counters_serving(self, service_code: str) -> tuple[CounterDef, ...]:
        return self._serving.get(service_code, ())


def _unique(what: str, values: list[str], *, show: bool = True) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise ValueError(f"duplicate {what}" + (f" {value!r}" if show else ""))
        seen.add(value)


DEMO_TOKENS = {Role.KIOSK: "demo-kiosk-token", Role.COUNTER: "demo-counter-token",
               Role.DISPLAY: "demo-display-token", Role.ADMIN: "demo-admin-token"}

_DEMO_SERVICES = (("general", "A", "综合业务"), ("social", "B", "社保医保"), ("property", "C", "不动产"),
                  ("household", "D", "公安户政"), ("tax", "E", "税务"), ("business", "F", "企业开办"))
_DEMO_COUNTERS = (("general", "social"), ("general", "social"), ("social",), ("property",), ("property", "tax"),
                  ("household",), ("tax", "business"), ("general", "business"))


def demo_config() -> HallConfig:
    """Six services (A 综合业务 … F 企业开办), counters 1-8, one well-known token per role (loopback only)."""
    return HallConfig(
        hall_name="演示政务服务大厅",
        services=tuple(ServiceDef(code=c, prefix=p, name=n) for c, p, n in _DEMO_SERVICES),
        counters=tuple(CounterDef(id=str(i), name=f"{i}号窗口", services=s)
                       for i, s in enumerate(_DEMO_COUNTERS, start=1)),
        tokens=(TokenDef(token=DEMO_TOKENS[Role.KIOSK], role=Role.KIOSK, terminal_id="demo-kiosk",
                         reserved_numbers=(9000, 9499)),
                TokenDef(token=DEMO_TOKENS[Role.COUNTER], role=Role.COUNTER, terminal_id="demo-counter"),
                TokenDef(token=DEMO_TOKENS[Role.DISPLAY], role=Role.DISPLAY, terminal_id="demo-display"),
                TokenDef(token=DEMO_TOKENS[Role.ADMIN], role=Role.ADMIN, terminal_id="demo-admin")),
    )


def is_demo(config: HallConfig) -> bool:
    return any(t.token in DEMO_TOKENS.values() for t in config.tokens)


def config_from_mapping(data: dict[str, Any], *, source: str = "config") -> HallConfig:
    try:
        return HallConfig.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or '(top)'}: {_no_secret(e['msg'])}"
                             for e in exc.errors())
        raise ConfigError(f"{source}: {problems}", code="HALL_CONFIG_INVALID",
                          user_message="排队服务的设置有误，请联系现场技术人员。") from None


def load_config(path: Path) -> HallConfig:
    """Read a TOML (``.toml``) or JSON file; ConfigError with the file and the key on any problem."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror})", code="HALL_CONFIG_UNREADABLE") from None
    try:
        data = json.loads(raw) if path.suffix.lower() == ".json" else tomllib.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid {'JSON' if path.suffix == '.json' else 'TOML'}: {exc}",
                          code="HALL_CONFIG_INVALID") from None
    return config_from_mapping(data, source=str(path))


def _no_secret(message: str) -> str:
    # pydantic quotes the offending input in some messages; a token must never reach a log.
    return re.sub(r"input_value=.*", "", message).strip()
