"""The technician PIN: kept only as an Argon2id hash, checked with a lockout after repeated failures.

    encoded = hash_pin("20251124")             # what ``kiosk.technician_pin_hash`` stores
    gate = PinGate(lambda: settings.get("kiosk.technician_pin_hash"))
    gate.check("20251124")                     # -> PinCheck(ok=True, ...)

Why a hash: the config file sits on a kiosk's disk and is copied into backups and support tickets; a
plain PIN there opens the technician console of every kiosk that shares it. Argon2id (RFC 9106) with the
argon2-cffi defaults costs ~50 ms and 64 MiB per guess, and the gate locks for a while after
``MAX_ATTEMPTS`` wrong PINs, so the 6-12 digit keypad PIN is not guessed at the screen either.

Old files had ``kiosk.technician_pin`` in plain text; ``core.config.migrations`` hashes it on load (the
plain text leaves the file at the next save). See docs/configuration.md.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

MAX_ATTEMPTS = 5
LOCKOUT_S = 300.0
_PREFIX = "$argon2id$"

_hasher = PasswordHasher()


def check_pin_text(pin: str) -> None:
    """Digits only (the kiosk shows a numeric keypad), 6-12 of them; raises ValueError otherwise."""
    if not (pin.isascii() and pin.isdigit() and 6 <= len(pin) <= 12):
        raise ValueError("the PIN must be 6-12 digits")


def hash_secret(secret: str) -> str:
    """An Argon2id encoded hash of any secret (a PIN, or a clerk's password in clerks.toml)."""
    return _hasher.hash(secret)


def hash_pin(pin: str) -> str:
    check_pin_text(pin)
    return hash_secret(pin)


def check_pin_hash(encoded: str) -> None:
    """The declaration's rule for ``kiosk.technician_pin_hash``: an Argon2id encoded hash."""
    if not encoded.startswith(_PREFIX) or encoded.count("$") != 5:
        raise ValueError("must be an Argon2id hash ($argon2id$...); set the PIN on the technician console "
                         "instead of writing it into the file")


def verify_pin(encoded: str, pin: str) -> bool:
    """True when ``pin`` matches ``encoded``; False for a wrong PIN, an empty or a malformed hash."""
    if not encoded or not pin:
        return False
    try:
        return _hasher.verify(encoded, pin)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


@dataclass(frozen=True)
class PinCheck:
    ok: bool
    reason: str            # "ok" | "wrong" | "locked" | "not_set"
    attempts_left: int
    locked_for_s: float = 0.0


class PinGate:
    """Checks PINs against the current hash; after ``max_attempts`` wrong ones refuses for ``lockout_s``.

    Thread-safe and Qt-free; one gate per terminal (the lockout must not reset by reopening a dialog).
    """

    def __init__(self, stored_hash: Callable[[], str], *, max_attempts: int = MAX_ATTEMPTS,
                 lockout_s: float = LOCKOUT_S, clock: Callable[[], float] = time.monotonic) -> None:
        self._stored_hash = stored_hash
        self.max_attempts = max_attempts
        self.lockout_s = lockout_s
        self._clock = clock
        self._failures = 0
        self._locked_until = 0.0
        self._lock = threading.Lock()

    def is_set(self) -> bool:
        return bool(self._stored_hash())

    def check(self, pin: str) -> PinCheck:
        with self._lock:
            now = self._clock()
            if now < self._locked_until:
                return PinCheck(False, "locked", 0, self._locked_until - now)
            encoded = self._stored_hash()
            if not encoded:
                return PinCheck(False, "not_set", 0)
            if verify_pin(encoded, pin):
                self._failures = 0
                return PinCheck(True, "ok", self.max_attempts)
            self._failures += 1
            if self._failures >= self.max_attempts:
                self._failures = 0
                self._locked_until = now + self.lockout_s
                return PinCheck(False, "locked", 0, self.lockout_s)
            return PinCheck(False, "wrong", self.max_attempts - self._failures)
