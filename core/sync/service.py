"""``SyncEngine``: one sync round (push the outbox, pull back-office changes), the heartbeat, the catalogue.

The worker thread (``core.sync.worker``) calls it in a loop; the ``sync once`` command calls it once.
Only one engine may run against a store at a time (one sync in flight, DESIGN "Sync").
"""

from __future__ import annotations

import json
import logging
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from core.events import EventBus
from core.storage import OutboxState, Store
from core.sync.client import SOFTWARE_VERSION, CentralClient
from core.sync.engine import DEFAULT_POLICY, OutboxPusher, PushReport, SyncPolicy
from core.sync.errors import SyncError
from core.sync.inbound import ChangePuller, PullReport, refresh_catalog
from core.sync.status import CATALOG_KEY
from core.sync.wire import HeartbeatAck

log = logging.getLogger(__name__)

CLOCK_SKEW_WARN_S = 60   # the platform refuses requests over 300 s off (core.sync.signing): warn early


@dataclass
class SyncReport:
    push: PushReport
    pull: PullReport | None
    pull_error: SyncError | None = None

    def summary(self) -> str:
        p = self.push
        text = (f"sent {p.claimed}: synced {p.synced}, retrying {p.retrying}, parked {p.parked}, "
                f"conflicts {p.conflicts}")
        if p.last_error is not None:
            text += f" (last error {p.last_error.code})"
        if self.pull is not None:
            text += f"; changes received {self.pull.received}, applied {self.pull.applied}, held {self.pull.held}"
        if self.pull_error is not None:
            text += f"; changes not fetched ({self.pull_error.code})"
        return text


class SyncEngine:
    def __init__(self, store: Store, client: CentralClient, *, bus: EventBus | None = None,
                 policy: SyncPolicy = DEFAULT_POLICY, clock: Callable[[], datetime] = lambda: datetime.now(UTC),
                 rng: random.Random | None = None):
        self.store = store
        self.client = client
        self.bus = bus
        self.clock = clock
        self.pusher = OutboxPusher(store, client, bus=bus, policy=policy, clock=clock, rng=rng)
        self.puller = ChangePuller(store, client, bus=bus, page_size=policy.changes_page, clock=clock)

    def recover(self) -> int:
        return self.pusher.recover()

    def push(self) -> PushReport:
        report = self.pusher.push()
        self.pusher.publish_status()
        return report

    def pull(self) -> PullReport:
        """Raises SyncError (recorded as the last error first)."""
        try:
            report = self.puller.pull()
        except SyncError as exc:
            self._remember_failure(exc)
            raise
        with self.store.transaction():
            self.pusher.remember(self.clock(), None)
        return report

    def run_once(self) -> SyncReport:
        """Push first (so local edits go out), then pull (so held changes of now-synced cases apply)."""
        push = self.pusher.push()
        report = SyncReport(push=push, pull=None)
        if push.failed_requests == 0 or self.pusher.online:
            try:
                report.pull = self.pull()
            except SyncError as exc:
                report.pull_error = exc
        self.pusher.publish_status()
        return report

    def heartbeat(self, devices: Mapping[str, str] | None = None) -> HeartbeatAck:
        """Report version, device health, outbox depth and the audit head; returns the platform's reply."""
        now = self.clock()
        record = heartbeat_record(self.client.config.terminal_id, self.store, at=now, devices=devices)
        try:
            ack = self.client.heartbeat(record)
        except SyncError as exc:
            self._remember_failure(exc)
            raise
        skew = (ack.server_time - now).total_seconds()
        if abs(skew) > CLOCK_SKEW_WARN_S:
            log.warning("SYNC_CLOCK_SKEW: this terminal's clock is %+.0f s from the platform's", -skew)
        return ack

    def refresh_catalog(self) -> bool:
        try:
            return refresh_catalog(self.store, self.client, bus=self.bus, now=self.clock())
        except SyncError as exc:
            self._remember_failure(exc)
            raise

    def seconds_until_due(self, idle_s: float) -> float:
        """How long the worker may sleep: until the earliest retry falls due, at most ``idle_s``."""
        due = self.store.outbox.next_attempt_at()
        if due is None:
            return idle_s
        return max(0.0, min(idle_s, (due - self.clock()).total_seconds()))

    def close(self) -> None:
        self.client.close()

    def _remember_failure(self, exc: SyncError) -> None:
        with self.store.transaction():
            self.pusher.remember(self.clock(), exc)


def heartbeat_record(terminal_id: str, store: Store | None, *, at: datetime,
                     devices: Mapping[str, str] | None = None) -> dict[str, Any]:
    """What a heartbeat reports: version, device health, outbox depth, the audit head and the catalogue
    version. Without a store (a link test before the terminal has one) the outbox is empty."""
    counts = store.outbox.counts_by_state() if store is not None else dict.fromkeys(OutboxState, 0)
    head = store.db.get_meta("audit_head") if store is not None else None
    catalog = store.settings.get(CATALOG_KEY) if store is not None else None
    return {
        "terminal_id": terminal_id, "software_version": SOFTWARE_VERSION, "at": at.isoformat(),
        "outbox": {s.value: counts[s] for s in OutboxState if s is not OutboxState.SYNCED},
        "devices": [{"name": n, "health": h} for n, h in sorted((devices or {}).items())],
        "audit_head": json.loads(head) if head else None,
        "catalog_etag": catalog["etag"] if catalog else None,
    }
