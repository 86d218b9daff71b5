"""The terminal's data key: personal fields sealed with AES-GCM, lookups by HMAC, the audit chain's MAC key.

One 32-byte master key lives in a key file next to the database (never inside it). HKDF-SHA256 derives a
separate key for each purpose, so a key used to MAC ID numbers can never decrypt a blob and vice versa
(NIST SP 800-108 / RFC 5869 "info" separation):

* ``seal`` / ``open_sealed``: AES-256-GCM, a fresh 96-bit random nonce per encryption (NIST SP 800-38D
  8.2.2; at well under 2^32 encryptions per key the random-nonce bound is comfortable), the row's id as
  associated data so a blob copied into another row fails authentication instead of decrypting.
* ``person_hmac``: HMAC-SHA256 of the normalised ID number; equal numbers give equal hex, so the store
  can index and look up a person without holding the number in clear.
* ``audit_key``: the MAC key for the audit log's hash chain (``core.storage.audit``).
* ``fingerprint``: a derived, non-secret value kept in the database so a wrong key file is noticed at
  start instead of as a decryption failure in the middle of a citizen's session.

The key file is created with mode 0600 at ``os.open`` time (never chmod'ed afterwards, which would leave a
window where it is world-readable) and published with ``os.link`` so two starting processes cannot both
create one.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import logging
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from core.errors import StorageError

log = logging.getLogger(__name__)

KEY_BYTES = 32
NONCE_BYTES = 12
# First byte of every sealed blob: lets a later release rotate keys or change the layout and still read
# what this one wrote.
BLOB_FORMAT_V1 = b"\x01"
_HKDF_SALT = b"hallterm local store"


def _derive(master: bytes, purpose: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=_HKDF_SALT,
                info=f"hallterm/v1/{purpose}".encode()).derive(master)


@dataclass(frozen=True)
class KeyRing:
    """The derived keys. Build with ``KeyRing.from_master``; the master key itself is not kept."""

    _enc_key: bytes = field(repr=False)
    _lookup_key: bytes = field(repr=False)
    audit_key: bytes = field(repr=False)
    fingerprint: str

    @classmethod
    def from_master(cls, master: bytes) -> KeyRing:
        if len(master) != KEY_BYTES:
            raise StorageError(f"data key must be {KEY_BYTES} bytes, got {len(master)}", code="STORE_KEY_INVALID")
        return cls(
            _enc_key=_derive(master, "aes-gcm"),
            _lookup_key=_derive(master, "person-lookup"),
            audit_key=_derive(master, "audit-chain"),
            fingerprint=_derive(master, "fingerprint")[:16].hex(),
        )

    def seal(self, plaintext: bytes, *, aad: str) -> bytes:
        nonce = secrets.token_bytes(NONCE_BYTES)
        return BLOB_FORMAT_V1 + nonce + AESGCM(self._enc_key).encrypt(nonce, plaintext, aad.encode())

    def open_sealed(self, blob: bytes, *, aad: str) -> bytes:
        """Decrypt a blob made by ``seal`` for the same ``aad``; a moved or edited blob raises STORE_DECRYPT_FAILED."""
        if len(blob) < 1 + NONCE_BYTES + 16 or blob[:1] != BLOB_FORMAT_V1:
            raise StorageError("sealed blob has an unknown format", code="STORE_DECRYPT_FAILED")
        nonce, body = blob[1:1 + NONCE_BYTES], blob[1 + NONCE_BYTES:]
        try:
            return AESGCM(self._enc_key).decrypt(nonce, body, aad.encode())
        except InvalidTag:
            raise StorageError("sealed blob failed authentication (edited, moved to another row, or another key)",
                               code="STORE_DECRYPT_FAILED") from None

    def person_hmac(self, id_number: str) -> str:
        """Lookup key for an ID number; case and surrounding spaces do not matter (``x`` == ``X``)."""
        normalised = id_number.strip().upper()
        return hmac.new(self._lookup_key, normalised.encode(), hashlib.sha256).hexdigest()


# --- the key file --------------------------------------------------------------------------------------

def read_key_file(path: Path) -> bytes:
    """The master key from ``path``: base64 text (what we write) or 32 raw bytes (a technician's copy)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise StorageError(f"cannot read key file {path}: {exc.strerror}", code="STORE_KEY_UNREADABLE") from None
    if len(raw) == KEY_BYTES:
        key = raw
    else:
        try:
            key = base64.b64decode(raw.strip(), validate=True)
        except (binascii.Error, ValueError):
            key = b""
    if len(key) != KEY_BYTES:
        raise StorageError(f"key file {path} does not hold a {KEY_BYTES}-byte key", code="STORE_KEY_INVALID")
    _warn_if_exposed(path)
    return key


def create_key_file(path: Path) -> bytes:
    """Write a new random key to ``path`` (mode 0600) and return it; refuses to replace an existing file.

    Written to a private temporary name first and hard-linked into place: a crash mid-write leaves no
    half key under the real name, and ``link`` fails if another process published a key meanwhile.
    """
    key = secrets.token_bytes(KEY_BYTES)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(base64.b64encode(key) + b"\n")
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise StorageError(f"key file {path} appeared while creating it", code="STORE_KEY_RACE") from None
    finally:
        tmp.unlink(missing_ok=True)
    return key


def _warn_if_exposed(path: Path) -> None:
    # POSIX only: Windows reports 0o666 for every file. A readable key is logged, not refused, so a
    # technician who copied the file with the wrong umask does not take the kiosk out of service.
    if os.name == "posix" and path.stat().st_mode & 0o077:
        log.warning("STORE_KEY_EXPOSED: key file %s is readable by group or others; chmod 600 it", path)
