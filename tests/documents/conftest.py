"""Shared fixtures for the document tests: one signing key, the sample cases and their rendered documents
(rendering and rasterising are the slow part, so they are made once per session)."""

from __future__ import annotations

import pytest
from document_checks import page_images

from core.documents.keys import SigningKey, TrustedKeys
from core.documents.samples import sample_cases, sample_documents


@pytest.fixture(scope="session")
def key() -> SigningKey:
    return SigningKey.generate()


@pytest.fixture(scope="session")
def keyring(key: SigningKey) -> TrustedKeys:
    return TrustedKeys.for_terminal(key, label="本机 K01")


@pytest.fixture(scope="session")
def cases():
    return sample_cases()


@pytest.fixture(scope="session")
def documents(key, cases):
    return sample_documents(key, cases)


@pytest.fixture(scope="session")
def rasterised(documents):
    """Each PDF's pages at 150 dpi, as a printer driver would rasterise them."""
    return {name: page_images(doc.content) for name, doc in documents.items() if doc.media_type == "application/pdf"}
