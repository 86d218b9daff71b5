"""The A4 documents read back as a citizen, a printer and a scanner would: text, fonts, QR codes, layout."""

from __future__ import annotations

from datetime import timedelta

import pytest
from document_checks import decode_qr, page_images, pdf_fonts, pdf_text, pdf_words
from PIL import Image

from core.cases.model import Commitment, MaterialRecord
from core.documents.errors import DocumentError
from core.documents.licence import licence_fields, render_licence
from core.documents.notices import render_correction_notice, render_refusal_notice, render_tolerance_notice
from core.documents.pdf_layout import MARGIN_X
from core.documents.progress import render_progress_summary
from core.documents.receipt import receipt_fields, render_acceptance_receipt
from core.documents.tokens import DocumentKind, verify_token

PDFS = ["acceptance-receipt", "correction-notice", "tolerance-notice", "refusal-notice", "licence",
        "progress-summary"]

EXPECTED_TEXT = {
    "acceptance-receipt": ["长沙市芙蓉区政务服务中心", "受理回执", "43010220260302K0100042",
                           "在城市建筑物、设施上张挂、张贴宣传品审批（户外招牌设置）",
                           "李**（居民身份证 4301**********0011）",
                           "电子证照复用（92430102MA4Q8K2X3L）", "容缺，请于2026年3月16日前补交", "2026年3月5日前",
                           "如何查询办理进度", "长沙市芙蓉区城市管理和综合执法局"],
    "correction-notice": ["补齐补正材料一次性告知书", "第三十二条第一款第（四）项", "经营场所使用证明",
                          "效果图未标明招牌尺寸和材质，请标注后重新提交", "2026年3月13日前", "全部内容"],
    "tolerance-notice": ["容缺受理通知书", "公共场所卫生检测（评价）报告", "2026年4月2日", "逾期后果", "退件处理",
                         "申请人承诺", "申请人签名", "签署时间：2026年3月3日 09:33"],
    "refusal-notice": ["不予受理通知书", "不在申请人的经营场所范围内", "六十日内", "长沙市芙蓉区人民政府",
                       "申请行政复议", "六个月内", "提起行政诉讼"],
    "licence": ["公共场所卫生许可证", "湘卫公证字〔2026〕第430102000007号", "芙蓉区明华便民理发店", "理发店",
                "2026年3月3日至2030年3月2日", "发证机关：长沙市芙蓉区卫生健康局", "92430102MA4Q8K2X3L"],
    "progress-summary": ["办件进度查询结果", "共 4 件", "43010220260302K0100043", "待补齐补正", "不予受理", "已受理",
                         "已办结（准予许可）"],
}

KINDS = {"acceptance-receipt": DocumentKind.ACCEPTANCE_RECEIPT, "correction-notice": DocumentKind.CORRECTION_NOTICE,
         "tolerance-notice": DocumentKind.TOLERANCE_NOTICE, "refusal-notice": DocumentKind.REFUSAL_NOTICE,
         "licence": DocumentKind.LICENCE, "progress-summary": DocumentKind.PROGRESS_SUMMARY}


def flat(text: str) -> str:
    """pdftotext output without line breaks and layout spaces between Chinese characters."""
    return "".join(text.split())


@pytest.mark.parametrize("name", PDFS)
def test_pdftotext_reads_the_chinese_back(documents, tmp_path, name):
    text = flat(pdf_text(documents[name].content, tmp_path))
    for expected in EXPECTED_TEXT[name]:
        assert flat(expected) in text, expected


@pytest.mark.parametrize("name", PDFS)
def test_every_font_is_embedded_and_one_is_cjk(documents, tmp_path, name):
    fonts = pdf_fonts(documents[name].content, tmp_path)
    assert fonts
    for row in fonts:
        # name type encoding emb sub uni object generation
        assert row[-5] == "yes", f"font {row[0]} not embedded"
    assert any("WenQuanYi" in row[0] or "Droid" in row[0] or "Hei" in row[0] for row in fonts)


