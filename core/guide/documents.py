"""Turning catalogue entries into what the index needs: a ``GuideEntry``, the words of each field, the short
texts for substring and pinyin matching, and the terms jieba should learn."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from core.catalog import Bundle, Catalog, Department, ServiceItem
from core.guide.results import EntryKind, GuideEntry
from core.guide.text import cut, normalise


@dataclass(frozen=True)
class Document:
    entry: GuideEntry
    texts: dict[str, tuple[str, ...]]   # field -> its raw texts (name + short name, aliases, ...)


def item_document(item: ServiceItem, departments: Mapping[str, Department]) -> Document:
    department = departments.get(item.department)
    entry = GuideEntry(kind=EntryKind.ITEM, code=item.implementation_code, name=item.name,
                       title=item.display_name, department=item.department, life_events=item.life_events,
                       hot=item.hot, kiosk_capable=item.kiosk_capable, instant=item.instant_approval is not None)
    texts = {
        "name": tuple(t for t in (item.name, item.short_name) if t),
        "aliases": item.aliases,
        "keywords": (*item.keywords, *item.life_events),
        "guide": (*item.guide, *(faq.q for faq in item.faq)),
        "department": (department.name, department.short_name) if department else (),
    }
    return Document(entry=entry, texts=texts)


def bundle_document(bundle: Bundle, catalog: Catalog) -> Document:
    members = [catalog.item(code) for code in bundle.items if catalog.has_item(code)]
    entry = GuideEntry(kind=EntryKind.BUNDLE, code=bundle.code, name=bundle.name, title=bundle.name,
                       department=None, life_events=(bundle.life_event,), hot=bundle.hot,
                       kiosk_capable=bool(members) and all(m.kiosk_capable for m in members), instant=False,
                       items=bundle.items)
    texts = {
        "name": (bundle.name,),
        "aliases": bundle.aliases,
        "keywords": (*bundle.keywords, bundle.life_event),
        "guide": bundle.guide,
    }
    return Document(entry=entry, texts=texts)


def terms_to_learn(catalog: Catalog) -> set[str]:
    """Short catalogue texts jieba should keep whole (居住证, 开餐馆, 区卫健局)."""
    terms: set[str] = set()
    for item in catalog.items:
        terms.update((item.short_name, *item.aliases, *item.keywords, *item.life_events))
    for bundle in catalog.bundles:
        terms.update((*bundle.aliases, *bundle.keywords, bundle.life_event))
    terms.update(d.short_name for d in catalog.departments)
    terms.discard("")
    return terms


class WordCache:
    """Cuts each distinct text once: a large catalogue repeats most of its keywords and guide lines."""

    def __init__(self) -> None:
        self._cache: dict[str, tuple[str, ...]] = {}

    def words(self, texts: Iterable[str]) -> list[str]:
        result: list[str] = []
        for text in texts:
            words = self._cache.get(text)
            if words is None:
                words = self._cache[text] = tuple(cut(normalise(text)))
            result.extend(words)
        return result
