"""What every scanner delivers, and the errors scanners share.

Codes are a contract with the UI and the technician console: never reuse one for another meaning.
Scanners stand in front of citizens, so messages are calm and say what to do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

MSG_SCAN_AGAIN = "未能识别二维码，请重新扫描。"
MSG_SCANNER_NOT_CONNECTED = "扫码设备未连接，请联系工作人员。"
MSG_SCANNER_FAULT = "扫码设备暂时无法使用，请联系工作人员。"
MSG_SHOW_CODE = "请将二维码对准扫码区域。"


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class ScannedCode:
    """One scanned code. ``source`` is the kind of scanner: "wedge", "serial", "camera" or "simulator"."""

    text: str
    source: str
    at: datetime = field(default_factory=_now)

    def __repr__(self) -> str:  # a code can carry personal data (an e-licence token): keep it out of logs
        return f"ScannedCode(source={self.source!r}, {len(self.text)} chars)"
