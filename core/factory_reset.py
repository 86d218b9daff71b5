"""Factory reset of a terminal, from the technician console: settings back to their defaults.

    plan = reset_plan(settings, store)          # what would happen, and whether it is allowed
    factory_reset(settings, store, typed="恢复出厂设置", actor="technician")

What it does: every setting returns to its declared default, every device and every lock is removed, and
the file is saved; the personal fields of cases the platform already has are purged at once (as
retention would later), and one audit entry records the reset. What it keeps: the local store itself,
because cases not yet sent exist nowhere else, the case numbers must stay unique, and the audit log is
kept for years; and ``store.data_dir``, so the program still finds that store after the reset.

It refuses (``FACTORY_RESET_UNSENT``) while any outbox row has not reached the platform: a reset that
lost the platform link's secret would strand those cases. The technician must get them sent first. It
also refuses without the confirmation typed exactly (``FACTORY_RESET_NOT_CONFIRMED``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from core.errors import HalltermError

CONFIRMATION = "恢复出厂设置"
KEPT_KEYS = frozenset({"store.data_dir"})


class FactoryResetRefused(HalltermError):
    code = "FACTORY_RESET_REFUSED"
    user_message = "不能恢复出厂设置。"


@dataclass(frozen=True)
class ResetPlan:
    unsent: int                 # outbox rows not yet at the platform (any state but synced)
    changed_settings: int       # settings that differ from their default
    devices: int
    locked: int

    @property
    def allowed(self) -> bool:
        return self.unsent == 0


@dataclass(frozen=True)
class ResetResult:
    settings_reset: int
    devices_removed: int
    locks_removed: int
    cases_purged: int


def unsent_rows(store: Any) -> int:
    if store is None:
        return 0
    return sum(n for state, n in store.outbox.counts_by_state().items() if str(state) != "synced")


def reset_plan(settings: Any, store: Any) -> ResetPlan:
    changed = sum(1 for s in settings.declarations() if s.key not in KEPT_KEYS and not settings.is_default(s.key))
    return ResetPlan(unsent=unsent_rows(store), changed_settings=changed, devices=len(settings.devices),
                     locked=len(settings.locked_keys()))


def factory_reset(settings: Any, store: Any, *, typed: str, actor: str, now: datetime | None = None) -> ResetResult:
    if typed.strip() != CONFIRMATION:
        raise FactoryResetRefused("the confirmation text was not typed", code="FACTORY_RESET_NOT_CONFIRMED",
                                  user_message=f"请输入“{CONFIRMATION}”以确认。")
    plan = reset_plan(settings, store)
    if not plan.allowed:
        raise FactoryResetRefused(
            f"{plan.unsent} outbox rows are not yet at the platform", code="FACTORY_RESET_UNSENT",
            user_message=f"还有 {plan.unsent} 条办件数据未上传到平台，不能恢复出厂设置；"
                         "请先在“连接”页检查平台连接，全部上传后再试。")
    now = now or datetime.now(UTC)
    locks = sorted(settings.locked_keys())
    for key in locks:
        settings.unlock(key)
    reset = 0
    for setting in settings.declarations():
        if setting.key not in KEPT_KEYS and not settings.is_default(setting.key):
            settings.reset(setting.key)
            reset += 1
    devices = list(settings.devices)
    for name in devices:
        settings.remove_device(name)
    if settings.source is not None:
        settings.save()
    purged = 0
    if store is not None:
        with store.transaction():
            purged = store.purge_personal(0, now)
            store.audit.append(actor, "technician.factory_reset", "terminal",
                               {"settings_reset": reset, "devices_removed": len(devices), "locks_removed": len(locks),
                                "cases_purged": purged}, at=now)
    return ResetResult(settings_reset=reset, devices_removed=len(devices), locks_removed=len(locks),
                       cases_purged=purged)
