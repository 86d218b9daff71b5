"""Keep a local copy of the hall's state up to date from the event stream.

``apply(snapshot, announcement)`` returns the next snapshot, or None when the copy cannot be trusted
any more (a version was skipped, or the business day was reset): the caller then fetches a fresh
snapshot from the server. Announcements carry the ticket and the counter as they are *after* the
change, so applying one never needs to guess.
"""

from __future__ import annotations

from dataclasses import replace

from core.queueing.codes import AnnouncementKind, TicketState
from core.queueing.models import Announcement, CounterState, HallSnapshot, Ticket

RECENT_CALLS = 10
_CALLS = (AnnouncementKind.TICKET_CALLED, AnnouncementKind.TICKET_RECALLED)


def _queue_order(ticket: Ticket) -> tuple[int, object, int, str]:
    return ticket.rank, ticket.issued_at, ticket.seq, ticket.id  # the server's order (hall_server.context)


def apply(snapshot: HallSnapshot, announcement: Announcement) -> HallSnapshot | None:
    if announcement.version != snapshot.version + 1 or announcement.kind is AnnouncementKind.DAY_RESET:
        return None
    waiting = list(snapshot.waiting)
    counters = list(snapshot.counters)
    ticket = announcement.ticket
    if ticket is not None:
        waiting = [t for t in waiting if t.id != ticket.id]
        if ticket.state is TicketState.WAITING:
            waiting.append(ticket)
            waiting.sort(key=_queue_order)
        counters = [replace(c, current=None) if c.current is not None and c.current.id == ticket.id else c
                    for c in counters]
        if ticket.state.is_active and ticket.counter_id:
            counters = [replace(c, current=ticket) if c.id == ticket.counter_id else c for c in counters]
    if announcement.counter is not None:
        counters = [_merge(c, announcement.counter) if c.id == announcement.counter.id else c for c in counters]
    recent = snapshot.recent_calls
    if announcement.kind in _CALLS:
        recent = (announcement, *recent)[:RECENT_CALLS]
    services = tuple(replace(s, waiting=sum(1 for t in waiting if t.service_code == s.code))
                     for s in snapshot.services)
    return replace(snapshot, version=announcement.version, waiting=tuple(waiting), counters=tuple(counters),
                   services=services, recent_calls=recent)


def _merge(mine: CounterState, theirs: CounterState) -> CounterState:
    return replace(mine, paused=theirs.paused, pause_reason=theirs.pause_reason, clerk_id=theirs.clerk_id,
                   current=theirs.current)
