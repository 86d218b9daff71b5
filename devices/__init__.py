"""Device layer: ID card readers, PC/SC readers, printers and scanners (UnifiedPOS-style lifecycle).

Never imports Qt or ``core`` (import-linter). Drivers return frozen dataclasses; the composition root
(``main.py``) turns them into domain objects.
"""
