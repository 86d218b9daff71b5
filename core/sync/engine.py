"""The outbox engine: send what the terminal committed, exactly once as far as the platform can tell.

One round = claim due rows (pending → sending, in one transaction), send them, settle each row by its own
result (one transaction per request):

==========================================  ===========================================================
what came back                              the row becomes
==========================================  ===========================================================
200 (identical resend) / 201 (created)      synced
409 (a different body under the same key)   conflict — surfaced as ``SyncConflict``, never overwritten
424, 408, 429, 5xx; network, timeout, TLS;  failed_retryable, due again after a capped exponential
a reply that breaks the contract; 401       backoff with jitter (the request may have been processed:
                                            the idempotency key makes the resend harmless)
any other 4xx                               failed_permanent — parked for a person (``SyncRowParked``)
==========================================  ===========================================================

Cases go in batches (``POST /v1/cases:batch``) with one result per record, so one bad case is parked
alone; the other kinds go one request each. When a request fails as a whole because the platform cannot
be reached, the rest of the round is not tried: those rows wait with the same backoff.

A crash leaves rows in ``sending``: ``recover()`` (at start) sends them again; ``requeue_stuck`` does the
same for rows a hung sender left behind. One engine per store at a time sends (the sync worker).
"""

from __future__ import annotations

import base64
import logging
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from core.errors import StorageError
from core.events import EventBus
from core.storage import OutboxRow, OutboxState, Store
from core.sync import errors
from core.sync.client import CentralClient
from core.sync.errors import SyncError
from core.sync.events import SyncConflict, SyncRowParked
from core.sync.status import LAST_ERROR_KEY, LAST_SUCCESS_KEY, read_status

log = logging.getLogger(__name__)
S = OutboxState
_OFFLINE_CODES = frozenset({errors.NETWORK, errors.TIMEOUT, errors.TLS})


@dataclass(frozen=True)
class SyncPolicy:
    claim_limit: int = 200          # rows claimed per round
    case_batch: int = 100           # cases per POST /v1/cases:batch (at most wire.MAX_CASES_PER_BATCH)
    backoff_base_s: float = 2.0
    backoff_cap_s: float = 300.0
    stuck_after_s: float = 300.0    # a row in "sending" this long is sent again
    changes_page: int = 200
    max_rounds: int = 10_000        # bound on rounds per push(), so a run always ends


DEFAULT_POLICY = SyncPolicy()


def backoff_delay(attempts: int, policy: SyncPolicy, rng: random.Random) -> float:
    """Capped exponential backoff with "equal jitter": half the step fixed, half random.

    The fixed half keeps a broken platform from being hammered; the random half spreads the retries of a
    hall's terminals that all lost the link at the same moment.
    """
    step = min(policy.backoff_cap_s, policy.backoff_base_s * 2 ** max(0, attempts - 1))
    return step / 2 + rng.uniform(0, step / 2)


@dataclass(frozen=True)
class Settlement:
    state: OutboxState
    error: str | None = None
    code: str | None = None
    status: int | None = None


@dataclass
class PushReport:
    claimed: int = 0
    synced: int = 0
    retrying: int = 0
    parked: int = 0
    conflicts: int = 0
    requests: int = 0
    failed_requests: int = 0
    last_error: SyncError | None = field(default=None, repr=False)


def settlement_for_status(status: int, code: str | None, message: str | None) -> Settlement:
    """How one record's HTTP status (in a batch, or of a single request) settles its row."""
    text = f"HTTP {status} {code or ''} {message or ''}".strip()
    if status in (200, 201):
        return Settlement(S.SYNCED)
    if status == 409:
        return Settlement(S.CONFLICT, text, errors.CONFLICT, status)
    if status in (401, 408, 424, 425, 429) or status >= 500:
        return Settlement(S.FAILED_RETRYABLE, text, errors.SERVER_ERROR, status)
    return Settlement(S.FAILED_PERMANENT, text, errors.REJECTED, status)


