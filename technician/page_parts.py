"""Small pieces every technician page uses: the one-sentence advice line, a page frame, the audit call."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from core.errors import HalltermError
from ui_common.widgets import role_label

log = logging.getLogger(__name__)


class AdviceLabel(QLabel):
    """What is wrong and what to try next, in one sentence: ``info`` (blue), ``ok`` (green), ``error`` (red)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "advice")
        self.setProperty("state", "info")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    @property
    def state(self) -> str:
        return str(self.property("state"))

    def set_advice(self, state: str, text: str) -> None:
        self.setText(text)
        if self.property("state") != state:
            self.setProperty("state", state)
            self.style().unpolish(self)
            self.style().polish(self)


def label(text: str = "", role: str = "value", *, wrap: bool = False) -> QLabel:
    return role_label(text, role, wrap=wrap)   # "value": the technician pages' default role


def panel(title: QLabel | None = None) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setProperty("role", "panel")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(20, 16, 20, 16)
    layout.setSpacing(10)
    if title is not None:
        layout.addWidget(title)
    return frame, layout


class PageFrame(QScrollArea):
    """A scrolling page: title, advice line, then the page's own content in ``self.body``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.title_label = label("", "page-title")
        self.advice = AdviceLabel()
        content = QWidget()
        self.body = QVBoxLayout(content)
        self.body.setContentsMargins(28, 24, 28, 24)
        self.body.setSpacing(14)
        self.body.addWidget(self.title_label)
        self.body.addWidget(self.advice)
        self.setWidget(content)


def actor(ctx: Any) -> str:
    return f"technician:{ctx.setting('terminal.id', 'local')}"


def audit(ctx: Any, action: str, subject: str, details: dict[str, Any] | None = None) -> bool:
    """Record a technician change in the store's audit chain; False (logged) when there is no store."""
    store = getattr(ctx, "store", None)
    if store is None:
        log.info("AUDIT_NO_STORE %s %s", action, subject)
        return False
    try:
        store.audit.append(actor(ctx), action, subject, details or {})
    except HalltermError as exc:
        log.error("AUDIT_FAILED %s %s: %s", action, subject, exc.code)
        return False
    return True


def failure_text(exc: BaseException) -> str:
    """The calm sentence of an expected failure (its code in brackets for the log reader)."""
    if isinstance(exc, HalltermError):
        return f"{exc.user_message}（{exc.code}）"
    code = getattr(exc, "code", None)
    message = getattr(exc, "user_message", None)
    if code and message:
        return f"{message}（{code}）"
    return f"{type(exc).__name__}"
