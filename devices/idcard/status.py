"""SAM_V status word SW3: a stable code and a calm sentence for each value.

The SW3 meanings agree across the public implementations listed in shared/domain/idcard-samv-protocol.md
(GA 467 itself is not public). Messages are for whoever stands at the reader; the codes are for the
technician's log and never change meaning.
"""

from __future__ import annotations

from dataclasses import dataclass

MSG_PLACE_CARD = "请将身份证放在读卡区。"
MSG_HOLD_STILL = "请将身份证平放在读卡区，不要移动。"
MSG_REPLACE_CARD = "读卡未成功，请拿起身份证后重新放置。"
MSG_READER_FAULT = "身份证阅读器暂时无法使用，请到人工窗口办理。"
MSG_CARD_NOT_RECOGNISED = "无法识别此证件，请确认使用的是有效证件，或到人工窗口办理。"
MSG_LINE_TROUBLE = "读卡器通信不畅，正在重试，请稍候。"


@dataclass(frozen=True)
class SamStatus:
    sw3: int
    code: str
    user_message: str
    meaning: str  # for the technician: what the SAM said, in English

    @property
    def ok(self) -> bool:
        return self.sw3 in (0x90, 0x9F)


_TABLE = (
    SamStatus(0x90, "IDCARD_OK", "读卡成功。", "success"),
    SamStatus(0x9F, "IDCARD_FOUND", "已检测到证件。", "card found"),
    SamStatus(0x91, "IDCARD_ITEM_EMPTY", MSG_REPLACE_CARD, "the requested item is empty on this card"),
    SamStatus(0x10, "IDCARD_SAM_CHECKSUM_ERROR", MSG_LINE_TROUBLE, "SAM received a frame with a bad checksum"),
    SamStatus(0x11, "IDCARD_SAM_LENGTH_ERROR", MSG_LINE_TROUBLE, "SAM received a frame with a bad length"),
    SamStatus(0x21, "IDCARD_SAM_COMMAND_ERROR", MSG_READER_FAULT, "SAM does not know the command"),
    SamStatus(0x23, "IDCARD_SAM_UNAUTHORISED", MSG_READER_FAULT, "operation not authorised"),
    SamStatus(0x24, "IDCARD_SAM_UNKNOWN_ERROR", MSG_READER_FAULT, "unrecognised error"),
    SamStatus(0x31, "IDCARD_CARD_AUTH_SAM_FAILED", MSG_CARD_NOT_RECOGNISED, "card failed to authenticate the SAM"),
    SamStatus(0x32, "IDCARD_SAM_AUTH_CARD_FAILED", MSG_CARD_NOT_RECOGNISED, "SAM failed to authenticate the card"),
    SamStatus(0x33, "IDCARD_VERIFY_FAILED", MSG_CARD_NOT_RECOGNISED, "information verification error"),
    SamStatus(0x40, "IDCARD_UNKNOWN_CARD_TYPE", MSG_CARD_NOT_RECOGNISED, "unknown card type"),
    SamStatus(0x41, "IDCARD_READ_FAILED", MSG_REPLACE_CARD, "card read operation failed"),
    SamStatus(0x47, "IDCARD_RANDOM_FAILED", MSG_REPLACE_CARD, "taking a random number failed"),
    SamStatus(0x60, "IDCARD_SAM_SELFTEST_FAILED", MSG_READER_FAULT, "SAM self-test failed"),
    SamStatus(0x66, "IDCARD_SAM_NOT_AUTHORISED", MSG_READER_FAULT, "SAM not authorised"),
    SamStatus(0x80, "IDCARD_FIND_FAILED", MSG_PLACE_CARD, "find card failed (no card)"),
    SamStatus(0x81, "IDCARD_SELECT_FAILED", MSG_HOLD_STILL, "select card failed"),
)

SW3_STATUS: dict[int, SamStatus] = {s.sw3: s for s in _TABLE}


def sam_status(sw3: int) -> SamStatus:
    """The table entry for ``sw3``; an unlisted value gets its own code rather than a guess."""
    known = SW3_STATUS.get(sw3)
    if known is not None:
        return known
    return SamStatus(sw3, "IDCARD_SAM_STATUS_UNKNOWN", MSG_READER_FAULT, f"unlisted SW3 0x{sw3:02X}")
