"""Document benchmark: acceptance receipt PDF, ESC/POS queue ticket, QR token verification.

    .venv/bin/python bench/documents.py [--runs 60]

Each figure is timed over ``--runs`` renders after one warm-up (the warm-up pays the one-time costs: finding
and parsing the CJK font, about 80 ms, and importing python-escpos, about 150 ms). Every run signs a
different token (the issue time moves by a second), so no QR matrix comes from the cache.

Goals: receipt PDF <= 80 ms, ticket <= 20 ms, token verification <= 1 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import replace
from datetime import timedelta

from core.documents.keys import SigningKey, TrustedKeys
from core.documents.receipt import render_acceptance_receipt
from core.documents.samples import sample_cases, sample_ticket
from core.documents.ticket import render_ticket
from core.documents.tokens import verify_token


def timed(function, runs: int) -> list[float]:
    function(-1)   # warm-up
    samples = []
    for run in range(runs):
        started = time.perf_counter()
        function(run)
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def report(name: str, samples: list[float], goal: float) -> None:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    print(f"documents.{name}  median {statistics.median(samples):.3f}  p95 {p95:.3f}  (goal <= {goal:g})",
          flush=True)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=60)
    runs = parser.parse_args(argv).runs

    key = SigningKey.generate()
    keyring = TrustedKeys.for_terminal(key)
    cases = sample_cases()
    case, item = cases.accepted, cases.item(cases.accepted)
    base_time = case.accepted_at + timedelta(minutes=1)
    ticket = sample_ticket(cases.hall)

    receipts = timed(lambda n: render_acceptance_receipt(case, item, hall=cases.hall, key=key,
                                                         issued_at=base_time + timedelta(seconds=n + 1)), runs)
    report("receipt_pdf_ms", receipts, 80)

    def one_ticket(width: int, n: int) -> None:
        # A different issue time per run and per width: the same token would find its QR matrix in the cache.
        moved = replace(ticket, issued_at=ticket.issued_at + timedelta(hours=width, seconds=n + 1))
        render_ticket(moved, width, key=key)

    report("ticket_escpos_80mm_ms", timed(lambda n: one_ticket(80, n), runs), 20)
    report("ticket_escpos_58mm_ms", timed(lambda n: one_ticket(58, n), runs), 20)
    token = render_acceptance_receipt(case, item, hall=cases.hall, key=key, issued_at=base_time).token
    verifies = timed(lambda n: verify_token(token, keyring), max(runs, 1000))
    report("token_verify_ms", verifies, 1)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
