"""A kiosk window on a real demo terminal (hall server, simulated card reader and scanner, capture printers)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from kiosk import create_main_window
from tests.demo_terminal import demo_terminal

KIOSK_PARTS = frozenset({"documents", "devices", "printing", "hall"})


@contextmanager
def kiosk_window(qtbot: Any, root: Path, *, wanted: frozenset[str] = KIOSK_PARTS, **options: Any) -> Iterator[Any]:
    with demo_terminal(root, "kiosk", wanted=wanted, **options) as (ctx, services):
        window = create_main_window(ctx)
        window.resize(1920, 1080)
        window.show()
        qtbot.waitExposed(window)
        window.services = services
        try:
            yield window
        finally:
            window.go_home()
            window.close()
            window.deleteLater()
            qtbot.wait(10)


def captured_jobs(ctx: Any, printer: str = "receipt_printer") -> list:
    return ctx.devices.get(printer).store.jobs()


def place_card(ctx: Any, card_id: str = "resident") -> None:
    ctx.devices.get("idcard").place(card_id)


def remove_card(ctx: Any) -> None:
    ctx.devices.get("idcard").remove()
