"""The out-of-service screen shown when a terminal cannot start safely.

A corrupt config, a missing key file, a database from a newer release: the person in front of the screen
gets one calm sentence and where to go instead; the technician gets the stable error code in small type
(the detail is in the log, never on screen, since it may name files and paths).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from core.errors import HalltermError


class ServiceUnavailableWindow(QWidget):
    def __init__(self, error: BaseException, *, mode: str = "kiosk", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.error = error
        self.mode = mode
        self.setObjectName("serviceUnavailable")
        # The display keeps its dark hall look; every other mode gets the kiosk's large type.
        self.setProperty("surface", "display" if mode == "display" else "kiosk")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setMinimumSize(800, 600)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(80, 80, 80, 80)
        layout.setSpacing(32)
        layout.addStretch(2)

        self.title = QLabel()
        self.title.setProperty("role", "heading")
        self.message = QLabel()
        self.message.setProperty("role", "body")
        self.advice = QLabel()
        self.advice.setProperty("role", "body")
        self.code = QLabel()
        self.code.setProperty("role", "caption")
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        for label in (self.title, self.message, self.advice):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
            layout.addWidget(label)
        layout.addStretch(3)
        self.code.setAlignment(Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.code)
        self.retranslate()

    @property
    def error_code(self) -> str:
        return self.error.code if isinstance(self.error, HalltermError) else "UNEXPECTED"

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("暂停服务"))
        self.title.setText(self.tr("本机暂停服务"))
        if isinstance(self.error, HalltermError):
            self.message.setText(self.error.user_message)
        else:
            self.message.setText(self.tr("系统暂时无法完成此操作，请联系工作人员。"))
        self.advice.setText(self.tr("请到人工窗口办理，给您带来不便，敬请谅解。") if self.mode == "kiosk"
                            else self.tr("请联系现场技术人员处理。"))
        self.code.setText(self.tr("故障代码：{code}").format(code=self.error_code))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
