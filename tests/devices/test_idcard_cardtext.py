"""The 256-byte text block: all four card types, code tables, dates, check digits and odd UCS-2."""

from __future__ import annotations

import json

import pytest

from devices.base import DeviceError
from devices.idcard.carddata import CardData, mask_id_number
from devices.idcard.cardtext import encode_text_block, parse_text_block
from devices.idcard.codes import NATIONS, has_valid_check_char, id_check_char
from devices.idcard.simcards import SAMPLE_CARDS, load_cards


def block_with(card_type_char: str, slots: dict[int, str]) -> bytes:
    """A text block built by hand from byte offsets, independent of the parser's layout tables."""
    block = bytearray(" ".encode("utf-16-le") * 128)
    for offset, text in slots.items():
        raw = text.encode("utf-16-le")
        block[offset:offset + len(raw)] = raw
    block[248:250] = card_type_char.encode("utf-16-le")
    return bytes(block)


def test_resident_card_fields_at_their_offsets():
    block = block_with(" ", {0: "张三", 30: "2", 32: "01", 36: "19491231", 52: "北京市朝阳区示例路1号",
                             122: "11010519491231002X", 158: "北京市公安局朝阳分局", 188: "20100101", 204: "长期"})
    card = parse_text_block(block, photo=bytes(1024))
    assert (card.card_type, card.name, card.gender, card.gender_code, card.nation, card.nation_code) == (
        "resident", "张三", "女", "2", "汉", "01")
    assert (card.birth_date, card.address, card.id_number, card.authority) == (
        "1949-12-31", "北京市朝阳区示例路1号", "11010519491231002X", "北京市公安局朝阳分局")
    assert (card.valid_from, card.valid_to) == ("2010-01-01", "长期")
    assert card.id_number_valid is True
    assert card.issues == ()
    assert len(card.photo) == 1024


def test_a_nul_type_character_is_a_resident_card_too():
    block = block_with("\0", {0: "李四", 30: "1", 32: "03", 36: "19800101", 122: "110105198001010019",
                              188: "20200101", 204: "20400101"})
    card = parse_text_block(block)
    assert card.card_type == "resident"
    assert card.nation == "回"


def test_hmt_residence_permit_adds_pass_number_and_issue_count():
    block = block_with("J", {0: "陈大文", 30: "1", 36: "19900101", 52: "广东省深圳市福田区示例大道88号",
                             122: "810000199001011230", 158: "深圳市公安局福田分局", 188: "20210510",
                             204: "20260510", 220: "H12345678", 238: "01"})
    card = parse_text_block(block)
    assert card.card_type == "hmt_residence"
    assert (card.pass_number, card.issue_count, card.nation) == ("H12345678", "01", "")
    assert card.id_number_valid is True
    assert card.issues == ()
    assert card.type_fields() == {"pass_number": "H12345678", "issue_count": "01"}


def test_old_foreign_permanent_card_layout():
    block = block_with("I", {0: "SMITH, JOHN EXAMPLE", 120: "1", 122: "USA110070060115", 152: "USA",
                             158: "约翰·史密斯", 188: "20150601", 204: "20250601", 220: "19700601", 236: "02",
                             240: "1500"})
    card = parse_text_block(block)
    assert card.card_type == "foreign_permanent"
    assert (card.english_name, card.name, card.gender, card.id_number, card.nationality) == (
        "SMITH, JOHN EXAMPLE", "约翰·史密斯", "男", "USA110070060115", "USA")
    assert (card.birth_date, card.valid_from, card.valid_to) == ("1970-06-01", "2015-06-01", "2025-06-01")
    assert (card.card_version, card.authority_code) == ("02", "1500")
    assert card.id_number_valid is None  # permit numbers are not GB 11643 numbers


def test_2023_foreign_permanent_card_joins_the_split_english_name():
    english = "SMITHSON-WILLIAMS, MARY ANN ELIZABETH EXAMPLE"
    block = block_with("Y", {0: "玛丽·安", 30: "2", 32: "00", 36: "19850315", 52: english[:35],
                             122: "93384019850315002X", 188: "20231201", 204: "20331201", 220: english[35:],
                             242: "USA"})
    card = parse_text_block(block)
    assert card.card_type == "foreign_permanent_2023"
    assert card.english_name == english
    assert (card.name, card.gender, card.renewal_count, card.nationality) == ("玛丽·安", "女", "00", "USA")
    assert card.birth_date == "1985-03-15"


