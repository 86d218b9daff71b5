"""What a mode's windows get from the composition root (main.py): one small object, passed down."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from core.errors import HalltermError
from core.events import EventBus
from ui_common.tasks import TaskRunner


@dataclass
class AppContext:
    mode: str                 # "kiosk" | "counter" | "technician" | "display"
    demo: bool
    language: str             # "zh_CN" | "en"
    elderly: bool
    bus: EventBus
    settings: Any             # core.config.Settings, or anything with .get(key)
    paths: Any                # core.paths.Paths (None for screenshots)
    catalog: Any = None       # core.catalog, loaded after the first frame
    store: Any = None         # core.storage.Store
    tasks: TaskRunner | None = None
    sync: Any = None          # core.sync.SyncWorker once started: ``nudge()`` it after recording a case
    # Live services (ui_common.services.start_services), None until started or when not configured:
    devices: Any = None       # devices.manager.DeviceManager: ``devices.get("idcard")``
    printing: Any = None      # core.print_queue.PrintQueue (use ui_common.print_flow from screens)
    hall: Any = None          # core.queueing.client.HallClient; its listener publishes on ``bus``
    central: Any = None       # core.sync.client.CentralClient for look-ups (e-licences, credit)
    signing_key: Any = None   # core.documents.keys.SigningKey for the QR on every document
    announcer: Any = None     # ui_common.announcer.Announcer: the one voice of this terminal

    def setting(self, key: str, default: Any = None) -> Any:
        """``settings.get(key)``, or ``default`` when the key is unset or not declared (yet).

        Screens use this for keys owned by issues that have not landed, so a missing key shows a calm
        "未配置" instead of a traceback.
        """
        if self.settings is None:
            return default
        try:
            value = self.settings.get(key)
        except (KeyError, HalltermError):
            return default
        return default if value in (None, "") else value
