"""Qt test guards for tests/ui: a kiosk runs for weeks, so a test that leaks fails.

After each test (and after pytest-qt has closed the widgets given to ``qtbot.addWidget``), these autouse
fixtures fail the test if it left behind

* a running non-daemon thread it started (``threading``),
* an active QTimer it started (napari's approach: ``QTimer.start`` and ``QTimer.singleShot`` are wrapped
  for the test, and every timer started through them must be inactive at the end),
* a visible top-level widget.

Each leak is cleaned up before failing, so one leaking test does not fail the next one as well. The
session's QApplication is dressed with ``create_application`` and put back to Chinese, normal theme
after every test.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import QObject, Qt, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication

from core.events import EventBus
from ui_common.app import create_application
from ui_common.context import AppContext
from ui_common.i18n import install_language
from ui_common.theme import apply_theme


class DictSettings:
    """A small stand-in for core.config.Settings: ``get(key, default)`` and an optional ``devices`` table."""

    def __init__(self, values: dict[str, Any] | None = None, devices: dict[str, dict[str, Any]] | None = None):
        self.values = {"terminal.hall_name": "长沙市芙蓉区政务服务中心", "terminal.id": "K01", **(values or {})}
        if devices is not None:
            self.devices = devices

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)


@pytest.fixture(autouse=True)
def hallterm_app(qapp: QApplication) -> Iterator[QApplication]:
    app = create_application([])
    yield app
    install_language(app, "zh_CN")
    apply_theme(app, False)


@pytest.fixture
def make_ctx() -> Callable[..., AppContext]:
    """A real context: a real EventBus and a small settings object."""

    def make(mode: str = "kiosk", *, language: str = "zh_CN", elderly: bool = False,
             settings: Any = None, **values: Any) -> AppContext:
        return AppContext(mode=mode, demo=True, language=language, elderly=elderly, bus=EventBus(),
                          settings=settings if settings is not None else DictSettings(values), paths=None)

    return make


@pytest.fixture(autouse=True)
def no_leaked_threads() -> Iterator[None]:
    before = set(threading.enumerate())
    yield
    leaked = [t for t in threading.enumerate() if t not in before and t.is_alive() and not t.daemon]
    pool = QThreadPool.globalInstance()
    busy_qt_pool = pool.activeThreadCount()
    if busy_qt_pool:
        pool.waitForDone(2000)
    if leaked or busy_qt_pool:
        names = ", ".join(t.name for t in leaked)
        pytest.fail(f"test left running threads behind: {names or ''} (QThreadPool active: {busy_qt_pool})")


def _is_active(timer: QTimer) -> bool:
    try:
        return timer.isActive()
    except RuntimeError:  # its C++ object was deleted with its parent: not running
        return False


@pytest.fixture(autouse=True)
def no_active_timers(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    started: list[QTimer] = []
    original_start = QTimer.start

    def start(self: QTimer, *args: Any) -> None:
        started.append(self)
        original_start(self, *args)

    def single_shot(msec: int, *args: Any) -> None:
        rest = list(args)
        timer_type = rest.pop(0) if rest and isinstance(rest[0], Qt.TimerType) else None
        receiver, slot = (None, rest[0]) if len(rest) == 1 else (rest[0], rest[1])
        # Parented to the receiver, as Qt's own singleShot is bound to it: it dies with the receiver.
        timer = QTimer(receiver if isinstance(receiver, QObject) else None)
        timer.setSingleShot(True)
        if timer_type is not None:
            timer.setTimerType(timer_type)
        if isinstance(slot, str):  # SLOT("quit()") is "1quit()"
            slot = getattr(receiver, slot.lstrip("0123456789").split("(")[0])
        timer.timeout.connect(slot)
        started.append(timer)
        original_start(timer, msec)

    monkeypatch.setattr(QTimer, "start", start)
    monkeypatch.setattr(QTimer, "singleShot", staticmethod(single_shot))
    yield
    active = [t for t in started if _is_active(t)]
    for timer in active:
        timer.stop()
    if active:
        described = ", ".join(f"{t.objectName() or type(t).__name__}(interval={t.interval()}ms)" for t in active)
        pytest.fail(f"test left {len(active)} active QTimer(s) behind: {described}")


@pytest.fixture(autouse=True)
def no_visible_windows(qapp: QApplication) -> Iterator[None]:
    yield
    visible = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    for widget in visible:
        widget.close()
    if visible:
        names = ", ".join(type(w).__name__ for w in visible)
        pytest.fail(f"test left visible top-level widgets behind: {names}")
