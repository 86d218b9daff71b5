"""Small key/value terminal state that must survive a restart (the sync cursor, the last audit export).

Values are JSON. This is not the configuration (that is the TOML file a technician edits, ``core.config``):
nothing here is typed by a person, and nothing here is personal data.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from core.storage.codec import dt_text, to_json
from core.storage.db import Database


class SettingsRepository:
    def __init__(self, db: Database):
        self._db = db

    def get(self, key: str, default: Any = None) -> Any:
        with self._db.reading() as conn:
            row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else default

    def set(self, key: str, value: Any, *, now: datetime | None = None) -> None:
        # Plain SQL like the rest of this repository: the sync worker's first cursor write went through
        # sqlite-utils and paid its ~40 ms import (dateutil, ctypes) holding the GIL, under the clerk's screen.
        with self._db.transaction() as conn:
            conn.execute("INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE "
                         "SET value = excluded.value, updated_at = excluded.updated_at",
                         (key, to_json(value), dt_text(now or datetime.now(UTC))))

    def delete(self, key: str) -> bool:
        with self._db.transaction() as conn:
            return conn.execute("DELETE FROM settings WHERE key = ?", (key,)).rowcount > 0

    def items(self) -> dict[str, Any]:
        with self._db.reading() as conn:
            return {k: json.loads(v) for k, v in conn.execute("SELECT key, value FROM settings ORDER BY key")}
