"""Clerks (工作人员) of a counter terminal and how they sign in: user name + password, or staff card + PIN.

Clerks and their counters are local configuration for now: a ``clerks.toml`` next to the terminal's
config file (or the file ``counter.clerks_file`` names)::

    [[clerks]]
    user = "zhangwei"                 # login name
    name = "张伟"                      # shown on the evaluator screen
    staff_number = "0231"             # 工号: the clerk id on the hall server and in the audit log
    counter = 1                       # the window this clerk works at (counter.number overrides it)
    password_hash = "$argon2id$..."   # python -c "from core.config.pin import hash_secret; print(hash_secret('…'))"
    card_uid = "04A1B2C3D4"           # staff card UID (hex), optional
    pin_hash = "$argon2id$..."        # PIN for the staff card, optional
    services = ["general", "social"]  # services called by default (empty: all the counter serves)

Secrets are argon2id hashes only. ``--demo`` has two built-in clerks (:data:`DEMO_CLERKS`): ``zhangwei`` and
``liuyang``, password ``demo1234``; staff cards ``04A1B2C3D4`` (PIN 123456) and ``04B2C3D4E5`` (PIN 654321).

:class:`LoginGuard` checks a login and locks an account after ``max_failures`` failures in a row for
``lockout``; every login, failure, lock-out and logout goes to the audit log, and the audit log is what
a restarted terminal reads the failures and a running lock-out back from (restarting does not unlock).
Verification costs ~0.1 s of argon2: call it off the GUI thread.
"""

from __future__ import annotations

import logging
import threading
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from core.config.pin import verify_pin
from core.errors import ConfigError, HalltermError

log = logging.getLogger(__name__)

CLERKS_FILE_NAME = "clerks.toml"
# Verified when the user is unknown, so a wrong name takes as long as a wrong password.
_DUMMY_HASH = "$argon2id$v=19$m=65536,t=3,p=4$XpHgiVHe8vCay/D/pJcgvw$uZSoBnKoChML3hLBqJHoJDdCJ7VqvVzynXWtx+gPxrg"


class LoginError(HalltermError):
    code = "STAFF_LOGIN_FAILED"
    user_message = "用户名或密码不正确。"


@dataclass(frozen=True)
class Clerk:
    user: str
    name: str
    staff_number: str
    counter: str
    password_hash: str = ""
    card_uid: str = ""
    pin_hash: str = ""
    services: tuple[str, ...] = ()

    @property
    def actor(self) -> str:
        """Who did it, for the audit log and case events (no personal data)."""
        return f"clerk:{self.staff_number}"

    def __repr__(self) -> str:  # the hashes and the name stay out of logs
        return f"Clerk({self.user!r}, staff={self.staff_number}, counter={self.counter})"


DEMO_CLERKS: tuple[Clerk, ...] = (
    Clerk(user="zhangwei", name="张伟", staff_number="0231", counter="1", card_uid="04A1B2C3D4",
          password_hash=_DUMMY_HASH,  # demo1234
          pin_hash="$argon2id$v=19$m=65536,t=3,p=4$FMaOB2mGjWiUKB2tA8aoqQ$/ZFsxpB6HQK8hI8BmC46VwrRfkOmblwE+CemZNSb4Yc"),
    Clerk(user="liuyang", name="刘洋", staff_number="0232", counter="2", card_uid="04B2C3D4E5",
          password_hash=_DUMMY_HASH,  # demo1234
          pin_hash="$argon2id$v=19$m=65536,t=3,p=4$ZSQYkYufiAOv1vyYMYjTDA$3fAXGGjMA6PrhW3RzW5nkxvjUuC1uTVBVbIrdSlhcsM"),
)
DEMO_PASSWORD = "demo1234"


class ClerkDirectory:
    def __init__(self, clerks: Iterable[Clerk]):
        self.clerks = tuple(clerks)
        self._by_user = {c.user: c for c in self.clerks}
        self._by_card = {c.card_uid.upper(): c for c in self.clerks if c.card_uid}
        self._by_staff = {c.staff_number: c for c in self.clerks}

    def by_user(self, user: str) -> Clerk | None:
        return self._by_user.get(user.strip())

    def by_card(self, uid_hex: str) -> Clerk | None:
        return self._by_card.get(uid_hex.strip().upper())

    def by_staff_number(self, staff_number: str | None) -> Clerk | None:
        return self._by_staff.get(staff_number or "")

    @classmethod
    def load(cls, path: Path) -> ClerkDirectory:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"no clerks file at {path}", code="STAFF_FILE_MISSING",
                              user_message="本机未配置工作人员，请联系技术人员。") from None
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"clerks file {path}: {exc}", code="STAFF_FILE_INVALID",
                              user_message="工作人员配置有误，请联系技术人员。") from None
        return cls(_clerk(entry, path) for entry in data.get("clerks", []))

    @classmethod
    def for_terminal(cls, settings: Any, paths: Any, *, demo: bool) -> ClerkDirectory:
        """The demo clerks under ``--demo``; otherwise ``counter.clerks_file`` or clerks.toml by the config."""
        configured = _setting(settings, "counter.clerks_file")
        if configured:
            return cls.load(Path(configured))
        config_file = getattr(paths, "config_file", None)
        if config_file is not None and (Path(config_file).parent / CLERKS_FILE_NAME).exists():
            return cls.load(Path(config_file).parent / CLERKS_FILE_NAME)
        if demo:
            return cls(DEMO_CLERKS)
        return cls(())


def _setting(settings: Any, key: str) -> Any:
    try:
        return settings.get(key) if settings is not None else None
    except (KeyError, HalltermError):
        return None


