"""Demo citizens of the simulated platform: their e-licence tokens (亮证 QR codes), licences and credit.

All names and numbers are invented (the ID numbers only satisfy the GB 11643 check character). Tokens
are fixed strings so a demo QR code can be printed once: ``DEMO-ELIC-LIMING`` resolves to 李明 with good
credit, ``DEMO-ELIC-ZHAOQIANG`` to 赵强 who is on the 失信被执行人 list (instant approval and 容缺受理 must
refuse him), ``DEMO-ELIC-EXPIRED`` is an expired token (HTTP 410).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from core.identity import id_check_char


def _id(first17: str) -> str:
    return first17 + id_check_char(first17)


def _person(name: str, first17: str, gender: str, born: date, address: str) -> dict[str, Any]:
    return {"name": name, "id_number": _id(first17), "document_type": "resident", "source": "elicence",
            "gender": gender, "nation": "汉", "birth_date": born.isoformat(), "address": address, "phone": "",
            "authority": "长沙市公安局芙蓉分局", "valid_from": "2016-05-01", "valid_to": "2036-05-01",
            "valid_long_term": False, "extra": {}}


def _id_card_licence(person: dict[str, Any]) -> dict[str, Any]:
    return {"licence_type": "111", "name": "居民身份证", "number": person["id_number"],
            "issuer": person["authority"], "valid_from": person["valid_from"], "valid_to": person["valid_to"]}


_LIMING = _person("李明", "43010219850612301", "1", date(1985, 6, 12), "湖南省长沙市芙蓉区车站北路88号")
_WANGFANG = _person("王芳", "43010219920304402", "2", date(1992, 3, 4), "湖南省长沙市芙蓉区韶山北路12号")
_ZHAOQIANG = _person("赵强", "43010219780921503", "1", date(1978, 9, 21), "湖南省长沙市芙蓉区人民东路5号")
_CHENJING = _person("陈静", "43010220000101604", "2", date(2000, 1, 1), "湖南省长沙市芙蓉区五一大道300号")

DEMO_CITIZENS: tuple[dict[str, Any], ...] = (
    {"person": _LIMING,
     "licences": [_id_card_licence(_LIMING),
                  {"licence_type": "201", "name": "营业执照（个体工商户）", "number": "92430102MA4L000011",
                   "issuer": "长沙市芙蓉区市场监督管理局", "valid_from": "2021-08-01", "valid_to": None}],
     "credit": {"level": "good", "dishonest": False, "records": []},
     "tokens": {"DEMO-ELIC-LIMING": "2099-12-31T23:59:59+08:00", "DEMO-ELIC-EXPIRED": "2020-01-01T00:00:00+08:00"}},
    {"person": _WANGFANG,
     "licences": [_id_card_licence(_WANGFANG),
                  {"licence_type": "305", "name": "结婚证", "number": "J430102-2019-001234",
                   "issuer": "长沙市芙蓉区民政局", "valid_from": "2019-05-20", "valid_to": None}],
     "credit": {"level": "good", "dishonest": False, "records": []},
     "tokens": {"DEMO-ELIC-WANGFANG": "2099-12-31T23:59:59+08:00"}},
    {"person": _ZHAOQIANG,
     "licences": [_id_card_licence(_ZHAOQIANG)],
     "credit": {"level": "bad", "dishonest": True,
                "records": [{"kind": "失信被执行人", "authority": "长沙市芙蓉区人民法院", "since": "2024-03-15",
                             "until": None}]},
     "tokens": {"DEMO-ELIC-ZHAOQIANG": "2099-12-31T23:59:59+08:00"}},
    {"person": _CHENJING,
     "licences": [_id_card_licence(_CHENJING)],
     "credit": {"level": "warning", "dishonest": False,
                "records": [{"kind": "行政处罚", "authority": "长沙市芙蓉区市场监督管理局", "since": "2025-06-01",
                             "until": "2026-06-01"}]},
     "tokens": {"DEMO-ELIC-CHENJING": "2099-12-31T23:59:59+08:00"}},
)
