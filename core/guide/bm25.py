"""BM25F ranking over a few weighted fields (Robertson & Zaragoza, "The Probabilistic Relevance Framework:
BM25 and Beyond", 2009, section 3.7).

Each field's term count is length-normalised on its own (a long guide text should not drown a short
name), weighted, and summed into one pseudo-frequency per document; that then saturates once with ``k1``:

    tf~(t, d) = sum_f  w_f * tf(t, d, f) / (1 - b_f + b_f * len(d, f) / avglen(f))
    score(t, d) = idf(t) * tf~ * (k1 + 1) / (k1 + tf~)
    idf(t) = ln(1 + (N - df + 0.5) / (df + 0.5))

Nothing in ``score(t, d)`` depends on the query, so it is computed once at build time: a query then sums
precomputed numbers from the postings of its words, which keeps a query over thousands of entries well
under a millisecond of arithmetic.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

# name/aliases > keywords > guide, as people search by what a thing is called.
FIELD_WEIGHTS: Mapping[str, float] = {"name": 3.0, "aliases": 3.0, "keywords": 2.0, "guide": 1.0,
                                      "department": 0.5}
# Length normalisation per field: a guide is free prose (full), names and word lists barely vary.
FIELD_B: Mapping[str, float] = {"name": 0.5, "aliases": 0.3, "keywords": 0.3, "guide": 0.75, "department": 0.3}
K1 = 1.2


@dataclass(frozen=True, slots=True)
class Postings:
    """The documents one word occurs in, as parallel columns. Arrays hold plain numbers, which the garbage
    collector never has to walk: an index of 2,000 entries would otherwise add a few hundred thousand
    objects to every full collection, and a kiosk would feel those pauses."""

    docs: array          # array('I'): document numbers
    scores: array        # array('d'): precomputed BM25F score of the word in that document
    fields: tuple[tuple[str, ...], ...]   # where it occurs, strongest field first (for "why it matched")


def build_postings(docs: Sequence[Mapping[str, Sequence[str]]]) -> dict[str, Postings]:
    """word -> its postings, each document once; ``docs[i]`` maps a field of FIELD_WEIGHTS to its words."""
    count = len(docs)
    average = {field: (sum(len(d.get(field, ())) for d in docs) / count if count else 0.0) or 1.0
               for field in FIELD_WEIGHTS}
    occurrences: dict[str, dict[int, dict[str, int]]] = {}
    for number, doc in enumerate(docs):
        for field, words in doc.items():
            for word in words:
                per_field = occurrences.setdefault(word, {}).setdefault(number, {})
                per_field[field] = per_field.get(field, 0) + 1
    shared: dict[tuple[str, ...], tuple[str, ...]] = {}   # a handful of distinct field combinations
    postings: dict[str, Postings] = {}
    for word, by_doc in occurrences.items():
        idf = math.log(1 + (count - len(by_doc) + 0.5) / (len(by_doc) + 0.5))
        scores, fields = array("d"), []
        for number, per_field in by_doc.items():
            pseudo = 0.0
            for field, tf in per_field.items():
                b = FIELD_B[field]
                norm = 1 - b + b * len(docs[number][field]) / average[field]
                pseudo += FIELD_WEIGHTS[field] * tf / norm
            scores.append(idf * pseudo * (K1 + 1) / (K1 + pseudo))
            where = tuple(sorted(per_field, key=lambda f: (-FIELD_WEIGHTS[f], f)))
            fields.append(shared.setdefault(where, where))
        postings[word] = Postings(docs=array("I", by_doc), scores=scores, fields=tuple(fields))
    return postings
