"""连接: the hall server and central platform settings, and a test of both links with the real clients.

The test uses what is typed on the page (saved or not), so a technician can try an address before saving
it. It runs off the GUI thread (``ctx.tasks``) and reports, per link: reachable, round-trip time, clock
skew and whether authentication passed, then one sentence on what to try next.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QWidget

from core import linkcheck
from core.config.schema import BY_KEY
from core.errors import HalltermError
from core.linkcheck import LinkReport
from technician.page_parts import audit, failure_text, label
from technician.settings_page import SettingsPage
from ui_common.tasks import TaskRunner
from ui_common.widgets import StatusPill

HALL_KEYS = ("hall_server.url", "hall_server.token", "hall_server.request_timeout_s")
CENTRAL_KEYS = (
    "terminal.id",
    "central.url",
    "central.terminal_secret",
    "central.ca_bundle",
    "central.client_cert",
    "central.client_key",
    "central.request_timeout_s",
    "central.sync_interval_s",
)
LINKS = ("hall_server", "central")


def _t(text: str) -> str:
    return QCoreApplication.translate("LinksPage", text)


def advice_for(report: LinkReport) -> str:
    """One sentence: what is wrong with this link and what to try next (or that it is fine)."""
    code, target = report.code, report.target
    hall = report.link == "hall_server"
    if code == linkcheck.OK:
        text = QCoreApplication.translate("LinksPage", "连接正常，认证通过。")
        if report.skew_warning:
            text += QCoreApplication.translate(
                "LinksPage", "但本机时钟与服务器相差 {s} 秒，请校准系统时间（NTP）。"
            ).format(s=f"{report.clock_skew_s:+.0f}")
        return text
    if code == linkcheck.NOT_CONFIGURED:
        if hall:
            return QCoreApplication.translate(
                "LinksPage", "未填写排队服务地址：本机在进程内运行排队服务（单机或演示）；联网大厅请填写地址和令牌。"
            )
        return QCoreApplication.translate("LinksPage", "未填写平台地址或签名密钥：请按平台下发的注册信息填写后再测试。")
    if code == linkcheck.AUTH_FAILED:
        if hall:
            return QCoreApplication.translate("LinksPage", "认证失败：排队服务拒绝了本机令牌，请核对令牌后重试。")
        text = QCoreApplication.translate("LinksPage", "认证失败：平台拒绝了本机签名，请核对终端编号和签名密钥。")
        if report.skew_warning:
            text += QCoreApplication.translate(
                "LinksPage", "本机时钟相差 {s} 秒，也会导致认证失败，请先校准时间。"
            ).format(s=f"{report.clock_skew_s:+.0f}")
        return text
    if code == linkcheck.UNREACHABLE:
        return QCoreApplication.translate(
            "LinksPage", "连接不上 {target}：请检查网线、地址和端口，并确认服务已启动。"
        ).format(target=target)
    if code == linkcheck.TIMEOUT:
        return QCoreApplication.translate(
            "LinksPage", "{target} 没有及时应答：请检查网络是否通畅，或加大请求超时后重试。"
        ).format(target=target)
    if code == linkcheck.TLS:
        return QCoreApplication.translate(
            "LinksPage", "证书校验失败：请检查 CA 证书和客户端证书文件是否正确、是否过期。"
        )
    if code == linkcheck.SERVER_ERROR:
        return QCoreApplication.translate("LinksPage", "服务器出错：请稍后重试，仍不行请联系服务器管理员。")
    return QCoreApplication.translate("LinksPage", "对方的应答不符合接口约定：请确认地址指向的是正确的服务。")


def facts_for(report: LinkReport) -> str:
    parts = [
        QCoreApplication.translate("LinksPage", "可达")
        if report.reachable
        else QCoreApplication.translate("LinksPage", "不可达")
    ]
    if report.rtt_ms is not None:
        parts.append(QCoreApplication.translate("LinksPage", "往返 {ms} 毫秒").format(ms=f"{report.rtt_ms:.0f}"))
    if report.clock_skew_s is not None:
        parts.append(QCoreApplication.translate("LinksPage", "时钟相差 {s} 秒").format(s=f"{report.clock_skew_s:+.1f}"))
    if report.authenticated is True:
        parts.append(QCoreApplication.translate("LinksPage", "认证通过"))
    elif report.authenticated is False:
        parts.append(QCoreApplication.translate("LinksPage", "认证失败"))
    return " · ".join(parts)


class LinksPage(SettingsPage):
    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(
            ctx, [("", [BY_KEY[k] for k in HALL_KEYS]), ("", [BY_KEY[k] for k in CENTRAL_KEYS])], parent=parent
        )
        self._tasks = ctx.tasks or TaskRunner(self)
        self.test_button = QPushButton()
        self.test_button.clicked.connect(self.run_test)
        self.extra_layout.addWidget(self.test_button)
        self.extra_layout.addStretch(1)
        self.results_grid = QGridLayout()
        self.result_names: dict[str, QLabel] = {}
        self.result_pills: dict[str, StatusPill] = {}
        self.result_facts: dict[str, QLabel] = {}
        self.result_advice: dict[str, QLabel] = {}
        self.reports: dict[str, LinkReport] = {}
        for row, link in enumerate(LINKS):
            self.result_names[link] = label("", "value")
            self.result_pills[link] = StatusPill()
            self.result_facts[link] = label("", "caption")
            self.result_advice[link] = label("", "caption", wrap=True)
            self.results_grid.addWidget(self.result_names[link], row * 2, 0)
            self.results_grid.addWidget(self.result_pills[link], row * 2, 1)
            self.results_grid.addWidget(self.result_facts[link], row * 2, 2)
            self.results_grid.addWidget(self.result_advice[link], row * 2 + 1, 0, 1, 3)
        self.results_grid.setColumnStretch(2, 1)
        self.body.insertLayout(self.body.count() - 1, self.results_grid)
        self.retranslate()

    def retranslate(self) -> None:
        self.title_label.setText(QCoreApplication.translate("LinksPage", "连接"))
        self.group_titles[0].setText(QCoreApplication.translate("LinksPage", "大厅排队服务"))
        self.group_titles[1].setText(QCoreApplication.translate("LinksPage", "政务服务平台"))
        self.test_button.setText(QCoreApplication.translate("LinksPage", "测试连接"))
        self.result_names["hall_server"].setText(QCoreApplication.translate("LinksPage", "大厅排队服务"))
        self.result_names["central"].setText(QCoreApplication.translate("LinksPage", "政务服务平台"))
        for link in LINKS:
            if link not in self.reports:
                self.result_pills[link].set_state("unknown", QCoreApplication.translate("LinksPage", "未测试"))
        if not self.reports:
            self.advice.set_advice(
                "info", QCoreApplication.translate("LinksPage", "填写地址和密钥后点“测试连接”，可先测试再保存。")
            )

    def advise_idle(self) -> None:
        self.advice.set_advice(
            "info", QCoreApplication.translate("LinksPage", "填写地址和密钥后点“测试连接”，可先测试再保存。")
        )

    # --- the test -----------------------------------------------------------------------------------

    def typed_value(self, key: str) -> Any:
        """The value typed on the page (parsed and checked), or the saved one for an empty secret row."""
        text = self.form_for(key).text_of(key)
        if text is None:
            return self.settings.get(key)
        return BY_KEY[key].parse_text(text, where="technician")

    def run_test(self) -> None:
        try:
            values = {key: self.typed_value(key) for key in (*HALL_KEYS, *CENTRAL_KEYS)}
        except HalltermError as exc:
            self.check()
            self.advice.set_advice(
                "error",
                QCoreApplication.translate("LinksPage", "有填写不正确的项：{reason}").format(reason=failure_text(exc)),
            )
            return
        self.test_button.setEnabled(False)
        for link in LINKS:
            self.result_pills[link].set_state("unknown", QCoreApplication.translate("LinksPage", "测试中…"))
            self.result_facts[link].setText("")
            self.result_advice[link].setText("")
        self.advice.set_advice("info", QCoreApplication.translate("LinksPage", "正在测试连接，请稍候…"))
        store = getattr(self.ctx, "store", None)
        self._tasks.run(lambda: check_links(values, store), on_success=self.show_reports, on_failure=self._test_failed)

    def show_reports(self, reports: dict[str, LinkReport]) -> None:
        self.test_button.setEnabled(True)
        self.reports = reports
        for link, report in reports.items():
            state = "ok" if report.ok else ("unknown" if report.code == linkcheck.NOT_CONFIGURED else "error")
            pill_text = {
                "ok": QCoreApplication.translate("LinksPage", "正常"),
                "unknown": QCoreApplication.translate("LinksPage", "未配置"),
                "error": QCoreApplication.translate("LinksPage", "异常"),
            }[state]
            self.result_pills[link].set_state(state, pill_text)
            self.result_facts[link].setText(facts_for(report) if report.code != linkcheck.NOT_CONFIGURED else "")
            self.result_advice[link].setText(advice_for(report))
        failing = [r for r in reports.values() if not r.ok and r.code != linkcheck.NOT_CONFIGURED]
        if failing:
            first = failing[0]
            name = self.result_names[first.link].text()
            self.advice.set_advice("error", f"{name}：{advice_for(first)}")
        elif all(r.ok for r in reports.values()):
            self.advice.set_advice("ok", QCoreApplication.translate("LinksPage", "两条连接都正常。"))
        else:
            self.advice.set_advice("info", next(advice_for(r) for r in reports.values() if not r.ok))
        audit(self.ctx, "technician.link_test", "links", {link: r.code for link, r in reports.items()})

    def _test_failed(self, exc: BaseException) -> None:
        self.test_button.setEnabled(True)
        self.advice.set_advice(
            "error", QCoreApplication.translate("LinksPage", "测试没有完成：{reason}").format(reason=failure_text(exc))
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def check_links(values: dict[str, Any], store: Any = None) -> dict[str, LinkReport]:
    """Both checks, one after the other (on a worker thread)."""
    from core.sync.client import ClientConfig
    from core.sync.errors import SyncError

    hall = linkcheck.check_hall(
        values["hall_server.url"], values["hall_server.token"], timeout_s=values["hall_server.request_timeout_s"]
    )
    try:
        config = ClientConfig.from_settings(values)   # the form's values, read like settings
    except SyncError:   # central.url or central.terminal_secret is empty
        central = LinkReport("central", "", linkcheck.NOT_CONFIGURED, reachable=False, authenticated=None)
    else:
        central = linkcheck.check_central(config, store=store)
    return {"hall_server": hall, "central": central}
