"""The hall's catalogue and its loaded 秒批 rule sets, shared by the approval tests."""

from __future__ import annotations

import pytest

from core.approval import RuleBook, load_rule_sets
from core.catalog import Catalog, default_catalog_dir, load_catalog


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog(default_catalog_dir())


@pytest.fixture(scope="session")
def book(catalog: Catalog) -> RuleBook:
    return load_rule_sets(catalog)
