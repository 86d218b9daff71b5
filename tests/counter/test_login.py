"""Login: password or staff card + PIN; five failures lock the account; every attempt and logout audited."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from core.staff import DEMO_CLERKS, DEMO_PASSWORD, ClerkDirectory, LoginError, LoginGuard
from tests.counter.conftest import open_counter


def test_five_failures_lock_the_account_for_a_while(tmp_path):
    from core.storage import Store

    now = [datetime(2026, 3, 2, 9, 0, tzinfo=UTC)]
    with Store.open(tmp_path / "s.sqlite3", tmp_path / "s.key") as store:
        guard = LoginGuard(ClerkDirectory(DEMO_CLERKS), store.audit, lockout=timedelta(minutes=15),
                           clock=lambda: now[0])
        for attempt in range(1, 5):
            with pytest.raises(LoginError) as raised:
                guard.with_password("zhangwei", "wrong")
            assert raised.value.code == "STAFF_LOGIN_FAILED" and f"{5 - attempt} 次" in raised.value.user_message
        with pytest.raises(LoginError) as raised:
            guard.with_password("zhangwei", "wrong")
        assert raised.value.code == "STAFF_LOCKED"
        with pytest.raises(LoginError) as raised:        # even the right password, while locked
            guard.with_password("zhangwei", DEMO_PASSWORD)
        assert raised.value.code == "STAFF_LOCKED"
        assert guard.with_password("liuyang", DEMO_PASSWORD).staff_number == "0232"   # others are not locked
        now[0] += timedelta(minutes=16)
        clerk = guard.with_password("zhangwei", DEMO_PASSWORD)
        guard.logout(clerk)
        actions = [e.action for e in store.audit.entries()]
        assert actions.count("staff.login_failed") == 5 and "staff.locked" in actions
        assert "staff.login_refused_locked" in actions
        assert actions.count("staff.login") == 2 and actions[-1] == "staff.logout"
        assert store.audit.verify().ok


def test_staff_card_and_pin(tmp_path):
    guard = LoginGuard(ClerkDirectory(DEMO_CLERKS))
    assert guard.with_card("04a1b2c3d4", "123456").user == "zhangwei"
    with pytest.raises(LoginError):
        guard.with_card("04A1B2C3D4", "000000")
    with pytest.raises(LoginError):
        guard.with_card("FFFFFFFF", "123456")


def test_clerks_file(tmp_path):
    from core.config.pin import hash_secret

    path = tmp_path / "clerks.toml"
    path.write_text(f'[[clerks]]\nuser = "wang"\nname = "王丽"\nstaff_number = "0301"\ncounter = 5\n'
                    f'password_hash = "{hash_secret("s3cret-pass")}"\n', encoding="utf-8")
    directory = ClerkDirectory.load(path)
    assert LoginGuard(directory).with_password("wang", "s3cret-pass").counter == "5"


def test_login_screen_by_keyboard_and_by_staff_card(qtbot, terminal):
    ctx, _ = terminal
    window = open_counter(qtbot, ctx, clerk=None)
    screen = window.login_screen
    assert window.pages.currentWidget() is screen
    qtbot.keyClicks(screen.user_edit, "zhangwei")
    qtbot.keyClick(screen.user_edit, Qt.Key.Key_Return)      # Enter moves on to the password
    assert screen.error_label.text() == ""                   # nothing submitted yet
    qtbot.keyClicks(screen.password_edit, "nope")
    qtbot.keyClick(screen.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "再输错 4 次" in screen.error_label.text(), timeout=10_000)
    qtbot.keyClicks(screen.password_edit, DEMO_PASSWORD)
    qtbot.keyClick(screen.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.clerk is not None, timeout=10_000)
    assert "张伟" in window.clerk_label.text() and window.pages.currentWidget() is window.tabs
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.clerk is None and window.pages.currentWidget() is screen
    ctx.devices.get("staff_card").place("04B2C3D4E5")
    qtbot.waitUntil(lambda: screen.pin_edit.isVisible(), timeout=10_000)
    qtbot.keyClicks(screen.pin_edit, "654321")
    qtbot.keyClick(screen.pin_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.clerk is not None and window.clerk.user == "liuyang", timeout=10_000)
    qtbot.waitUntil(lambda: [e.action for e in ctx.store.audit.entries()].count("staff.login") == 2, timeout=5000)
    window.close()


def test_a_restart_neither_unlocks_an_account_nor_forgets_its_failures(tmp_path):
    """The audit log is the guard's memory: a new guard on the same store (the counter client restarted)
    still refuses a locked account until its time is served, and counts on from earlier failures."""
    from core.storage import Store

    now = [datetime(2026, 3, 2, 9, 0, tzinfo=UTC)]

    def guard(store):
        return LoginGuard(ClerkDirectory(DEMO_CLERKS), store.audit, lockout=timedelta(minutes=15),
                          clock=lambda: now[0])

    path, key = tmp_path / "s.sqlite3", tmp_path / "s.key"
    with Store.open(path, key) as store:
        first = guard(store)
        for _ in range(5):
            with pytest.raises(LoginError):
                first.with_password("zhangwei", "wrong")
        for _ in range(3):
            with pytest.raises(LoginError):
                first.with_password("liuyang", "wrong")
    now[0] += timedelta(minutes=5)
    with Store.open(path, key) as store:
        restarted = guard(store)
        with pytest.raises(LoginError) as raised:
            restarted.with_password("zhangwei", DEMO_PASSWORD)
        assert raised.value.code == "STAFF_LOCKED" and "11 分钟" in raised.value.user_message
        with pytest.raises(LoginError) as raised:      # liuyang had 3 failures: the 4th leaves one more
            restarted.with_password("liuyang", "wrong")
        assert raised.value.code == "STAFF_LOGIN_FAILED" and "1 次" in raised.value.user_message
        assert restarted.with_password("liuyang", DEMO_PASSWORD).user == "liuyang"
    now[0] += timedelta(minutes=11)
    with Store.open(path, key) as store:
        later = guard(store)
        assert later.with_password("zhangwei", DEMO_PASSWORD).user == "zhangwei"   # time served
        with pytest.raises(LoginError) as raised:      # and a success starts the count afresh
            later.with_password("liuyang", "wrong")
        assert "4 次" in raised.value.user_message
        assert store.audit.verify().ok
