"""What every queue operation needs: the configuration, the database and the clock."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hall_server.clock import HallClock
from hall_server.config import HallConfig
from hall_server.db import Backend, Row, Tx
from hall_server.errors import HallServerError
from hall_server.views import counter_view, ticket_view

OPEN = "('waiting', 'called', 'serving')"
ACTIVE = "('called', 'serving')"
ACTIVE_STATES = ("called", "serving")
# The weighted policy's queue order: rank (issue time minus head start), then issue time, then the number's
# sequence (two tickets in one millisecond stay first come, first served), then the id (never equal).
QUEUE_ORDER = "rank_key, issued_at, seq, id"


@dataclass
class Hall:
    config: HallConfig
    backend: Backend
    clock: HallClock
    sql_cache: dict[tuple[str, ...], str] = field(default_factory=dict)  # SQL fragments built from the config

    @property
    def row_lock(self) -> str:
        """Locks the rows a SELECT returns until commit (PostgreSQL); SQLite's write lock already does."""
        return " FOR UPDATE" if self.backend.dialect == "postgresql" else ""

    def ticket(self, row: Row) -> dict[str, Any]:
        return ticket_view(row, self.config, self.clock)

    def counter(self, row: Row, current: Row | None) -> dict[str, Any]:
        return counter_view(row, self.config, self.ticket(current) if current else None)

    def ticket_row(self, tx: Tx, ticket_id: str) -> Row:
        row = tx.one("SELECT * FROM tickets WHERE id = ?", (ticket_id,))
        if row is None:
            raise HallServerError("TICKET_UNKNOWN", f"no live ticket {ticket_id}")
        return row

    def counter_and_active(self, tx: Tx, counter_id: str) -> tuple[Row, Row | None]:
        """The counter's row, locked until commit (PostgreSQL), and its current ticket: one round trip."""
        counters, active = tx.many([(f"SELECT * FROM counters WHERE id = ?{self.row_lock}", (counter_id,)),
                                    (f"SELECT * FROM tickets WHERE counter_id = ? AND state IN {ACTIVE}",
                                     (counter_id,))])
        assert counters, "counters are inserted from the configuration at start-up"
        return counters[0], active[0] if active else None
