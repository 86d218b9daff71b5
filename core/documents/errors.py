"""Errors of the document layer, each with a stable code.

The token codes are what the verify screen and ``main.py verify-qr`` match on, so a clerk can tell "this is
not one of our codes" from "this code was altered" without reading a traceback.
"""

from __future__ import annotations

from core.errors import HalltermError

# Fonts and tools
FONT_MISSING = "DOC_FONT_MISSING"
TOOL_MISSING = "DOC_TOOL_MISSING"
# Rendering inputs
DATA_MISSING = "DOC_DATA_MISSING"
SIGNATURE_UNREADABLE = "DOC_SIGNATURE_UNREADABLE"
# Signing keys
KEY_UNREADABLE = "DOC_KEY_UNREADABLE"
KEY_INVALID = "DOC_KEY_INVALID"
# Token verification
TOKEN_FOREIGN = "DOC_TOKEN_FOREIGN"
TOKEN_VERSION = "DOC_TOKEN_VERSION"
TOKEN_ENCODING = "DOC_TOKEN_ENCODING"
TOKEN_UNKNOWN_KEY = "DOC_TOKEN_UNKNOWN_KEY"
TOKEN_BAD_SIGNATURE = "DOC_TOKEN_BAD_SIGNATURE"
# Reading ESC/POS back
ESCPOS_UNSUPPORTED = "DOC_ESCPOS_UNSUPPORTED"

_USER_MESSAGES = {
    FONT_MISSING: "打印字体缺失，暂时无法打印文书。请联系现场技术人员。",
    TOOL_MISSING: "本机缺少文书预览组件，请联系现场技术人员。",
    DATA_MISSING: "办件信息不完整，暂时无法出具此文书。请联系工作人员。",
    SIGNATURE_UNREADABLE: "签名图像无法读取，请重新签名。",
    KEY_UNREADABLE: "本机文书签章密钥无法读取，暂停出具文书。请联系现场技术人员。",
    KEY_INVALID: "信任的验章公钥配置有误。请联系现场技术人员。",
    TOKEN_FOREIGN: "这不是本系统出具的文书二维码，无法核验。",
    TOKEN_VERSION: "这是新版文书二维码，本机暂不支持核验，请到人工窗口核验。",
    TOKEN_ENCODING: "二维码内容不完整或已损坏，无法核验。请重新扫描，或到人工窗口核验。",
    TOKEN_UNKNOWN_KEY: "无法确认该文书的出具机构，请到人工窗口核验。",
    TOKEN_BAD_SIGNATURE: "核验未通过：该文书二维码与出具时的内容不一致。请到人工窗口核验。",
    ESCPOS_UNSUPPORTED: "凭条内容无法解析，请联系现场技术人员。",
}


class DocumentError(HalltermError):
    """A document could not be rendered, signed or verified. ``code`` is one of the constants above."""

    code = "DOC_ERROR"
    user_message = "文书暂时无法出具，请联系工作人员。"

    def __init__(self, detail: str, *, code: str, user_message: str | None = None):
        super().__init__(detail, code=code, user_message=user_message or _USER_MESSAGES.get(code))
