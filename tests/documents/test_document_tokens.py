"""Signed QR tokens: round trip, every way a token can be refused, and the signing key file."""

from __future__ import annotations

import base64
import os
import stat
import time
from datetime import UTC, datetime

import pytest

from core.documents.cli import EXIT_REFUSED, EXIT_VALID, verify_qr
from core.documents.errors import DocumentError
from core.documents.keys import SigningKey, TrustedKeys, parse_public_key
from core.documents.qr import qr_matrix
from core.documents.tokens import PREFIX, DocumentKind, encode_token, fields_digest, verify_token

ISSUED = datetime(2026, 3, 2, 1, 35, 12, tzinfo=UTC)
FIELDS = {"case_number": "43010220260302K0100042", "item_name": "公共场所卫生许可证核发（新办）", "applicant": "李**"}


def token(key: SigningKey, reference: str = "43010220260302K0100042", fields=FIELDS,
          kind: DocumentKind = DocumentKind.ACCEPTANCE_RECEIPT) -> str:
    return encode_token(kind, reference, ISSUED, fields, key)


def blob_of(text: str) -> bytearray:
    body = text[len(PREFIX):]
    return bytearray(base64.b32decode(body + "=" * (-len(body) % 8)))


def text_of(blob: bytes) -> str:
    return PREFIX + base64.b32encode(bytes(blob)).decode().rstrip("=")


def refused_code(text: str, keyring: TrustedKeys) -> str:
    with pytest.raises(DocumentError) as caught:
        verify_token(text, keyring)
    assert caught.value.user_message  # every refusal has a calm sentence for the screen
    return caught.value.code


def test_round_trip_certifies_kind_reference_time_key_and_fields(key, keyring):
    verified = verify_token(token(key), keyring)
    assert verified.kind is DocumentKind.ACCEPTANCE_RECEIPT
    assert verified.reference == verified.case_number == "43010220260302K0100042"
    assert verified.issued_at == ISSUED.replace(microsecond=0)
    assert verified.key_id == key.key_id.hex()
    assert verified.signer == "本机 K01"
    assert verified.matches(FIELDS)
    assert not verified.matches({**FIELDS, "applicant": "王**"})


def test_token_is_compact_and_fits_a_small_qr_code(key):
    text = token(key)
    assert text.startswith("HT1:")
    assert set(text[4:]) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")   # QR alphanumeric mode
    assert len(text) <= 200
    assert len(qr_matrix(text)) - 8 <= 49   # version 8 or smaller at error correction M (quiet zone excluded)


def test_a_ticket_token_names_its_ticket_not_a_case(key, keyring):
    verified = verify_token(token(key, "A012", kind=DocumentKind.QUEUE_TICKET), keyring)
    assert verified.reference == "A012" and verified.case_number is None


def test_scanner_with_caps_lock_or_stray_whitespace_still_verifies(key, keyring):
    assert verify_token("  " + token(key).lower() + "\r\n", keyring).kind is DocumentKind.ACCEPTANCE_RECEIPT


def test_flipping_any_byte_of_the_signed_body_is_refused(key, keyring):
    good = blob_of(token(key))
    for index in (0, 9, 12, 14, 20, len(good) - 65):        # kind, time, reference, fields hash
        altered = bytearray(good)
        altered[index] ^= 0x01
        assert refused_code(text_of(altered), keyring) in {"DOC_TOKEN_BAD_SIGNATURE"}, index


def test_flipping_a_signature_byte_is_refused(key, keyring):
    altered = blob_of(token(key))
    altered[-1] ^= 0x80
    assert refused_code(text_of(altered), keyring) == "DOC_TOKEN_BAD_SIGNATURE"


def test_changing_a_field_keeps_no_valid_signature(key, keyring):
    """Copy the signature of one document onto another case number: refused."""
    original = blob_of(token(key, "43010220260302K0100042"))
    other = blob_of(token(key, "43010220260302K0100099"))
    forged = other[:-64] + original[-64:]
    assert refused_code(text_of(forged), keyring) == "DOC_TOKEN_BAD_SIGNATURE"


def test_a_key_outside_the_keyring_is_unknown(keyring):
    assert refused_code(token(SigningKey.generate()), keyring) == "DOC_TOKEN_UNKNOWN_KEY"


