"""The wire format of ``docs/central-api.yaml``, as pydantic models shared by the terminal and central_sim.

One definition serves both ends so the contract cannot drift between them; ``tests/sync/test_central_contract.py``
checks the YAML's schemas name exactly these fields. Every model forbids unknown fields: the simulator
refuses them in requests (422) and the terminal refuses them in replies (SYNC_BAD_RESPONSE), so a
mismatch shows up at once instead of as a silently dropped value.

Field names are English; their meaning follows GB/T 39046-2020 (tables 5-8 for the case, the standard's
Chinese name beside each field here and as ``x-gbt39046`` in the YAML). Datetimes carry an offset
(AwareDatetime); dates are ``YYYY-MM-DD``.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, model_serializer, model_validator

from core.cases.model import CaseAction, CaseState, CaseType, Channel, MaterialStatus, Outcome
from core.cases.numbering import parse_case_number
from core.catalog.models import IMPLEMENTATION_CODE_PATTERN, Bundle, Department, ServiceItem
from core.errors import ValidationError
from core.identity import (
    DocumentType,
    Gender,
    IdentitySource,
    Person,
    mask_id_number,
    mask_name,
    validate_id_number,
)

UUID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
SHA256_PATTERN = r"^[0-9a-f]{64}$"
TERMINAL_PATTERN = r"^[A-Z0-9]{1,8}$"
MAX_CASES_PER_BATCH = 200
MAX_EVENTS_PER_CASE = 500



def _uuid() -> Any:
    return Field(pattern=UUID_PATTERN)


def _sha256() -> Any:
    return Field(pattern=SHA256_PATTERN)


class Wire(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- the case (办件) ----------------------------------------------------------------------------------

class ApplicantRecord(Wire):
    """申请人 (GB/T 39046 table 5). Personal data: travels only inside TLS, never in a URL or a log."""

    name: str = Field(min_length=1, max_length=100)          # 申请人名称
    id_number: str = Field(min_length=1, max_length=50)      # 申请人证件号码
    document_type: DocumentType                              # 申请人证件类型
    source: IdentitySource                                   # how the terminal learned it (card, e-licence, typed)
    gender: Gender = Gender.UNKNOWN
    nation: str = Field(default="", max_length=20)
    birth_date: date | None = None
    address: str = Field(default="", max_length=200)
    phone: str = Field(default="", max_length=20)
    authority: str = Field(default="", max_length=100)       # 签发机关
    valid_from: date | None = None
    valid_to: date | None = None
    valid_long_term: bool = False
    extra: dict[str, str] = Field(default_factory=dict)

    def __repr__(self) -> str:   # the default would print name and ID number into logs and tracebacks
        return f"ApplicantRecord(name={mask_name(self.name)!r}, id_number={mask_id_number(self.id_number)!r})"

    __str__ = __repr__

    def to_person(self) -> Person:
        return Person.from_dict(self.model_dump(mode="json"))

    @model_validator(mode="after")
    def _resident_number(self) -> ApplicantRecord:
        if self.document_type is DocumentType.RESIDENT:
            try:
                validate_id_number(self.id_number)
            except ValidationError as exc:   # pydantic reports ValueError; the code names the rule (GB 11643)
                raise ValueError(f"{exc.code}: resident ID number fails GB 11643") from None
        return self


class MaterialEntry(Wire):
    """申请材料 (table 5): 材料名称, 收取方式, 份数, 收取时间, and the file by content hash."""

    code: str = Field(min_length=1, max_length=40)
    name: str = Field(min_length=1, max_length=200)          # 材料名称
    status: MaterialStatus                                   # 收取方式 / 容缺 / 缺少
    count: int = Field(ge=0, le=99)                          # 份数
    received_at: AwareDatetime | None = None                 # 收取时间
    file_sha256: str | None = Field(default=None, pattern=SHA256_PATTERN)   # uploaded first
    licence_number: str | None = Field(default=None, max_length=100)   # 电子证照复用
    deadline: date | None = None                             # 容缺: 补交期限
    note: str = Field(default="", max_length=500)


class CommitmentRecord(Wire):
    """告知承诺书: the text agreed to (by hash) and the finger signature (an attachment, by hash)."""

    text_sha256: str = _sha256()
    signed_at: AwareDatetime
    signature_sha256: str | None = Field(default=None, pattern=SHA256_PATTERN)


class LicenceRecord(Wire):
    """证照 (table 8): 证照名称, 证照编号, 有效期."""

    name: str = Field(min_length=1, max_length=100)
    number: str = Field(min_length=1, max_length=100)
    valid_from: date
    valid_to: date | None = None


class CaseFieldChanges(Wire):
    """Case fields changed along with an event. Only the fields present were changed (null clears)."""

    accepted_at: AwareDatetime | None = None                 # 受理时间
    accepting_unit: str | None = Field(default=None, max_length=200)          # 受理单位
    acceptance_doc_number: str | None = Field(default=None, max_length=100)   # 受理文书编号
    promised_date: date | None = None                        # 承诺办结时间
    completed_at: AwareDatetime | None = None                # 办结时间
    outcome: Outcome | None = None                           # 办结结果
    licence: LicenceRecord | None = None
    materials: list[MaterialEntry] | None = Field(default=None, max_length=200)

    @model_serializer(mode="wrap")
    def _only_present(self, handler: Any) -> dict[str, Any]:
        data = handler(self)
        return {k: v for k, v in data.items() if k in self.model_fields_set}


class EventRecord(Wire):
    """One step of a case's history (办理过程, table 7): 业务动作, 环节, 办理人, 意见, 时间."""

    event_id: str = _uuid()                                  # idempotency key of POST /v1/cases/{id}/events
    case_id: str = _uuid()
    seq: int = Field(ge=1, le=MAX_EVENTS_PER_CASE)
    action: CaseAction                                       # 业务动作
    from_state: CaseState | None
    to_state: CaseState
    actor: str = Field(min_length=1, max_length=64)          # 办理人 ("kiosk:K01", "clerk:0231")
    at: AwareDatetime
    reason: str = Field(default="", max_length=1000)         # 办理意见 / 原因
    data: dict[str, Any] = Field(default_factory=dict)
    changes: CaseFieldChanges | None = None