@pytest.mark.parametrize("name", PDFS)
def test_the_qr_code_on_the_rasterised_page_verifies(documents, rasterised, keyring, cases, name):
    found = [text for page in rasterised[name] for text in decode_qr(page)]
    assert len(found) == 1, "exactly one QR code per document"
    verified = verify_token(found[0], keyring)
    assert verified.kind is KINDS[name]
    assert verified.matches(documents[name].fields)
    if name == "acceptance-receipt":
        assert verified.case_number == cases.accepted.case_number
        assert verified.matches(receipt_fields(cases.accepted))


def test_documents_show_masked_identity_only(documents, cases, tmp_path):
    person = cases.applicant
    for name in ("acceptance-receipt", "correction-notice", "tolerance-notice", "refusal-notice", "progress-summary"):
        text = flat(pdf_text(documents[name].content, tmp_path))
        assert person.id_number not in text, name
        assert person.name not in text, name
        assert person.masked_name in text, name
        if name != "correction-notice":
            assert person.masked_id_number in text, name


def test_pages_look_like_one_page_documents(rasterised):
    for name in PDFS:
        assert len(rasterised[name]) == 1, name
        width, height = rasterised[name][0].size
        assert abs(width - 1240) <= 1 and abs(height - 1754) <= 1      # A4 at 150 dpi


# --- wrapping ------------------------------------------------------------------------------------------

LONG_ADDRESS = ("湖南省长沙市芙蓉区五一大道与韶山北路交汇处东北角芙蓉华府小区7栋2单元1楼103号门面至108号门面"
                "（原芙蓉区便民服务站东侧临街第二间，入口在小区南门左手边，门前有公交站台）" * 2)
LONG_NAME = ("在城市建筑物、设施上张挂、张贴宣传品审批（户外招牌设置、跨街横幅、楼顶大型广告牌、"
             "霓虹灯及电子显示屏设置，含延续、变更和注销）") * 2


def assert_inside_margins(pdf: bytes, tmp_path, *, tolerance: float) -> list:
    (width, _), words = pdf_words(pdf, tmp_path)
    assert words
    for word in words:
        assert word.x_min >= MARGIN_X - 1, word
        # A closing punctuation mark may hang one character into the right margin (Chinese typesetting).
        assert word.x_max <= width - MARGIN_X + tolerance, word
    return words


def assert_blank_edges(page: Image.Image, dpi: int = 150) -> None:
    """No ink in the outer 15 mm of the page: nothing ran off the text block."""
    grey = page.convert("L")
    edge = round(15 / 25.4 * dpi)
    for box in ((0, 0, edge, grey.height), (grey.width - edge, 0, grey.width, grey.height)):
        assert grey.crop(box).getextrema()[0] > 200, f"ink near the page edge in {box}"


def test_long_address_and_item_name_wrap_inside_the_page(cases, key, keyring, tmp_path):
    item = cases.item(cases.accepted).model_copy(update={"name": LONG_NAME[:200]})
    case = cases.accepted.with_changes(item_name=LONG_NAME[:200], contact_address=LONG_ADDRESS,
                                       accepting_unit="长沙市芙蓉区城市管理和综合执法局（长沙市芙蓉区城市管理和综合执法大队）")
    receipt = render_acceptance_receipt(case, item, hall=cases.hall, key=key)
    words = assert_inside_margins(receipt.content, tmp_path, tolerance=11)
    assert flat(LONG_NAME[:200]) in flat(pdf_text(receipt.content, tmp_path))
    assert len({round(w.y_min) for w in words}) > 30
    pages = page_images(receipt.content)
    for page in pages:
        assert_blank_edges(page)
    assert [verify_token(t, keyring).kind for p in pages for t in decode_qr(p)] == [DocumentKind.ACCEPTANCE_RECEIPT]


def test_long_address_wraps_on_the_licence(cases, key, tmp_path):
    instant = cases.instant.with_changes(form={**cases.instant.form, "business_address": LONG_ADDRESS})
    item = cases.item(instant)
    licence = render_licence(instant, item, department=cases.catalog.department_of(item), hall=cases.hall, key=key)
    assert_inside_margins(licence.content, tmp_path, tolerance=11)
    assert flat(LONG_ADDRESS) in flat(pdf_text(licence.content, tmp_path, "-raw"))


