"""Bearer tokens per terminal, each with one role.

| role    | may                                                                   |
|---------|-----------------------------------------------------------------------|
| kiosk   | issue, register offline tickets, read a ticket, cancel, snapshot, events |
| counter | everything a window does (its own window when the token names one), cancel, stats |
| display | snapshot and events only                                              |
| admin   | all of the above                                                      |

Tokens are compared by their SHA-256 digest in a dict, so the lookup time does not depend on how many
leading characters a guess got right. A token never reaches a log; the terminal id does.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Request

from core.queueing.codes import Role
from hall_server.config import HallConfig, TokenDef
from hall_server.errors import HallServerError


def _digest(token: str) -> bytes:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).digest()


class TokenTable:
    def __init__(self, config: HallConfig) -> None:
        self._by_digest = {_digest(t.token): t for t in config.tokens}

    def authenticate(self, header: str | None) -> TokenDef:
        if not header:
            raise HallServerError("AUTH_TOKEN_MISSING", "no Authorization header")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise HallServerError("AUTH_TOKEN_MISSING", "Authorization is not 'Bearer <token>'")
        terminal = self._by_digest.get(_digest(token.strip()))
        if terminal is None:
            raise HallServerError("AUTH_TOKEN_INVALID", "unknown bearer token")
        return terminal


def require(*roles: Role) -> Callable[[Request], TokenDef]:
    """A FastAPI dependency: the calling terminal, if its role is one of ``roles`` (admin always is)."""
    allowed = frozenset(roles) | {Role.ADMIN}

    async def dependency(request: Request) -> TokenDef:  # async: no worker-thread hop for a dict lookup
        terminal = request.app.state.tokens.authenticate(request.headers.get("authorization"))
        if terminal.role not in allowed:
            raise HallServerError("AUTH_ROLE_FORBIDDEN", f"terminal {terminal.terminal_id} ({terminal.role}) "
                                  f"may not {request.method} {request.url.path}")
        request.state.terminal = terminal
        return terminal

    return dependency


def check_counter(terminal: TokenDef, counter_id: str) -> None:
    if terminal.counter_id is not None and terminal.counter_id != counter_id:
        raise HallServerError("AUTH_COUNTER_FORBIDDEN", f"terminal {terminal.terminal_id} is bound to counter "
                              f"{terminal.counter_id}, not {counter_id}")


# The terminals each route accepts (FastAPI dependencies, as annotations).
KioskTerminal = Annotated[TokenDef, Depends(require(Role.KIOSK))]
CounterTerminal = Annotated[TokenDef, Depends(require(Role.COUNTER))]
DeskTerminal = Annotated[TokenDef, Depends(require(Role.KIOSK, Role.COUNTER))]
AnyTerminal = Annotated[TokenDef, Depends(require(Role.KIOSK, Role.COUNTER, Role.DISPLAY))]
