"""The terminal's document signing key and the keyring of keys it trusts.

Each terminal signs the QR codes of the documents it prints with its own Ed25519 key (RFC 8032), kept in one
PEM file (PKCS#8, unencrypted, mode 0600) under the terminal's keys folder and created on first use. A
document is checked offline against a ``TrustedKeys`` keyring: this terminal's public key plus the public keys
of the other terminals and of the platform, which config or the central platform supply later as text
(``ed25519:<base64url of the 32-byte key>``).

A key id is the first 8 bytes of SHA-256 over the raw public key: self-certifying (nobody can choose a key
to match an id) and short enough for a small QR code. Should two keys of one keyring ever share an id, the
verifier tries each of them.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import logging
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from core.documents.errors import KEY_INVALID, KEY_UNREADABLE, DocumentError

log = logging.getLogger(__name__)

SIGNING_KEY_FILE_NAME = "documents-ed25519.pem"   # lives in ``Paths.keys_dir``
KEY_ID_BYTES = 8
PUBLIC_KEY_PREFIX = "ed25519:"


def key_id_of(public_key: Ed25519PublicKey) -> bytes:
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).digest()[:KEY_ID_BYTES]


def public_key_text(public_key: Ed25519PublicKey) -> str:
    """``ed25519:<base64url>``: how a public key travels in config files and from the platform."""
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return PUBLIC_KEY_PREFIX + base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def parse_public_key(text: str) -> Ed25519PublicKey:
    body = text.strip()
    if not body.startswith(PUBLIC_KEY_PREFIX):
        raise DocumentError(f"a trusted key must start with {PUBLIC_KEY_PREFIX!r}", code=KEY_INVALID)
    body = body[len(PUBLIC_KEY_PREFIX):]
    try:
        raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        if len(raw) != 32:
            raise ValueError(f"{len(raw)} bytes, an Ed25519 public key has 32")
        return Ed25519PublicKey.from_public_bytes(raw)
    except (ValueError, binascii.Error) as exc:
        raise DocumentError(f"trusted key is not a valid Ed25519 public key: {exc}", code=KEY_INVALID) from exc


class SigningKey:
    """An Ed25519 private key with its key id. Never logged or printed (``repr`` shows the id only)."""

    def __init__(self, private_key: Ed25519PrivateKey):
        self._private = private_key
        self.public_key = private_key.public_key()
        self.key_id = key_id_of(self.public_key)

    @classmethod
    def generate(cls) -> SigningKey:
        return cls(Ed25519PrivateKey.generate())

    @classmethod
    def load_or_create(cls, path: Path) -> SigningKey:
        """Load the key at ``path``, or create it (mode 0600) if the file does not exist yet.

        Creation writes a temporary file in the same folder and hard-links it to ``path``: the link fails if
        another process created the key meanwhile, so two processes never end up signing with different
        keys, and a crash never leaves a half-written key behind.
        """
        path = Path(path)
        if not path.exists():
            key = cls.generate()
            try:
                key._write_new(path)
                log.info("DOC_KEY_CREATED: document signing key %s created", key.key_id.hex())
                return key
            except FileExistsError:
                pass  # lost the race: load the winner's key below
        return cls._load(path)

    @classmethod
    def _load(cls, path: Path) -> SigningKey:
        try:
            data = path.read_bytes()
            private = serialization.load_pem_private_key(data, password=None)
        except OSError as exc:
            raise DocumentError(f"cannot read signing key {path}: {exc.strerror}", code=KEY_UNREADABLE) from exc
        except (ValueError, TypeError, UnsupportedAlgorithm) as exc:
            raise DocumentError(f"signing key {path} is not an unencrypted PKCS#8 PEM key", code=KEY_UNREADABLE) \
                from exc
        if not isinstance(private, Ed25519PrivateKey):
            raise DocumentError(f"signing key {path} is not an Ed25519 key", code=KEY_UNREADABLE)
        if os.name == "posix" and path.stat().st_mode & 0o077:
            # A key others can read lets them forge documents; restored backups often lose the mode.
            path.chmod(0o600)
            log.warning("DOC_KEY_MODE_FIXED: signing key %s was readable by others; set to 0600", path.name)
        return cls(private)

    def _write_new(self, path: Path) -> None:
        pem = self._private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption())
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp_name = tempfile.mkstemp(prefix=".signing-", dir=path.parent)   # mkstemp creates it 0600
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(pem)
                handle.flush()
                os.fsync(handle.fileno())
            os.link(temp_name, path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp_name)

    def sign(self, message: bytes) -> bytes:
        return self._private.sign(message)

    @property
    def public_text(self) -> str:
        return public_key_text(self.public_key)

    def __repr__(self) -> str:
        return f"SigningKey(key_id={self.key_id.hex()})"


@dataclass(frozen=True)
class TrustedKey:
    key_id: bytes
    public_key: Ed25519PublicKey
    label: str       # who holds it: "本机 K01", "芙蓉区政务服务中心 K02", "省平台"


class TrustedKeys:
    """Public keys by key id, for offline verification. Verification only reads, so one keyring can be
    shared by threads once built."""

    def __init__(self, keys: Iterable[TrustedKey] = ()):
        self._by_id: dict[bytes, list[TrustedKey]] = {}
        for key in keys:
            self._insert(key)

    def _insert(self, key: TrustedKey) -> None:
        known = self._by_id.setdefault(key.key_id, [])
        if all(k.public_key != key.public_key for k in known):
            known.append(key)

    def add(self, public_key: Ed25519PublicKey | SigningKey | str, label: str = "") -> bytes:
        """Trust a key (an Ed25519 public key, a signing key's public half, or ``ed25519:…`` text);
        returns its key id."""
        if isinstance(public_key, SigningKey):
            public_key = public_key.public_key
        elif isinstance(public_key, str):
            public_key = parse_public_key(public_key)
        key_id = key_id_of(public_key)
        self._insert(TrustedKey(key_id, public_key, label))
        return key_id

    @classmethod
    def for_terminal(cls, signing_key: SigningKey, *, label: str = "本机",
                     others: Iterable[tuple[str, str]] = ()) -> TrustedKeys:
        """This terminal's own key plus ``others``: (``ed25519:…`` text, label) pairs from config."""
        keyring = cls()
        keyring.add(signing_key, label)
        for text, other_label in others:
            keyring.add(text, other_label)
        return keyring

    def candidates(self, key_id: bytes) -> list[TrustedKey]:
        return self._by_id.get(key_id, [])

    def verify(self, key_id: bytes, signature: bytes, message: bytes) -> TrustedKey | None:
        """The trusted key that made ``signature``, or None if none of the keys with this id did."""
        for key in self.candidates(key_id):
            try:
                key.public_key.verify(signature, message)
            except InvalidSignature:
                continue
            return key
        return None

    def __contains__(self, key_id: object) -> bool:
        return key_id in self._by_id

    def __iter__(self) -> Iterator[TrustedKey]:
        return (k for keys in self._by_id.values() for k in keys)

    def __len__(self) -> int:
        return sum(len(v) for v in self._by_id.values())

    def __repr__(self) -> str:
        return f"TrustedKeys({', '.join(k.key_id.hex() for k in self)})"
