"""Command-line helpers the composition root wires: ``main.py verify-qr TEXT`` and
``main.py documents samples OUTDIR``. They return (exit code, text) and print nothing themselves."""

from __future__ import annotations

from pathlib import Path

from core.documents.common import cn_datetime
from core.documents.errors import DocumentError
from core.documents.keys import SigningKey, TrustedKeys
from core.documents.tokens import verify_token

EXIT_VALID = 0
EXIT_REFUSED = 1        # not ours, damaged, unknown key, forged or altered


def verify_qr(text: str, keyring: TrustedKeys) -> tuple[int, str]:
    """Verify a scanned QR text and describe the result in Chinese (with the stable code on failure)."""
    try:
        document = verify_token(text, keyring)
    except DocumentError as exc:
        return EXIT_REFUSED, f"核验未通过 [{exc.code}]：{exc.user_message}\n{exc.detail}"
    lines = [
        "核验通过：该文书由受信任的终端签发，二维码内容未被改动。",
        f"文书类型：{document.kind.label}",
        f"{'排队号' if document.case_number is None and document.reference else '办件编号'}："
        f"{document.reference or '—'}",
        f"签发时间：{cn_datetime(document.issued_at)}（北京时间）",
        f"签发密钥：{document.key_id}（{document.signer or '未命名'}）",
        f"内容摘要：{document.fields_hash}",
        "请核对纸面内容与办件系统记录一致；二维码只证明签发方和摘要，不含个人信息。",
    ]
    return EXIT_VALID, "\n".join(lines)


def write_samples_command(outdir: Path, key: SigningKey | None = None) -> tuple[int, str]:
    """``documents samples OUTDIR``: write the samples and list them."""
    from core.documents.samples import write_samples

    try:
        written = write_samples(outdir, key=key)
    except DocumentError as exc:
        return 1, f"[{exc.code}] {exc.detail}"
    return 0, "\n".join(str(path) for path in written)
