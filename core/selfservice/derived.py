"""What self-service derives from a catalogue once: the guide index and the 秒批 rule book.

Each takes a moment to build (blocking: call it off the GUI thread), so it is built on first use and shared by
every session and submission; a refreshed catalogue gets its own, and the old one's go with it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

from core.approval import RuleBook, load_rule_sets
from core.catalog.catalog import Catalog
from core.guide import GuideIndex

T = TypeVar("T")
_BUILT: WeakKeyDictionary[Catalog, dict[Callable[..., Any], Any]] = WeakKeyDictionary()
_LOCK = threading.Lock()


def _once(catalog: Catalog, build: Callable[[Catalog], T]) -> T:
    with _LOCK:
        built = _BUILT.setdefault(catalog, {})
        if build not in built:
            built[build] = build(catalog)
        return built[build]


def guide_index(catalog: Catalog) -> GuideIndex:
    return _once(catalog, GuideIndex.build)


def rule_book(catalog: Catalog) -> RuleBook:
    return _once(catalog, load_rule_sets)
