"""Offline-first sync with the central platform (DESIGN "Sync"; the contract is docs/central-api.yaml).

    rows = record_case(store, case, "kiosk:K01")              # local commit first: case, events, outbox, audit
    client = CentralClient(ClientConfig.from_settings(settings))
    engine = SyncEngine(store, client, bus=bus)
    worker = SyncWorker(engine, interval_s=settings.get("central.sync_interval_s"))
    worker.start(); worker.nudge(); ...; worker.stop(); engine.close()

Command line: ``core.sync.cli.status(store, settings) -> str`` and ``core.sync.cli.once(store, settings)
-> (exit code, text)``.
"""

from core.sync.client import CentralClient, ClientConfig, HmacAuth
from core.sync.engine import DEFAULT_POLICY, PushReport, SyncPolicy, backoff_delay
from core.sync.errors import SyncError
from core.sync.events import BackOfficeChangeHeld, CatalogRefreshed, SyncConflict, SyncRowParked, SyncStatusChanged
from core.sync.inbound import PullReport, cached_catalog
from core.sync.record import Attachment, record_case, record_evaluation
from core.sync.service import SyncEngine, SyncReport
from core.sync.signing import person_lookup_hmac
from core.sync.status import SyncStatus, read_status
from core.sync.worker import SyncWorker

__all__ = [
    "DEFAULT_POLICY", "Attachment", "BackOfficeChangeHeld", "CatalogRefreshed", "CentralClient", "ClientConfig",
    "HmacAuth", "PullReport", "PushReport", "SyncConflict", "SyncEngine", "SyncError", "SyncPolicy", "SyncReport",
    "SyncRowParked", "SyncStatus", "SyncStatusChanged", "SyncWorker", "backoff_delay", "cached_catalog",
    "person_lookup_hmac", "read_status", "record_case", "record_evaluation",
]
