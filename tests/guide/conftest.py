"""One catalogue and one guide index for the guide tests: building loads jieba's dictionary (about a second)."""

from __future__ import annotations

import pytest

from core.catalog import Catalog, default_catalog_dir, load_catalog
from core.guide import GuideIndex


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog(default_catalog_dir())


@pytest.fixture(scope="session")
def guide(catalog: Catalog) -> GuideIndex:
    return GuideIndex.build(catalog)
