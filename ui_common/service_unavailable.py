"""The out-of-service screen shown when a terminal cannot start safely.

A corrupt config, a missing key file, a database from a newer release: the person in front of the screen
gets one calm sentence and where to go instead; the technician gets the stable error code in small type
(the detail is in the log, never on screen, since it may name files and paths).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from core.errors import HalltermError


class ServiceUnavailableWindow(QWidget):
    def __init__(self, error: HalltermError, *, mode: str = "kiosk", parent: QWidget | None = None):
        super().__init__(parent)
        self.error = error
        self.setObjectName("serviceUnavailable")
        self.setWindowTitle(self.tr("暂停服务"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(80, 80, 80, 80)
        layout.setSpacing(32)
        layout.addStretch(2)

        self.title = QLabel(self.tr("本机暂停服务"))
        self.title.setObjectName("serviceUnavailableTitle")
        self.message = QLabel(error.user_message)
        self.message.setObjectName("serviceUnavailableMessage")
        where = (self.tr("请到人工窗口办理，给您带来不便，敬请谅解。") if mode == "kiosk"
                 else self.tr("请联系现场技术人员处理。"))
        self.advice = QLabel(where)
        self.advice.setObjectName("serviceUnavailableAdvice")
        self.code = QLabel(self.tr("故障代码：%1").replace("%1", error.code))
        self.code.setObjectName("serviceUnavailableCode")
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        for label in (self.title, self.message, self.advice):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
            layout.addWidget(label)
        layout.addStretch(3)
        self.code.setAlignment(Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.code)