def _clerk(entry: dict[str, Any], path: Path) -> Clerk:
    try:
        return Clerk(user=str(entry["user"]), name=str(entry["name"]), staff_number=str(entry["staff_number"]),
                     counter=str(entry.get("counter", "")), password_hash=str(entry.get("password_hash", "")),
                     card_uid=str(entry.get("card_uid", "")).upper(), pin_hash=str(entry.get("pin_hash", "")),
                     services=tuple(entry.get("services", ())))
    except KeyError as exc:
        raise ConfigError(f"clerks file {path}: a clerk lacks {exc.args[0]!r}", code="STAFF_FILE_INVALID",
                          user_message="工作人员配置有误，请联系技术人员。") from None


@dataclass
class _Failures:
    count: int = 0
    locked_until: datetime | None = None


_REMEMBERED_ACTIONS = ("staff.login_failed", "staff.locked", "staff.login")


class LoginGuard:
    """Checks logins; ``max_failures`` failures in a row lock the account for ``lockout``."""

    def __init__(self, directory: ClerkDirectory, audit: Any = None, *, max_failures: int = 5,
                 lockout: timedelta = timedelta(minutes=15), terminal: str = "",
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)):
        self.directory = directory
        self._audit = audit
        self._max = max_failures
        self._lockout = lockout
        self._terminal = terminal
        self._clock = clock
        self._failures: dict[str, _Failures] = {}
        self._lock = threading.Lock()

    def with_password(self, user: str, password: str) -> Clerk:
        clerk = self.directory.by_user(user)
        account = f"user:{user.strip()}" if clerk is None else f"user:{clerk.user}"
        self._refuse_if_locked(account, "password")
        encoded = clerk.password_hash if clerk is not None and clerk.password_hash else _DUMMY_HASH
        matched = verify_pin(encoded, password)   # any argon2 secret, not only a keypad PIN
        if clerk is None or not clerk.password_hash or not matched:
            raise self._failed(account, "password")
        return self._succeeded(account, clerk, "password")

    def with_card(self, uid_hex: str, pin: str) -> Clerk:
        clerk = self.directory.by_card(uid_hex)
        account = f"user:{clerk.user}" if clerk is not None else f"card:…{uid_hex[-4:].upper()}"
        self._refuse_if_locked(account, "card")
        if clerk is None or not clerk.pin_hash or not verify_pin(clerk.pin_hash, pin):
            raise self._failed(account, "card", message="工作证或密码不正确。")
        return self._succeeded(account, clerk, "card")

    def logout(self, clerk: Clerk, *, reason: str = "logout") -> None:
        self._record(clerk.actor, "staff.logout", clerk.user, {"reason": reason})

    # --- internals ---------------------------------------------------------------------------------

    def _remembered(self, account: str) -> _Failures:
        """The account's failures in a row (call with ``_lock`` held). The first time this process is asked
        about the account they are read back from the audit log, newest first: failures count until the
        last successful login or lock-out; a lock-out younger than ``lockout`` still holds."""
        state = self._failures.get(account)
        if state is not None:
            return state
        state = _Failures()
        if self._audit is not None:
            now = self._clock()
            subjects = {account, account.removeprefix("user:")}
            entries = self._audit.latest_about(subjects, _REMEMBERED_ACTIONS, since=now - self._lockout,
                                               limit=self._max + 1)
            for entry in entries:
                if entry.action == "staff.login":
                    break
                if entry.action == "staff.locked":
                    if state.count == 0:
                        state.count, state.locked_until = self._max, entry.at + self._lockout
                    break
                state.count += 1
        self._failures[account] = state
        return state

    def _refuse_if_locked(self, account: str, method: str) -> None:
        now = self._clock()
        with self._lock:
            state = self._remembered(account)
            until = state.locked_until
            if until is not None and until <= now:
                self._failures[account] = _Failures()    # served its time: a fresh start
                until = None
        if until is not None:
            minutes = max(1, int((until - now).total_seconds() // 60) + 1)
            self._record("staff", "staff.login_refused_locked", account, {"method": method})
            raise LoginError(f"{account} is locked until {until.isoformat()}", code="STAFF_LOCKED",
                             user_message=f"连续输错次数过多，账号已锁定，请 {minutes} 分钟后再试。")

    def _failed(self, account: str, method: str, *, message: str | None = None) -> LoginError:
        with self._lock:
            state = self._remembered(account)
            state.count += 1
            count = state.count
            if count >= self._max:
                state.locked_until = self._clock() + self._lockout
        self._record("staff", "staff.login_failed", account, {"method": method, "failures": count})
        if count >= self._max:
            self._record("staff", "staff.locked", account, {"minutes": int(self._lockout.total_seconds() // 60)})
            minutes = max(1, int(self._lockout.total_seconds() // 60))
            return LoginError(f"{account}: {count} failures, locked", code="STAFF_LOCKED",
                              user_message=f"连续输错 {count} 次，账号已锁定，请 {minutes} 分钟后再试。")
        left = self._max - count
        return LoginError(f"{account}: failure {count}", user_message=f"{message or LoginError.user_message}"
                                                                       f"再输错 {left} 次账号将被锁定。")

    def _succeeded(self, account: str, clerk: Clerk, method: str) -> Clerk:
        with self._lock:
            self._failures[account] = _Failures()
        self._record(clerk.actor, "staff.login", clerk.user, {"method": method, "terminal": self._terminal})
        return clerk

    def _record(self, actor: str, action: str, subject: str, details: dict[str, Any]) -> None:
        log.info("%s %s %s", action, subject, details)
        if self._audit is not None:
            self._audit.append(actor, action, subject, details, at=self._clock())

