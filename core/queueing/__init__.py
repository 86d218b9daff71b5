"""The hall queue, seen from a terminal: a typed client for the hall server, and its events.

* ``HallClient``: issue tickets, call and serve them at a counter, read the snapshot and statistics;
* ``HallListener``: a background thread following the server's event stream, publishing
  ``TicketCalled``, ``QueueSnapshot``, ``HallLinkStatusChanged`` … on the ``EventBus``;
* ``OfflineTickets``: the optional degraded mode of a kiosk (its own reserved number range);
* ``codes``: ticket states, priorities, roles and error codes shared with ``hall_server``.
"""

from core.queueing.client import HallClient, HallLink
from core.queueing.codes import AnnouncementKind, Priority, Role, TicketState
from core.queueing.errors import (
    HallAuthError,
    HallError,
    HallInvalidInput,
    HallNotFound,
    HallRequestRefused,
    HallUnavailable,
)
from core.queueing.events import (
    CounterChanged,
    HallLinkState,
    HallLinkStatusChanged,
    OfflineTicketsReconciled,
    QueueAnnouncement,
    QueueSnapshot,
    TicketCalled,
    TicketChanged,
)
from core.queueing.listener import HallListener
from core.queueing.models import Announcement, CounterState, HallSnapshot, HallStats, Kpi, ServiceQueue, Ticket
from core.queueing.offline import OfflineTickets, PendingTicket

__all__ = [
    "Announcement", "AnnouncementKind", "CounterChanged", "CounterState", "HallAuthError", "HallClient", "HallError",
    "HallInvalidInput", "HallLink", "HallLinkState", "HallLinkStatusChanged", "HallListener", "HallNotFound",
    "HallRequestRefused", "HallSnapshot", "HallStats", "HallUnavailable", "Kpi", "OfflineTickets",
    "OfflineTicketsReconciled", "PendingTicket", "Priority", "QueueAnnouncement", "QueueSnapshot", "Role",
    "ServiceQueue", "Ticket", "TicketCalled", "TicketChanged", "TicketState",
]
