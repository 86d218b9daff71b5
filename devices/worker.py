"""One thread per device, owning its port (Electrum's habit: "hidapi is not thread-safe", nor is a tty).

A :class:`DeviceWorker` runs submitted calls one after another and, between them, an optional periodic
``tick`` (the reader's polling step). Every wait is bounded: the queue wait is the time until the next
tick, and ``stop()`` wakes the thread at once. A tick that talks to the hardware should check
``stopping`` between its own bounded reads so that shutdown never waits for more than one read timeout.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

from devices.base import MSG_DEVICE_UNAVAILABLE, Device, DeviceError

log = logging.getLogger(__name__)

T = TypeVar("T")
_STOP = object()


class DeviceWorker:
    """A single-thread executor with an optional periodic tick."""

    def __init__(self, name: str):
        self.name = name
        self._queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._stopping = threading.Event()
        self._tick: Callable[[], None] | None = None
        self._interval = 0.0
        self._thread = threading.Thread(target=self._run, name=f"device-{name}", daemon=True)
        self._started = False

    @property
    def stopping(self) -> bool:
        return self._stopping.is_set()

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()

    def start(self) -> None:
        if not self._started:
            self._started = True
            self._thread.start()

    def in_worker(self) -> bool:
        return threading.current_thread() is self._thread

    def submit(self, fn: Callable[[], T]) -> Future[T]:
        future: Future[T] = Future()
        if self._stopping.is_set() or not self._started:
            future.set_exception(RuntimeError(f"worker {self.name} is not running"))
            return future
        self._queue.put((fn, future))
        return future

    def call(self, fn: Callable[[], T], timeout: float) -> T:
        """Run ``fn`` on the worker and wait at most ``timeout`` seconds for its result (or exception)."""
        if self.in_worker():
            return fn()
        return self.submit(fn).result(timeout=timeout)

    def set_tick(self, tick: Callable[[], None] | None, interval: float = 0.1) -> None:
        """Install (or remove, with ``None``) the periodic step. Takes effect on the worker's next turn."""
        def install() -> None:
            self._tick, self._interval = tick, interval
        if self.in_worker() or not self._started:
            install()
        else:
            self._queue.put((install, None))

    def stop(self, timeout: float = 2.0) -> bool:
        """Ask the thread to finish and wait for it; returns False if it is still running after ``timeout``."""
        self._stopping.set()
        if not self._started:
            return True
        self._queue.put(_STOP)
        if not self.in_worker():
            self._thread.join(timeout)
        return not self._thread.is_alive()

    def _run(self) -> None:
        next_tick = time.monotonic()
        while True:
            timeout = None
            if self._tick is not None:
                timeout = max(0.0, next_tick - time.monotonic())
            try:
                item = self._queue.get(timeout=timeout)
            except queue.Empty:
                item = None
            if item is _STOP:
                break
            if item is not None:
                fn, future = item
                self._run_call(fn, future)
                continue
            tick = self._tick
            if tick is None:
                continue
            try:
                tick()
            except Exception:
                # The tick reports expected failures itself; anything reaching here is a bug, but the
                # device must keep its thread (a kiosk runs for weeks).
                log.exception("DEVICE_TICK_FAILED: %s", self.name)
            next_tick = time.monotonic() + self._interval
        self._drain()

    @staticmethod
    def _run_call(fn: Callable[[], Any], future: Future[Any] | None) -> None:
        if future is not None and not future.set_running_or_notify_cancel():
            return
        try:
            result = fn()
        except BaseException as exc:
            if future is None:
                log.exception("DEVICE_CALL_FAILED")
            else:
                future.set_exception(exc)
        else:
            if future is not None:
                future.set_result(result)

    def _drain(self) -> None:
        """Fail the calls still queued so that nobody waits on a worker that has gone."""
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                return
            if item is not _STOP and item[1] is not None:
                item[1].set_exception(RuntimeError(f"worker {self.name} stopped"))


class WorkerDevice(Device):
    """A device whose port belongs to one ``DeviceWorker`` thread (DESIGN "Threading": one owner per device).

    Lifecycle calls from any thread run on that worker and wait a bounded ``worker_timeout``; a worker still
    busy after it gives ``DEVICE_TIMEOUT`` with the family's citizen-safe ``fault_message``.
    """

    fault_message: str = MSG_DEVICE_UNAVAILABLE
    _worker: DeviceWorker | None = None

    @property
    def worker_timeout(self) -> float:
        return 10.0

    def _do_open(self) -> None:
        self._worker = DeviceWorker(self.name)
        self._worker.start()

    def _do_close(self) -> None:
        worker, self._worker = self._worker, None
        if worker is not None and not worker.stop(timeout=self.worker_timeout):
            log.error("DEVICE_THREAD_STUCK: %s worker did not stop", self.name)

    def _on_worker(self, fn: Callable[[], T]) -> T:
        """Run ``fn`` on the device's thread and return its result, waiting at most ``worker_timeout``."""
        worker = self._worker
        if worker is None:
            raise DeviceError("DEVICE_ILLEGAL_STATE", self.fault_message, f"{self.name}: not open")
        try:
            return worker.call(fn, timeout=self.worker_timeout)
        except TimeoutError as exc:
            raise DeviceError("DEVICE_TIMEOUT", self.fault_message,
                              f"{self.name}: worker busy for more than {self.worker_timeout:.1f} s") from exc