def settlement_for_error(exc: SyncError) -> Settlement:
    if exc.retryable:
        state = S.FAILED_RETRYABLE
    elif exc.code == errors.CONFLICT:
        state = S.CONFLICT
    else:
        state = S.FAILED_PERMANENT
    return Settlement(state, f"{exc.code} {exc.detail}", exc.code, exc.status)


class OutboxPusher:
    def __init__(self, store: Store, client: CentralClient, *, bus: EventBus | None = None,
                 policy: SyncPolicy = DEFAULT_POLICY, clock: Callable[[], datetime] = lambda: datetime.now(UTC),
                 rng: random.Random | None = None):
        self.store = store
        self.client = client
        self.bus = bus
        self.policy = policy
        self.clock = clock
        self.rng = rng or random.Random()
        self.online = True
        self._case_batch = policy.case_batch

    @property
    def case_batch(self) -> int:
        """Cases per batch request now (halved each time the platform answers 413)."""
        return self._case_batch

    def recover(self) -> int:
        """At start: rows a previous run left in ``sending`` go out again."""
        count = self.store.outbox.reset_interrupted(now=self.clock())
        if count:
            log.info("SYNC_RECOVERED: %d row(s) left in sending are queued again", count)
        return count

    def push(self) -> PushReport:
        report = PushReport()
        for _ in range(self.policy.max_rounds):
            stuck = self.store.outbox.requeue_stuck(self.policy.stuck_after_s, now=self.clock())
            if stuck:
                log.warning("SYNC_STUCK_REQUEUED: %d row(s) were in sending for over %.0f s", stuck,
                            self.policy.stuck_after_s)
            rows = self._claim()
            if not rows:
                break
            report.claimed += len(rows)
            if not self._send_round(rows, report):
                break
        return report

    def _claim(self) -> list[OutboxRow]:
        now = self.clock()
        with self.store.transaction():
            due = self.store.outbox.due(self.policy.claim_limit, now=now)
            return [self.store.outbox.mark(row.id, S.SENDING, now=now) for row in due]

    # --- one round --------------------------------------------------------------------------------

    def _send_round(self, rows: list[OutboxRow], report: PushReport) -> bool:
        """Send the claimed rows; False when the platform could not be reached (the rest then waits)."""
        cases = [r for r in rows if r.kind == "case"]
        singles = [r for r in rows if r.kind != "case"]
        requests: list[list[OutboxRow]] = [[r] for r in singles]
        requests += [cases[i:i + self._case_batch] for i in range(0, len(cases), self._case_batch)]
        for index, batch in enumerate(requests):
            try:
                settled = self._send(batch)
            except SyncError as exc:
                report.failed_requests += 1
                report.last_error = exc
                outcome = settlement_for_error(exc)
                if exc.status == 413 and len(batch) > 1:
                    # Too large as a whole, not each: smaller batches next round, no penalty for the rows.
                    self._case_batch = max(1, len(batch) // 2)
                    log.warning("SYNC_BATCH_TOO_LARGE: %d cases refused as too large; now %d per request",
                                len(batch), self._case_batch)
                    outcome = Settlement(S.PENDING, outcome.error, exc.code, exc.status)
                stop = exc.retryable
                affected = [row for later in requests[index:] for row in later] if stop else batch
                self._settle([(row, outcome) for row in affected], report, exc)
                if stop:
                    return False
                continue
            report.requests += 1
            self._settle(settled, report, None)
        return True

    def _send(self, batch: list[OutboxRow]) -> list[tuple[OutboxRow, Settlement]]:
        if batch[0].kind == "case":
            results = self.client.post_cases([row.payload for row in batch])
            return [(row, settlement_for_status(r.status, r.code, r.message))
                    for row, r in zip(batch, results, strict=True)]
        row = batch[0]
        try:
            self._send_single(row)
        except SyncError as exc:
            if exc.status is None or exc.retryable:
                raise          # the exchange failed: nothing is known about this row
            return [(row, settlement_for_error(exc))]
        return [(row, Settlement(S.SYNCED))]

    def _send_single(self, row: OutboxRow) -> None:
        payload: dict[str, Any] | None = row.payload
        if payload is None:
            raise SyncError(f"outbox row {row.id} has no payload", code=errors.UNKNOWN_KIND, retryable=False,
                            status=0)
        if row.kind == "case_event":
            self.client.post_event(payload["case_id"], payload)
        elif row.kind == "evaluation":
            self.client.post_evaluation(payload)
        elif row.kind == "attachment":
            self.client.post_attachment(payload["sha256"], payload["content_type"],
                                        base64.b64decode(payload["data_b64"]))
        else:
            raise SyncError(f"outbox row {row.id}: no sender for kind {row.kind!r}", code=errors.UNKNOWN_KIND,
                            retryable=False, status=0)

    # --- settling ---------------------------------------------------------------------------------

    def _settle(self, settled: list[tuple[OutboxRow, Settlement]], report: PushReport,
                failure: SyncError | None) -> None:
        now = self.clock()
        published = []
        with self.store.transaction():
            for row, outcome in settled:
                retry_at = None
                if outcome.state is S.FAILED_RETRYABLE:
                    retry_at = now + timedelta(seconds=backoff_delay(row.attempts, self.policy, self.rng))
                try:
                    self.store.outbox.mark(row.id, outcome.state, error=outcome.error, next_attempt_at=retry_at,
                                           now=now)
                except StorageError as exc:
                    if exc.code != "STORE_OUTBOX_TRANSITION":
                        raise
                    # Someone re-queued the row meanwhile (requeue_stuck in another process): it will be
                    # sent again, which the idempotency key makes harmless.
                    log.warning("SYNC_ROW_MOVED: %s", exc.detail)
                    continue
                self._count(report, outcome.state)
                if outcome.state in (S.FAILED_PERMANENT, S.CONFLICT):
                    published.append((row, outcome))
            self.remember(now, failure)
        for row, outcome in published:
            self._surface(row, outcome)

    def remember(self, now: datetime, failure: SyncError | None) -> None:
        """The platform answered (any reply that settles rows counts) or could not be talked to."""
        if failure is None:
            self.online = True
            self.store.settings.set(LAST_SUCCESS_KEY, now.isoformat(), now=now)
            self.store.settings.delete(LAST_ERROR_KEY)
        else:
            self.online = failure.code not in _OFFLINE_CODES
            self.store.settings.set(LAST_ERROR_KEY, {"code": failure.code, "detail": failure.detail[:300],
                                                     "at": now.isoformat()}, now=now)

    @staticmethod
    def _count(report: PushReport, state: OutboxState) -> None:
        if state is S.SYNCED:
            report.synced += 1
        elif state is S.FAILED_RETRYABLE:
            report.retrying += 1
        elif state is S.FAILED_PERMANENT:
            report.parked += 1
        elif state is S.CONFLICT:
            report.conflicts += 1

    def _surface(self, row: OutboxRow, outcome: Settlement) -> None:
        subject = str((row.payload or {}).get("case_number") or row.ref_id)
        log.warning("SYNC_%s: outbox row %s (%s %s): %s", "CONFLICT" if outcome.state is S.CONFLICT else "PARKED",
                    row.id, row.kind, subject, outcome.error)
        if self.bus is None:
            return
        if outcome.state is S.CONFLICT:
            self.bus.publish(SyncConflict(outbox_id=row.id, kind=row.kind, subject=subject,
                                          code=outcome.code or errors.CONFLICT))
        else:
            self.bus.publish(SyncRowParked(outbox_id=row.id, kind=row.kind, subject=subject,
                                           code=outcome.code or errors.REJECTED, http_status=outcome.status))

    def publish_status(self) -> None:
        if self.bus is not None:
            self.bus.publish(read_status(self.store).event(online=self.online))