class CaseRecord(Wire):
    """办件 as first reported: the application, everything known so far, and its history."""

    case_id: str = _uuid()                                   # client UUID: the idempotency key
    case_number: str = Field(min_length=1, max_length=50)    # 办件编号
    item_code: str = Field(pattern=IMPLEMENTATION_CODE_PATTERN)   # 实施编码
    item_name: str = Field(min_length=1, max_length=200)     # 事项名称
    case_type: CaseType                                      # 办件类型 (1 即办件, 2 承诺件)
    channel: Channel                                         # 申报来源 / 渠道
    region_code: str = Field(pattern=r"^\d{6}$")             # 行政区划 (GB/T 2260)
    terminal_id: str = Field(pattern=TERMINAL_PATTERN)
    bundle_code: str | None = Field(default=None, max_length=24)   # 一件事
    state: CaseState
    created_at: AwareDatetime
    submitted_at: AwareDatetime | None = None                # 申请时间
    applicant: ApplicantRecord
    contact_name: str = Field(default="", max_length=100)    # 联系人姓名
    contact_phone: str = Field(default="", max_length=20)    # 联系电话
    contact_address: str = Field(default="", max_length=200)  # 通讯地址
    form: dict[str, Any] = Field(default_factory=dict)       # 申请表单
    materials: list[MaterialEntry] = Field(default_factory=list, max_length=200)
    commitment: CommitmentRecord | None = None
    accepted_at: AwareDatetime | None = None
    accepting_unit: str = Field(default="", max_length=200)
    acceptance_doc_number: str = Field(default="", max_length=100)
    promised_date: date | None = None
    completed_at: AwareDatetime | None = None
    outcome: Outcome | None = None
    licence: LicenceRecord | None = None
    events: list[EventRecord] = Field(min_length=1, max_length=MAX_EVENTS_PER_CASE)

    def __repr__(self) -> str:   # the applicant and contact fields must not reach a log
        return f"CaseRecord({self.case_number}, item={self.item_code}, state={self.state.value})"

    __str__ = __repr__

    @model_validator(mode="after")
    def _consistent(self) -> CaseRecord:
        if self.state is CaseState.DRAFT:
            raise ValueError("a draft (暂存) case is not reported to the platform")
        try:
            number = parse_case_number(self.case_number)
        except ValidationError:
            raise ValueError("case_number is not {region}{yyyymmdd}{terminal}{seq}") from None
        if (number.region, number.terminal_id) != (self.region_code, self.terminal_id):
            raise ValueError("case_number names another region or terminal than the record")
        for index, event in enumerate(self.events, start=1):
            if event.seq != index or event.case_id != self.case_id:
                raise ValueError(f"event {index} has seq {event.seq} or another case_id")
        if self.events[0].action is not CaseAction.CREATE or self.events[-1].to_state is not self.state:
            raise ValueError("history must start with create and end in the record's state")
        return self


class CaseBatchRequest(Wire):
    """``POST /v1/cases:batch``: records are validated one by one, so one bad record fails alone."""

    cases: list[dict[str, Any]] = Field(min_length=1, max_length=MAX_CASES_PER_BATCH)


class RecordResult(Wire):
    index: int = Field(ge=0)
    id: str | None                                           # the record's case_id, when it had a readable one
    status: int = Field(ge=200, le=599)                      # what a single POST would have answered
    code: str | None = None
    message: str | None = None


class BatchResponse(Wire):
    results: list[RecordResult]


Written = Literal["created", "unchanged"]


class CaseAck(Wire):
    case_id: str
    status: Written


class EventAck(Wire):
    event_id: str
    status: Written


# --- evaluation (好差评), attachments, heartbeat ------------------------------------------------------

# GB/T 39046 codes 1 = 非常满意 … 5 = 非常不满意 (provincial reporting interfaces use the reverse: the
# label is what we store, the code is derived from it explicitly; shared/domain "Evaluation").
EVALUATION_LEVELS: tuple[str, ...] = ("非常满意", "满意", "基本满意", "不满意", "非常不满意")
EvaluationLevel = Literal["非常满意", "满意", "基本满意", "不满意", "非常不满意"]


