"""A whole demo terminal for journey tests: real store, real catalogue, real services on loopback.

    with demo_terminal(tmp_path, "kiosk") as (ctx, services):
        ticket = ctx.hall.issue_ticket("general")      # the embedded hall server
        ctx.printing.print(document)                    # the capture printers of the demo devices

The context is the one ``main.py`` builds for ``--demo`` (settings, paths under ``tmp_path``, the bus, the
task runner), with the catalogue already loaded; ``services`` are started by ``ui_common.services`` exactly
as after the first frame. Two terminals on the same ``tmp_path`` share one hall server, as two demo
processes do. Needs a QApplication (pytest-qt's ``qapp``) for the task runner.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from shiboken6 import Shiboken

from core.catalog import default_catalog_dir, load_catalog
from core.config import Settings
from core.events import EventBus
from core.paths import Paths
from core.storage import Store
from ui_common.context import AppContext
from ui_common.services import TerminalServices, start_services
from ui_common.tasks import TaskRunner


@cache
def demo_catalog() -> Any:
    return load_catalog(default_catalog_dir())


@contextmanager
def demo_terminal(root: Path, mode: str = "kiosk", *, language: str = "zh_CN", elderly: bool = False,
                  overrides: dict[str, Any] | None = None, wanted: frozenset[str] | None = None,
                  name: str | None = None) -> Iterator[tuple[AppContext, TerminalServices]]:
    """``name`` separates two terminals' stores on one ``root`` (they still share the demo hall server)."""
    paths = Paths.for_demo(Path(root))
    paths.ensure_dirs()
    settings = Settings.demo_defaults(overrides=overrides)
    suffix = f"-{name}" if name else ""
    store = Store.open(paths.data_dir / f"terminal{suffix}.sqlite3", paths.data_dir / f"terminal{suffix}.key")
    tasks = TaskRunner()
    ctx = AppContext(mode=mode, demo=True, language=language, elderly=elderly, bus=EventBus(), settings=settings,
                     paths=paths, catalog=demo_catalog(), store=store, tasks=tasks)
    services = start_services(ctx, wanted=wanted)
    try:
        yield ctx, services
    finally:
        tasks.shutdown()
        services.stop()
        store.close()
        # Deleted here, on the GUI thread, rather than whenever the garbage collector next runs: a QObject
        # left to the collector is freed at an arbitrary point of a later test.
        Shiboken.delete(tasks)
