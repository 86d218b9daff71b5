"""The 办事 journey, step by step: identify → find the service → read the guide → form → materials →
commitment and signature → submit (秒批 or acceptance) → evaluation. The 办事指南 tile starts the same
journey at the search step and asks for the card only when the citizen chooses 开始办理.

Each step is its own screen (kiosk/*_screen.py); this widget only decides which comes next, keeps the
way back (上一步), and runs the submission off the GUI thread. ``finished`` means: go home and forget.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QStackedWidget, QWidget

from core.cases.model import Case
from core.selfservice.apply import ApplicationDraft, ApplyOutcome, ApplyService, MaterialInput
from core.selfservice.bundle import ApplicationScope, BundleOutcome
from core.selfservice.derived import guide_index
from kiosk.capture_screen import CaptureScreen
from kiosk.evaluation_screen import EvaluationScreen
from kiosk.form_screen import FormScreen
from kiosk.guide_screen import GuideScreen
from kiosk.identify_screen import IdentifyScreen
from kiosk.journey_frame import hall_info
from kiosk.materials_screen import MaterialsScreen
from kiosk.result_screen import ResultScreen
from kiosk.search_screen import SearchScreen
from kiosk.session import KioskEvents, KioskSession
from kiosk.signature_screen import SignatureScreen
from ui_common.camera import DocumentCamera, open_document_camera
from ui_common.print_flow import print_document
from ui_common.tasks import describe_failure

log = logging.getLogger(__name__)

STEPS = 4   # form, materials, signature, result


class ApplyJourney(QStackedWidget):
    finished = Signal()

    def __init__(self, ctx: Any, session: KioskSession, events: KioskEvents, *,
                 camera_factory: Callable[[Any], DocumentCamera] | None = None, browse_first: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.session, self.events = ctx, session, events
        # the document camera, made afresh by each capture screen (it runs only while that screen shows)
        self.camera_factory = camera_factory or (
            lambda owner: open_document_camera(ctx.setting("kiosk.document_camera", "auto"), owner))
        self.pending_item: str | None = None
        self.submitting = False
        self.scope: ApplicationScope | None = None   # what is applied for: an item, or a 一件事 bundle
        self.result: ResultScreen | None = None
        if session.active or browse_first:
            self.open_search()
        else:
            self.open_identify()

    # --- navigation ---------------------------------------------------------------------------------

    def push(self, page: QWidget) -> QWidget:
        self.addWidget(page)
        self.setCurrentWidget(page)
        return page

    def pop(self) -> None:
        page = self.currentWidget()
        if self.count() <= 1:
            self.finished.emit()
            return
        self.removeWidget(page)
        page.deleteLater()
        self.setCurrentIndex(self.count() - 1)

    def open_identify(self) -> None:
        screen = IdentifyScreen(self.ctx, self.session, self.events)
        screen.identified.connect(self._identified)
        screen.cancelled.connect(self.pop)
        self.push(screen)

    def _identified(self, _person: Any) -> None:
        if not isinstance(self.currentWidget(), IdentifyScreen):
            return
        if self.pending_item is not None:
            self.start_item(self.pending_item)
        else:
            self.open_search()

    def open_search(self) -> None:
        screen = SearchScreen(self.ctx)
        screen.chosen.connect(self.open_guide)
        screen.back.connect(self.pop)
        self.push(screen)

    def open_guide(self, entry: Any) -> None:
        screen = GuideScreen(self.ctx, entry)
        screen.back.connect(self.pop)
        screen.next.connect(lambda: self.apply_for(entry.code))
        screen.open_item.connect(lambda code: self.open_guide(guide_index(self.ctx.catalog).entry(code)))
        self.push(screen)

    def apply_for(self, code: str) -> None:
        if not self.session.active:
            self.pending_item = code
            self.open_identify()
            return
        self.start_item(code)

    def start_item(self, code: str) -> None:
        """An item, or a 一件事 bundle as ONE application: its merged form, materials and one signature."""
        self.pending_item = None
        self.scope = ApplicationScope.of(self.ctx.catalog, code)
        self.session.choose_item(code, bundle_code=code if self.scope.bundle is not None else None)
        if not self.session.case_id:
            self.session.case_id = Case.new_id()
        screen = FormScreen(self.ctx, self.scope.name, self.scope.form_fields, self.session)
        screen.set_step(1, STEPS)
        screen.back.connect(self.pop)
        screen.next.connect(self.open_materials)
        self.push(screen)

    def open_materials(self) -> None:
        screen = MaterialsScreen(self.ctx, self.scope.materials, self.session)
        screen.set_step(2, STEPS)
        screen.back.connect(self.pop)
        screen.next.connect(self.open_signature)
        screen.photo_wanted.connect(lambda code: self.open_capture(screen, code))
        self.push(screen)

    def open_capture(self, materials: MaterialsScreen, code: str) -> None:
        capture = CaptureScreen(materials.rows[code].material.name, self.camera_factory, tasks=self.ctx.tasks,
                                alternatives=materials.alternatives(code))
        capture.set_step(2, STEPS)
        capture.back.connect(self.pop)

        def taken(data: bytes, content_type: str) -> None:
            materials.record_photo(code, data, content_type)
            self.pop()
        capture.taken.connect(taken)
        self.push(capture)

    def open_signature(self) -> None:
        screen = SignatureScreen(self.ctx, self.session)
        screen.set_step(3, STEPS)
        screen.back.connect(self.pop)
        screen.next.connect(self.submit)
        self.push(screen)

    # --- submit --------------------------------------------------------------------------------------

    def draft(self) -> ApplicationDraft:
        session = self.session
        materials = {code: MaterialInput(c.status, c.image, c.content_type, c.licence_number)
                     for code, c in session.materials.items()}
        return ApplicationDraft(session.case_id, session.person, session.item_code, dict(session.form), materials,
                                session.signature_png, session.commitment_text)

    def service(self) -> ApplyService:
        ctx = self.ctx
        terminal = ctx.setting("terminal.id", "K01")
        hall = hall_info(ctx)   # terminal.id always has a value in real settings (default K01)
        return ApplyService(ctx.store, ctx.catalog, terminal_id=terminal,
                            region_code=ctx.setting("terminal.region_code", "430102"), hall=hall,
                            key=ctx.signing_key, central=ctx.central, bus=ctx.bus)

    def submit(self) -> None:
        if self.submitting or self.session.submitted:
            return   # a double tap: one submission only
        self.submitting = True
        self._open_result()
        service, draft = self.service(), self.draft()
        self.ctx.tasks.run(lambda: service.submit(draft), on_success=self._decided, on_failure=self._submit_failed)

    def _open_result(self) -> ResultScreen:
        self.result = ResultScreen(self.ctx)
        self.result.set_step(STEPS, STEPS)
        self.result.next.connect(self.open_evaluation)
        self.result.back.connect(self._back_from_failure)
        self.push(self.result)
        return self.result

    def _decided(self, outcome: ApplyOutcome | BundleOutcome) -> None:
        self.submitting = False
        self.show_outcome(outcome)

    def show_outcome(self, outcome: ApplyOutcome | BundleOutcome, *, print_it: bool = True) -> None:
        """The answer on screen and its documents to the printer, one after the other (``print_it=False``:
        screenshots). A bundle's answer has a line, and usually a document, per item."""
        if self.result is None or self.currentWidget() is not self.result:
            self._open_result()
        self.session.outcome = outcome
        self.session.case = outcome.case
        self.session.journey_done = True
        if self.ctx.sync is not None:
            self.ctx.sync.nudge()
        self.result.show_outcome(outcome)
        items = outcome.items if isinstance(outcome, BundleOutcome) else (outcome,)
        if print_it:
            self._print_in_turn([(o.document, o.case.case_id) for o in items if o.document is not None])

    def _print_in_turn(self, documents: list[tuple[Any, str]]) -> None:
        if not documents:
            return
        result = self.result
        (document, case_id), rest = documents[0], documents[1:]

        def printed(answer: Any) -> None:
            result.printed(answer)
            if self.result is result:
                self._print_in_turn(rest)

        print_document(self.ctx, document, case_id=case_id, on_result=printed)

    def _submit_failed(self, exc: BaseException) -> None:
        self.submitting = False
        log.error("SELFSERVICE_SUBMIT_FAILED %s", describe_failure(exc))
        self.result.show_failure(getattr(exc, "user_message", "") or
                                 self.tr("提交没有成功，您填写的信息还在。请稍后再试，或到人工窗口办理。"))

    def _back_from_failure(self) -> None:
        self.pop()

    def open_evaluation(self) -> None:
        """好差评 of the service: a bundle's one evaluation goes to each of its cases, as at the counter."""
        outcome, case = self.session.outcome, self.session.case
        if case is None:
            self.finished.emit()
            return
        cases = outcome.cases if isinstance(outcome, BundleOutcome) else (case,)
        screen = EvaluationScreen(self.ctx, cases)
        screen.next.connect(self.finished)
        self.push(screen)
