"""Diagnostics export and factory reset: no personal data or secret leaves, unsent cases are never lost."""

from __future__ import annotations

import json
import zipfile

import pytest
from storage_factory import id_number, make_case, open_store

from core.config import REDACTED, Settings
from core.config.pin import hash_pin
from core.diagnostics import build_diagnostics
from core.factory_reset import CONFIRMATION, FactoryResetRefused, factory_reset, reset_plan
from core.storage import OutboxState
from core.sync.record import record_case

TOKEN = "hall-token-abcdef-987654"
SECRET = "central-secret-zyxwvu-123456"


@pytest.fixture
def store(tmp_path):
    opened = open_store(tmp_path)
    yield opened
    opened.close()


@pytest.fixture
def settings(tmp_path):
    configured = Settings.load(tmp_path / "hallterm.toml")
    configured.set("hall_server.token", TOKEN)
    configured.set("central.terminal_secret", SECRET)
    configured.set("central.url", "https://platform.example.cn")
    configured.set("kiosk.technician_pin_hash", hash_pin("20251124"))
    configured.set("kiosk.idle_timeout_s", 90)
    configured.set_device("idcard", {"driver": "samv_serial", "port": "/dev/ttyUSB0", "baud": 115200})
    configured.set_device("camera", {"driver": "camera_scanner", "token": "cam-token-55555"})
    configured.lock("ui.language")
    configured.save()
    return configured


def _unsent_case(store):
    case = make_case(store)
    record_case(store, case, "kiosk:K01")
    return case


def test_export_has_every_part_and_no_secret_or_id_number(tmp_path, store, settings):
    _unsent_case(store)
    logs = tmp_path / "logs"
    logs.mkdir()
    # A log written before the redacting filter existed, with a token pasted in by hand.
    (logs / "hallterm.log").write_text(f"read card {id_number()} phone 13812345678\nheader Bearer {TOKEN}\n"
                                       "device idcard health online\n", encoding="utf-8")
    path = build_diagnostics(tmp_path / "out", settings=settings, store=store, logs_dir=logs,
                             device_status={"idcard": {"health": "online"}},
                             recent_events=[{"device": "idcard", "event": "status", "health": "online"}])
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        assert {"versions.json", "config.json", "devices.json", "outbox.json", "audit.json", "log.txt",
                "manifest.json"} <= names
        everything = "".join(archive.read(name).decode("utf-8") for name in names)
        outbox = json.loads(archive.read("outbox.json"))
        audit = json.loads(archive.read("audit.json"))
        config = json.loads(archive.read("config.json"))
        log = archive.read("log.txt").decode()
    for secret in (TOKEN, SECRET, "cam-token-55555", "20251124", settings.get("kiosk.technician_pin_hash"),
                   id_number(), "13812345678"):
        assert secret not in everything
    assert config["hall_server"]["token"] == REDACTED and config["kiosk"]["idle_timeout_s"] == 90
    assert outbox["unsent"] >= 1 and outbox["cases_waiting"] == 1
    assert audit["ok"] is True and audit["checked"] >= 1
    assert "device idcard health online" in log
    assert path.name.startswith("hallterm-diagnostics-K01-")


def test_reset_is_refused_while_cases_are_unsent(store, settings):
    _unsent_case(store)
    plan = reset_plan(settings, store)
    assert not plan.allowed and plan.unsent >= 1
    with pytest.raises(FactoryResetRefused) as info:
        factory_reset(settings, store, typed=CONFIRMATION, actor="technician")
    assert info.value.code == "FACTORY_RESET_UNSENT"
    assert "未上传" in info.value.user_message
    assert settings.get("central.terminal_secret") == SECRET    # nothing was touched
    assert store.outbox.cases_waiting() == 1


def test_reset_needs_the_typed_confirmation(store, settings):
    with pytest.raises(FactoryResetRefused) as info:
        factory_reset(settings, store, typed="reset", actor="technician")
    assert info.value.code == "FACTORY_RESET_NOT_CONFIRMED"


def test_reset_returns_settings_to_defaults_and_is_audited(tmp_path, store, settings):
    case = _unsent_case(store)
    for row in store.outbox.pending():
        store.outbox.mark(row.id, OutboxState.SENDING)
        store.outbox.mark(row.id, OutboxState.SYNCED)
    result = factory_reset(settings, store, typed=f" {CONFIRMATION} ", actor="technician")
    assert result.devices_removed == 2 and result.locks_removed == 1 and result.cases_purged == 1
    reloaded = Settings.load(settings.source)
    assert reloaded.devices == {} and reloaded.locked_keys() == frozenset()
    assert reloaded.get("central.terminal_secret") == "" and reloaded.get("kiosk.idle_timeout_s") == 60
    assert store.cases.get(case.case_id) is not None          # the case stays, without its personal fields
    last = store.audit.entries(limit=1000)[-1]
    assert last.action == "technician.factory_reset" and last.details["settings_reset"] >= 4
    assert store.audit.verify().ok
