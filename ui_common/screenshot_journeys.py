"""Screenshots of the kiosk's 取号, 查进度 and 打印证照 journeys, the technician PIN keypad and the demo device
simulator, each in Chinese, English and 长者模式 (the simulator, an operator's tool, in Chinese and English).

Screenshots run without services (no hall server, no store), so each ``prepare`` puts the screen into the
state worth showing with sample data, through the screen's own public methods (``show_services``,
``show_ticket``, ``show_cases`` …). Nothing here imports a mode package: the kiosk window comes from the
composition root, and the screens are reached through it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any

from core.queueing.codes import Priority, TicketState
from core.queueing.models import ServiceQueue, Ticket

_SERVICES = (("general", "A", "综合业务", 12, 1500), ("social", "B", "社保医保", 5, 720),
             ("property", "C", "不动产登记", 3, 900), ("household", "D", "公安户政", 0, None),
             ("tax", "E", "税务", 7, 1260), ("business", "F", "企业开办", 2, 360))


def sample_services() -> tuple[ServiceQueue, ...]:
    return tuple(ServiceQueue(code=c, prefix=p, name=n, waiting=w, estimated_wait_s=s) for c, p, n, w, s in _SERVICES)


def sample_ticket() -> Ticket:
    return Ticket(id="t1", number="A013", service_code="general", service_name="综合业务", priority=Priority.NORMAL,
                  state=TicketState.WAITING, issued_at=datetime(2026, 3, 5, 1, 40, tzinfo=UTC),
                  business_day="2026-03-05", waiting_ahead=12, estimated_wait_s=1500)


@cache
def _samples() -> Any:
    from core.documents.samples import sample_cases

    return sample_cases()


def _journey(window: Any, key: str) -> Any:
    window.open_journey(key)
    return window.stack.currentWidget()


def ticket_choose(window: Any) -> None:
    _journey(window, "ticket").show_services(sample_services())


def ticket_card(window: Any) -> None:
    screen = _journey(window, "ticket")
    screen.show_services(sample_services())
    screen.choose("general")


def ticket_issued(window: Any) -> None:
    screen = _journey(window, "ticket")
    screen.show_ticket(sample_ticket(), print_it=False)


def ticket_refused(window: Any) -> None:
    _journey(window, "ticket").show_already_open("A013")


def ticket_hall_down(window: Any) -> None:
    _journey(window, "ticket")   # no hall server in screenshots: the calm message


def ticket_on_screen(window: Any) -> None:
    from core.documents.keys import SigningKey
    from core.documents.ticket import TicketData, render_ticket

    screen = _journey(window, "ticket")
    ticket = sample_ticket()
    screen.show_ticket(ticket, print_it=False)
    document = render_ticket(TicketData(number=ticket.number, service=ticket.service_name, waiting_ahead=12,
                                        estimated_wait_minutes=25, issued_at=ticket.issued_at,
                                        hall_name="长沙市芙蓉区政务服务中心"), key=SigningKey.generate())
    screen.show_document(document, screen.tr("打印机暂时无法使用，请用手机拍下右侧二维码，"
                                             "或凭二维码到大厅服务台领取打印件。"))


def progress_start(window: Any) -> None:
    _journey(window, "progress")


def progress_list(window: Any) -> None:
    samples = _samples()
    cases = [samples.instant, samples.accepted, samples.correction, samples.refused]
    _journey(window, "progress").show_cases(cases, person=samples.applicant)


def progress_refused(window: Any) -> None:
    from core.documents.errors import TOKEN_BAD_SIGNATURE, DocumentError

    _journey(window, "progress").refuse(DocumentError("altered", code=TOKEN_BAD_SIGNATURE).user_message)


def print_identify(window: Any) -> None:
    _journey(window, "print")


def print_list(window: Any) -> None:
    samples = _samples()
    _journey(window, "print").show_cases([samples.instant])


def technician_pin(window: Any) -> None:
    window.lock_down(show=False)
    window.request_exit()
    window.lockdown.pin_overlay.enter("1234")
    window.lockdown.release()   # the screenshot window must still close afterwards


def device_simulator(ctx: Any) -> Any:
    from core.documents.keys import SigningKey
    from core.documents.samples import sample_ticket as sample_ticket_data
    from core.documents.ticket import render_ticket
    from devices.printers.capture import CapturedJob
    from ui_common.device_simulator_window import DeviceSimulatorWindow, job_images

    window = DeviceSimulatorWindow(ctx)
    ticket = render_ticket(sample_ticket_data(), key=SigningKey.generate())
    job = CapturedJob(1, ticket.content, datetime(2026, 3, 5, 1, 40, tzinfo=UTC) + timedelta(hours=8), True)
    window.show_job("receipt_printer", job, job_images(ticket.content))
    return window


PREPARED = (("ticket-choose", ticket_choose), ("ticket-card", ticket_card), ("ticket-issued", ticket_issued),
            ("ticket-refused", ticket_refused), ("ticket-hall-down", ticket_hall_down),
            ("ticket-on-screen", ticket_on_screen), ("progress-start", progress_start),
            ("progress-list", progress_list), ("progress-refused", progress_refused),
            ("print-identify", print_identify), ("print-list", print_list), ("technician-pin", technician_pin))
VARIANTS = (("zh", "zh_CN", False), ("en", "en", False), ("elderly", "zh_CN", True))


def service_journey_screens(screen_class: Any) -> tuple[Any, ...]:
    """``Screen`` entries for ``ui_common.screenshots.SCREENS`` (the class is passed in: no import cycle)."""
    screens = [screen_class(f"kiosk-{name}-{tag}-1920x1080", "kiosk", language, elderly, (1920, 1080), prepare)
               for name, prepare in PREPARED for tag, language, elderly in VARIANTS]
    screens += [screen_class(f"simulator-{tag}-640x960", "kiosk", language, elderly, (640, 960),
                             build=device_simulator) for tag, language, elderly in VARIANTS[:2]]
    return tuple(screens)
