"""docs/configuration.md is generated from the declarations and must match them."""

from __future__ import annotations

from pathlib import Path

from core.config.reference import render_reference, write_reference
from core.config.schema import SETTINGS

DOC = Path(__file__).resolve().parents[2] / "docs" / "configuration.md"


def test_committed_reference_is_up_to_date() -> None:
    # Regenerate with: .venv/bin/python -m core.config.reference docs/configuration.md
    assert DOC.read_text("utf-8") == render_reference()


def test_reference_lists_every_setting_with_its_default_and_flags() -> None:
    text = render_reference()
    for setting in SETTINGS:
        assert f"`{setting.key}`" in text
    row = next(line for line in text.splitlines() if line.startswith("| `kiosk.idle_timeout_s`"))
    assert "`60`" in row and "应在 15 到 600 之间" in row
    assert next(line for line in text.splitlines() if line.startswith("| `hall_server.token`")).count("🔒") == 1
    assert "| `terminal.id` ↻" in text
    assert 'driver = "samv_simulated"' in text


def test_write_reference_creates_the_file(tmp_path: Path) -> None:
    target = write_reference(tmp_path / "docs" / "configuration.md")
    assert target.read_text("utf-8") == render_reference()
