"""What the queue logic needs from a database, the same on SQLite and PostgreSQL.

SQL is written once with ``?`` placeholders and portable syntax (``INSERT … ON CONFLICT … RETURNING``,
partial unique indexes, ``BIGINT`` epoch milliseconds); the PostgreSQL backend rewrites the placeholders.
The only dialect-specific statements are the claim inside call-next (``claim_lock_clause``) and the
announcement (``Tx.record``). On PostgreSQL each transaction runs in pipeline mode, so ``send`` and
``many`` save round trips: under load, every round trip is a context switch to another process.

Work is passed as a function so a backend can retry it: PostgreSQL may abort a transaction with a
deadlock or serialization failure that succeeds when simply run again.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from typing import Any, ClassVar, Protocol, TypeVar

import anyio.to_thread

T = TypeVar("T")
Row = dict[str, Any]
Params = Sequence[Any]
# The hall version a write produced (a function for a backend that learns it only after the commit).
VersionRef = int | Callable[[], int]


def resolve(version: VersionRef) -> int:
    return version() if callable(version) else version


class Tx(Protocol):
    """One open transaction."""

    def all(self, sql: str, params: Params = ()) -> list[Row]: ...

    def one(self, sql: str, params: Params = ()) -> Row | None: ...

    def run(self, sql: str, params: Params = ()) -> int:
        """Execute; the number of rows changed."""
        ...

    def send(self, sql: str, params: Params = ()) -> None:
        """Execute without waiting for the answer (PostgreSQL pipelines it with the next statement that does).

        An error still surfaces, at the next statement that waits, and aborts the transaction.
        """
        ...

    def many(self, statements: Sequence[tuple[str, Params]]) -> list[list[Row]]:
        """Several independent reads in one round trip (PostgreSQL pipeline); their rows, in order."""
        ...

    def record(self, day: str, kind: str, at_ms: int, ticket_id: str | None, counter_id: str | None,
               payload: str) -> VersionRef | None:
        """Write the announcement under the hall's next version; the LAST statement of a write.

        SQLite (one writer) bumps ``hall_state.version`` here and returns it. PostgreSQL inserts the
        row and a deferred trigger assigns the version while the transaction commits, so the row lock
        that orders versions is never held across a round trip to this (possibly busy) process; it
        returns None and the version reaches the event streams through LISTEN/NOTIFY.
        """
        ...


class Backend(ABC):
    dialect: ClassVar[str]
    # Appended to the SELECT that picks the next ticket inside call-next's UPDATE.
    claim_lock_clause: ClassVar[str] = ""

    def __init__(self, url: str) -> None:
        self.url = url

    @abstractmethod
    def write(self, work: Callable[[Tx], T]) -> T:
        """Run ``work`` in one write transaction and commit; retried on transient conflicts."""

    async def write_async(self, work: Callable[[Tx], T]) -> T:
        """``write`` from an event loop; by default on a worker thread (SQLite answers the loop directly)."""
        return await anyio.to_thread.run_sync(self.write, work)

    @abstractmethod
    def read(self, work: Callable[[Tx], T]) -> T:
        """Run ``work`` on one consistent snapshot, read-only."""

    def listen(self, on_version: Callable[[int], None]) -> None:  # noqa: B027 - optional for a backend
        """Call ``on_version`` when another process commits a change (PostgreSQL only)."""

    @abstractmethod
    def close(self) -> None: ...

    @property
    def display_url(self) -> str:
        """The URL without a password, for logs and the technician's view."""
        return redact_url(self.url)


def redact_url(url: str) -> str:
    scheme, sep, rest = url.partition("://")
    if not sep or "@" not in rest.split("/", 1)[0]:
        return url
    credentials, _, host = rest.partition("@")
    user = credentials.split(":", 1)[0]
    return f"{scheme}://{user}{':***' if ':' in credentials else ''}@{host}"


def placeholders(count: int) -> str:
    return ", ".join("?" * count)
