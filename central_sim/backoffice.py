"""The simulated back office: promised cases (承诺件) move 受理 → 办理 → 办结 over time.

Each ``run_once`` moves every promised case that has rested ``step_s`` seconds in its state one step on,
writing the change to the ``changes`` feed (``GET /v1/changes``) in the same transaction. Immediate cases
(即办件) are the terminal's to finish and are left alone; so are cases waiting on the applicant
(补齐补正) or in a special procedure.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from central_sim.db import SimDatabase, canonical
from core.catalog import Catalog

log = logging.getLogger(__name__)

ACTOR = "central:back-office"
_NEXT = {"submitted": ("accept", "accepted"), "pre_review": ("accept", "accepted"),
         "accepted": ("start_processing", "processing"), "processing": ("complete", "completed")}


class BackOffice:
    def __init__(self, db: SimDatabase, catalog: Catalog, *, step_s: float = 30.0):
        self.db = db
        self.catalog = catalog
        self.step_s = step_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def run_once(self, *, now: float | None = None) -> int:
        """Move every case that is due one step; returns how many moved."""
        now = time.time() if now is None else now
        moved = 0
        with self.db.tx() as conn:
            due = conn.execute("SELECT case_id, case_number, terminal_id, item_code, state FROM cases "
                               "WHERE case_type = '2' AND state IN ('submitted', 'pre_review', 'accepted', "
                               "'processing') AND state_changed_at <= ? ORDER BY state_changed_at LIMIT 500",
                               (now - self.step_s,)).fetchall()
            for case_id, case_number, terminal_id, item_code, state in due:
                action, to_state = _NEXT[state]
                at = datetime.fromtimestamp(now, UTC)
                change = {"change_id": str(uuid.uuid4()), "case_id": case_id, "case_number": case_number,
                          "action": action, "from_state": state, "to_state": to_state, "at": at.isoformat(),
                          "actor": ACTOR, "reason": "", "changes": self._fields(action, item_code, case_number, at)}
                conn.execute("INSERT INTO changes (change_id, case_id, terminal_id, body) VALUES (?, ?, ?, ?)",
                             (change["change_id"], case_id, terminal_id, canonical(change)))
                conn.execute("UPDATE cases SET state = ?, state_changed_at = ? WHERE case_id = ?",
                             (to_state, now, case_id))
                moved += 1
        return moved

    def _fields(self, action: str, item_code: str, case_number: str, at: datetime) -> dict[str, Any]:
        item = self.catalog.item(item_code)
        today = at.astimezone(UTC).date()
        if action == "accept":
            unit = self.catalog.department(item.department).name
            return {"accepted_at": at.isoformat(), "accepting_unit": unit,
                    "acceptance_doc_number": f"受理{case_number[-12:]}",
                    "promised_date": self.catalog.calendar.due_date(today, item.promised_limit).isoformat()}
        if action == "complete":
            fields: dict[str, Any] = {"completed_at": at.isoformat(), "outcome": "issued"}
            if item.licence_name:
                fields["licence"] = {"name": item.licence_name, "number": f"{item.basic_code}-{case_number[-9:]}",
                                     "valid_from": today.isoformat(),
                                     "valid_to": (today + timedelta(days=5 * 365)).isoformat()}
            return fields
        return {}

    # --- the thread that runs it "over time" ------------------------------------------------------

    def start(self) -> None:
        if self.step_s <= 0 or self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name="sim-back-office", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)
            self._thread = None

    def _loop(self) -> None:
        while not self._stop.wait(min(1.0, max(0.05, self.step_s / 4))):
            try:
                self.run_once()
            except Exception:   # the demo's back office must keep going; the log says why it stumbled
                log.exception("SIM_BACK_OFFICE_FAILED")