def test_a_long_material_list_continues_on_a_second_page_with_the_header_repeated(cases, key, tmp_path):
    many = tuple(MaterialRecord(f"m{i}", f"第{i}份补充材料（{LONG_ADDRESS[:30]}）",
                                cases.accepted.materials[i % 5].status) for i in range(40))
    receipt = render_acceptance_receipt(cases.accepted.with_changes(materials=many), cases.item(cases.accepted),
                                        hall=cases.hall, key=key)
    text = flat(pdf_text(receipt.content, tmp_path))
    assert "第1页共3页" in text and "第3页共3页" in text
    assert text.count("收取情况") >= 2          # the table header repeats on the next page
    assert_inside_margins(receipt.content, tmp_path, tolerance=11)


# --- refusals to render -------------------------------------------------------------------------------

def test_receipt_needs_an_accepted_case(cases, key):
    with pytest.raises(DocumentError) as caught:
        render_acceptance_receipt(cases.correction, cases.item(cases.correction), hall=cases.hall, key=key)
    assert caught.value.code == "DOC_DATA_MISSING"


def test_tolerance_notice_needs_a_signed_commitment(cases, key):
    unsigned = cases.instant.with_changes(commitment=None)
    with pytest.raises(DocumentError) as caught:
        render_tolerance_notice(unsigned, cases.item(unsigned), hall=cases.hall, key=key)
    assert caught.value.code == "DOC_DATA_MISSING"
    broken = cases.instant.with_changes(commitment=Commitment("0" * 64, cases.instant.created_at, b"\x89PNG broken"))
    with pytest.raises(DocumentError) as caught:
        render_tolerance_notice(broken, cases.item(broken), hall=cases.hall, key=key)
    assert caught.value.code == "DOC_SIGNATURE_UNREADABLE"


def test_the_signature_is_drawn_into_the_tolerance_notice(rasterised):
    """The sample signature is dark blue strokes; the rasterised page holds blue ink."""
    page = rasterised["tolerance-notice"][0].convert("RGB")
    small = page.resize((page.width // 4, page.height // 4))
    blue = [p for p in small.get_flattened_data() if p[2] > 70 and p[2] > p[0] + 40 and p[2] > p[1] + 30]
    assert len(blue) > 50


def test_refusal_needs_a_reason(cases, key):
    with pytest.raises(DocumentError) as caught:
        render_refusal_notice(cases.correction, cases.item(cases.correction), hall=cases.hall, key=key)
    assert caught.value.code == "DOC_DATA_MISSING"


def test_correction_notice_lists_every_problem_once(documents, tmp_path):
    text = flat(pdf_text(documents["correction-notice"].content, tmp_path))
    assert text.count("经营场所使用证明（房屋所有权证或租赁合同）") == 1
    assert "缺少，请补交" in text
    assert "营业执照" not in text               # received materials are not listed as problems


def test_correction_notice_without_problems_is_refused(cases, key):
    with pytest.raises(DocumentError) as caught:
        render_correction_notice(cases.accepted, cases.item(cases.accepted), hall=cases.hall, key=key)
    assert caught.value.code == "DOC_DATA_MISSING"


def test_licence_needs_a_licence(cases, key):
    item = cases.item(cases.accepted)
    with pytest.raises(DocumentError) as caught:
        licence_fields(cases.accepted, item, cases.catalog.department_of(item))
    assert caught.value.code == "DOC_DATA_MISSING"


def test_progress_summary_without_cases_says_so(cases, key, keyring, tmp_path):
    issued = cases.instant.created_at + timedelta(days=3)
    empty = render_progress_summary([], applicant=cases.applicant, hall=cases.hall, key=key, issued_at=issued)
    assert "未查询到您在本系统中的办件记录" in flat(pdf_text(empty.content, tmp_path))
    assert verify_token(empty.token, keyring).reference == ""

