"""The guide's word lists: what people say -> what the catalogue says, and words that carry no meaning.

``resources/guide/synonyms.yaml`` maps colloquial words to catalogue terms::

    synonyms:
      - says: [餐馆, 饭店, 小吃店]          # what people type or say
        means: [餐饮, 食品经营]             # words the catalogue uses

``resources/guide/stopwords.yaml`` lists words dropped from a query (我, 想, 要, 怎么办 …): they occur in
every question and would only add noise to the ranking.

A bad file raises ``GuideError`` naming the file and the entry, like the catalogue loader does.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from core.errors import HalltermError
from core.guide.text import normalise

_REPO_ROOT = Path(__file__).resolve().parents[2]
SYNONYMS_FILE = "synonyms.yaml"
STOPWORDS_FILE = "stopwords.yaml"


def default_guide_dir() -> Path:
    return _REPO_ROOT / "resources" / "guide"


class GuideError(HalltermError):
    code = "GUIDE_INVALID"
    user_message = "智能导办暂时不可用，请按部门或主题查找事项，或到咨询台询问。"


@dataclass(frozen=True)
class Synonym:
    says: tuple[str, ...]    # normalised colloquial words
    means: tuple[str, ...]   # normalised catalogue terms


@dataclass(frozen=True)
class Vocabulary:
    synonyms: tuple[Synonym, ...] = ()
    stopwords: frozenset[str] = frozenset()

    def expansions(self, text: str) -> list[tuple[str, tuple[str, ...]]]:
        """(colloquial word found in ``text``, the catalogue terms it stands for), in table order."""
        found: list[tuple[str, tuple[str, ...]]] = []
        for synonym in self.synonyms:
            said = next((word for word in synonym.says if word in text), None)
            if said is not None:
                found.append((said, synonym.means))
        return found

    def terms(self) -> set[str]:
        """Every word of the table, for jieba's dictionary."""
        return {w for s in self.synonyms for w in (*s.says, *s.means)}


def _read(path: Path, key: str) -> list[Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise GuideError(f"{path}: cannot read: {exc}", code="GUIDE_FILE_MISSING") from exc
    except yaml.YAMLError as exc:
        raise GuideError(f"{path}: not valid YAML: {exc}", code="GUIDE_YAML_SYNTAX") from None
    if not isinstance(data, dict) or set(data) != {key} or not isinstance(data[key], list):
        raise GuideError(f"{path}: expected one top-level key '{key}' holding a list", code="GUIDE_STRUCTURE")
    return data[key]


def _words(path: Path, where: str, raw: Any) -> tuple[str, ...]:
    if not isinstance(raw, list) or not raw or not all(isinstance(w, str) for w in raw):
        raise GuideError(f"{path}: {where}: expected a non-empty list of words", code="GUIDE_STRUCTURE")
    words = tuple(normalise(w) for w in raw)
    if any(not w for w in words):
        raise GuideError(f"{path}: {where}: a word is empty after dropping punctuation", code="GUIDE_WORD_EMPTY")
    return words


def load_vocabulary(directory: Path | None = None) -> Vocabulary:
    directory = directory or default_guide_dir()
    synonyms_path, stopwords_path = directory / SYNONYMS_FILE, directory / STOPWORDS_FILE
    synonyms = []
    owner: dict[str, int] = {}
    for index, raw in enumerate(_read(synonyms_path, "synonyms")):
        where = f"synonyms[{index + 1}]"
        if not isinstance(raw, dict) or set(raw) != {"says", "means"}:
            raise GuideError(f"{synonyms_path}: {where}: expected exactly 'says' and 'means'", code="GUIDE_STRUCTURE")
        entry = Synonym(says=_words(synonyms_path, f"{where}.says", raw["says"]),
                        means=_words(synonyms_path, f"{where}.means", raw["means"]))
        for word in entry.says:
            # One word in two entries would make the expansion depend on the table's order.
            if word in owner:
                raise GuideError(f"{synonyms_path}: {where}.says: '{word}' is already in synonyms[{owner[word]}]",
                                 code="GUIDE_DUPLICATE")
            owner[word] = index + 1
        synonyms.append(entry)
    stopwords = _words(stopwords_path, "stopwords", _read(stopwords_path, "stopwords"))
    return Vocabulary(synonyms=tuple(synonyms), stopwords=frozenset(stopwords))
