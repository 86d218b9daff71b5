"""Technician console (技术维护): devices, links, settings and diagnostics."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ui_common.context import AppContext


def create_main_window(ctx: AppContext) -> QWidget:
    from technician.main_window import TechnicianMainWindow

    return TechnicianMainWindow(ctx)
