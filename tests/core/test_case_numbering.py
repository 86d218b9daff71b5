from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.cases.numbering import format_case_number, parse_case_number
from core.errors import ValidationError


def test_format_and_parse():
    number = format_case_number("430102", date(2026, 11, 23), "K01", 42)
    assert number == "43010220261123K0100042"
    parsed = parse_case_number(number)
    assert (parsed.region, parsed.day, parsed.terminal_id, parsed.seq) == ("430102", date(2026, 11, 23), "K01", 42)


@given(st.from_regex(r"\d{6}", fullmatch=True), st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
       st.from_regex(r"[A-Z0-9]{1,8}", fullmatch=True), st.integers(min_value=1, max_value=99_999))
def test_round_trip_and_length(region, day, terminal, seq):
    number = format_case_number(region, day, terminal, seq)
    assert len(number) <= 50  # GB/T 39046 limit on 办件编号
    parsed = parse_case_number(number)
    assert (parsed.region, parsed.day, parsed.seq) == (region, day, seq)


@pytest.mark.parametrize(("region", "terminal", "seq", "code"), [
    ("4301", "K01", 1, "REGION_CODE_INVALID"),
    ("430102", "k01", 1, "TERMINAL_ID_INVALID"),
    ("430102", "K01", 0, "CASE_SEQUENCE_EXHAUSTED"),
    ("430102", "K01", 100_000, "CASE_SEQUENCE_EXHAUSTED"),
])
def test_invalid_parts(region, terminal, seq, code):
    with pytest.raises(ValidationError) as err:
        format_case_number(region, date(2026, 1, 1), terminal, seq)
    assert err.value.code == code


@pytest.mark.parametrize("text", ["", "43010220261323K0100001", "430102-20261123-K01-00001", "garbage"])
def test_parse_rejects_garbage(text):
    with pytest.raises(ValidationError) as err:
        parse_case_number(text)
    assert err.value.code == "CASE_NUMBER_INVALID"
