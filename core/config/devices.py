"""The ``[devices]`` table: named devices, each a driver name plus flat parameters.

    [devices.idcard]
    driver = "samv_serial"
    port = "/dev/ttyUSB0"
    baud = 115200

Only the shape is checked here (a ``driver`` string, scalar parameters, a sane name). What parameters a
driver takes is the device layer's business: it looks the driver up in its registry by the ``driver``
string and validates the rest, so ``core`` never needs to know the drivers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from core.config.declaration import REDACTED
from core.errors import ConfigError

DeviceParams = dict[str, str | int | float | bool]

_NAME = re.compile(r"^[a-z][a-z0-9_]{0,31}$")
# Parameter names that may hold a credential (a network printer's password, a camera's token). Driver
# parameters are not declared, so diagnostics redact by name.
_SECRET_PARAM = re.compile(r"(password|passwd|secret|token|pin|key)$", re.IGNORECASE)

# What --demo runs on: every device is a simulator or a capture, so the whole loop works on a laptop.
DEMO_DEVICES: Mapping[str, Mapping[str, Any]] = MappingProxyType({
    "idcard": MappingProxyType({"driver": "samv_simulated"}),
    "receipt_printer": MappingProxyType({"driver": "capture", "paper_width_mm": 80}),
    "a4_printer": MappingProxyType({"driver": "capture"}),
    "qr_scanner": MappingProxyType({"driver": "qr_simulator"}),
    "staff_card": MappingProxyType({"driver": "pcsc_simulator"}),
})


def check_device(name: Any, params: Any, *, where: str) -> DeviceParams:
    """Return a plain copy of one device's table, or raise ConfigError CFG_VALUE_INVALID."""
    key = f"devices.{name}"
    if not isinstance(name, str) or not _NAME.match(name):
        raise _invalid(where, key, "device name must be 1-32 lower-case letters, digits or '_', starting with a letter")
    if not isinstance(params, Mapping):
        raise _invalid(where, key, f"expected a table like [devices.{name}], got {type(params).__name__}")
    driver = params.get("driver")
    if not isinstance(driver, str) or not driver.strip():
        raise _invalid(where, key, 'needs a non-empty string "driver" (e.g. driver = "samv_serial")')
    out: DeviceParams = {}
    for param, value in params.items():
        if not isinstance(value, str | int | float | bool):
            raise _invalid(where, f"{key}.{param}",
                           f"device parameters must be text, numbers or true/false, got {type(value).__name__}")
        out[str(param)] = value
    return out


def check_devices(table: Any, *, where: Callable[[str], str]) -> dict[str, DeviceParams]:
    """Check the whole ``[devices]`` table; ``where(key)`` names the file and line of a key."""
    if not isinstance(table, Mapping):
        raise _invalid(where("devices"), "devices", f"expected a table of devices, got {type(table).__name__}")
    return {name: check_device(name, params, where=where(f"devices.{name}")) for name, params in table.items()}


def redacted_params(params: Mapping[str, Any]) -> dict[str, Any]:
    return {k: (REDACTED if _SECRET_PARAM.search(k) and v not in ("", None) else v) for k, v in params.items()}


def _invalid(where: str, key: str, reason: str) -> ConfigError:
    return ConfigError(f"{where}: {key}: {reason}", code="CFG_VALUE_INVALID",
                       user_message="设备设置有误，请在技术维护界面检查设备配置。")
