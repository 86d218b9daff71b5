"""main.py schedules retention: synced cases past store.retention_days lose their personal fields."""

from datetime import UTC, datetime, timedelta

import main
from core.cases import CaseType, Channel, machine
from core.config import Settings
from core.events import EventBus
from core.identity import IdentitySource, Person
from core.storage import PURGED_NAME, Store
from ui_common.context import AppContext
from ui_common.tasks import TaskRunner


def test_retention_timer_purges_old_synced_cases_only(qtbot, tmp_path):
    old = datetime.now(UTC) - timedelta(days=40)
    store = Store.open(tmp_path / "t.sqlite3", tmp_path / "t.key")
    cases, ids = [], {1: "00000000-0000-4000-8000-000000000001", 2: "00000000-0000-4000-8000-000000000002"}
    for n in (1, 2):
        case = machine.new_case(
            actor="kiosk:K01", at=old, case_id=ids[n], case_number=f"43010220261001K01{n:05d}",
            item_code="430102WJ000101", item_name="公共场所卫生许可证核发（新办）", case_type=CaseType.IMMEDIATE,
            channel=Channel.KIOSK, region_code="430102", terminal_id="K01", created_at=old,
            applicant=Person(name="张三", id_number="11010519491231002X", source=IdentitySource.CARD))
        cases.append(machine.submit(case, actor="kiosk:K01", at=old))
    store.cases.save_many(cases, now=old)
    synced = store.outbox.enqueue("case", ids[1], {"n": 1}, key=ids[1], now=old)
    store.outbox.mark(synced.id, "sending", now=old)
    store.outbox.mark(synced.id, "synced", now=old)
    store.outbox.enqueue("case", ids[2], {"n": 2}, key=ids[2], now=old)   # never sent

    tasks = TaskRunner()
    ctx = AppContext(mode="kiosk", demo=False, language="zh_CN", elderly=False, bus=EventBus(),
                     settings=Settings.load(None), paths=None, store=store, tasks=tasks)
    timer = main.schedule_retention(ctx, None)
    try:
        assert timer.isActive() and timer.interval() == 24 * 3600 * 1000
        timer.timeout.emit()
        qtbot.waitUntil(lambda: store.cases.get(ids[1]).applicant.name == PURGED_NAME, timeout=5000)
        assert store.cases.get(ids[2]).applicant.name == "张三"     # unsynced: never purged
    finally:
        timer.stop()
        timer.deleteLater()
        tasks.shutdown()
        store.close()
