"""``documents samples OUTDIR``: one of each document with previews, and the tokens verify with the sample key."""

from __future__ import annotations

from PIL import Image

from core.documents.cli import verify_qr, write_samples_command
from core.documents.keys import TrustedKeys
from core.documents.samples import PUBLIC_KEY_FILE, TOKENS_FILE, write_samples


def test_write_samples_writes_every_document_with_previews(tmp_path):
    written = write_samples(tmp_path / "out")
    names = {path.name for path in written}
    for stem in ("acceptance-receipt", "correction-notice", "tolerance-notice", "refusal-notice", "licence",
                 "progress-summary"):
        assert f"{stem}.pdf" in names and f"{stem}-page1.png" in names
    for stem in ("ticket-80mm", "ticket-58mm"):
        assert f"{stem}.escpos" in names and f"{stem}.png" in names
    for path in written:
        assert path.is_file() and path.stat().st_size > 0
        if path.suffix == ".png":
            with Image.open(path) as image:
                assert image.width > 300
    out = tmp_path / "out"
    with Image.open(out / "ticket-80mm.png") as wide, Image.open(out / "ticket-58mm.png") as narrow:
        assert wide.width > narrow.width

    keyring = TrustedKeys()
    keyring.add((tmp_path / "out" / PUBLIC_KEY_FILE).read_text().strip(), "样例密钥")
    lines = (tmp_path / "out" / TOKENS_FILE).read_text().splitlines()
    assert len(lines) == 8
    for line in lines:
        name, token = line.split("\t")
        code, text = verify_qr(token, keyring)
        assert code == 0, (name, text)


def test_samples_reuse_the_sample_key_on_a_second_run(tmp_path):
    write_samples(tmp_path)
    first = (tmp_path / PUBLIC_KEY_FILE).read_text()
    code, listing = write_samples_command(tmp_path)
    assert code == 0 and "licence.pdf" in listing
    assert (tmp_path / PUBLIC_KEY_FILE).read_text() == first
