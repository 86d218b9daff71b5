"""TaskRunner: work on a worker thread, outcome on the GUI thread, errors keep their codes."""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QWidget
from shiboken6 import isValid

from core.errors import StorageError
from ui_common.tasks import TaskRunner


@pytest.fixture
def runner():
    runner = TaskRunner()
    yield runner
    runner.shutdown()


def on_gui_thread() -> bool:
    return QThread.currentThread() == QApplication.instance().thread()


def test_success_is_delivered_on_the_gui_thread(qtbot, runner):
    worker_names, results = [], []

    def work():
        worker_names.append(threading.current_thread().name)
        return 42

    runner.run(work, on_success=lambda value: results.append((value, on_gui_thread())))
    qtbot.waitUntil(lambda: bool(results))
    assert results == [(42, True)]
    assert worker_names[0].startswith("hallterm-task")


def test_failure_is_delivered_on_the_gui_thread_and_keeps_its_code(qtbot, runner):
    failures = []

    def work():
        raise StorageError("database is locked", code="STORE_LOCKED")

    runner.run(work, on_success=lambda _: pytest.fail("must not succeed"),
               on_failure=lambda exc: failures.append((exc, on_gui_thread())))
    qtbot.waitUntil(lambda: bool(failures))
    exc, gui = failures[0]
    assert gui
    assert isinstance(exc, StorageError)
    assert exc.code == "STORE_LOCKED"
    assert exc.user_message == StorageError.user_message


def test_failure_without_a_handler_is_logged_with_its_code(qtbot, runner, caplog):
    caplog.set_level(logging.ERROR, logger="ui_common.tasks")
    def work():
        raise StorageError("disk full", code="STORE_FULL")

    future = runner.run(work, on_success=lambda _: None)
    future.exception(timeout=5)
    qtbot.waitUntil(lambda: any("TASK_FAILED" in r.getMessage() for r in caplog.records))
    message = next(r.getMessage() for r in caplog.records if "TASK_FAILED" in r.getMessage())
    assert "STORE_FULL" in message
    assert "disk full" in message


def test_a_given_executor_runs_the_work(qtbot, runner):
    device_owner = ThreadPoolExecutor(max_workers=1, thread_name_prefix="idcard-owner")
    names = []
    try:
        runner.run(lambda: threading.current_thread().name, on_success=names.append, executor=device_owner)
        qtbot.waitUntil(lambda: bool(names))
    finally:
        device_owner.shutdown(wait=True)
    assert names[0].startswith("idcard-owner")


def test_results_after_shutdown_are_dropped_and_run_is_refused(qtbot):
    runner = TaskRunner()
    release = threading.Event()
    results = []
    runner.run(lambda: release.wait(5), on_success=results.append)
    release.set()
    runner.shutdown()  # waits for its own pool
    qtbot.wait(20)
    assert results == []
    with pytest.raises(RuntimeError):
        runner.run(lambda: 1, on_success=results.append)


def test_a_runner_destroyed_with_its_screen_drops_callbacks_and_lets_its_workers_go(qtbot):
    screen = QWidget()
    runner = TaskRunner(screen)
    release = threading.Event()
    results = []
    worker = []
    future = runner.run(lambda: worker.append(threading.current_thread()) or release.wait(5),
                        on_success=results.append)
    screen.deleteLater()
    qtbot.waitUntil(lambda: not isValid(runner))
    release.set()
    future.result(timeout=5)
    worker[0].join(timeout=5)  # the pool was shut down on destroyed: its thread exits by itself
    assert not worker[0].is_alive()
    qtbot.wait(20)
    assert results == []
