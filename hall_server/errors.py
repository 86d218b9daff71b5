"""The hall server's expected failures: a stable code (from ``core.queueing.codes``), an HTTP status, the
calm Chinese sentence, and a technician's detail that never holds personal data or a token."""

from __future__ import annotations

from typing import Any

from core.errors import HalltermError
from core.queueing.codes import ERRORS


class HallServerError(HalltermError):
    code = "HALL_DB_ERROR"

    def __init__(self, code: str, detail: str, *, extra: dict[str, Any] | None = None):
        entry = ERRORS[code]
        super().__init__(detail, code=code, user_message=entry.message)
        self.status = entry.status
        self.extra = extra or {}

    def body(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.user_message, "detail": self.detail, **self.extra}


class UniqueViolation(Exception):
    """A unique index refused a row; ``index`` is our index name (both backends report it the same way)."""

    def __init__(self, index: str):
        super().__init__(index)
        self.index = index
