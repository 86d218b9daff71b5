"""Kiosk journey tests run under the same Qt guards as tests/ui: no leaked threads, timers or windows."""

from tests.ui.conftest import (  # noqa: F401  (pytest finds fixtures by name)
    hallterm_app,
    make_ctx,
    no_active_timers,
    no_leaked_threads,
    no_visible_windows,
)
