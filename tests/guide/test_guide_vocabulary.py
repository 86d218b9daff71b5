"""The synonym and stop-word tables: sensible content, and a clear error for a broken file."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from core.catalog import Catalog
from core.guide import GuideError, load_vocabulary
from core.guide.documents import bundle_document, item_document
from core.guide.text import normalise


def test_the_synonym_table_has_at_least_forty_entries() -> None:
    vocabulary = load_vocabulary()
    assert len(vocabulary.synonyms) >= 40
    assert {"我", "想", "怎么办"} <= vocabulary.stopwords


def test_every_synonym_target_is_a_word_the_catalogue_uses(catalog: Catalog) -> None:
    departments = {d.code: d for d in catalog.departments}
    documents = [item_document(i, departments) for i in catalog.items]
    documents += [bundle_document(b, catalog) for b in catalog.bundles]
    text = normalise("\n".join(t for d in documents for texts in d.texts.values() for t in texts))
    for synonym in load_vocabulary().synonyms:
        for term in synonym.means:
            assert term in text, f"{term!r} (for {synonym.says[0]}) finds nothing in the catalogue"


def test_expansion_finds_a_colloquial_word_anywhere_in_the_query() -> None:
    vocabulary = load_vocabulary()
    expansions = dict(vocabulary.expansions("我想开个饭馆"))
    assert "餐饮" in expansions["饭馆"]


def write(directory: Path, synonyms: object, stopwords: object = None) -> Path:
    (directory / "synonyms.yaml").write_text(yaml.safe_dump({"synonyms": synonyms}, allow_unicode=True),
                                             encoding="utf-8")
    (directory / "stopwords.yaml").write_text(
        yaml.safe_dump({"stopwords": stopwords or ["我"]}, allow_unicode=True), encoding="utf-8")
    return directory


def test_a_good_small_table_loads(tmp_path: Path) -> None:
    vocabulary = load_vocabulary(write(tmp_path, [{"says": ["饭馆", "ＫＴＶ"], "means": ["餐饮"]}]))
    assert vocabulary.synonyms[0].says == ("饭馆", "ktv")


@pytest.mark.parametrize(("synonyms", "code"), [
    ([{"says": ["饭馆"], "means": ["餐饮"]}, {"says": ["饭馆"], "means": ["饭店"]}], "GUIDE_DUPLICATE"),
    ([{"says": ["饭馆"]}], "GUIDE_STRUCTURE"),
    ([{"says": ["饭馆"], "means": []}], "GUIDE_STRUCTURE"),
    ([{"says": [4050], "means": ["就业"]}], "GUIDE_STRUCTURE"),
    ([{"says": ["！！"], "means": ["就业"]}], "GUIDE_WORD_EMPTY"),
    ([{"says": ["饭馆"], "means": ["餐饮"], "extra": 1}], "GUIDE_STRUCTURE"),
    ({"饭馆": "餐饮"}, "GUIDE_STRUCTURE"),
])
def test_a_broken_table_names_the_file_and_entry(tmp_path: Path, synonyms: object, code: str) -> None:
    with pytest.raises(GuideError) as caught:
        load_vocabulary(write(tmp_path, synonyms))
    assert caught.value.code == code
    assert "synonyms.yaml" in caught.value.detail


def test_a_missing_or_unreadable_file_has_its_own_code(tmp_path: Path) -> None:
    with pytest.raises(GuideError) as caught:
        load_vocabulary(tmp_path)
    assert caught.value.code == "GUIDE_FILE_MISSING"
    (tmp_path / "synonyms.yaml").write_text("synonyms: [unclosed", encoding="utf-8")
    with pytest.raises(GuideError) as caught:
        load_vocabulary(tmp_path)
    assert caught.value.code == "GUIDE_YAML_SYNTAX"
