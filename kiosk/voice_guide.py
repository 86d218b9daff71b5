"""Voice guidance in 长者模式: each screen's instruction is read aloud when it appears.

Every kiosk screen says what to do in its heading (a QLabel with the ``heading`` role, or a page's
``voice_instruction()`` when the heading alone is not enough). When one becomes visible in elderly mode
and Chinese, the guide reads it through the terminal's one announcer (``ctx.announcer``; espeak-ng with
the ``cmn-latn-pinyin`` voice). Guidance the person has already moved past is withdrawn before it starts,
so the machine never talks about an earlier screen; what is playing always finishes (never cut off).
English screens are not read: the voice is Mandarin.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.screen_shown import shown_screens

log = logging.getLogger(__name__)
SETTLE_MS = 350   # a journey step builds several widgets at once: speak once it has settled


class VoiceGuide(QObject):
    def __init__(self, window: QWidget, ctx: Any) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = ctx
        self.spoken: list[str] = []      # what was handed to the announcer, in order (tests read it)
        self._queued: set[str] = set()
        self._last = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SETTLE_MS)
        self._timer.timeout.connect(self.speak_current)
        shown_screens().shown.connect(self._screen_shown)

    @property
    def active(self) -> bool:
        announcer = getattr(self.ctx, "announcer", None)
        return bool(self.ctx.elderly and self.ctx.language == "zh_CN" and announcer is not None
                    and announcer.available)

    def _screen_shown(self, screen: QWidget) -> None:
        if self.active and self.window.isAncestorOf(screen):
            self._timer.start()

    def current_instruction(self) -> str:
        """The instruction of the screen in front of the person: the visible page's own words, if it has
        them, else the last visible heading (the innermost screen's)."""
        for page in reversed(self.window.findChildren(QWidget)):
            instruction = getattr(page, "voice_instruction", None)
            if callable(instruction) and page.isVisible():
                return str(instruction() or "")
        headings = [label for label in self.window.findChildren(QLabel)
                    if label.property("role") == "heading" and label.isVisible() and label.text()]
        return headings[-1].text() if headings else ""

    def speak_current(self) -> None:
        if not self.active:
            return
        text = self.current_instruction().strip()
        if not text or text == self._last:
            return
        announcer = self.ctx.announcer
        announcer.withdraw(self._queued)
        if announcer.announce(text):
            self._last = text
            self._queued = {text}
            self.spoken.append(text)

    def reset(self) -> None:
        """A new citizen: the same first screen is read again for them."""
        self._last = ""
