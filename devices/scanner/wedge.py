"""Keyboard-wedge scanners: telling a scanner's keystrokes from a person's, and the ``wedge`` driver.

A wedge scanner is a USB keyboard as far as the computer knows: it "types" the code and presses Enter.
The only difference from a person is speed. Scanners send a key every 5-30 ms; people, even fast
typists, leave 80 ms or more between keys. :class:`WedgeDetector` is pure logic over ``(char, time)``:

* keys that follow each other within ``max_gap`` are held as a possible burst;
* a terminator (Enter, or Tab for scanners set up that way) that ends a burst of at least ``min_length``
  characters, with the configured ``prefix``/``suffix`` around it, is a scanned code;
* anything else (a gap longer than ``max_gap``, a short burst, a missing prefix) is handed back as
  pass-through text, in order and unchanged, for the UI to deliver to the focused field.

A held key is handed back as soon as the next key shows it was typed by hand, or when ``flush(now)``
finds it older than ``max_gap``: the UI calls ``flush`` from a timer, so a person's last key shows up
at most ``max_gap`` plus one timer period late.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from devices.base import DeviceError, Listener
from devices.registry import register_driver
from devices.scanner.code import MSG_SCANNER_FAULT
from devices.scanner.device import ScannerDevice

ENTER = "\r\n"  # Qt maps Return and Enter to "\r"; a wedge on some systems sends "\n"


@dataclass(frozen=True)
class Scanned:
    """A complete code, prefix, suffix and terminator removed."""

    text: str


@dataclass(frozen=True)
class PassThrough:
    """Keys a person typed, to be delivered to the focused field as they were."""

    text: str


WedgeOutput = Scanned | PassThrough


class WedgeDetector:
    def __init__(self, *, max_gap: float = 0.05, min_length: int = 4, prefix: str = "", suffix: str = "",
                 terminators: str = ENTER, max_length: int = 4096):
        if not terminators:
            raise ValueError("a wedge detector needs at least one terminator")
        if min_length < 1 or max_gap <= 0:
            raise ValueError("min_length must be >= 1 and max_gap > 0")
        self.max_gap = max_gap
        self.min_length = min_length
        self.prefix = prefix
        self.suffix = suffix
        self.terminators = terminators
        self.max_length = max_length
        self._held: list[str] = []
        self._last = 0.0

    @property
    def held(self) -> str:
        """Keys held back as a possible burst (not yet delivered either way)."""
        return "".join(self._held)

    def feed(self, char: str, t: float) -> list[WedgeOutput]:
        """One key (``char``, usually one character) typed at time ``t`` (seconds, monotonic)."""
        if not char:
            return []  # a modifier key (scanners press Shift for capitals): no text, no timing of its own
        out: list[WedgeOutput] = []
        if self._held and t - self._last > self.max_gap:
            out.append(PassThrough(self._release()))  # the burst broke: a person typed these
        if char in self.terminators:
            if self._held:
                burst = self._release()
                code = self._code(burst)
                out.append(Scanned(code) if code is not None else PassThrough(burst + char))
            else:
                out.append(PassThrough(char))
            return _merged(out)
        self._held.append(char)
        self._last = t
        if len(self._held) > self.max_length:
            out.append(PassThrough(self._release()))  # nothing a scanner sends is this long
        return _merged(out)

    def flush(self, now: float) -> list[WedgeOutput]:
        """Hand back held keys once no burst can continue them (call from a timer, and on focus change)."""
        if self._held and now - self._last > self.max_gap:
            return [PassThrough(self._release())]
        return []

    def _release(self) -> str:
        text = "".join(self._held)
        self._held.clear()
        return text

    def _code(self, burst: str) -> str | None:
        if not (burst.startswith(self.prefix) and burst.endswith(self.suffix)):
            return None
        code = burst[len(self.prefix):len(burst) - len(self.suffix)]
        return code if len(code) >= self.min_length else None


def _merged(out: list[WedgeOutput]) -> list[WedgeOutput]:
    merged: list[WedgeOutput] = []
    for item in out:
        if merged and isinstance(item, PassThrough) and isinstance(merged[-1], PassThrough):
            merged[-1] = PassThrough(merged[-1].text + item.text)
        else:
            merged.append(item)
    return merged


class WedgeScanner(ScannerDevice):
    """``driver = "wedge"``: the UI's key filter feeds every key; codes become data events.

    ``feed`` and ``flush`` return the pass-through text for the UI to deliver. While the device is not
    enabled every key passes straight through (nothing is held back from the person at the keyboard).
    Config: ``max_gap_ms`` (50), ``min_length`` (4), ``prefix``, ``suffix``, ``tab_terminates`` (false).
    """

    source = "wedge"

    def __init__(self, name: str, *, listener: Listener | None = None, detector: WedgeDetector | None = None):
        super().__init__(name, listener)
        self.detector = detector or WedgeDetector()
        self._lock = threading.Lock()  # feed (key filter) and flush (timer) may come from different places

    @classmethod
    def from_config(cls, name: str, config: Mapping[str, Any], listener: Listener | None = None) -> WedgeScanner:
        try:
            terminators = ENTER + ("\t" if config.get("tab_terminates", False) else "")
            detector = WedgeDetector(max_gap=int(config.get("max_gap_ms", 50)) / 1000,
                                     min_length=int(config.get("min_length", 4)),
                                     prefix=str(config.get("prefix", "")), suffix=str(config.get("suffix", "")),
                                     terminators=terminators)
        except (TypeError, ValueError) as exc:
            raise DeviceError("DEVICE_CONFIG_INVALID", MSG_SCANNER_FAULT, f"device {name!r}: {exc}") from exc
        return cls(name, listener=listener, detector=detector)

    def feed(self, char: str, t: float | None = None) -> list[str]:
        """One key from the UI; returns the text to deliver to the focused field now (maybe none)."""
        if not self.enabled:
            with self._lock:  # keys held from before the disable go first, to keep the order
                held = "".join(item.text for item in self.detector.flush(float("inf")))
            return [held + char]
        with self._lock:
            outputs = self.detector.feed(char, time.monotonic() if t is None else t)
        return self._deliver(outputs)

    def flush(self, now: float | None = None) -> list[str]:
        with self._lock:
            outputs = self.detector.flush(time.monotonic() if now is None else now)
        return self._deliver(outputs)

    def _deliver(self, outputs: list[WedgeOutput]) -> list[str]:
        typed: list[str] = []
        for item in outputs:
            if isinstance(item, Scanned):
                text = item.text
                self._later(lambda text=text: self._publish(text))
            else:
                typed.append(item.text)
        return typed


register_driver("wedge", WedgeScanner.from_config)
