"""Printed documents: queue tickets (ESC/POS), receipts, notices, licences and progress summaries (A4 PDF),
each with a QR code carrying a signed token that any terminal verifies offline.

Kept light to import: the renderers pull in reportlab or python-escpos, so import them from their modules
(``core.documents.receipt`` …) where they are used. Everything returns plain bytes; printing is the device
layer's business.

    key = SigningKey.load_or_create(paths.keys_dir / SIGNING_KEY_FILE_NAME)
    keyring = TrustedKeys.for_terminal(key, label="本机 K01")
    receipt = render_acceptance_receipt(case, item, hall=hall, key=key)       # core.documents.receipt
    verify_token(scanned_text, keyring)                                       # -> VerifiedDocument
"""

from core.documents.common import HallInfo, IssuedDocument
from core.documents.errors import DocumentError
from core.documents.keys import SIGNING_KEY_FILE_NAME, SigningKey, TrustedKeys
from core.documents.tokens import DocumentKind, VerifiedDocument, fields_digest, verify_token

__all__ = [
    "SIGNING_KEY_FILE_NAME", "DocumentError", "DocumentKind", "HallInfo", "IssuedDocument", "SigningKey",
    "TrustedKeys", "VerifiedDocument", "fields_digest", "verify_token",
]
