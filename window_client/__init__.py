"""Counter client (窗口受理): the clerk's workspace."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ui_common.context import AppContext


def create_main_window(ctx: AppContext) -> QWidget:
    from window_client.main_window import CounterMainWindow

    return CounterMainWindow(ctx)


def create_evaluator_window(ctx: AppContext) -> QWidget:
    """``python main.py evaluator``: the citizen-facing evaluator of this counter, as its own program."""
    from core.staff import ClerkDirectory
    from window_client.evaluator_window import EvaluatorWindow

    try:
        directory = ClerkDirectory.for_terminal(ctx.settings, ctx.paths, demo=ctx.demo)
    except Exception:
        directory = ClerkDirectory(())
    return EvaluatorWindow(ctx, directory)
