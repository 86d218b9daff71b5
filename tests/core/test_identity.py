from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.errors import ValidationError
from core.identity import (
    DocumentType,
    IdentitySource,
    Person,
    id_check_char,
    is_valid_id_number,
    mask_id_number,
    mask_name,
    mask_phone,
    uscc_check_char,
    validate_id_number,
    validate_phone,
    validate_uscc,
)

TODAY = date(2026, 11, 23)
PROVINCES = ["11", "31", "43", "44", "65", "81"]


@st.composite
def id_numbers(draw):
    region = draw(st.sampled_from(PROVINCES)) + draw(st.from_regex(r"\d{4}", fullmatch=True))
    born = draw(st.dates(min_value=date(1900, 1, 1), max_value=TODAY))
    first17 = f"{region}{born:%Y%m%d}" + draw(st.from_regex(r"\d{3}", fullmatch=True))
    return first17 + id_check_char(first17)


@st.composite
def usccs(draw):
    first17 = draw(st.text(alphabet="0123456789ABCDEFGHJKLMNPQRTUWXY", min_size=17, max_size=17))
    return first17 + uscc_check_char(first17)


def test_standard_example_id_number_is_valid():
    # The worked example of GB 11643-1999.
    assert validate_id_number("11010519491231002x", today=TODAY) == "11010519491231002X"


@pytest.mark.parametrize(("number", "code"), [
    ("1101051949123100", "ID_NUMBER_SHAPE"),            # too short
    ("11010519491231002Y", "ID_NUMBER_SHAPE"),          # bad last character
    ("99010519491231002X", "ID_NUMBER_REGION"),         # no province 99
    ("110105194902300028", "ID_NUMBER_BIRTH_DATE"),     # 30 February
    ("110105203001010023", "ID_NUMBER_BIRTH_DATE"),     # born in the future
    ("110105194912310021", "ID_NUMBER_CHECKSUM"),
])
def test_invalid_id_numbers_have_their_own_codes(number, code):
    with pytest.raises(ValidationError) as err:
        validate_id_number(number, today=TODAY)
    assert err.value.code == code
    assert err.value.field == "id_number"
    assert number not in err.value.user_message


@given(id_numbers())
def test_generated_id_numbers_validate(number):
    assert validate_id_number(number, today=TODAY) == number


@given(id_numbers(), st.integers(min_value=0, max_value=16), st.integers(min_value=1, max_value=9))
def test_any_single_digit_change_is_rejected(number, pos, delta):
    changed = number[:pos] + str((int(number[pos]) + delta) % 10) + number[pos + 1:]
    assert not is_valid_id_number(changed, today=TODAY)


def test_known_uscc_is_valid():
    assert validate_uscc("91350100M000100Y43") == "91350100M000100Y43"


@given(usccs())
def test_generated_usccs_validate(code):
    assert validate_uscc(code) == code


@given(usccs(), st.integers(min_value=0, max_value=16), st.integers(min_value=1, max_value=30))
def test_any_single_uscc_character_change_is_rejected(code, pos, delta):
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    changed = code[:pos] + alphabet[(alphabet.index(code[pos]) + delta) % 31] + code[pos + 1:]
    with pytest.raises(ValidationError):
        validate_uscc(changed)


@pytest.mark.parametrize("code", ["91350100M000100Y4", "91350100M000100YI3", "91350100M000100Y44"])
def test_bad_usccs(code):
    with pytest.raises(ValidationError):
        validate_uscc(code)


@pytest.mark.parametrize(("raw", "clean"), [("13812345678", "13812345678"), ("+86 138-1234-5678", "13812345678")])
def test_phone_numbers_normalise(raw, clean):
    assert validate_phone(raw) == clean


@pytest.mark.parametrize("raw", ["12812345678", "1381234567", "138123456789", "0731-8888888", ""])
def test_bad_phone_numbers(raw):
    with pytest.raises(ValidationError) as err:
        validate_phone(raw)
    assert err.value.code == "PHONE_SHAPE"


def test_masks():
    assert mask_id_number("430102199001011234") == "4301**********1234"
    assert mask_name("张三") == "张*"
    assert mask_name("欧阳娜娜") == "欧***"
    assert mask_name("John Smith") == "J*** S****"
    assert mask_phone("13812345678") == "138****5678"


@given(id_numbers())
def test_mask_keeps_length_and_hides_the_middle(number):
    masked = mask_id_number(number)
    assert len(masked) == len(number)
    assert masked[:4] == number[:4] and masked[-4:] == number[-4:]
    assert set(masked[4:-4]) == {"*"}


def test_person_repr_never_shows_personal_data():
    person = Person(name="张三", id_number="11010519491231002X", source=IdentitySource.CARD)
    text = repr(person) + str(person) + f"{person}"
    assert "张三" not in text and "11010519491231002X" not in text
    assert "1101**********002X" in text


def test_person_age_from_id_number_and_round_trip():
    person = Person(name="张三", id_number="11010519491231002X", document_type=DocumentType.RESIDENT,
                    birth_date=None, extra={"pass_number": "H123"})
    assert person.age_on(date(2026, 11, 23)) == 76
    assert person.age_on(date(2026, 12, 31)) == 77
    assert Person.from_dict(person.to_dict()) == person
