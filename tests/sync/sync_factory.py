"""Cases, stores, simulators and engines for the tests/sync modules (and the kill-test victim script)."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from core.cases import machine
from core.cases.model import Case, CaseType, Channel, Commitment, MaterialRecord, MaterialStatus
from core.cases.numbering import format_case_number
from core.identity import Gender, IdentitySource, Person, id_check_char
from core.storage import Store
from core.sync import CentralClient, ClientConfig, SyncEngine, SyncPolicy

TERMINAL = "K01"
SECRET = "test-secret-K01-0123456789abcdef"
REGION = "430102"
DAY = date(2026, 3, 2)
T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
PROMISED_ITEM = ("430102GA000401", "无犯罪记录证明开具")      # 承诺件 in the seed catalogue
IMMEDIATE_ITEM = ("430102GA000102", "居住证签注")             # 即办件
FAST = SyncPolicy(claim_limit=50, case_batch=10, backoff_base_s=0.02, backoff_cap_s=0.2, stuck_after_s=30.0)
NAMESPACE = uuid.UUID("6f0e6a3c-0a0b-4d7e-9a55-6c7a1d2b3c4d")


def person(i: int = 0) -> Person:
    first17 = f"4301021990{(i % 12) + 1:02d}{(i % 28) + 1:02d}{i % 1000:03d}"
    return Person(name="张三", id_number=first17 + id_check_char(first17), source=IdentitySource.CARD,
                  gender=Gender.MALE, nation="汉", birth_date=date(1990, 1, 1), address="湖南省长沙市芙蓉区五一大道1号",
                  authority="长沙市公安局芙蓉分局", valid_from=date(2015, 3, 1), valid_to=date(2035, 3, 1))


def open_store(tmp_path: Path, name: str = "terminal") -> Store:
    return Store.open(tmp_path / f"{name}.sqlite3", tmp_path / f"{name}.key")


def case_id_of(i: int) -> str:
    return str(uuid.uuid5(NAMESPACE, f"case-{i}"))


def make_case(i: int, *, item: tuple[str, str] = PROMISED_ITEM, submit: bool = True, terminal: str = TERMINAL,
              signature: bytes = b"", materials: tuple[MaterialRecord, ...] | None = None, **fields) -> Case:
    """Case number ``i + 1`` of DAY, with a deterministic case id (the kill test regenerates it)."""
    at = T0 + timedelta(seconds=i)
    values = {
        "case_id": case_id_of(i), "case_number": format_case_number(REGION, DAY, terminal, i + 1),
        "item_code": item[0], "item_name": item[1],
        "case_type": CaseType.PROMISED if item == PROMISED_ITEM else CaseType.IMMEDIATE, "channel": Channel.KIOSK,
        "region_code": REGION, "terminal_id": terminal, "created_at": at, "applicant": person(i),
        "contact_name": "张三", "contact_phone": "13812345678", "contact_address": "湖南省长沙市芙蓉区五一大道1号",
        "form": {"用途": "就业", "份数": 1},
        "materials": materials if materials is not None else (
            MaterialRecord("M001", "居民身份证", MaterialStatus.ORIGINAL, 1, received_at=at),),
        "commitment": Commitment(text_sha256="c" * 64, signed_at=at, signature_png=signature) if signature else None,
    }
    values.update(fields)
    case = machine.new_case(actor=f"kiosk:{terminal}", at=at, **values)
    if submit:
        case = machine.submit(case, actor=f"kiosk:{terminal}", at=at + timedelta(seconds=30))
    return case


def client_for(url: str, *, secret: str = SECRET, timeout_s: float = 2.0, **tls) -> CentralClient:
    return CentralClient(ClientConfig(base_url=url, terminal_id=TERMINAL, secret=secret, timeout_s=timeout_s, **tls))


def engine_for(store: Store, url: str, *, bus=None, policy: SyncPolicy = FAST, timeout_s: float = 2.0,
               seed: int = 7) -> SyncEngine:
    return SyncEngine(store, client_for(url, timeout_s=timeout_s), bus=bus, policy=policy, rng=random.Random(seed))
