"""Fixtures for device tests: an event recorder, simulators on a real pty or TCP, and a thread-leak check.

A kiosk runs for weeks, so every test here fails if it leaves a device worker, simulator or manager
thread behind.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator

import pytest

from devices.base import DeviceEvent
from devices.idcard.simcards import SimCard, load_cards
from devices.idcard.simulator import SamvSimulator

_OUR_THREADS = ("device-", "samv-sim-")


class EventRecorder:
    """A listener that keeps every event and lets a test wait (bounded) for one."""

    def __init__(self) -> None:
        self.events: list[DeviceEvent] = []
        self._cond = threading.Condition()

    def __call__(self, event: DeviceEvent) -> None:
        with self._cond:
            self.events.append(event)
            self._cond.notify_all()

    def of(self, kind: type, **attrs: object) -> list:
        with self._cond:
            return [e for e in self.events if isinstance(e, kind)
                    and all(getattr(e, k) == v for k, v in attrs.items())]

    def wait_for(self, kind: type, timeout: float = 5.0, count: int = 1, **attrs: object) -> list:
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                found = [e for e in self.events if isinstance(e, kind)
                         and all(getattr(e, k) == v for k, v in attrs.items())]
                if len(found) >= count:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    names = [type(e).__name__ + ":" + str(getattr(e, "code", getattr(e, "health", "")))
                             for e in self.events]
                    raise AssertionError(f"no {count} x {kind.__name__} {attrs} within {timeout} s; got {names}")
                self._cond.wait(left)

    def codes(self) -> list[str]:
        with self._cond:
            return [e.code for e in self.events if hasattr(e, "code")]

    def clear(self) -> None:
        with self._cond:
            self.events.clear()


@pytest.fixture
def recorder() -> EventRecorder:
    return EventRecorder()


@pytest.fixture(scope="session")
def cards() -> dict[str, SimCard]:
    return load_cards()


@pytest.fixture
def start_sim() -> Iterator[Callable[..., tuple[SamvSimulator, str]]]:
    """``start_sim("pty" | "tcp", link=None, seed=...)`` -> (simulator, reader URL); stopped after the test.

    ``link`` gives the pty a stable symlink, so a reader can reopen the same path after ``replug()``.
    """
    started: list[SamvSimulator] = []

    def start(transport: str, link: str | None = None, **kwargs: object) -> tuple[SamvSimulator, str]:
        sim = SamvSimulator(**kwargs)  # type: ignore[arg-type]
        started.append(sim)
        url = sim.start_pty(link=link) if transport == "pty" else sim.start_tcp("127.0.0.1", 0)
        return sim, url

    yield start
    for sim in started:
        sim.stop()


@pytest.fixture(autouse=True)
def no_leaked_device_threads() -> Iterator[None]:
    before = set(threading.enumerate())
    yield
    deadline = time.monotonic() + 3.0
    while True:
        leaked = [t.name for t in threading.enumerate()
                  if t not in before and t.is_alive() and t.name.startswith(_OUR_THREADS)]
        if not leaked or time.monotonic() > deadline:
            break
        time.sleep(0.02)
    assert not leaked, f"threads left behind: {leaked}"
