"""Benchmark of the encrypted local store (core.storage): bulk insert rate and lookup latency.

    .venv/bin/python bench/store.py [--cases 100000] [--lookups 1000]

Inserts N submitted cases (two events each, personal fields sealed with AES-GCM, ID-number HMAC) through
``CaseRepository.save_many`` in transactions of ``--batch`` cases, then times lookups by ID number (the
HMAC index) and by case number, each returning a fully decrypted ``Case``. Also times single-case saves,
the kiosk's real path (one transaction, one fsync under synchronous=FULL). Works in a temporary directory
that is removed afterwards. Goals (DESIGN "Scale": one terminal keeps years of cases): lookup <= 5 ms,
insert >= 2,000 cases/s.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from core.cases import machine
from core.cases.model import Case, CaseType, Channel, Commitment, MaterialRecord, MaterialStatus
from core.cases.numbering import MAX_SEQUENCE, format_case_number
from core.identity import Gender, IdentitySource, Person, id_check_char
from core.storage import Store

T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
SIGNATURE = bytes(range(256)) * 8   # a 2 KB stand-in for the finger-signature PNG


def id_number_of(i: int) -> str:
    born = date(1950, 1, 1) + timedelta(days=i // 1000)
    first17 = f"430102{born:%Y%m%d}{i % 1000:03d}"
    return first17 + id_check_char(first17)


def case_number_of(i: int) -> str:
    day = T0.date() + timedelta(days=i // MAX_SEQUENCE)
    return format_case_number("430102", day, "K01", i % MAX_SEQUENCE + 1)


def build_case(i: int) -> Case:
    at = T0 + timedelta(seconds=i * 7)
    applicant = Person(name="张三" + str(i % 97), id_number=id_number_of(i), source=IdentitySource.CARD,
                       gender=Gender.MALE, nation="汉", address=f"湖南省长沙市芙蓉区五一大道{i}号",
                       authority="长沙市公安局芙蓉分局", phone="13812345678")
    case = machine.new_case(
        actor="kiosk:K01", at=at, case_id=Case.new_id(), case_number=case_number_of(i),
        item_code="11430102MB1234567X4000111700001", item_name="公共场所卫生许可证核发",
        case_type=CaseType.PROMISED, channel=Channel.KIOSK, region_code="430102", terminal_id="K01", created_at=at,
        applicant=applicant, contact_name=applicant.name, contact_phone=applicant.phone,
        contact_address=applicant.address, form={"场所名称": f"便民理发店{i}", "面积": 45.5, "从业人数": 3},
        materials=(MaterialRecord("M001", "营业执照", MaterialStatus.ELICENCE, 1, received_at=at),),
        commitment=Commitment(text_sha256="a" * 64, signed_at=at, signature_png=SIGNATURE))
    return machine.submit(case, actor="kiosk:K01", at=at)


def timed_ms(fn, args) -> tuple[float, float]:
    samples = []
    for arg in args:
        start = time.perf_counter()
        result = fn(arg)
        samples.append((time.perf_counter() - start) * 1000)
        if not result:
            raise SystemExit(f"lookup of a stored case found nothing: {fn.__name__}")
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000, help="cases to insert (default 100000)")
    parser.add_argument("--lookups", type=int, default=1000, help="lookups of each kind (default 1000)")
    parser.add_argument("--batch", type=int, default=1000, help="cases per transaction (default 1000)")
    parser.add_argument("--single", type=int, default=200, help="single-case saves to time (default 200)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="hallterm-bench-store-") as tmp:
        store = Store.open(Path(tmp) / "bench.sqlite3", Path(tmp) / "bench.key")
        try:
            insert_seconds = 0.0
            for start in range(0, args.cases, args.batch):
                batch = [build_case(i) for i in range(start, min(start + args.batch, args.cases))]
                began = time.perf_counter()
                store.cases.save_many(batch)
                insert_seconds += time.perf_counter() - began
            rate = args.cases / insert_seconds if insert_seconds else float("inf")

            rng = random.Random(20260302)
            picks = [rng.randrange(args.cases) for _ in range(args.lookups)]
            by_person = timed_ms(store.cases.by_person, [id_number_of(i) for i in picks])
            by_number = timed_ms(store.cases.by_number, [case_number_of(i) for i in picks])

            singles = []
            for i in range(args.cases, args.cases + args.single):
                case = build_case(i)
                began = time.perf_counter()
                store.cases.save(case)
                singles.append((time.perf_counter() - began) * 1000)
            singles.sort()
            size_mb = sum(p.stat().st_size for p in Path(tmp).glob("bench.sqlite3*")) / 1e6
        finally:
            store.close()

    print(f"store.insert_rate             {rate:10.0f} cases/s  (goal >= 2000)  [{args.cases} cases, "
          f"batches of {args.batch}, {size_mb:.0f} MB]")
    print(f"store.lookup_by_person_ms     median {by_person[0]:.3f}  p95 {by_person[1]:.3f}  (goal <= 5)")
    print(f"store.lookup_by_number_ms     median {by_number[0]:.3f}  p95 {by_number[1]:.3f}  (goal <= 5)")
    if singles:
        print(f"store.save_single_case_ms     median {statistics.median(singles):.3f}  "
              f"p95 {singles[int(len(singles) * 0.95) - 1]:.3f}  (one transaction + fsync each)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
