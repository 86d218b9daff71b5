"""The smart guide (智能导办): find a service item or 一件事 bundle from what a citizen types or says, and
browse the catalogue by department, life event or popularity. Qt-free; the kiosk's screens call it.

``GuideIndex.build(catalog)`` once (it loads jieba's dictionary on first use), then ``search`` and the
browse methods from any thread.
"""

from core.guide.index import GuideIndex
from core.guide.results import MATCH_FIELDS, EntryKind, GuideEntry, Match, MatchVia, SearchResult
from core.guide.vocabulary import GuideError, Vocabulary, default_guide_dir, load_vocabulary

__all__ = [
    "MATCH_FIELDS", "EntryKind", "GuideEntry", "GuideError", "GuideIndex", "Match", "MatchVia", "SearchResult",
    "Vocabulary", "default_guide_dir", "load_vocabulary",
]
