"""Wakes the event streams when the hall's version moves.

Writers call ``notify(version)`` after their commit (from a worker thread); each Server-Sent Events
stream awaits ``wait_beyond(version)`` on the event loop. The feed carries no data, only "look again":
the stream then reads the announcements table, which is the single source of what happened. On
PostgreSQL the backend's LISTEN thread also calls ``notify`` for commits made by other instances.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading


def _wake(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


class ChangeFeed:
    def __init__(self, version: int = 0) -> None:
        self._lock = threading.Lock()
        self._version = version
        self._closed = False
        self._waiters: set[tuple[asyncio.AbstractEventLoop, asyncio.Future[None]]] = set()

    @property
    def version(self) -> int:
        return self._version

    @property
    def closed(self) -> bool:
        return self._closed

    def notify(self, version: int) -> None:
        with self._lock:
            if version <= self._version:
                return
            self._version = version
            waiters = list(self._waiters)
        self._wake_all(waiters)

    def close(self) -> None:
        """End every stream (server shutdown): waiting streams return at once and see ``closed``."""
        with self._lock:
            self._closed = True
            waiters = list(self._waiters)
        self._wake_all(waiters)

    async def wait_beyond(self, version: int, timeout: float) -> bool:
        """True when the hall is past ``version`` (or closing); False after ``timeout`` seconds."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[None] = loop.create_future()
        entry = (loop, future)
        with self._lock:
            if self._closed or self._version > version:
                return True
            self._waiters.add(entry)
        try:
            await asyncio.wait_for(future, timeout)
            return True
        except TimeoutError:
            return False
        finally:
            with self._lock:
                self._waiters.discard(entry)

    @staticmethod
    def _wake_all(waiters: list[tuple[asyncio.AbstractEventLoop, asyncio.Future[None]]]) -> None:
        for loop, future in waiters:
            with contextlib.suppress(RuntimeError):  # that loop has already closed
                loop.call_soon_threadsafe(_wake, future)
