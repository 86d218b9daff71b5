"""Database backends of the hall server: ``open_backend(url)`` picks SQLite or PostgreSQL by the URL."""

from __future__ import annotations

from hall_server.db.base import Backend, Row, Tx
from hall_server.db.schema import LATEST_VERSION, migrate


def open_backend(url: str, *, run_migrations: bool = True) -> Backend:
    """Open (and migrate) the database at ``url``: ``sqlite:///path`` or ``postgresql://…``."""
    if url.startswith("sqlite:"):
        from hall_server.db.sqlite import SqliteBackend

        backend: Backend = SqliteBackend(url)
    elif url.startswith(("postgresql://", "postgres://")):
        from hall_server.db.postgres import PostgresBackend

        backend = PostgresBackend(url)
    else:
        raise ValueError(f"unsupported database URL (sqlite:///… or postgresql://…): {url.split(':', 1)[0]}:…")
    if run_migrations:
        try:
            migrate(backend)
        except BaseException:
            backend.close()
            raise
    return backend


__all__ = ["LATEST_VERSION", "Backend", "Row", "Tx", "migrate", "open_backend"]
