"""The one way to run blocking work off the GUI thread (the shape of Anki's ``QueryOp``).

    runner.run(lambda: store.load_case(case_id), on_success=self.show_case, on_failure=self.show_error)

``fn`` runs on a worker: the executor passed in (a device's single owner thread, the DB worker) or the
runner's own small pool. ``on_success(result)`` or ``on_failure(exc)`` then runs on the GUI thread, through
a queued signal: no nested event loop, no polling, no sleep. If the runner's parent is destroyed first
(the screen was closed), the callbacks are dropped with it, so a late result never touches a dead widget.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot

from core.errors import HalltermError

log = logging.getLogger(__name__)

# Two workers: enough for a catalogue load beside a short lookup; real blocking resources bring their own
# single-thread executor, so this pool never serialises a device behind the catalogue.
DEFAULT_WORKERS = 2

SuccessCallback = Callable[[Any], None]
FailureCallback = Callable[[BaseException], None]


def describe_failure(exc: BaseException) -> str:
    """``CODE: detail`` for the log. Never the exception's repr for a HalltermError (it may be long)."""
    if isinstance(exc, HalltermError):
        return f"{exc.code}: {exc.detail}"
    return f"UNEXPECTED {type(exc).__name__}: {exc}"


class _OwnPool:
    """The runner's lazily created pool, in a plain object so ``destroyed`` can still reach it."""

    def __init__(self, workers: int) -> None:
        self._workers = workers
        self._pool: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()

    def get(self) -> ThreadPoolExecutor:
        # Created on first use: the kiosk's first frame should not pay for threads it may not need yet.
        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=self._workers, thread_name_prefix="hallterm-task")
            return self._pool

    def shutdown(self, *, wait: bool, cancel_pending: bool = True) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=wait, cancel_futures=cancel_pending)


class TaskRunner(QObject):
    """Runs callables on worker threads and delivers their outcome on the GUI thread."""

    _finished = Signal(object)

    def __init__(self, parent: QObject | None = None, *, workers: int = DEFAULT_WORKERS) -> None:
        super().__init__(parent)
        self._pool = _OwnPool(workers)
        self._closed = False
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        # Destroyed with its screen: let the workers finish what they hold and exit, without blocking the GUI.
        pool = self._pool
        self.destroyed.connect(lambda *_: pool.shutdown(wait=False))

    def run(self, fn: Callable[[], Any], *, on_success: SuccessCallback,
            on_failure: FailureCallback | None = None, executor: Executor | None = None) -> Future:
        """Start ``fn`` on ``executor`` (or the runner's pool); callbacks come back on the GUI thread."""
        if self._closed:
            raise RuntimeError("TaskRunner.run() after shutdown()")
        future = (executor or self._pool.get()).submit(fn)
        future.add_done_callback(lambda done: self._post(done, on_success, on_failure))
        return future

    def shutdown(self, *, cancel_pending: bool = True) -> None:
        """Wait for the runner's own pool; results not yet delivered are dropped.

        Executors passed to ``run`` belong to their owners and are left alone.
        """
        self._closed = True
        self._pool.shutdown(wait=True, cancel_pending=cancel_pending)

    def _post(self, future: Future, on_success: SuccessCallback, on_failure: FailureCallback | None) -> None:
        # Runs on the worker thread. The runner may already be gone with its screen: then nobody waits.
        try:
            self._finished.emit((future, on_success, on_failure))
        except RuntimeError:
            log.debug("task finished after its runner was destroyed; result dropped")

    @Slot(object)
    def _deliver(self, payload: tuple[Future, SuccessCallback, FailureCallback | None]) -> None:
        future, on_success, on_failure = payload
        if self._closed or future.cancelled():
            return
        exc = future.exception()
        try:
            if exc is None:
                on_success(future.result())
            elif on_failure is not None:
                on_failure(exc)
            else:
                # Expected failures carry their code; an unexpected one is a bug and needs its traceback.
                trace = None if isinstance(exc, HalltermError) else exc
                log.error("TASK_FAILED %s", describe_failure(exc), exc_info=trace)
        except Exception:
            # A callback that raises is a bug in the screen; log it instead of letting Qt swallow it.
            log.exception("TASK_CALLBACK_FAILED")