def test_a_forger_using_our_key_id_with_their_own_key_is_refused(key, keyring):
    forger = SigningKey.generate()
    forger.key_id = key.key_id          # claims to be the terminal
    assert refused_code(token(forger), keyring) == "DOC_TOKEN_BAD_SIGNATURE"


@pytest.mark.parametrize("cut", [1, 5, 30, 100])
def test_truncated_tokens_are_damaged(key, keyring, cut):
    assert refused_code(token(key)[:-cut], keyring) in {"DOC_TOKEN_ENCODING"}


@pytest.mark.parametrize("garbage", ["HT1:", "HT1:!!!!", "HT1:AAAA", "HT1:" + "A" * 300, "HT1:0189"])
def test_garbage_after_the_prefix_is_damaged(keyring, garbage):
    assert refused_code(garbage, keyring) == "DOC_TOKEN_ENCODING"


@pytest.mark.parametrize("other", ["https://zwfw.example.gov.cn/q?id=1", "HC1:NCFOXN%TS3DH", "wxp://f2f0abc",
                                   "", "43010220260302K0100042"])
def test_other_schemes_are_not_ours(keyring, other):
    assert refused_code(other, keyring) == "DOC_TOKEN_FOREIGN"


def test_a_newer_format_version_is_named_as_such(key, keyring):
    assert refused_code("HT2:" + token(key)[4:], keyring) == "DOC_TOKEN_VERSION"


def test_fields_digest_is_canonical():
    assert fields_digest({"a": "1", "b": 2}) == fields_digest({"b": "2", "a": 1})
    assert fields_digest({"a": "1"}) != fields_digest({"a": "1 "})
    assert len(fields_digest({})) == 16


def test_verification_is_fast(key, keyring):
    text = token(key)
    verify_token(text, keyring)
    started = time.perf_counter()
    for _ in range(200):
        verify_token(text, keyring)
    assert (time.perf_counter() - started) / 200 < 0.001


# --- the key file -----------------------------------------------------------------------------------

def test_signing_key_is_created_once_with_mode_0600_and_reloaded(tmp_path):
    path = tmp_path / "keys" / "documents-ed25519.pem"
    first = SigningKey.load_or_create(path)
    assert path.is_file()
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    again = SigningKey.load_or_create(path)
    assert again.key_id == first.key_id
    assert list(path.parent.iterdir()) == [path]        # no temporary file left behind
    keyring = TrustedKeys.for_terminal(again)
    assert verify_token(token(first), keyring).key_id == first.key_id.hex()
    assert first.key_id.hex() in repr(first) and "PRIVATE" not in repr(first)


def test_a_key_readable_by_others_is_tightened(tmp_path):
    path = tmp_path / "k.pem"
    SigningKey.load_or_create(path)
    path.chmod(0o644)
    SigningKey.load_or_create(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.parametrize("content", [b"", b"not a key",
                                     b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"])
def test_a_damaged_key_file_is_reported_not_replaced(tmp_path, content):
    path = tmp_path / "k.pem"
    path.write_bytes(content)
    with pytest.raises(DocumentError) as caught:
        SigningKey.load_or_create(path)
    assert caught.value.code == "DOC_KEY_UNREADABLE"
    assert path.read_bytes() == content


def test_trusted_keys_travel_as_text(key):
    other = SigningKey.generate()
    keyring = TrustedKeys.for_terminal(key, others=[(other.public_text, "芙蓉区政务服务中心 K02")])
    assert len(keyring) == 2
    assert verify_token(token(other), keyring).signer == "芙蓉区政务服务中心 K02"
    assert parse_public_key(other.public_text) == other.public_key
    for bad in ("rsa:AAAA", "ed25519:AAAA", "ed25519:!!"):
        with pytest.raises(DocumentError) as caught:
            parse_public_key(bad)
        assert caught.value.code == "DOC_KEY_INVALID"


# --- verify-qr ----------------------------------------------------------------------------------------

def test_verify_qr_describes_a_valid_document(key, keyring):
    code, text = verify_qr(token(key), keyring)
    assert code == EXIT_VALID
    assert "核验通过" in text and "受理回执" in text and "43010220260302K0100042" in text
    assert "2026年3月2日 09:35" in text                         # shown in China time


def test_verify_qr_refuses_with_the_stable_code(keyring):
    code, text = verify_qr("https://example.com", keyring)
    assert code == EXIT_REFUSED
    assert "DOC_TOKEN_FOREIGN" in text and "不是本系统" in text
