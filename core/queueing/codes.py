"""The hall queue's shared vocabulary: ticket states, priorities, roles, and every error code.

Both sides import this module: ``hall_server`` answers with these codes and HTTP statuses, and the
``core.queueing`` client turns them back into typed errors. A code is never reused for another meaning.
The Chinese sentences are for whoever stands at the screen (a citizen at a kiosk, a clerk at a counter):
calm, no blame, and a next step where there is one.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class TicketState(StrEnum):
    WAITING = "waiting"      # issued, in the queue (also after a transfer: same number, new queue)
    CALLED = "called"        # announced at a counter, the citizen is walking there
    SERVING = "serving"      # the clerk started serving
    FINISHED = "finished"
    NO_SHOW = "no_show"      # 过号: called (and recalled) but never came
    CANCELLED = "cancelled"  # the citizen or a clerk withdrew it
    EXPIRED = "expired"      # still open when the business day ended (daily reset)

    @property
    def is_open(self) -> bool:
        return self in OPEN_STATES

    @property
    def is_active(self) -> bool:
        """At a counter right now: a counter holds at most one such ticket."""
        return self in (TicketState.CALLED, TicketState.SERVING)


OPEN_STATES = frozenset({TicketState.WAITING, TicketState.CALLED, TicketState.SERVING})


class Priority(StrEnum):
    NORMAL = "normal"
    ELDERLY = "elderly"          # 老年人 (hall practice: 60+, shown with the ID card)
    DISABLED = "disabled"        # 残疾人
    APPOINTMENT = "appointment"  # 预约

    @property
    def label(self) -> str:
        return {"normal": "普通", "elderly": "老年人优先", "disabled": "残疾人优先", "appointment": "预约"}[self.value]


class Role(StrEnum):
    KIOSK = "kiosk"
    COUNTER = "counter"
    DISPLAY = "display"
    ADMIN = "admin"


class AnnouncementKind(StrEnum):
    """What a row of the server's announcements table (one per committed change) says happened."""

    TICKET_ISSUED = "ticket_issued"
    TICKET_CALLED = "ticket_called"
    TICKET_RECALLED = "ticket_recalled"
    TICKET_NO_SHOW = "ticket_no_show"
    TICKET_STARTED = "ticket_started"
    TICKET_FINISHED = "ticket_finished"
    TICKET_TRANSFERRED = "ticket_transferred"
    TICKET_CANCELLED = "ticket_cancelled"
    COUNTER_PAUSED = "counter_paused"
    COUNTER_RESUMED = "counter_resumed"
    DAY_RESET = "day_reset"


@dataclass(frozen=True)
class ErrorCode:
    code: str
    status: int
    message: str


def _codes(*entries: ErrorCode) -> dict[str, ErrorCode]:
    return {entry.code: entry for entry in entries}


ERRORS: dict[str, ErrorCode] = _codes(
    # --- the request itself ------------------------------------------------------------------------
    ErrorCode("REQUEST_INVALID", 422, "请求内容有误，请检查后重试。"),
    ErrorCode("SERVICE_UNKNOWN", 422, "没有这项业务，请重新选择。"),
    ErrorCode("SERVICE_NOT_AT_COUNTER", 422, "本窗口不办理所选业务。"),
    ErrorCode("STATS_DATE_INVALID", 422, "统计日期格式不正确，应为 年-月-日。"),
    ErrorCode("OFFLINE_NUMBER_INVALID", 422, "离线取号的号码不在本终端的预留号段内。"),
    ErrorCode("ROUTE_UNKNOWN", 404, "请求的接口不存在，请检查终端版本。"),
    ErrorCode("METHOD_NOT_ALLOWED", 405, "请求的接口不支持此操作，请检查终端版本。"),
    # --- who asks ----------------------------------------------------------------------------------
    ErrorCode("AUTH_TOKEN_MISSING", 401, "本终端未获授权连接排队服务，请联系现场技术人员。"),
    ErrorCode("AUTH_TOKEN_INVALID", 401, "本终端未获授权连接排队服务，请联系现场技术人员。"),
    ErrorCode("AUTH_ROLE_FORBIDDEN", 403, "本终端无权进行此操作。"),
    ErrorCode("AUTH_COUNTER_FORBIDDEN", 403, "本终端只能操作自己的窗口。"),
    # --- what it refers to -------------------------------------------------------------------------
    ErrorCode("COUNTER_UNKNOWN", 404, "没有这个窗口。"),
    ErrorCode("TICKET_UNKNOWN", 404, "没有找到这个号。"),
    # --- the queue's rules -------------------------------------------------------------------------
    ErrorCode("TICKET_ALREADY_OPEN", 409, "您今天已经取过这项业务的号，请留意叫号。"),
    ErrorCode("REQUEST_ID_REUSED", 409, "这次取号请求与之前的请求不一致，请重新取号。"),
    ErrorCode("COUNTER_PAUSED", 409, "本窗口已暂停服务，请先恢复服务再叫号。"),
    ErrorCode("COUNTER_BUSY", 409, "本窗口还有正在办理的号，请先办结、过号或转移。"),
    ErrorCode("NO_ACTIVE_TICKET", 409, "本窗口当前没有叫到的号。"),
    ErrorCode("TICKET_STATE", 409, "这个号当前的状态不允许此操作。"),
    ErrorCode("NUMBERS_EXHAUSTED", 409, "今日该业务的号已发完，请到咨询台咨询。"),
    ErrorCode("OFFLINE_NUMBER_TAKEN", 409, "离线取号的号码已被使用。"),
    ErrorCode("OFFLINE_DAY_PASSED", 409, "离线取的号已过当天，不能再补登。"),
    # --- the server's own trouble ------------------------------------------------------------------
    ErrorCode("HALL_DB_ERROR", 503, "排队服务暂时不可用，请稍候或到咨询台取号。"),
    ErrorCode("HALL_DB_FUTURE_SCHEMA", 503, "排队服务的数据版本过新，请联系现场技术人员。"),
    ErrorCode("HALL_INTERNAL", 500, "排队服务出现异常，请稍候重试或到咨询台取号。"),
)


def status_of(code: str) -> int:
    return ERRORS[code].status


def message_of(code: str) -> str:
    return ERRORS[code].message
