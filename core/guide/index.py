"""The smart guide (智能导办): find the service from what a citizen says, and browse the catalogue.

``GuideIndex.build(catalog)`` once at start-up (about a second, mostly jieba's dictionary); then
``index.search("我想开个餐馆")`` from any thread. A query is scored by

1. BM25F over the words of each entry's fields (name/aliases > keywords > guide, see ``core.guide.bm25``),
   for the query's own words and, at a lower weight, the catalogue terms its colloquial words stand for
   (``resources/guide/synonyms.yaml``: 饭馆 -> 餐饮, 食品经营);
2. a bonus when the query, stop words removed, occurs literally in a name, alias or keyword; for a one- or
   two-character query that literal match is what finds anything at all (jieba has no word for "残");
3. pinyin for Latin letters: initials ("ggcs"), full pinyin prefixes ("gonggong");
4. when nothing matched, pieces of the query (its words, then each pair of characters) as substrings.

Items and 一件事 bundles are ranked together by the same scorer over their own text. Each result says
which field and term matched, so the screen can highlight them. The index is immutable after ``build``;
a query keeps its working state in local variables, so concurrent queries need no lock.
"""

from __future__ import annotations

from types import MappingProxyType

from core.catalog import Catalog, Department
from core.guide.bm25 import FIELD_WEIGHTS, build_postings
from core.guide.documents import Document, WordCache, bundle_document, item_document, terms_to_learn
from core.guide.literal import LiteralMatcher
from core.guide.pinyin import PinyinMatcher
from core.guide.results import EntryKind, GuideEntry, Match, MatchVia, SearchResult
from core.guide.text import MAX_QUERY_CHARS, add_words, cut, han_runs, latin_runs, normalise, whole_words
from core.guide.vocabulary import GuideError, Vocabulary, load_vocabulary

SYNONYM_WEIGHT = 0.7     # a colloquial word is good evidence, but weaker than the word itself
PHRASE_BONUS = 1.0       # times the field's weight, when the whole query occurs in that field
FALLBACK_WEIGHT = 0.5    # times the field's weight, for a piece of a query that matched nothing else
PINYIN_SCALE = 2.0       # pinyin hits on the same scale as a good BM25 word match (3-6)
RELATIVE_CUTOFF = 0.2    # results scoring under this share of the best are noise, not alternatives
DEFAULT_LIMIT = 10
LITERAL_FIELDS = ("name", "aliases", "keywords")   # short texts, what people call a thing; strongest first
_NO_RANK = 1 << 30

# Why an entry scored: (term, via, query piece) and the fields it was found in. Match objects are made
# only for the results returned, not for every document a common word touches.
_Reason = tuple[tuple[str, MatchVia, str], tuple[str, ...]]


class _Hits:
    """Scores and reasons for one query (local to the call: the index itself is never written)."""

    def __init__(self) -> None:
        self.scores: dict[int, float] = {}
        self.reasons: dict[int, list[_Reason]] = {}

    def add(self, doc: int, score: float, reason: _Reason) -> None:
        self.scores[doc] = self.scores.get(doc, 0.0) + score
        self.reasons.setdefault(doc, []).append(reason)

    def keep_best(self, doc: int, score: float, reason: _Reason) -> None:
        """The doc's score is the best one offered (not the sum); every reason is kept for highlighting."""
        self.scores[doc] = max(self.scores.get(doc, 0.0), score)
        self.reasons.setdefault(doc, []).append(reason)

    def merge(self, other: _Hits) -> None:
        for doc, score in other.scores.items():
            self.scores[doc] = self.scores.get(doc, 0.0) + score
            self.reasons.setdefault(doc, []).extend(other.reasons[doc])

    def matches(self, doc: int) -> tuple[Match, ...]:
        found: dict[tuple[str, str], Match] = {}
        for (term, via, piece), fields in self.reasons[doc]:
            for field in fields:
                found.setdefault((field, term), Match(field, term, via, piece))
        return tuple(found.values())


