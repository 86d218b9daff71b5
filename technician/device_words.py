"""How the technician console words a device's health: the short pill text, the pill's colour, and the
one sentence that says what is wrong with a device and what to try next."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from technician.device_control import StartResult


def health_text(health: str) -> str:
    return {
        "online": QCoreApplication.translate("DevicesPage", "正常"),
        "offline": QCoreApplication.translate("DevicesPage", "无应答"),
        "nodevice": QCoreApplication.translate("DevicesPage", "未连接"),
        "hwerror": QCoreApplication.translate("DevicesPage", "硬件故障"),
        "usererror": QCoreApplication.translate("DevicesPage", "需人工处理"),
        "busy": QCoreApplication.translate("DevicesPage", "忙"),
    }.get(health, health)


def health_state(health: str) -> str:
    return "ok" if health == "online" else ("unknown" if health in ("busy", "") else "error")


def advice_for(result: StartResult | None, health: str, port: str) -> tuple[str, str]:
    """(state, sentence) for the chosen device: what is wrong and what to try next."""
    if result is not None and result.error_code:
        return "error", QCoreApplication.translate(
            "DevicesPage", "设备配置有误（{code}）：请检查驱动和参数后点“保存并连接”。"
        ).format(code=result.error_code)
    if health == "online":
        return "ok", QCoreApplication.translate("DevicesPage", "设备工作正常，可以用下面的按钮测试。")
    if result is not None and result.port_problem:
        return "error", QCoreApplication.translate(
            "DevicesPage", "打不开端口 {port}：请检查线缆是否插好、端口是否选对，改好后点“保存并连接”。"
        ).format(port=port or "-")
    return {
        "offline": (
            "error",
            QCoreApplication.translate("DevicesPage", "端口已打开但设备没有应答：请检查设备电源和波特率。"),
        ),
        "hwerror": (
            "error",
            QCoreApplication.translate("DevicesPage", "设备报告硬件故障：请关掉设备电源再打开，仍不行请更换设备。"),
        ),
        "usererror": (
            "error",
            QCoreApplication.translate("DevicesPage", "设备需要人工处理（如缺纸、盖子未合好）：处理后会自动恢复。"),
        ),
        "busy": ("info", QCoreApplication.translate("DevicesPage", "设备正忙，请稍候。")),
    }.get(
        health,
        (
            "error",
            QCoreApplication.translate(
                "DevicesPage", "设备没有连接上：请检查线缆和电源，确认驱动和端口后点“保存并连接”。"
            ),
        ),
    )
