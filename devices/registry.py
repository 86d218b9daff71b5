"""Driver registry keyed by the config's ``driver = "..."`` string.

A driver module registers a factory when it is imported::

    register_driver("samv_serial", SamvReader.from_config)

``create_device`` imports the built-in driver modules lazily, so a terminal without a PC/SC stack never
imports pyscard just because the registry exists.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any

from devices.base import MSG_DEVICE_UNAVAILABLE, Device, DeviceError, Listener

DeviceFactory = Callable[[str, Mapping[str, Any], Listener | None], Device]

_FACTORIES: dict[str, DeviceFactory] = {}

# driver name -> module whose import registers it
_BUILTIN_MODULES = {
    "samv_serial": "devices.idcard.reader",
    "samv_simulated": "devices.idcard.simulated",
    "pcsc": "devices.pcsc.reader",
    "pcsc_simulator": "devices.pcsc.simulated",
    "wedge": "devices.scanner.wedge",
    "serial_scanner": "devices.scanner.serial_scanner",
    "camera_scanner": "devices.scanner.camera",
    "qr_simulator": "devices.scanner.simulated",
    "escpos": "devices.printers.escpos_printer",
    "capture": "devices.printers.simulated",
    "cups": "devices.printers.cups_printer",
}


def register_driver(driver: str, factory: DeviceFactory) -> None:
    _FACTORIES[driver] = factory


def driver_names() -> list[str]:
    return sorted(set(_FACTORIES) | set(_BUILTIN_MODULES))


def create_device(name: str, config: Mapping[str, Any], listener: Listener | None = None) -> Device:
    """Build the device described by ``config`` (which must hold ``driver``); it starts CLOSED."""
    driver = str(config.get("driver", ""))
    if driver not in _FACTORIES and driver in _BUILTIN_MODULES:
        importlib.import_module(_BUILTIN_MODULES[driver])
    factory = _FACTORIES.get(driver)
    if factory is None:
        raise DeviceError("DEVICE_UNKNOWN_DRIVER", MSG_DEVICE_UNAVAILABLE,
                          f"device {name!r}: no driver {driver!r}; known: {', '.join(driver_names())}")
    return factory(name, config, listener)
