"""Typed errors of the hall queue client, one class per thing a screen does differently.

| class              | when                                                       | the screen        |
|--------------------|------------------------------------------------------------|-------------------|
| HallUnavailable    | cannot connect, timed out, or the server says 5xx           | "稍候" / degraded |
| HallAuthError      | 401/403: this terminal's token or role is wrong             | technician        |
| HallRequestRefused | 409: the queue's rules say no (already open, counter paused) | explain, stay     |
| HallNotFound       | 404: no such counter or ticket                              | explain           |
| HallInvalidInput   | 422: a bad service code, a malformed request                | explain / bug     |

Each carries the server's stable ``code`` (``core.queueing.codes``) and a calm Chinese ``user_message``.
"""

from __future__ import annotations

from typing import Any

from core.errors import HalltermError
from core.queueing.codes import ERRORS


class HallError(HalltermError):
    code = "HALL_ERROR"
    user_message = "排队服务暂时无法完成此操作，请稍候重试。"

    def __init__(self, detail: str, *, code: str | None = None, user_message: str | None = None,
                 status: int | None = None, body: dict[str, Any] | None = None):
        super().__init__(detail, code=code, user_message=user_message)
        self.status = status
        self.body = body or {}


class HallUnavailable(HallError):
    code = "HALL_UNREACHABLE"
    user_message = "取号服务暂时无法连接，请稍候或到咨询台取号。"


class HallAuthError(HallError):
    code = "AUTH_TOKEN_INVALID"
    user_message = "本终端未获授权连接排队服务，请联系现场技术人员。"


class HallRequestRefused(HallError):
    code = "TICKET_STATE"
    user_message = "这个号当前的状态不允许此操作。"


class HallNotFound(HallError):
    code = "TICKET_UNKNOWN"
    user_message = "没有找到这个号。"


class HallInvalidInput(HallError):
    code = "REQUEST_INVALID"
    user_message = "请求内容有误，请检查后重试。"


def _class_for(status: int) -> type[HallError]:
    if status in (401, 403):
        return HallAuthError
    if status == 404:
        return HallNotFound
    if status == 409:
        return HallRequestRefused
    if status in (400, 405, 422):
        return HallInvalidInput
    if status >= 500:
        return HallUnavailable
    return HallError


def error_from_response(status: int, body: Any) -> HallError:
    """The typed error for an error answer; the message is ours for known codes, the server's otherwise."""
    body = body if isinstance(body, dict) else {}
    code = body.get("code") if isinstance(body.get("code"), str) else None
    known = ERRORS.get(code or "")
    cls = _class_for(known.status if known else status)
    message = known.message if known else (body.get("message") if isinstance(body.get("message"), str) else None)
    if cls is HallInvalidInput and code == "REQUEST_INVALID" and isinstance(body.get("message"), str):
        message = body["message"]  # names the field, which the generic sentence cannot
    detail = body.get("detail") if isinstance(body.get("detail"), str) else "no error body"
    if code is None:
        code = "HALL_SERVER_ERROR" if status >= 500 else f"HALL_HTTP_{status}"
    return cls(f"HTTP {status}: {detail}", code=code, user_message=message, status=status, body=body)
