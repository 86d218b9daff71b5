"""Re-emit the Qt-free ``core.events`` bus as Qt signals on the GUI thread.

Bus handlers run on whichever thread published (a device worker, the sync worker). Widgets may only be
touched from the GUI thread, so the bridge hops every event through a queued connection to itself (it
lives on the GUI thread) and only then emits ``event_received``. Every event is queued, including those
published on the GUI thread, so slots always see events in publish order and never run inside the
publisher's call stack.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot

from core.events import Event, EventBus

log = logging.getLogger(__name__)


class QtEventBridge(QObject):
    """Subscribe to every ``Event`` on ``bus``; emit ``event_received(event)`` on the GUI thread."""

    event_received = Signal(object)
    # Private hop: emitted on the publisher's thread, delivered queued to this object's (GUI) thread.
    _relay = Signal(object)

    def __init__(self, bus: EventBus, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._routes: list[tuple[type[Event], Callable[[Any], None]]] = []
        self._relay.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._unsubscribe: Callable[[], None] | None = bus.subscribe(Event, self._on_bus_event)

    def on(self, event_type: type[Event], slot: Callable[[Any], None]) -> Callable[[], None]:
        """Call ``slot(event)`` on the GUI thread for every event that is an instance of ``event_type``.

        Returns a function that removes this route again.
        """
        route = (event_type, slot)
        self._routes.append(route)

        def remove() -> None:
            if route in self._routes:
                self._routes.remove(route)

        return remove

    def close(self) -> None:
        """Stop listening to the bus. Events already queued are dropped."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self._routes.clear()

    @property
    def closed(self) -> bool:
        return self._unsubscribe is None

    def _on_bus_event(self, event: Event) -> None:
        # Runs on the publisher's thread: touch nothing but the signal.
        self._relay.emit(event)

    @Slot(object)
    def _deliver(self, event: Event) -> None:
        if self._unsubscribe is None:
            return
        self.event_received.emit(event)
        for event_type, slot in list(self._routes):
            if isinstance(event, event_type):
                try:
                    slot(event)
                except Exception:
                    # Same rule as the bus: one broken view must not starve the others.
                    log.exception("EVENT_SLOT_FAILED: %r failed on %s", slot, type(event).__name__)
