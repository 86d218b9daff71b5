"""``HallService``: the queue's operations as the API calls them, each one transaction.

It adds what every operation shares: the business day (rolled over first when it changed), the
clock, waking the event streams after a commit, and turning a unique-index refusal that lost a race
into the same answer the loser would have had a moment later. Results are JSON-ready dicts
(``hall_server.views``); failures are ``HallServerError`` with a stable code.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any, TypeVar

from anyio import to_thread

from hall_server import counters as desk
from hall_server import day as day_rules
from hall_server import journal, snapshot, stats, tickets
from hall_server.clock import HallClock
from hall_server.config import HallConfig, TokenDef
from hall_server.context import Hall
from hall_server.counters import CounterAction, counter_or_refuse
from hall_server.db import Backend, Tx
from hall_server.db.base import VersionRef, resolve
from hall_server.errors import HallServerError, UniqueViolation
from hall_server.feed import ChangeFeed
from hall_server.tickets import IssueRequest, service_or_refuse

T = TypeVar("T")
_OFFLINE_NUMBER = re.compile(r"^([A-Z]{1,2})(\d{1,5})$")


class HallService:
    """The queue of one hall over one (migrated) database; several instances may share a PostgreSQL one."""

    def __init__(self, config: HallConfig, backend: Backend, clock: HallClock | None = None) -> None:
        self.hall = Hall(config, backend, clock or HallClock(config.zone))
        self._known_day = ""
        now = self.clock.now_ms()
        backend.write(lambda tx: day_rules.sync_counters(self.hall, tx, now_ms=now))
        self.feed = ChangeFeed(backend.read(journal.current_version))
        backend.listen(self.feed.notify)

    @property
    def config(self) -> HallConfig:
        return self.hall.config

    @property
    def clock(self) -> HallClock:
        return self.hall.clock

    @property
    def backend(self) -> Backend:
        return self.hall.backend

    # --- plumbing --------------------------------------------------------------------------------
    def ensure_day(self) -> str:
        today = self.clock.today()
        if today != self._known_day:
            version = self.backend.write(
                lambda tx: day_rules.roll_over(self.hall, tx, today=today, now_ms=self.clock.now_ms()))
            if version is not None:
                self.feed.notify(resolve(version))
            self._known_day = today
        return today

    def _write(self, work: Callable[[Tx, str, int], tuple[T, VersionRef | None]]) -> T:
        day = self.ensure_day()
        now = self.clock.now_ms()
        result, version = self.backend.write(lambda tx: work(tx, day, now))
        if version is not None:
            self.feed.notify(resolve(version))
        return result

    async def _write_async(self, work: Callable[[Tx, str, int], tuple[T, VersionRef | None]]) -> T:
        """``_write`` from the event loop (the busiest routes): on SQLite no worker thread is involved."""
        day = self._known_day if self.clock.today() == self._known_day else await to_thread.run_sync(
            self.ensure_day)
        now = self.clock.now_ms()
        result, version = await self.backend.write_async(lambda tx: work(tx, day, now))
        if version is not None:
            self.feed.notify(resolve(version))
        return result

    def _read(self, work: Callable[[Tx, str], T]) -> T:
        day = self.ensure_day()
        return self.backend.read(lambda tx: work(tx, day))


    # --- tickets ---------------------------------------------------------------------------------
    def issue(self, request: IssueRequest) -> tuple[dict[str, Any], bool]:
        """(ticket with its wait estimate, created?): the same request id answers the same ticket."""
        service_or_refuse(self.hall, request.service_code)
        try:
            return self._write(self._issue_work(request))
        except UniqueViolation as exc:
            return self._issue_after_race(request, exc)

    async def issue_async(self, request: IssueRequest) -> tuple[dict[str, Any], bool]:
        service_or_refuse(self.hall, request.service_code)
        try:
            return await self._write_async(self._issue_work(request))
        except UniqueViolation as exc:
            return await to_thread.run_sync(self._issue_after_race, request, exc)

    def _issue_work(self, request: IssueRequest) -> Callable[[Tx, str, int], Any]:
        return lambda tx, day, now: _pair(tickets.issue(self.hall, tx, request, day=day, now_ms=now))

    def _issue_after_race(self, request: IssueRequest, violation: UniqueViolation) -> tuple[dict[str, Any], bool]:
        # a concurrent request won the race; answer as if this one came second
        return self._read(lambda tx, day: (tickets.with_estimate(
            self.hall, tx, tickets.after_race(self.hall, tx, request, violation, day)), False))

    def issue_offline(self, terminal: TokenDef, request: IssueRequest) -> tuple[dict[str, Any], bool]:
        """Register a number a kiosk issued from its reserved range while the server was unreachable."""
        service = service_or_refuse(self.hall, request.service_code)
        match = _OFFLINE_NUMBER.match(request.number or "")
        low, high = terminal.reserved_numbers or (1, 0)
        if match is None or match.group(1) != service.prefix or not low <= int(match.group(2)) <= high:
            raise HallServerError("OFFLINE_NUMBER_INVALID", f"{request.number!r} is not {service.prefix} + a "
                                  f"number in {terminal.terminal_id}'s reserved range")
        assert request.issued_at_ms is not None
        now = self.clock.now_ms()
        issued = min(request.issued_at_ms, now)  # a kiosk clock ahead of ours must not jump the queue
        if self.clock.day_of(issued) != self.ensure_day():
            raise HallServerError("OFFLINE_DAY_PASSED", f"offline ticket {request.number} is from "
                                  f"{self.clock.day_of(issued)}")
        return self.issue(replace(request, issued_at_ms=issued))

    def ticket(self, ticket_id: str) -> dict[str, Any]:
        return self._read(lambda tx, _day: tickets.with_estimate(self.hall, tx, self.hall.ticket_row(tx, ticket_id)))

    def cancel(self, ticket_id: str) -> dict[str, Any]:
        row = self._write(lambda tx, day, now: tickets.cancel(self.hall, tx, ticket_id, day=day, now_ms=now))
        return self.hall.ticket(row)

    # --- counters --------------------------------------------------------------------------------
    def call_next(self, action: CounterAction, service_codes: tuple[str, ...] | None,
                  request_id: str | None) -> dict[str, Any] | None:
        row = self._write(self._call_next_work(action, service_codes, request_id))
        return self.hall.ticket(row) if row is not None else None

    async def call_next_async(self, action: CounterAction, service_codes: tuple[str, ...] | None,
                              request_id: str | None) -> dict[str, Any] | None:
        row = await self._write_async(self._call_next_work(action, service_codes, request_id))
        return self.hall.ticket(row) if row is not None else None

    def _call_next_work(self, action: CounterAction, service_codes: tuple[str, ...] | None,
                        request_id: str | None) -> Callable[[Tx, str, int], Any]:
        definition = counter_or_refuse(self.hall, action.counter_id)
        codes = tuple(dict.fromkeys(service_codes)) if service_codes else definition.services
        for code in codes:
            service_or_refuse(self.hall, code)
            if code not in definition.services:
                raise HallServerError("SERVICE_NOT_AT_COUNTER", f"counter {action.counter_id} does not serve {code}")
        return lambda tx, day, now: desk.call_next(self.hall, tx, action, codes, request_id, day=day, now_ms=now)

    def counter_step(self, step: str, action: CounterAction) -> dict[str, Any]:
        """recall, no_show, start or finish the counter's current ticket."""
        return self.hall.ticket(self._write(self._step_work(step, action)))

    async def counter_step_async(self, step: str, action: CounterAction) -> dict[str, Any]:
        return self.hall.ticket(await self._write_async(self._step_work(step, action)))

    def _step_work(self, step: str, action: CounterAction) -> Callable[[Tx, str, int], Any]:
        operation = {"recall": desk.recall, "no_show": desk.no_show, "start": desk.start,
                     "finish": desk.finish}[step]
        counter_or_refuse(self.hall, action.counter_id)
        return lambda tx, day, now: operation(self.hall, tx, action, day=day, now_ms=now)

    def transfer(self, action: CounterAction, to_service: str | None, to_counter: str | None) -> dict[str, Any]:
        counter_or_refuse(self.hall, action.counter_id)
        if to_service is not None:
            service_or_refuse(self.hall, to_service)
        try:
            row = self._write(lambda tx, day, now: desk.transfer(self.hall, tx, action, to_service, to_counter,
                                                                 day=day, now_ms=now))
        except UniqueViolation as exc:  # the person already queues for the target service
            raise HallServerError("TICKET_ALREADY_OPEN", f"transfer to {to_service}: {exc.index}") from None
        return self.hall.ticket(row)

    def pause(self, action: CounterAction, reason: str) -> dict[str, Any]:
        counter_or_refuse(self.hall, action.counter_id)
        row = self._write(lambda tx, day, now: desk.pause(self.hall, tx, action, reason, day=day, now_ms=now))
        return self.hall.counter(row, None)

    def resume(self, action: CounterAction) -> dict[str, Any]:
        counter_or_refuse(self.hall, action.counter_id)
        row = self._write(lambda tx, day, now: desk.resume(self.hall, tx, action, day=day, now_ms=now))
        return self.hall.counter(row, None)

    # --- reads -----------------------------------------------------------------------------------
    def snapshot(self) -> dict[str, Any]:
        return self._read(lambda tx, day: snapshot.snapshot(self.hall, tx, day=day))

    def announcements_since(self, version: int, limit: int = 200) -> journal.Since:
        return self._read(lambda tx, _day: journal.since(tx, version, limit))

    def current_version(self) -> int:
        return self.backend.read(journal.current_version)

    def stats(self, day: str) -> dict[str, Any]:
        return self._read(lambda tx, _today: stats.day_stats(self.hall, tx, day))

    def close(self) -> None:
        self.feed.close()
        self.backend.close()


def _pair(result: tuple[dict[str, Any], bool, VersionRef | None],
          ) -> tuple[tuple[dict[str, Any], bool], VersionRef | None]:
    row, created, version = result
    return (row, created), version