class EvaluationRecord(Wire):
    evaluation_id: str = _uuid()
    case_number: str = Field(min_length=1, max_length=50)   # 办件编号: 一次一评 is keyed on it
    case_id: str | None = Field(default=None, pattern=UUID_PATTERN)
    terminal_id: str = Field(pattern=TERMINAL_PATTERN)
    level: EvaluationLevel                                   # 评价等级 (label)
    level_code: int = Field(ge=1, le=5)                      # GB/T 39046 code for the label
    channel: Literal["1", "2", "3", "4", "5"]                # 4 hall tablet, 5 self-service terminal
    comment: str = Field(default="", max_length=500)
    evaluated_at: AwareDatetime

    @model_validator(mode="after")
    def _code_matches_label(self) -> EvaluationRecord:
        if EVALUATION_LEVELS.index(self.level) + 1 != self.level_code:
            raise ValueError("level_code does not match level (GB/T 39046: 1 = 非常满意 … 5 = 非常不满意)")
        return self


class EvaluationAck(Wire):
    evaluation_id: str
    status: Written
    follow_up_required: bool                                 # 差评 must be followed up (国办发〔2019〕51号)


class AttachmentAck(Wire):
    sha256: str
    size: int
    content_type: str
    status: Written


DeviceHealthValue = Literal["ONLINE", "OFFLINE", "NODEVICE", "HWERROR", "USERERROR", "BUSY"]


class DeviceHealth(Wire):
    name: str = Field(min_length=1, max_length=40)
    health: DeviceHealthValue


class OutboxDepth(Wire):
    pending: int = Field(ge=0)
    sending: int = Field(ge=0)
    failed_retryable: int = Field(ge=0)
    failed_permanent: int = Field(ge=0)
    conflict: int = Field(ge=0)


class AuditHead(Wire):
    seq: int = Field(ge=0)
    hash: str = _sha256()


class Heartbeat(Wire):
    terminal_id: str = Field(pattern=TERMINAL_PATTERN)
    software_version: str = Field(min_length=1, max_length=40)
    at: AwareDatetime
    outbox: OutboxDepth
    devices: list[DeviceHealth] = Field(default_factory=list, max_length=50)
    audit_head: AuditHead | None = None                      # anchors the terminal's audit chain off-site
    catalog_etag: str | None = Field(default=None, max_length=80)


class HeartbeatAck(Wire):
    server_time: AwareDatetime
    catalog_etag: str


# --- what flows back: back-office changes, the catalogue, lookups ------------------------------------

class ChangeRecord(Wire):
    """A status change made by the back office (受理 → 办理 → 办结 …), in platform order."""

    change_id: str = _uuid()                                 # becomes the local event's id: applied once
    case_id: str = _uuid()
    case_number: str = Field(min_length=1, max_length=50)
    action: CaseAction
    from_state: CaseState
    to_state: CaseState
    at: AwareDatetime
    actor: str = Field(min_length=1, max_length=64)
    reason: str = Field(default="", max_length=1000)
    changes: CaseFieldChanges = Field(default_factory=CaseFieldChanges)


class ChangesPage(Wire):
    changes: list[ChangeRecord]
    next_cursor: str = Field(pattern=r"^\d{1,18}$")          # opaque to the terminal; pass it back as since=
    has_more: bool


class CatalogDocument(Wire):
    etag: str = Field(min_length=1, max_length=80)
    generated_at: AwareDatetime
    items: list[ServiceItem]
    bundles: list[Bundle]
    departments: list[Department]


class ELicence(Wire):
    """An e-licence (电子证照) the token's holder owns."""

    licence_type: str = Field(min_length=1, max_length=40)   # 证照类型代码
    name: str = Field(min_length=1, max_length=100)          # 证照名称
    number: str = Field(min_length=1, max_length=100)        # 证照编号
    issuer: str = Field(min_length=1, max_length=200)        # 发证机关
    valid_from: date
    valid_to: date | None = None


class LicenceLookup(Wire):
    """``GET /v1/licences/by-token/{token}``: who showed the 亮证 QR code, and their licences."""

    person: ApplicantRecord
    person_hmac: str = _sha256()                             # for GET /v1/credit/{person_hmac}
    licences: list[ELicence]
    token_expires_at: AwareDatetime


class CreditRecordItem(Wire):
    kind: str = Field(min_length=1, max_length=40)           # e.g. "失信被执行人", "行政处罚"
    authority: str = Field(min_length=1, max_length=200)
    since: date
    until: date | None = None


class CreditStanding(Wire):
    person_hmac: str = _sha256()
    level: Literal["good", "no_record", "warning", "bad"]    # bad excludes 容缺受理 and instant approval
    dishonest: bool                                          # on the 失信被执行人 list
    records: list[CreditRecordItem]
    checked_at: AwareDatetime


class ErrorDetail(Wire):
    code: str
    message: str
    field: str | None = None


class ErrorBody(Wire):
    error: ErrorDetail
