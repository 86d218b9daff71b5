"""The smart guide finds the service from what people actually type, and says why each result matched."""

from __future__ import annotations

import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.catalog import Catalog
from core.guide import MATCH_FIELDS, EntryKind, GuideIndex, MatchVia, SearchResult
from core.guide.documents import bundle_document, item_document
from core.guide.text import normalise


def top_codes(guide: GuideIndex, query: str, n: int = 3) -> list[str]:
    return [r.code for r in guide.search(query)[:n]]


@pytest.mark.parametrize(("query", "expected"), [
    ("我想开个餐馆", ["430102SJ000301", "430102YJS0001"]),       # 食品经营许可 and 开办餐饮店一件事
    ("我想开个饭馆", ["430102SJ000301", "430102YJS0001"]),       # only through the synonym table
    ("开奶茶店", ["430102SJ000301", "430102YJS0001"]),
    ("ggcs", ["430102WJ000101"]),                                # 公共场所卫生许可证
    ("gonggong", ["430102WJ000101"]),                            # full pinyin prefix
    ("jzz", ["430102GA000101"]),                                 # 居住证
    ("juzhuzheng", ["430102GA000101", "430102GA000102"]),
    ("生孩子", ["430102YJS0002", "430102WJ000201"]),             # 新生儿出生一件事, 出生医学证明
    ("宝宝出生", ["430102YJS0002", "430102WJ000201"]),
    ("孩子出生了要办什么", ["430102YJS0002"]),
    ("办居住证", ["430102GA000101"]),
    ("残疾人补贴", ["430102MZ000201", "430102YJS0003"]),
    ("社保卡丢了", ["430102RS000101"]),                          # 社会保障卡
    ("退休了领养老金", ["430102RS000402"]),
    ("开理发店", ["430102WJ000101"]),
    ("外地看病", ["430102YB000201"]),
    ("营业执照丢了", ["430102SJ000201"]),
    ("失业了怎么办", ["430102RS000201"]),
    ("身份证过期了", ["430102GA000301"]),
    ("80岁老人补贴", ["430102MZ000401"]),
    ("残", ["430102CL000101"]),                                  # one character: literal fallback
])
def test_canonical_queries_find_the_right_entry_in_the_top_three(guide: GuideIndex, query: str,
                                                                 expected: list[str]) -> None:
    found = top_codes(guide, query)
    for code in expected:
        assert code in found, f"{query!r}: {code} not in top 3 {found}"


def test_items_and_bundles_come_back_side_by_side_with_their_kind(guide: GuideIndex) -> None:
    results = guide.search("我想开个餐馆")
    kinds = {r.code: r.kind for r in results}
    assert kinds["430102YJS0001"] is EntryKind.BUNDLE
    assert kinds["430102SJ000301"] is EntryKind.ITEM
    bundle = guide.entry("430102YJS0001")
    assert bundle.items == ("430102SJ000101", "430102SJ000301", "430102CG000101", "430102ZJ000401")
    assert bundle.department is None and not bundle.instant


def test_results_are_sorted_by_score_and_respect_the_limit(guide: GuideIndex) -> None:
    results = guide.search("证", limit=5)
    assert 0 < len(results) <= 5
    scores = [r.score for r in results]
    assert scores == sorted(scores, reverse=True)
    assert guide.search("证", limit=0) == ()


def test_kiosk_only_leaves_out_items_the_kiosk_cannot_handle(guide: GuideIndex, catalog: Catalog) -> None:
    everything = guide.search("残疾证")
    assert any(not r.entry.kiosk_capable for r in everything)
    kiosk = guide.search("残疾证", kiosk_only=True)
    assert kiosk and all(r.entry.kiosk_capable for r in kiosk)


def test_a_word_match_names_the_field_and_the_term(guide: GuideIndex) -> None:
    result = next(r for r in guide.search("我想开个餐馆") if r.code == "430102SJ000301")
    words = {(m.field, m.term) for m in result.matches if m.via is MatchVia.WORD}
    assert ("aliases", "餐馆") in words or ("keywords", "餐馆") in words


