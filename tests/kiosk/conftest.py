"""Kiosk journey tests: the same leak guards as tests/ui (a kiosk runs for weeks), and a whole demo kiosk."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.demo_terminal import demo_terminal
from tests.ui.conftest import (  # noqa: F401  (fixtures, re-exported for this folder)
    hallterm_app,
    make_ctx,
    no_active_timers,
    no_leaked_threads,
    no_visible_windows,
)


@pytest.fixture
def demo_kiosk(tmp_path, qtbot) -> Iterator[tuple[Any, Any, Any]]:
    """``(window, ctx, services)``: the kiosk main window on a whole demo terminal, shown at 1920 x 1080."""
    from kiosk import create_main_window

    with demo_terminal(tmp_path, "kiosk") as (ctx, services):
        window = create_main_window(ctx)
        qtbot.addWidget(window)
        window.resize(1920, 1080)
        window.show()
        qtbot.waitExposed(window)
        try:
            yield window, ctx, services
        finally:
            window.close()
