"""Events the queue client publishes on the ``core.events.EventBus``.

Kiosk, counter and display screens subscribe (through the Qt bridge) instead of polling. The listener
publishes from its own thread; handlers that touch widgets must go through ``ui_common.event_bridge``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from core.events import Event
from core.queueing.codes import AnnouncementKind
from core.queueing.models import Announcement, CounterState, HallSnapshot, Ticket


class HallLinkState(StrEnum):
    CONNECTING = "connecting"
    ONLINE = "online"
    OFFLINE = "offline"  # the screen says so plainly; a kiosk in degraded mode keeps issuing numbers


@dataclass(frozen=True, kw_only=True)
class HallLinkStatusChanged(Event):
    state: HallLinkState
    previous: HallLinkState
    code: str | None = None          # why it went offline (HALL_UNREACHABLE, AUTH_TOKEN_INVALID, …)
    user_message: str | None = None


@dataclass(frozen=True, kw_only=True)
class QueueSnapshot(Event):
    """The hall's whole live state, after a (re)sync or after applying one change."""

    snapshot: HallSnapshot


@dataclass(frozen=True, kw_only=True)
class TicketCalled(Event):
    """A call (or recall) to announce: "请 A012 号到 3 号窗口办理"."""

    ticket: Ticket
    counter_id: str
    counter_name: str
    recall: bool
    version: int


@dataclass(frozen=True, kw_only=True)
class TicketChanged(Event):
    """Any other change to a ticket (issued, started, finished, no-show, transferred, cancelled)."""

    kind: AnnouncementKind
    ticket: Ticket
    version: int


@dataclass(frozen=True, kw_only=True)
class CounterChanged(Event):
    counter: CounterState
    kind: AnnouncementKind
    version: int


@dataclass(frozen=True, kw_only=True)
class QueueAnnouncement(Event):
    """Every change, raw, for the technician's log."""

    announcement: Announcement


@dataclass(frozen=True, kw_only=True)
class OfflineTicketsReconciled(Event):
    """Numbers issued offline were reported to the server (``rejected``: number → error code)."""

    accepted: tuple[str, ...]
    rejected: tuple[tuple[str, str], ...]