class GuideIndex:
    __slots__ = ("_by_code", "_departments", "_entries", "_life_events", "_literal", "_pinyin", "_postings",
                 "_rank", "_vocabulary")

    def __init__(self, documents: list[Document], vocabulary: Vocabulary, departments: tuple[Department, ...],
                 life_events: tuple[str, ...]):
        cache = WordCache()
        texts = [doc.texts for doc in documents]
        self._entries = tuple(doc.entry for doc in documents)
        self._by_code = MappingProxyType({entry.code: entry for entry in self._entries})
        self._postings = MappingProxyType(build_postings(
            [{field: cache.words(field_texts) for field, field_texts in doc.items()} for doc in texts]))
        self._literal = LiteralMatcher(texts, LITERAL_FIELDS)
        self._pinyin = PinyinMatcher(((number, field, text) for number, doc in enumerate(texts)
                                      for field in LITERAL_FIELDS for text in doc.get(field, ())), FIELD_WEIGHTS)
        # Ties go to the more asked-for entry, then the bundle (it covers more), then the code: deterministic.
        self._rank = tuple((e.hot or _NO_RANK, e.kind is not EntryKind.BUNDLE, e.code) for e in self._entries)
        self._vocabulary = vocabulary
        used = {entry.department for entry in self._entries}
        self._departments = tuple(d for d in departments if d.code in used)
        self._life_events = life_events

    @classmethod
    def build(cls, catalog: Catalog, vocabulary: Vocabulary | None = None) -> GuideIndex:
        vocabulary = vocabulary if vocabulary is not None else load_vocabulary()
        add_words(terms_to_learn(catalog) | vocabulary.terms())
        by_code = {d.code: d for d in catalog.departments}
        documents = [item_document(item, by_code) for item in catalog.items]
        documents += [bundle_document(bundle, catalog) for bundle in catalog.bundles]
        return cls(documents, vocabulary, catalog.departments, catalog.life_events())

    def __repr__(self) -> str:
        return f"GuideIndex({len(self._entries)} entries, {len(self._postings)} words)"

    # --- search --------------------------------------------------------------------------------------

    def search(self, query: str, *, limit: int = DEFAULT_LIMIT, kiosk_only: bool = False) -> tuple[SearchResult, ...]:
        """Best entries first; empty for an empty, meaningless or unmatched query (never raises for any text)."""
        text = normalise(query if isinstance(query, str) else "", limit=MAX_QUERY_CHARS)
        if not text or limit <= 0:
            return ()
        hits = _Hits()
        words = [w for w in dict.fromkeys(cut(text)) if w not in self._vocabulary.stopwords]
        for word in words:
            self._score_word(hits, word, 1.0, MatchVia.WORD, word)
        self._score_synonyms(hits, words, text)
        phrases = self._phrases(text)
        for phrase in phrases:
            self._score_literal(hits, phrase, PHRASE_BONUS)
        for letters in latin_runs(text):
            self._score_pinyin(hits, letters)
        if not hits.scores:
            self._fallback(hits, words, phrases)
        return self._ranked(hits, limit, kiosk_only)

    def _score_word(self, hits: _Hits, word: str, weight: float, via: MatchVia, piece: str, *,
                    best_only: bool = False) -> None:
        postings = self._postings.get(word)
        if postings is None:
            return
        record = hits.keep_best if best_only else hits.add
        key = (word, via, piece)
        for doc, score, fields in zip(postings.docs, postings.scores, postings.fields, strict=True):
            record(doc, weight * score, (key, fields))

    def _score_synonyms(self, hits: _Hits, words: list[str], text: str) -> None:
        # A colloquial word stands for one idea the catalogue words several ways (饭馆 -> 餐饮, 餐馆, 食品经营):
        # an entry earns its best-matching term once, so a long list of terms inflates nothing.
        stop = self._vocabulary.stopwords
        for said, terms in self._vocabulary.expansions(text):
            best = _Hits()
            for term in terms:
                for word in whole_words(term):   # 食品经营 as one word, not also 食品 and 经营
                    if word not in stop and word not in words:
                        self._score_word(best, word, SYNONYM_WEIGHT, MatchVia.SYNONYM, said, best_only=True)
            hits.merge(best)

    def _phrases(self, text: str) -> list[str]:
        """Each Han run of the query with its stop words taken out: "我想开个餐馆" -> "餐馆"."""
        stop = self._vocabulary.stopwords
        phrases = ("".join(w for w in whole_words(run) if w not in stop) for run in han_runs(text))
        return [p for p in dict.fromkeys(phrases) if p]

    def _score_literal(self, hits: _Hits, piece: str, strength: float) -> None:
        key = (piece, MatchVia.SUBSTRING, piece)
        for doc, field in self._literal.find(piece).items():
            hits.add(doc, strength * FIELD_WEIGHTS[field], (key, (field,)))

    def _score_pinyin(self, hits: _Hits, letters: str) -> None:
        for doc, fields in self._pinyin.match(letters).items():
            for field, (score, matched) in fields.items():
                hits.add(doc, PINYIN_SCALE * score, ((matched, MatchVia.PINYIN, letters), (field,)))

    def _fallback(self, hits: _Hits, words: list[str], phrases: list[str]) -> None:
        """Nothing matched: try the query's words, then each pair of its characters, as literal text."""
        for pieces in (words, [p[i:i + 2] for p in phrases for i in range(len(p) - 1)]):
            for piece in dict.fromkeys(pieces):
                self._score_literal(hits, piece, FALLBACK_WEIGHT)
            if hits.scores:
                return

    def _ranked(self, hits: _Hits, limit: int, kiosk_only: bool) -> tuple[SearchResult, ...]:
        if not hits.scores:
            return ()
        ranked = sorted(hits.scores.items(), key=lambda pair: (-round(pair[1], 6), self._rank[pair[0]]))
        cutoff = ranked[0][1] * RELATIVE_CUTOFF
        results: list[SearchResult] = []
        for doc, score in ranked:
            if score < cutoff or len(results) >= limit:
                break
            entry = self._entries[doc]
            if kiosk_only and not entry.kiosk_capable:
                continue
            results.append(SearchResult(entry=entry, score=round(score, 4), matches=hits.matches(doc)))
        return tuple(results)

    # --- browse --------------------------------------------------------------------------------------

    def entry(self, code: str) -> GuideEntry:
        try:
            return self._by_code[code]
        except KeyError:
            raise GuideError(f"no item or bundle with code {code!r} in the guide", code="GUIDE_UNKNOWN_ENTRY",
                             user_message="没有找到这个事项，请到咨询台询问。") from None

    @property
    def entries(self) -> tuple[GuideEntry, ...]:
        return self._entries

    def departments(self) -> tuple[Department, ...]:
        """Departments that have at least one item, in the catalogue's order."""
        return self._departments

    def by_department(self, code: str) -> tuple[GuideEntry, ...]:
        """A department's items in the catalogue's order (bundles span departments and are not listed)."""
        return tuple(e for e in self._entries if e.department == code)

    def life_events(self) -> tuple[str, ...]:
        """Life events (开办企业, 生育 …) with at least one entry, in the kiosk's tile order."""
        return self._life_events

    def by_life_event(self, event: str) -> tuple[GuideEntry, ...]:
        """The event's bundles first (one visit for everything), then its items, each in catalogue order."""
        chosen = [e for e in self._entries if event in e.life_events]
        return tuple(sorted(chosen, key=lambda e: e.kind is not EntryKind.BUNDLE))

    def hot(self, limit: int | None = 8) -> tuple[GuideEntry, ...]:
        """Most asked-for items and bundles, rank 1 first (a bundle before an item of the same rank)."""
        ranked = sorted((n for n, e in enumerate(self._entries) if e.hot is not None), key=self._rank.__getitem__)
        return tuple(self._entries[n] for n in (ranked[:limit] if limit is not None else ranked))

