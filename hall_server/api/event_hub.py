"""The event streams' shared reader: each announcement is read from the database and rendered ONCE per
server process, however many terminals follow ``/v1/events``.

A hall has a stream per counter client and per display (50-odd). Without this hub, every committed
change woke every stream and each one read the announcements table and rendered the same JSON frame
again: 50 reads and renders per change, more CPU than the change itself. Here one pump task per event
loop waits on the ``ChangeFeed``, reads what is new once (``HallService.announcements_since``, the
same source of truth as before), renders the frames once, keeps the most recent ones in memory and
wakes the streams, which only slice that list.

Writers never wait on subscribers: a commit only wakes the pump (``ChangeFeed.notify``: one
thread-safe call per process). A slow subscriber only delays its own socket; if it falls behind what
the hub keeps, or asks for a version the hub does not hold, it reads from the database by itself,
exactly as every stream did before (including the ``resync`` answers).
"""

from __future__ import annotations

import asyncio
import json
import logging
from bisect import bisect_right
from collections.abc import AsyncIterator
from typing import Any

from starlette.concurrency import run_in_threadpool

from core.queueing.codes import AnnouncementKind
from hall_server.service import HallService
from hall_server.views import announcement_view

log = logging.getLogger(__name__)
KEEP = 2048          # frames kept in memory (a few minutes of a busy hall)
POLL_S = 2.0         # re-read even without a wake-up: covers a writer in another process on SQLite
# After a wake-up, let the changes of the next few milliseconds join the same read: under load (50
# counters calling at once) one read and one write per stream then carries many announcements instead
# of one each. A display speaking 10 ms later is not noticeable; the streams' CPU cost halves and more.
COALESCE_S = 0.01
RETRY_S = 1.0


def frame(event: str, data: dict[str, Any], event_id: int | None = None) -> str:
    head = f"id: {event_id}\n" if event_id is not None else ""
    return f"{head}event: {event}\ndata: {json.dumps(data, ensure_ascii=False, separators=(',', ':'))}\n\n"


class EventHub:
    def __init__(self, service: HallService) -> None:
        self._service = service
        self._versions: list[int] = []
        self._frames: list[str] = []
        self._version = -1       # the buffer holds every announcement in (base, version]; -1: not started
        self._base = -1
        self._tick: asyncio.Future[None] | None = None
        self._task: asyncio.Task[None] | None = None

    # --- the pump (one task per event loop, started with the app) --------------------------------
    def start(self) -> None:
        self._tick = asyncio.get_running_loop().create_future()
        self._task = asyncio.create_task(self._pump(), name="hall-event-hub")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        self._wake()

    async def _pump(self) -> None:
        service = self._service
        while not service.feed.closed:
            try:
                if self._version < 0:
                    self._version = self._base = await run_in_threadpool(service.current_version)
                    self._wake()
                if await service.feed.wait_beyond(self._version, POLL_S):
                    await asyncio.sleep(COALESCE_S)
                if service.feed.closed:
                    break
                await self._read_new()
            except asyncio.CancelledError:
                raise
            except Exception:  # the database hiccuped: the streams fall back to their own reads meanwhile
                log.warning("HALL_EVENT_HUB_READ_FAILED", exc_info=True)
                await asyncio.sleep(RETRY_S)
        self._wake()

    async def _read_new(self) -> None:
        while True:
            batch = await run_in_threadpool(self._service.announcements_since, self._version)
            if batch.resync:  # the day reset dropped rows, or another database: start over from here
                self._versions, self._frames = [], []
                self._version = self._base = batch.version
                self._wake()
                return
            if not batch.rows:
                return
            clock = self._service.clock
            for row in batch.rows:
                if row["kind"] == AnnouncementKind.DAY_RESET.value:  # yesterday's rows are gone from the table
                    self._versions, self._frames = [], []
                    self._base = row["version"] - 1
                self._versions.append(row["version"])
                self._frames.append(frame(row["kind"], announcement_view(row, clock), row["version"]))
            self._version = batch.rows[-1]["version"]
            if len(self._versions) > 2 * KEEP:
                drop = len(self._versions) - KEEP
                self._base = self._versions[drop - 1]
                del self._versions[:drop], self._frames[:drop]
            self._wake()

    def _wake(self) -> None:
        if self._tick is not None and not self._tick.done():
            self._tick.set_result(None)
            self._tick = asyncio.get_running_loop().create_future()

    # --- the streams -------------------------------------------------------------------------------
    def _after(self, last: int) -> tuple[str, int] | None:
        """(frames after ``last``, new last) from memory; ("", last) when nothing is new; None when the
        hub cannot answer for ``last`` (older than it keeps, newer than it has read, or not started)."""
        if self._version < 0 or not self._base <= last <= self._version:
            return None
        if last == self._version:
            return "", last
        start = bisect_right(self._versions, last)
        return "".join(self._frames[start:]), self._version

    async def _wait_beyond(self, last: int, timeout: float) -> bool:
        """True when the hub holds something after ``last`` (or the server is closing); False on timeout."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while self._version <= last and not self._service.feed.closed:
            if self._tick is None:  # the pump never started (no lifespan): fall back to the feed itself
                return await self._service.feed.wait_beyond(last, timeout)
            done, _ = await asyncio.wait({self._tick}, timeout=max(0.0, deadline - loop.time()))
            if not done:
                return False
        return True

    async def stream(self, last: int, heartbeat_s: float) -> AsyncIterator[str]:
        service = self._service
        yield f"retry: 2000\n\n{frame('hello', {'version': last})}"
        # The first read replays from the table itself: the pump may not have read a day reset yet, and
        # a client from before it must hear "resync", not yesterday's frames.
        from_database = True
        while not service.feed.closed:
            if from_database or self._version < 0 or last < self._base:
                from_database = False
                batch = await run_in_threadpool(service.announcements_since, last)
                if batch.resync:
                    last = batch.version
                    yield frame("resync", {"version": batch.version})
                    continue
                if batch.rows:
                    last = batch.rows[-1]["version"]
                    yield "".join(frame(row["kind"], announcement_view(row, service.clock), row["version"])
                                  for row in batch.rows)
                    continue
            else:
                found = self._after(last)  # None: this stream is ahead of the pump for a moment; wait for it
                if found is not None and found[0]:
                    text, last = found
                    yield text
                    continue
            if not await self._wait_beyond(last, heartbeat_s) and not service.feed.closed:
                yield ": keepalive\n\n"
