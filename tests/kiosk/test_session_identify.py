"""The session and the identify screen: card, e-licence QR, reader offline, a removed or a different card."""

from __future__ import annotations

from core.cases.model import MaterialStatus
from core.events import DeviceStatusChanged
from core.identity import IdentitySource, Person
from kiosk.identify_screen import IdentifyScreen
from kiosk.session import KioskEvents, KioskSession, MaterialChoice


def _person(name="张三", number="11010519491231002X"):
    return Person(name=name, id_number=number, source=IdentitySource.CARD)


def test_wipe_drops_every_personal_field(qtbot):
    session = KioskSession()
    session.start(_person())
    session.choose_item("430102WJ000101")
    session.form["business_name"] = "芙蓉理发店"
    session.materials["floor_plan"] = MaterialChoice(MaterialStatus.UPLOADED, image=b"x")
    session.signature_png = b"png"
    with qtbot.waitSignal(session.wiped, timeout=1000):
        session.wipe()
    assert all(not value for value in session.personal_fields().values())
    assert "张" not in repr(session)


def test_a_different_person_starts_a_clean_session(qtbot):
    session = KioskSession()
    session.start(_person())
    session.form["business_name"] = "芙蓉理发店"
    session.start(_person("李四", "110105194912310037"))
    assert session.person.name == "李四" and session.form == {}


def test_identify_by_elicence_qr(tmp_path, qtbot):
    from tests.demo_terminal import demo_terminal

    with demo_terminal(tmp_path, "kiosk") as (ctx, _):
        session, events = KioskSession(), KioskEvents(ctx.bus)
        screen = IdentifyScreen(ctx, session, events)
        qtbot.addWidget(screen)
        screen.show()
        with qtbot.waitSignal(screen.identified, timeout=10_000) as blocker:
            ctx.devices.get("qr_scanner").scan("DEMO-ELIC-LIMING")
        person = blocker.args[0]
        assert person.name == "李明" and person.source is IdentitySource.ELICENCE
        assert [lic.name for lic in session.elicences][-1].startswith("营业执照")
        events.close()


def test_an_unknown_or_expired_code_is_explained_calmly(tmp_path, qtbot):
    from tests.demo_terminal import demo_terminal

    with demo_terminal(tmp_path, "kiosk") as (ctx, _):
        session, events = KioskSession(), KioskEvents(ctx.bus)
        screen = IdentifyScreen(ctx, session, events)
        qtbot.addWidget(screen)
        screen.show()
        screen.resolve_code("DEMO-ELIC-EXPIRED")
        qtbot.waitUntil(lambda: not screen.resolving, timeout=10_000)
        assert "二维码已失效" in screen.status.text() and not session.active
        screen.resolve_code("<script>")
        qtbot.waitUntil(lambda: not screen.resolving, timeout=10_000)
        assert "电子证照" in screen.status.text() and "Traceback" not in screen.status.text()
        events.close()


def test_reader_offline_offers_the_qr_path(qtbot, make_ctx):
    ctx = make_ctx()   # no device services at all: the reader counts as offline
    session, events = KioskSession(), KioskEvents(ctx.bus)
    screen = IdentifyScreen(ctx, session, events)
    qtbot.addWidget(screen)
    screen.show()
    assert screen.reader_offline
    assert "二维码" in screen.card_text.text() and screen.qr_panel.property("emphasis") is True
    ctx.bus.publish(DeviceStatusChanged(device="idcard", health="online", previous="offline"))
    qtbot.waitUntil(lambda: not screen.reader_offline, timeout=2000)
    assert "身份证" in screen.card_text.text()
    events.close()


def test_card_on_the_home_screen_starts_a_session(demo_kiosk, qtbot):
    window, ctx, _ = demo_kiosk
    ctx.devices.get("idcard").place("resident")
    qtbot.waitUntil(lambda: window.session.active, timeout=10_000)
    assert window.session.person.source is IdentitySource.CARD
    assert window.session.card_present


def test_removed_card_mid_journey_asks_and_different_card_starts_over(demo_kiosk, qtbot):
    window, ctx, _ = demo_kiosk
    reader = ctx.devices.get("idcard")
    reader.place("resident")
    qtbot.waitUntil(lambda: window.session.active, timeout=10_000)
    window.register_journey("probe", lambda c: IdentifyScreen(c, window.session, window.events))
    window.open_journey("probe")
    window.session.form["business_name"] = "芙蓉理发店"
    reader.remove()
    qtbot.waitUntil(lambda: window.card_question.isVisible(), timeout=10_000)
    assert "身份证已取走" in window.card_question.title.text()
    window.card_question.yes_button.click()
    assert window.session.active and window.current_journey == "probe"

    reader.place("hmt")
    qtbot.waitUntil(lambda: window.session.person is not None and window.session.person.name == "陈大文",
                    timeout=10_000)
    assert window.session.form == {}
    reader.remove()
    qtbot.waitUntil(lambda: window.card_question.isVisible(), timeout=10_000)
    window.card_question.no_button.click()
    assert not window.session.active and window.current_journey is None