def test_a_synonym_match_names_the_colloquial_word_that_led_to_it(guide: GuideIndex) -> None:
    result = next(r for r in guide.search("我想开个饭馆") if r.code == "430102SJ000301")
    synonyms = [m for m in result.matches if m.via is MatchVia.SYNONYM]
    assert synonyms and {m.query for m in synonyms} == {"饭馆"}
    assert "餐饮" in {m.term for m in synonyms}


def test_a_pinyin_match_names_the_chinese_text_it_matched(guide: GuideIndex) -> None:
    result = guide.search("jzz")[0]
    pinyin = [m for m in result.matches if m.via is MatchVia.PINYIN]
    assert pinyin and all(m.query == "jzz" for m in pinyin)
    assert "居住证" in {m.term for m in pinyin}


def _field_texts(result: SearchResult, catalog: Catalog) -> dict[str, str]:
    departments = {d.code: d for d in catalog.departments}
    if result.kind is EntryKind.ITEM:
        document = item_document(catalog.item(result.code), departments)
    else:
        document = bundle_document(catalog.bundle(result.code), catalog)
    return {field: normalise("\n".join(texts)) for field, texts in document.texts.items()}


@pytest.mark.parametrize("query", ["我想开个餐馆", "我想开个饭馆", "ggcs", "生孩子", "残", "社保卡丢了", "卫健局",
                                   "wsxkz", "卫升许可"])
def test_every_highlight_term_occurs_in_the_field_it_names(guide: GuideIndex, catalog: Catalog, query: str) -> None:
    results = guide.search(query)
    assert results
    for result in results:
        assert result.matches, f"{result.code} has no reason"
        texts = _field_texts(result, catalog)
        for match in result.matches:
            assert match.field in MATCH_FIELDS
            assert normalise(match.term) in texts[match.field], (result.code, match)


@pytest.mark.parametrize("query", ["", "   ", "😀😀😀", "！？。，", "a", "\x00\x1b[2J", "\ud800", "x" * 100_000,
                                   "请问", "asdfghjkl", "１２３", "<script>alert(1)</script>"])
def test_odd_queries_return_calmly(guide: GuideIndex, query: str) -> None:
    results = guide.search(query)
    assert isinstance(results, tuple)
    assert all(isinstance(r, SearchResult) for r in results)


def test_only_stop_words_or_emoji_find_nothing(guide: GuideIndex) -> None:
    assert guide.search("我想问一下") == ()
    assert guide.search("🍜🍜") == ()


def test_a_very_long_query_is_cut_and_still_answered(guide: GuideIndex) -> None:
    results = guide.search("我想开个餐馆" * 20_000)
    assert "430102SJ000301" in [r.code for r in results[:3]]


def test_full_width_input_is_read_like_half_width(guide: GuideIndex) -> None:
    assert top_codes(guide, "ＧＧＣＳ") == top_codes(guide, "ggcs")


def test_results_are_deterministic_across_calls_and_builds(guide: GuideIndex, catalog: Catalog) -> None:
    queries = ["我想开个餐馆", "证", "ggcs", "孩子出生了要办什么", "gonggong"]
    again = GuideIndex.build(catalog)
    for query in queries:
        assert guide.search(query) == guide.search(query) == again.search(query)


def test_concurrent_queries_give_the_same_answers_as_sequential_ones(guide: GuideIndex) -> None:
    queries = ["我想开个餐馆", "证", "ggcs", "生孩子", "社保卡丢了", "残疾人补贴", "jzz", "开理发店"] * 5
    expected = {q: guide.search(q) for q in queries}
    failures: list[str] = []

    def worker(offset: int) -> None:
        for query in queries[offset:] + queries[:offset]:
            if guide.search(query) != expected[query]:
                failures.append(query)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(t.is_alive() for t in threads)
    assert failures == []


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=80))
def test_any_text_is_a_safe_query(guide: GuideIndex, query: str) -> None:
    results = guide.search(query, limit=5)
    assert len(results) <= 5
    assert results == guide.search(query, limit=5)
