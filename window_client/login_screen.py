"""登录: user name + password, or staff card + PIN. The check (argon2, ~0.1 s) runs off the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QFormLayout, QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from core.errors import HalltermError
from core.staff import Clerk, LoginGuard


class LoginScreen(QWidget):
    logged_in = Signal(object)     # Clerk

    def __init__(self, guard: LoginGuard | None, tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.guard = guard
        self.tasks = tasks
        self.card_uid: str | None = None
        self.busy = False
        box = QFrame()
        box.setProperty("role", "panel")
        box.setFixedWidth(520)
        self.title_label = QLabel()
        self.title_label.setProperty("role", "panel-title")
        self.hint_label = QLabel()
        self.hint_label.setWordWrap(True)
        self.user_edit = QLineEdit()
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit = QLineEdit()
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setMaxLength(12)
        self.user_caption, self.password_caption, self.pin_caption = QLabel(), QLabel(), QLabel()
        self.card_label = QLabel()
        self.error_label = QLabel()
        self.error_label.setProperty("role", "error")
        self.error_label.setWordWrap(True)
        self.login_button = QPushButton()
        self.login_button.setProperty("role", "primary")
        self.login_button.setMinimumHeight(44)
        self.login_button.clicked.connect(self.submit)
        for edit in (self.user_edit, self.password_edit, self.pin_edit):
            edit.setMinimumHeight(40)
        self.user_edit.returnPressed.connect(self._user_entered)
        self.password_edit.returnPressed.connect(self.submit)
        self.pin_edit.returnPressed.connect(self.submit)
        form = QFormLayout()
        form.setVerticalSpacing(12)
        form.addRow(self.user_caption, self.user_edit)
        form.addRow(self.password_caption, self.password_edit)
        form.addRow(self.card_label)
        form.addRow(self.pin_caption, self.pin_edit)
        inner = QVBoxLayout(box)
        inner.setContentsMargins(32, 28, 32, 28)
        inner.setSpacing(14)
        inner.addWidget(self.title_label)
        inner.addWidget(self.hint_label)
        inner.addLayout(form)
        inner.addWidget(self.error_label)
        inner.addWidget(self.login_button)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(box)
        column.addStretch(2)
        outer.addLayout(column)
        outer.addStretch(1)
        self.setTabOrder(self.user_edit, self.password_edit)
        self.setTabOrder(self.password_edit, self.login_button)
        self._show_card_mode(False)
        self.retranslate()

    # --- staff card --------------------------------------------------------------------------------

    def card_presented(self, uid_hex: str) -> None:
        self.card_uid = uid_hex
        self._show_card_mode(True)
        self.error_label.clear()
        self.pin_edit.clear()
        self.pin_edit.setFocus()

    def _show_card_mode(self, card: bool) -> None:
        for widget in (self.user_caption, self.user_edit, self.password_caption, self.password_edit):
            widget.setVisible(not card)
        for widget in (self.card_label, self.pin_caption, self.pin_edit):
            widget.setVisible(card)
        self.retranslate()

    # --- submitting --------------------------------------------------------------------------------

    def _user_entered(self) -> None:
        if not self.password_edit.text():
            self.password_edit.setFocus()
            return
        self.submit()

    def submit(self) -> None:
        if self.busy:
            return
        if self.guard is None:
            self.error_label.setText(self.tr("本机未配置工作人员，请联系技术人员。"))
            return
        if self.card_uid is not None:
            uid, pin = self.card_uid, self.pin_edit.text()
            if not pin:
                self.error_label.setText(self.tr("请输入工作证密码。"))
                return
            work = lambda: self.guard.with_card(uid, pin)  # noqa: E731
        else:
            user, password = self.user_edit.text().strip(), self.password_edit.text()
            if not user or not password:
                self.error_label.setText(self.tr("请输入用户名和密码，或刷工作证。"))
                return
            work = lambda: self.guard.with_password(user, password)  # noqa: E731
        self.busy = True
        self.login_button.setEnabled(False)
        self.error_label.setText(self.tr("正在验证……"))
        self.tasks.run(work, on_success=self._succeeded, on_failure=self._failed)

    def _succeeded(self, clerk: Clerk) -> None:
        self.busy = False
        self.login_button.setEnabled(True)
        self.reset()
        self.logged_in.emit(clerk)

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self.login_button.setEnabled(True)
        message = exc.user_message if isinstance(exc, HalltermError) else self.tr("登录失败，请重试。")
        self.error_label.setText(message)
        self.password_edit.clear()
        self.pin_edit.clear()
        (self.pin_edit if self.card_uid else self.password_edit).setFocus()

    def reset(self) -> None:
        self.password_edit.clear()
        self.pin_edit.clear()
        self.error_label.clear()
        self.card_uid = None
        self._show_card_mode(False)
        self.user_edit.setFocus()

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("工作人员登录"))
        self.hint_label.setText(self.tr("输入用户名和密码，或将工作证放在读卡器上后输入工作证密码。"))
        self.user_caption.setText(self.tr("用户名"))
        self.password_caption.setText(self.tr("密码"))
        self.pin_caption.setText(self.tr("工作证密码"))
        self.card_label.setText(self.tr("已读取工作证，请输入工作证密码。"))
        self.login_button.setText(self.tr("登录  (Enter)"))
        self.user_edit.setPlaceholderText(self.tr("例如 zhangwei"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self.card_uid:
            self.user_edit.setFocus(Qt.FocusReason.OtherFocusReason)
