"""Errors that say who they are for.

Every failure that can reach a person carries three things:

* ``code``: a stable identifier for the technician's log and for support ("CFG_CORRUPT"). Codes are
  never reused for a different meaning; tests and the technician console match on them.
* ``user_message``: one calm sentence in Simplified Chinese for whoever stands at the screen. It never
  contains personal data, file paths or exception text.
* ``detail``: what a technician needs to fix it (file, key, line). Logged, never shown to a citizen.
"""

from __future__ import annotations


class HalltermError(Exception):
    """Base for every expected failure. Unexpected ones stay ordinary exceptions (and are bugs)."""

    code: str = "HALLTERM_ERROR"
    user_message: str = "系统暂时无法完成此操作，请联系工作人员。"

    def __init__(self, detail: str, *, code: str | None = None, user_message: str | None = None):
        super().__init__(detail)
        self.detail = detail
        if code is not None:
            self.code = code
        if user_message is not None:
            self.user_message = user_message

    def __str__(self) -> str:
        return f"[{self.code}] {self.detail}"


class ConfigError(HalltermError):
    code = "CFG_INVALID"
    user_message = "本机设置有误，暂停服务。请联系现场技术人员。"


class CatalogError(HalltermError):
    code = "CATALOG_INVALID"
    user_message = "事项目录加载失败，暂停自助办理。请到人工窗口办理。"


class StorageError(HalltermError):
    code = "STORE_ERROR"
    user_message = "本机数据存储异常，暂停服务。您的资料没有丢失，请联系工作人员。"


class ValidationError(HalltermError):
    """A value a person typed or a device delivered does not pass its rule."""

    code = "VALUE_INVALID"
    user_message = "填写的内容有误，请检查后重试。"

    def __init__(self, detail: str, *, field: str | None = None, code: str | None = None,
                 user_message: str | None = None):
        super().__init__(detail, code=code, user_message=user_message)
        self.field = field


class TransitionError(HalltermError):
    """A case was asked to move along an edge its state machine does not have."""

    code = "CASE_ILLEGAL_TRANSITION"
    user_message = "该办件当前状态不允许此操作。"
