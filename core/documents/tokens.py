"""Signed QR tokens: what the QR code on every printed document carries.

Text form: ``HT1:`` + RFC 4648 base32 (no padding) of::

    offset  size  field
    0       1     document kind (``DocumentKind`` code)
    1       8     key id of the signing key (``core.documents.keys``)
    9       4     issue time, Unix seconds, big-endian
    13      1     length n of the reference (0-40)
    14      n     reference: the case number (办件编号), the ticket number for a queue ticket; ASCII 0-9 A-Z -
    14+n    16    fields hash: SHA-256 of the document's key fields (canonical JSON), first 16 bytes
    30+n    64    Ed25519 signature over b"HT1" + bytes 0..30+n

Why this shape: the scheme prefix lets a scanner tell our codes from payment and e-licence QR codes; the
``1`` is the format version. Base32 uses only upper-case letters and digits, which a QR code stores in its
alphanumeric mode at 5.5 bits a character (byte mode spends 8), the trick the EU vaccination certificates
use with ``HC1:`` and base45: a receipt token (22-character case number) is 192 characters, a version 8 QR
code at error correction M (49 modules). The key fields themselves stay off the QR code: it carries their
hash, so a scan reveals nothing personal, while whoever holds the case can check the printed values
(``VerifiedDocument.matches``). The ``HT1`` prefix inside the signed message keeps a signature made with the
same key for another purpose from passing as a document.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
import struct
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import IntEnum

from core.documents.errors import (
    TOKEN_BAD_SIGNATURE,
    TOKEN_ENCODING,
    TOKEN_FOREIGN,
    TOKEN_UNKNOWN_KEY,
    TOKEN_VERSION,
    DocumentError,
)
from core.documents.keys import SigningKey, TrustedKeys

SCHEME = "HT"
VERSION = 1
PREFIX = f"{SCHEME}{VERSION}:"
_SIGNED_PREFIX = f"{SCHEME}{VERSION}".encode("ascii")
_ANY_PREFIX = re.compile(r"^HT(\d+):", re.IGNORECASE)
_REFERENCE = re.compile(r"^[0-9A-Z-]{0,40}$")
_HEADER = struct.Struct(">B8sIB")
FIELDS_HASH_BYTES = 16
SIGNATURE_BYTES = 64
_MIN_BYTES = _HEADER.size + FIELDS_HASH_BYTES + SIGNATURE_BYTES
_MAX_BYTES = _MIN_BYTES + 40


class DocumentKind(IntEnum):
    """What a document is. The numbers are printed into QR codes: never renumber, only add."""

    QUEUE_TICKET = 1          # 排队凭条
    ACCEPTANCE_RECEIPT = 2    # 受理回执
    CORRECTION_NOTICE = 3     # 补齐补正一次性告知书
    TOLERANCE_NOTICE = 4      # 容缺受理通知书
    REFUSAL_NOTICE = 5        # 不予受理通知书
    LICENCE = 6               # 许可证 (printed after an instant approval)
    PROGRESS_SUMMARY = 7      # 办件进度查询结果

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    DocumentKind.QUEUE_TICKET: "排队凭条", DocumentKind.ACCEPTANCE_RECEIPT: "受理回执",
    DocumentKind.CORRECTION_NOTICE: "补齐补正一次性告知书", DocumentKind.TOLERANCE_NOTICE: "容缺受理通知书",
    DocumentKind.REFUSAL_NOTICE: "不予受理通知书", DocumentKind.LICENCE: "许可证",
    DocumentKind.PROGRESS_SUMMARY: "办件进度查询结果",
}


def fields_digest(fields: Mapping[str, object]) -> bytes:
    """The truncated SHA-256 over the canonical JSON of a document's key fields (keys sorted, values as
    strings, UTF-8, no spaces): the same printed values always give the same hash."""
    canonical = json.dumps({str(k): str(v) for k, v in fields.items()}, sort_keys=True, ensure_ascii=False,
                           separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).digest()[:FIELDS_HASH_BYTES]


@dataclass(frozen=True)
class VerifiedDocument:
    """What a valid token certifies."""

    kind: DocumentKind
    reference: str          # case number, or ticket number for a queue ticket, "" for a progress summary
    issued_at: datetime     # UTC, whole seconds
    key_id: str             # hex
    signer: str             # the keyring's label for the key
    fields_hash: str        # hex of the 16-byte fields hash

    @property
    def case_number(self) -> str | None:
        return None if self.kind is DocumentKind.QUEUE_TICKET or not self.reference else self.reference

    def matches(self, fields: Mapping[str, object]) -> bool:
        """True if ``fields`` are exactly the key fields the document was issued with."""
        return fields_digest(fields).hex() == self.fields_hash


def encode_token(kind: DocumentKind, reference: str, issued_at: datetime, fields: Mapping[str, object],
                 key: SigningKey) -> str:
    if not _REFERENCE.match(reference):
        raise ValueError(f"reference {reference!r} must be 0-40 characters of 0-9 A-Z -")
    seconds = int(issued_at.timestamp())
    body = (_HEADER.pack(int(kind), key.key_id, seconds, len(reference)) + reference.encode("ascii")
            + fields_digest(fields))
    blob = body + key.sign(_SIGNED_PREFIX + body)
    return PREFIX + base64.b32encode(blob).decode("ascii").rstrip("=")


def verify_token(text: str, keyring: TrustedKeys) -> VerifiedDocument:
    """Check a scanned token offline. Raises ``DocumentError`` with code DOC_TOKEN_FOREIGN (not our format),
    DOC_TOKEN_VERSION (a newer format), DOC_TOKEN_ENCODING (damaged or truncated), DOC_TOKEN_UNKNOWN_KEY or
    DOC_TOKEN_BAD_SIGNATURE (forged or altered). No personal data is involved, so details may quote it."""
    text = text.strip()
    match = _ANY_PREFIX.match(text)
    if match is None:
        raise DocumentError("the text does not start with the HT<version>: scheme", code=TOKEN_FOREIGN)
    if int(match[1]) != VERSION:
        raise DocumentError(f"token format version {match[1]} is not supported (this build reads {VERSION})",
                            code=TOKEN_VERSION)
    encoded = text[match.end():].upper()   # a keyboard-wedge scanner with Caps Lock on sends lower case
    try:
        blob = base64.b32decode(encoded + "=" * (-len(encoded) % 8))
    except (binascii.Error, ValueError) as exc:
        raise DocumentError(f"token body is not base32: {exc}", code=TOKEN_ENCODING) from exc
    if not _MIN_BYTES <= len(blob) <= _MAX_BYTES:
        raise DocumentError(f"token is {len(blob)} bytes; a version {VERSION} token has {_MIN_BYTES}-{_MAX_BYTES}",
                            code=TOKEN_ENCODING)
    kind_code, key_id, seconds, ref_len = _HEADER.unpack_from(blob)
    body_len = _HEADER.size + ref_len + FIELDS_HASH_BYTES
    if len(blob) != body_len + SIGNATURE_BYTES:
        raise DocumentError(f"token is {len(blob)} bytes, its reference length says {body_len + SIGNATURE_BYTES}",
                            code=TOKEN_ENCODING)
    if key_id not in keyring:
        raise DocumentError(f"key {key_id.hex()} is not in the trusted keyring", code=TOKEN_UNKNOWN_KEY)
    body, signature = blob[:body_len], blob[body_len:]
    signer = keyring.verify(key_id, signature, _SIGNED_PREFIX + body)
    if signer is None:
        raise DocumentError(f"signature does not match for key {key_id.hex()}: forged or altered",
                            code=TOKEN_BAD_SIGNATURE)
    # Only a correctly signed token gets this far: what follows are checks against a buggy signer.
    try:
        kind = DocumentKind(kind_code)
        reference = body[_HEADER.size:_HEADER.size + ref_len].decode("ascii")
    except (ValueError, UnicodeDecodeError) as exc:
        raise DocumentError(f"signed token has an unknown kind {kind_code} or a non-ASCII reference",
                            code=TOKEN_ENCODING) from exc
    return VerifiedDocument(kind=kind, reference=reference, issued_at=datetime.fromtimestamp(seconds, UTC),
                            key_id=key_id.hex(), signer=signer.label,
                            fields_hash=body[body_len - FIELDS_HASH_BYTES:].hex())
