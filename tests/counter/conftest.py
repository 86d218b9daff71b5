"""Counter journeys: a real demo terminal (store, catalogue, hall server, capture printers, platform
simulator) and the counter window signed in as a demo clerk. The UI leak guards of tests/ui apply here too."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from core.staff import DEMO_CLERKS
from tests.demo_terminal import demo_terminal
from tests.ui.conftest import hallterm_app, make_ctx, no_active_timers, no_leaked_threads, no_visible_windows  # noqa: F401
from window_client.main_window import CounterMainWindow


def open_counter(qtbot, ctx: Any, clerk=DEMO_CLERKS[0], size=(1366, 768)) -> CounterMainWindow:
    window = CounterMainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitActive(window)
    if clerk is not None:
        window.sign_in(clerk)
        qtbot.waitUntil(lambda: window.queue_panel._connected, timeout=10_000)
    return window


@pytest.fixture
def terminal(tmp_path) -> Iterator[tuple[Any, Any]]:
    with demo_terminal(tmp_path, "counter") as (ctx, services):
        yield ctx, services


@pytest.fixture
def counter(qtbot, terminal) -> CounterMainWindow:
    ctx, _services = terminal
    window = open_counter(qtbot, ctx)
    yield window
    window.close()


def issue_ticket(ctx: Any, service: str = "social") -> Any:
    """A ticket as the kiosk takes it (a counter's token may not issue tickets)."""
    import uuid

    from core.queueing.client import HallClient
    from core.queueing.codes import Role
    from hall_server.config import DEMO_TOKENS

    with HallClient(ctx.hall.base_url, DEMO_TOKENS[Role.KIOSK]) as kiosk:
        return kiosk.issue_ticket(service, client_request_id=uuid.uuid4().hex)
