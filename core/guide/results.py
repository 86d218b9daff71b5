"""What the smart guide hands to a screen: entries (an item or a 一件事 bundle), search results, and why
each result matched, so the screen can highlight the words."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class EntryKind(StrEnum):
    ITEM = "item"      # one service item (事项)
    BUNDLE = "bundle"  # 一件事一次办


@dataclass(frozen=True, slots=True)
class GuideEntry:
    """A line in a result list or a browse page; look the full item or bundle up in the catalogue by
    ``code`` (``Catalog.item`` / ``Catalog.bundle``)."""

    kind: EntryKind
    code: str                         # implementation code, or the bundle's code
    name: str
    title: str                        # what a tile shows: the short name if there is one
    department: str | None            # department code; None for a bundle (it spans departments)
    life_events: tuple[str, ...]
    hot: int | None
    kiosk_capable: bool               # a bundle is, if every item in it is
    instant: bool                     # 秒批 (an item with a rule set; never a bundle)
    items: tuple[str, ...] = ()       # a bundle's items, in handling order


class MatchVia(StrEnum):
    WORD = "word"            # a word of the query
    SYNONYM = "synonym"      # a catalogue term the query's colloquial word stands for (饭馆 -> 餐饮)
    PINYIN = "pinyin"        # Latin letters read as pinyin initials or full pinyin
    SUBSTRING = "substring"  # the query (or a piece of it) occurs literally in the text


# The fields a match can name. "name" covers the entry's name and short name; "keywords" covers keywords and
# life events; "guide" covers the plain-language guide lines and the FAQ questions.
MATCH_FIELDS = ("name", "aliases", "keywords", "guide", "department")


@dataclass(frozen=True, slots=True)
class Match:
    field: str      # one of MATCH_FIELDS
    term: str       # the text to highlight in that field
    via: MatchVia
    query: str      # the piece of the query that led here (the word, the colloquial word, the letters)


@dataclass(frozen=True, slots=True)
class SearchResult:
    entry: GuideEntry
    score: float
    matches: tuple[Match, ...]

    @property
    def kind(self) -> EntryKind:
        return self.entry.kind

    @property
    def code(self) -> str:
        return self.entry.code
