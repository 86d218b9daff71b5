"""The kiosk's window: the hall's top bar with the 长者模式 and language switches, and a stack of screens.

The top bar belongs to the window, not to a screen, so the two switches stay in sight on every screen a
citizen reaches. Journeys that have no screen yet answer with a calm notice that sends the citizen to a
counter; later issues call ``register_journey`` and the tile opens the real screen instead.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QApplication, QButtonGroup, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from kiosk.home_screen import APPLY, KioskHomeScreen
from kiosk.idle import CountdownOverlay, IdleWatcher
from kiosk.question_overlay import QuestionOverlay
from kiosk.session import KioskEvents, KioskSession
from kiosk.voice_guide import VoiceGuide
from ui_common.context import AppContext
from ui_common.i18n import install_language, normalize_language
from ui_common.theme import apply_theme, is_elderly
from ui_common.widgets import NoticeBanner, TopBar
from ui_common.window_input import WindowInput

log = logging.getLogger(__name__)

ScreenFactory = Callable[[AppContext], QWidget]
# Endonyms: each language is offered in its own words, so they are never translated.
LANGUAGE_LABELS = {"zh_CN": "中文", "en": "English"}


class KioskMainWindow(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setProperty("surface", "kiosk")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setMinimumSize(800, 600)
        self._journeys: dict[str, ScreenFactory] = {}

        self.top_bar = TopBar(ctx.setting("terminal.hall_name", ""))
        self.elderly_button = QPushButton()
        self.elderly_button.setCheckable(True)
        self.elderly_button.setChecked(ctx.elderly)
        self.elderly_button.toggled.connect(self.set_elderly)
        self.top_bar.add_trailing(self.elderly_button)
        self.language_buttons: dict[str, QPushButton] = {}
        self._language_group = QButtonGroup(self)
        for language, label in LANGUAGE_LABELS.items():
            button = QPushButton(label)
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, lang=language: self.set_language(lang))
            self._language_group.addButton(button)
            self.language_buttons[language] = button
            self.top_bar.add_trailing(button)
        self._check_language_button(ctx.language)

        self.stack = QStackedWidget()
        self.home = KioskHomeScreen()
        self.home.journey_requested.connect(self.open_journey)
        self.stack.addWidget(self.home)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.top_bar)
        layout.addWidget(self.stack, 1)
        # Over the content rather than in the layout, so the tiles never jump when a notice appears.
        self.notice = NoticeBanner(self)
        self.voice_guide = VoiceGuide(self, ctx)

        # The citizen being served: one session, the card reader's events, the idle reset.
        self.current_journey: str | None = None
        self.session = KioskSession(self)
        self.events = KioskEvents(ctx.bus, self)
        self.events.identity_presented.connect(self._on_identity_presented)
        self.events.identity_withdrawn.connect(self._on_identity_withdrawn)
        self.input = WindowInput(self)     # touches and keys where they enter this window (idle, lockdown)
        self.idle = IdleWatcher(ctx, self.input, self)
        self.idle.expired.connect(self.reset)
        self.countdown = CountdownOverlay(self)
        self.idle.countdown.connect(self.countdown.show_seconds)
        self.idle.extended.connect(self.countdown.hide)
        self.countdown.continue_button.clicked.connect(self.idle.touch)
        self.card_question = QuestionOverlay(self)
        self.card_question.rejected.connect(self.reset)
        self.retranslate()

    # --- journeys ----------------------------------------------------------------------------------

    def register_journey(self, key: str, factory: ScreenFactory) -> None:
        self._journeys[key] = factory

    def open_journey(self, key: str) -> None:
        factory = self._journeys.get(key)
        if factory is None:
            log.info("journey %s requested; not available on this terminal yet", key)
            self.show_notice(self.tr("该功能即将开放，请到人工窗口办理"))
            return
        self.notice.dismiss()
        screen = factory(self.ctx)
        self.current_journey = key
        self.stack.addWidget(screen)
        self.stack.setCurrentWidget(screen)
        self.idle.start()

    def go_home(self) -> None:
        """Back to the start screen; journey screens are dropped so the next citizen starts clean."""
        self.current_journey = None
        self.countdown.hide()
        self.card_question.hide()
        self.stack.setCurrentWidget(self.home)
        for index in reversed(range(self.stack.count())):
            screen = self.stack.widget(index)
            if screen is not self.home:
                self.stack.removeWidget(screen)
                screen.deleteLater()

    def reset(self) -> None:
        """The idle reset and 结束办理: every screen goes, the session forgets the person."""
        self.go_home()
        self.session.wipe()
        self.idle.stop()
        self.voice_guide.reset()

    # --- the ID card, wherever the citizen is ------------------------------------------------------

    def _on_identity_presented(self, event) -> None:
        if event.problems:
            log.info("ID card read with problems %s; not used", list(event.problems))
            self.show_notice(self.tr("身份证信息没有读好，请把身份证拿起来重新平放；仍不行请到人工窗口办理。"),
                             kind="error")
            return
        person = event.person
        if self.session.is_same_person(person):
            self.session.card_present = True
            self.card_question.hide()
            return
        journey = self.current_journey
        if self.session.active:
            # A different card: the previous person's session ends here, nothing of it carries over.
            self.reset()
        self.session.start(person)
        if self.current_journey is None:
            target = journey or APPLY
            if target in self._journeys:
                self.open_journey(target)
        self.idle.start()

    def _on_identity_withdrawn(self, _event) -> None:
        session = self.session
        if not session.card_present:
            return
        session.card_present = False
        if self.current_journey is None or session.journey_done or not session.active:
            return
        self.card_question.ask(self.tr("您的身份证已取走"),
                               self.tr("是否继续办理？选择“结束办理”将清除您本次填写的信息。"),
                               self.tr("继续办理"), self.tr("结束办理"))

    def show_notice(self, text: str, *, kind: str = "info") -> None:
        self.notice.show_notice(text, kind=kind)
        self._place_notice()

    # --- the two switches ---------------------------------------------------------------------------

    def set_elderly(self, on: bool) -> None:
        on = bool(on)
        self.ctx.elderly = on
        if self.elderly_button.isChecked() != on:
            self.elderly_button.blockSignals(True)
            self.elderly_button.setChecked(on)
            self.elderly_button.blockSignals(False)
        self._label_elderly_button()
        app = QApplication.instance()
        if is_elderly(app) != on:
            apply_theme(app, on)
        self._place_notice()
        if on:
            self.voice_guide.reset()
            self.voice_guide.speak_current()   # read the screen the person is on now

    def set_language(self, language: str) -> None:
        wanted = normalize_language(language)
        if install_language(QApplication.instance(), wanted):
            self.ctx.language = wanted
            self.notice.dismiss()
        else:
            self.show_notice(self.tr("暂时无法切换语言，请继续使用中文界面。"), kind="error")
        self._check_language_button(self.ctx.language)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("政务服务自助终端"))
        self._label_elderly_button()
        self.elderly_button.setAccessibleDescription(self.tr("大字体、高对比度"))

    # --- Qt events ------------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_notice()
        for overlay in (self.countdown, self.card_question):
            if not overlay.isHidden():
                overlay.setGeometry(self.rect())

    # --- lockdown (kiosk.lockdown) --------------------------------------------------------------------

    lockdown = None   # kiosk.lockdown.KioskLockdown once locked down

    def lock_down(self, gate=None, *, show: bool = True) -> None:
        """Full screen, frameless, no key leaves; the technician's hidden gesture and ``gate`` do."""
        from kiosk.lockdown import KioskLockdown

        self.lockdown = KioskLockdown(self, self.ctx, self.input, gate=gate)
        self.lockdown.engage(show=show)

    def request_exit(self) -> None:
        """The technician asked to leave kiosk mode: the gate decides."""
        if self.lockdown is not None:
            self.lockdown.request_exit()

    def closeEvent(self, event) -> None:
        if self.lockdown is not None and not self.lockdown.may_close:
            event.ignore()   # Alt+F4 from the window manager, or anything else, while locked down
            return
        self.idle.close()
        self.input.close()
        self.events.close()
        super().closeEvent(event)

    def _label_elderly_button(self) -> None:
        # The label says what a tap does: an older citizen need not decode a pressed-looking button.
        on = self.elderly_button.isChecked()
        self.elderly_button.setText(self.tr("退出长者模式") if on else self.tr("长者模式"))

    def _check_language_button(self, language: str) -> None:
        button = self.language_buttons.get(normalize_language(language))
        if button is not None:
            button.setChecked(True)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._place_notice()

    def _place_notice(self) -> None:
        # isHidden, not isVisible: a notice raised before the window is first shown must still be placed.
        if self.notice.isHidden():
            return
        # Over the card hint, edge to edge with the content: the notice takes its place for a moment.
        width = self.width() - 96
        height = self.notice.heightForWidth(width) if self.notice.hasHeightForWidth() else -1
        height = max(height, self.notice.sizeHint().height())
        self.notice.setGeometry(48, self.height() - height - 32, width, height)
        self.notice.raise_()
