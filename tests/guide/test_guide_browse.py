"""Browsing the guide: by department, by life event, and the most asked-for services."""

from __future__ import annotations

import pytest

from core.catalog import Catalog
from core.guide import EntryKind, GuideError, GuideIndex


def test_every_item_and_bundle_is_an_entry(guide: GuideIndex, catalog: Catalog) -> None:
    codes = [e.code for e in guide.entries]
    assert codes == [i.implementation_code for i in catalog.items] + [b.code for b in catalog.bundles]


def test_departments_are_listed_in_catalogue_order(guide: GuideIndex, catalog: Catalog) -> None:
    assert [d.code for d in guide.departments()] == [d.code for d in catalog.departments]


def test_a_department_lists_its_items_only(guide: GuideIndex, catalog: Catalog) -> None:
    entries = guide.by_department("wjj")
    assert [e.code for e in entries] == [i.implementation_code for i in catalog.by_department("wjj")]
    assert all(e.kind is EntryKind.ITEM and e.department == "wjj" for e in entries)
    assert guide.by_department("nosuch") == ()


def test_life_events_follow_the_kiosk_tile_order(guide: GuideIndex, catalog: Catalog) -> None:
    assert guide.life_events() == catalog.life_events()
    assert guide.life_events()[0] == "开办企业"


def test_a_life_event_shows_its_bundles_first_then_its_items(guide: GuideIndex) -> None:
    entries = guide.by_life_event("生育")
    assert entries[0].code == "430102YJS0002"
    assert entries[0].kind is EntryKind.BUNDLE
    assert {"430102WJ000201", "430102GA000201", "430102YB000102"} <= {e.code for e in entries[1:]}
    assert all(e.kind is EntryKind.ITEM for e in entries[1:])
    assert all("生育" in e.life_events for e in entries)


def test_hot_entries_come_by_rank_with_the_bundle_first_on_a_tie(guide: GuideIndex) -> None:
    hot = guide.hot(limit=4)
    assert [(e.code, e.hot) for e in hot] == [("430102YJS0001", 1), ("430102WJ000101", 1),
                                             ("430102YJS0002", 2), ("430102RS000101", 2)]
    ranks = [e.hot for e in guide.hot(limit=None)]
    assert ranks == sorted(ranks) and None not in ranks


def test_an_entry_carries_what_a_tile_needs(guide: GuideIndex) -> None:
    entry = guide.entry("430102WJ000101")
    assert entry.title == "卫生许可证新办"
    assert entry.instant and entry.kiosk_capable and entry.department == "wjj"
    bundle = guide.entry("430102YJS0002")
    assert not bundle.kiosk_capable   # 出生医学证明 is handled at the hospital


def test_an_unknown_code_raises_a_guide_error(guide: GuideIndex) -> None:
    with pytest.raises(GuideError) as caught:
        guide.entry("NOSUCH")
    assert caught.value.code == "GUIDE_UNKNOWN_ENTRY"