def test_sample_cards_round_trip_through_the_chip_layout():
    document = json.loads(SAMPLE_CARDS.read_text(encoding="utf-8"))
    assert {c["card_type"] for c in document["cards"]} == {
        "resident", "hmt_residence", "foreign_permanent", "foreign_permanent_2023"}
    for item in document["cards"]:
        card = parse_text_block(encode_text_block(item["card_type"], item["fields"]))
        assert card.issues == (), item["id"]
        for name, value in item["fields"].items():
            if name not in ("gender", "nation"):
                assert getattr(card, name) == value, (item["id"], name)
        if card.card_type in ("resident", "hmt_residence"):
            assert has_valid_check_char(card.id_number)


def test_bad_check_digit_is_reported_not_accepted():
    block = block_with(" ", {0: "王五", 30: "1", 32: "01", 36: "19491231", 122: "110105194912310021",
                             188: "20100101", 204: "长期"})
    card = parse_text_block(block)
    assert card.id_number_valid is False
    assert "IDCARD_BAD_CHECK_DIGIT" in card.issues


def test_gb11643_check_character():
    assert id_check_char("11010519491231002") == "X"
    assert has_valid_check_char("11010519491231002x")
    assert not has_valid_check_char("11010519491231002")
    assert not has_valid_check_char("1101051949123100２X")  # full-width digit is not a digit here


def test_unknown_card_type_is_a_typed_error():
    with pytest.raises(DeviceError) as caught:
        parse_text_block(block_with("X", {0: "某人"}))
    assert caught.value.code == "IDCARD_UNKNOWN_CARD_TYPE"
    assert "某人" not in caught.value.detail


def test_wrong_block_size_is_a_typed_error():
    with pytest.raises(DeviceError) as caught:
        parse_text_block(bytes(100))
    assert caught.value.code == "IDCARD_TEXT_LENGTH"


def test_odd_ucs2_is_cleaned_and_flagged_never_raised():
    block = bytearray(block_with(" ", {30: "1", 32: "01", 36: "19491231", 122: "11010519491231002X",
                                       188: "20100101", 204: "20300101"}))
    block[0:8] = b"\x00\xd8" + "张".encode("utf-16-le") + b"\x00\x00" + b"\x07\x00"  # lone surrogate, NUL, BEL
    card = parse_text_block(bytes(block))
    assert card.name == "\ufffd张"
    assert "IDCARD_TEXT_GARBLED" in card.issues


@pytest.mark.parametrize(("slot", "value"), [(36, "19491331"), (188, "长期"), (204, "20300230")])
def test_bad_dates_are_flagged(slot, value):
    slots = {30: "1", 32: "01", 36: "19491231", 122: "11010519491231002X", 188: "20100101", 204: "20300101"}
    slots[slot] = value
    card = parse_text_block(block_with(" ", slots))
    assert "IDCARD_BAD_DATE" in card.issues


def test_unknown_gender_and_nation_codes_are_flagged():
    card = parse_text_block(block_with(" ", {30: "7", 32: "77", 36: "19491231", 122: "11010519491231002X",
                                             188: "20100101", 204: "20300101"}))
    assert (card.gender, card.nation) == ("", "")
    assert {"IDCARD_UNKNOWN_GENDER", "IDCARD_UNKNOWN_NATION"} <= set(card.issues)


def test_nation_table_is_the_full_gb3304_list():
    assert len(NATIONS) == 58
    assert [NATIONS[f"{i:02d}"] for i in (1, 46, 56, 97, 98)] == ["汉", "德昂", "基诺", "其他", "外国血统中国籍人士"]


def test_repr_masks_personal_data():
    card = load_cards()["resident"]
    parsed = parse_text_block(card.text, photo=card.photo)
    text = repr(parsed) + str(parsed)
    for secret in ("张三", "11010519491231002X", "北京", "1949"):
        assert secret not in text
    assert mask_id_number("11010519491231002X") in text


def test_json_dict_has_the_promised_keys():
    cards = load_cards()
    common = {"card_type", "name", "gender", "nation", "birth_date", "address", "id_number", "authority",
              "valid_from", "valid_to"}
    own = {"resident": set(), "hmt": {"pass_number", "issue_count"},
           "foreign_old": {"english_name", "nationality", "card_version", "authority_code"},
           "foreign_2023": {"english_name", "nationality", "renewal_count", "previous_permit_link"}}
    for card_id, extra in own.items():
        parsed: CardData = parse_text_block(cards[card_id].text)
        data = parsed.to_json_dict()
        assert common | extra <= set(data)
        json.dumps(data, ensure_ascii=False)
    assert parse_text_block(cards["resident"].text).to_json_dict()["valid_to"] == "长期"


def test_encoder_refuses_values_that_do_not_fit():
    with pytest.raises(ValueError, match="name"):
        encode_text_block("resident", {"name": "很" * 16})
