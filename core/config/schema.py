"""Every setting of a terminal, declared once.

Order here is the order on the technician pages and in ``docs/configuration.md``. A new setting is one
``Setting(...)`` entry; renaming or moving one also needs a migration in ``core.config.migrations``.

The ``[devices]`` table is not declared here: each device's parameters belong to its driver and are
checked by the device layer (``core.config.devices`` checks only the shape).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from types import MappingProxyType

from core.cases.numbering import validate_region_code, validate_terminal_id
from core.config.declaration import Kind, Section, Setting
from core.config.pin import check_pin_hash

MODES = ("kiosk", "counter", "technician", "display")
LANGUAGES = ("zh_CN", "en")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


def _non_blank(value: str) -> None:
    if not value.strip():
        raise ValueError("must not be blank")


def _hall_name(value: str) -> None:
    _non_blank(value)
    if len(value) > 64:
        raise ValueError("longer than 64 characters")


def _device_name(value: str) -> None:
    # A name from the [devices] table; "none" sends the document type to the reprint queue instead.
    if not re.fullmatch(r"[a-z][a-z0-9_]{0,31}", value):
        raise ValueError("must be a device name from [devices] (lower-case letters, digits, '_') or 'none'")


def _item_codes(value: tuple[str, ...]) -> None:
    if any(not code.strip() for code in value):
        raise ValueError("item codes must not be blank")


SECTIONS: tuple[Section, ...] = (
    Section("terminal", "终端", "Terminal"),
    Section("ui", "界面", "User interface"),
    Section("kiosk", "自助终端", "Self-service kiosk"),
    Section("counter", "综合窗口", "Counter"),
    Section("printing", "打印", "Printing"),
    Section("store", "本地存储", "Local store"),
    Section("hall_server", "大厅排队服务", "Hall queue server"),
    Section("central", "政务服务平台对接", "Central platform link"),
    Section("logging", "日志", "Logging"),
)

SETTINGS: tuple[Setting, ...] = (
    # --- terminal ---------------------------------------------------------------------------------
    Setting(key="terminal.id", kind=Kind.STR, default="K01", label="终端编号",
            description="平台注册时分配的终端编号，1-8 位大写字母或数字，在本行政区划内唯一，用于生成办件编号。",
            description_en="Terminal id assigned at enrolment; part of every case number.",
            check=validate_terminal_id, restart_required=True),
    Setting(key="terminal.region_code", kind=Kind.STR, default="430102", label="行政区划代码",
            description="本大厅所在行政区划代码（GB/T 2260，6 位数字），用于生成办件编号和匹配事项目录。",
            description_en="Administrative division code of the hall (GB/T 2260).",
            check=validate_region_code, restart_required=True),
    Setting(key="terminal.hall_name", kind=Kind.STR, default="长沙市芙蓉区政务服务中心", label="大厅名称",
            description="显示在屏幕顶部和打印凭条上的大厅名称。",
            description_en="Hall name shown on screens and printed on receipts.", check=_hall_name),
    Setting(key="terminal.mode", kind=Kind.CHOICE, default="kiosk", choices=MODES, label="默认运行模式",
            description="命令行未指定模式时的运行模式：kiosk 自助终端、counter 窗口、technician 技术维护、"
                        "display 叫号屏。",
            description_en="Mode used when the command line names none.", restart_required=True),
    # --- ui ---------------------------------------------------------------------------------------
    Setting(key="ui.language", kind=Kind.CHOICE, default="zh_CN", choices=LANGUAGES, label="默认语言",
            description="每次服务开始时的界面语言；群众可在首页临时切换。",
            description_en="Language each session starts in; citizens can switch on the start screen."),
    Setting(key="ui.elderly_mode_default", kind=Kind.BOOL, default=False, label="默认开启适老化模式",
            description="开启后每次服务默认使用大字体、高对比度和更长的操作时限。",
            description_en="Start every session in the large-text, high-contrast elderly mode."),
    Setting(key="ui.fullscreen", kind=Kind.BOOL, default=True, label="全屏运行",
            description="全屏并隐藏窗口边框。调试时可关闭。",
            description_en="Run full screen without window frame.", restart_required=True),
    Setting(key="ui.voice_volume", kind=Kind.INT, default=80, minimum=0, maximum=100, label="语音音量",
            description="语音提示和叫号播报的音量（0-100，0 为静音）。",
            description_en="Volume of voice prompts and call announcements (0 mutes)."),
    Setting(key="ui.voice_clips_dir", kind=Kind.PATH, default=None, label="录音语音文件夹",
            description="叫号和语音提示改用预先录制的语音片段时，片段所在文件夹（每个词一个 16 位 WAV 文件，"
                        "文件名即所说的词，如“请.wav”“A.wav”“号窗口办理.wav”）；留空使用 espeak-ng 合成语音。",
            description_en="Folder of pre-recorded clips (one 16-bit WAV per word, named after the word) used "
                           "instead of espeak-ng; empty synthesises with espeak-ng."),
    # --- kiosk ------------------------------------------------------------------------------------
    Setting(key="kiosk.idle_timeout_s", kind=Kind.INT, default=60, minimum=15, maximum=600,
            label="无操作超时（秒）",
            description="无人操作多少秒后提示即将返回首页，以免下一位群众看到上一位的信息。",
            description_en="Seconds without input before the kiosk offers to return to the start screen."),
    Setting(key="kiosk.idle_countdown_s", kind=Kind.INT, default=10, minimum=3, maximum=60,
            label="返回首页倒计时（秒）",
            description="超时提示出现后，再过多少秒自动清除本次信息并返回首页。",
            description_en="Countdown shown before the session is cleared."),
    Setting(key="kiosk.elderly_idle_factor", kind=Kind.FLOAT, default=2.0, minimum=1.0, maximum=5.0,
            label="适老化超时倍数",
            description="适老化模式下无操作超时和倒计时乘以此倍数，给老年人更多时间。",
            description_en="Multiplier for the idle timeout and countdown in elderly mode."),
    Setting(key="kiosk.offered_items", kind=Kind.STR_LIST, default=(), label="本机提供的事项",
            description="本机可办理的事项编码列表；留空表示提供事项目录中的全部事项。",
            description_en="Service item codes offered on this kiosk; empty offers the whole catalogue.",
            check=_item_codes),
    Setting(key="kiosk.lockdown", kind=Kind.BOOL, default=False, label="锁定自助终端",
            description="全屏、无边框，键盘无法退出；技术人员在左上角连点五下并输入技术维护密码方可退出。"
                        "以 --fullscreen 启动时总是锁定。",
            description_en="Full screen and frameless with no keyboard escape; technicians leave with five taps in "
                           "the top-left corner and the technician PIN. Always on with --fullscreen."),
    Setting(key="kiosk.document_camera", kind=Kind.STR, default="auto", label="高拍仪",
            description="拍摄纸质材料用的摄像头：auto 为系统默认（或第一个）摄像头；也可以填设备名称的一部分"
                        "（如 Eloam）或设备标识（如 /dev/video2）；sample 为演示用的材料样张。",
            description_en="Camera that photographs paper materials: auto takes the system default (or first) "
                           "camera; or part of a device's name (e.g. Eloam) or its id (e.g. /dev/video2); sample "
                           "uses the demo's sample page.",
            check=_non_blank),
    Setting(key="kiosk.technician_pin_hash", kind=Kind.SECRET, default="", label="技术维护密码",
            description="从自助终端或窗口进入技术维护界面的数字密码（6-12 位）的 Argon2id 散列，"
                        "请在技术维护界面设置，不要手写入文件；留空表示不能从自助终端或窗口进入。"
                        "旧版文件中的明文 technician_pin 读入时自动转为散列。",
            description_en="Argon2id hash of the technician PIN (6-12 digits) for the hidden entry on a kiosk or "
                           "counter; set it on the technician console. Empty disables the entry. A plain "
                           "technician_pin from an older file is hashed on load.",
            check=check_pin_hash),
    # --- counter ----------------------------------------------------------------------------------
    Setting(key="counter.number", kind=Kind.INT, default=0, minimum=0, maximum=999, label="窗口号",
            description="本机所在的窗口编号，叫号时播报“请到 N 号窗口办理”；0 表示未设置（不能叫号）。",
            description_en="The counter number this client serves at (announced in calls); 0 means not set."),
    # --- printing ---------------------------------------------------------------------------------
    Setting(key="printing.queue_ticket_printer", kind=Kind.STR, default="receipt_printer", label="排队凭条打印机",
            description="打印排队凭条的设备名称（[devices] 中的名称）；none 表示不打印，进入补打队列。",
            description_en="Device that prints queue tickets (a name from [devices]); none queues them for reprint.",
            check=_device_name),
    Setting(key="printing.acceptance_receipt_printer", kind=Kind.STR, default="a4_printer",
            label="受理回执打印机",
            description="打印受理回执（A4 PDF）的设备名称；none 表示不打印，进入补打队列。",
            description_en="Device that prints acceptance receipts; none queues them for reprint.",
            check=_device_name),
    Setting(key="printing.notice_printer", kind=Kind.STR, default="a4_printer", label="告知书打印机",
            description="打印补齐补正告知书、容缺受理通知书和不予受理通知书的设备名称；none 表示不打印。",
            description_en="Device for correction, tolerance and refusal notices; none queues them for reprint.",
            check=_device_name),
    Setting(key="printing.licence_printer", kind=Kind.STR, default="a4_printer", label="许可证打印机",
            description="即办件办结后打印许可证的设备名称；none 表示不打印，进入补打队列。",
            description_en="Device that prints licences after an instant approval; none queues them for reprint.",
            check=_device_name),
    Setting(key="printing.progress_summary_printer", kind=Kind.STR, default="a4_printer",
            label="办件进度打印机",
            description="打印办件进度查询结果的设备名称；none 表示不打印。",
            description_en="Device that prints progress look-ups; none does not print them.",
            check=_device_name),
    Setting(key="counter.clerks_file", kind=Kind.PATH, default=None, label="工作人员文件",
            description="工作人员账号、工号、窗口和登录密钥（argon2id 散列）所在的 TOML 文件；留空使用配置文件旁的 "
                        "clerks.toml（演示模式内置两名演示工作人员）。",
            description_en="TOML file of clerks (user, staff number, counter, argon2id hashes); empty uses clerks.toml "
                           "next to the config file (demo mode has two built-in demo clerks)."),
    Setting(key="counter.max_login_failures", kind=Kind.INT, default=5, minimum=3, maximum=10,
            label="登录失败锁定次数",
            description="连续输错密码或工作证密码达到此次数后锁定该账号。",
            description_en="Failed logins in a row that lock an account."),
    Setting(key="counter.lockout_minutes", kind=Kind.INT, default=15, minimum=1, maximum=1440,
            label="账号锁定时长（分钟）",
            description="账号被锁定后多少分钟内不能登录。",
            description_en="Minutes an account stays locked after too many failed logins."),
    Setting(key="counter.evaluation_timeout_s", kind=Kind.INT, default=30, minimum=10, maximum=300,
            label="评价等待时长（秒）",
            description="服务结束后评价器等待群众评价的秒数，超时不记录评价。",
            description_en="Seconds the evaluator waits for a rating after a service; a timeout records nothing."),
    # --- store ------------------------------------------------------------------------------------
    Setting(key="store.data_dir", kind=Kind.PATH, default=None, label="数据文件夹",
            description="本地数据库、密钥和日志所在文件夹；留空使用系统默认位置。相对路径相对于配置文件所在文件夹。",
            description_en="Folder for the database, keys and logs; empty uses the platform default.",
            restart_required=True),
    Setting(key="store.retention_days", kind=Kind.INT, default=30, minimum=1, maximum=3650, label="个人信息保留天数",
            description="办件同步到平台后，本机保留申请人个人信息的天数，到期后清除。",
            description_en="Days the personal fields of a synced case are kept locally."),
    # --- hall_server ------------------------------------------------------------------------------
    Setting(key="hall_server.url", kind=Kind.URL, default="", label="排队服务地址",
            description="大厅排队服务的地址，例如 https://queue.hall.local:8443；留空表示在本机进程内运行（单机或演示）。",
            description_en="Hall queue server URL; empty runs it in-process (single terminal or demo).",
            restart_required=True),
    Setting(key="hall_server.token", kind=Kind.SECRET, default="", label="排队服务令牌",
            description="连接大厅排队服务使用的访问令牌。",
            description_en="Bearer token for the hall queue server."),
    Setting(key="hall_server.request_timeout_s", kind=Kind.FLOAT, default=5.0, minimum=0.5, maximum=60.0,
            label="排队服务请求超时（秒）",
            description="向排队服务发出请求后等待应答的最长时间。",
            description_en="Seconds to wait for the hall queue server to answer."),
    # --- central ----------------------------------------------------------------------------------
    Setting(key="central.url", kind=Kind.URL, default="", label="平台地址",
            description="一体化政务服务平台对接接口地址；留空表示使用本机模拟平台（演示）。",
            description_en="Central platform API URL; empty uses the local simulator (demo).",
            restart_required=True),
    Setting(key="central.terminal_secret", kind=Kind.SECRET, default="", label="终端签名密钥",
            description="平台注册时下发的终端密钥，用于请求签名（HMAC）。",
            description_en="Terminal secret issued at enrolment, used to sign requests (HMAC).",
            restart_required=True),
    Setting(key="central.ca_bundle", kind=Kind.PATH, default=None, label="平台 CA 证书",
            description="校验平台服务器证书的 CA 证书文件（PEM）；留空使用系统证书库。",
            description_en="CA bundle (PEM) for the platform's server certificate; empty uses the system store.",
            restart_required=True),
    Setting(key="central.client_cert", kind=Kind.PATH, default=None, label="终端客户端证书",
            description="双向 TLS 使用的终端客户端证书文件（PEM，可含私钥）；留空表示不使用客户端证书。",
            description_en="Client certificate (PEM, may include the key) for mutual TLS; empty disables it.",
            restart_required=True),
    Setting(key="central.client_key", kind=Kind.PATH, default=None, label="终端客户端私钥",
            description="客户端证书的私钥文件（PEM）；私钥已包含在证书文件中时留空。",
            description_en="Private key (PEM) of the client certificate, if not inside the certificate file.",
            restart_required=True),
    Setting(key="central.sync_interval_s", kind=Kind.INT, default=60, minimum=5, maximum=86_400,
            label="同步间隔（秒）",
            description="无新办件时向平台同步和拉取状态变化的间隔；新办件提交后立即同步。",
            description_en="Seconds between sync rounds when idle; new cases sync at once."),
    Setting(key="central.request_timeout_s", kind=Kind.FLOAT, default=15.0, minimum=1.0, maximum=300.0,
            label="平台请求超时（秒）",
            description="向平台发出请求后等待应答的最长时间，超时后按退避策略重试。",
            description_en="Seconds to wait for the platform to answer before retrying with backoff."),
    # --- logging ----------------------------------------------------------------------------------
    Setting(key="logging.level", kind=Kind.CHOICE, default="INFO", choices=LOG_LEVELS, label="日志级别",
            description="写入日志的最低级别。排查故障时可临时设为 DEBUG。日志从不记录个人信息和密钥。",
            description_en="Lowest level written to the log; personal data and secrets are never logged."),
    Setting(key="logging.max_bytes", kind=Kind.INT, default=5_000_000, minimum=100_000, maximum=1_000_000_000,
            label="单个日志文件大小上限（字节）",
            description="日志文件达到此大小后轮换。",
            description_en="Size at which the log file is rotated.", restart_required=True),
    Setting(key="logging.backups", kind=Kind.INT, default=5, minimum=0, maximum=100, label="保留的旧日志文件数",
            description="轮换后保留的旧日志文件个数。",
            description_en="Number of rotated log files kept.", restart_required=True),
)

BY_KEY: MappingProxyType[str, Setting] = MappingProxyType({s.key: s for s in SETTINGS})
_SECTION_NAMES = frozenset(s.name for s in SECTIONS)

if len(BY_KEY) != len(SETTINGS) or any(s.section not in _SECTION_NAMES for s in SETTINGS):
    raise RuntimeError("duplicate setting key or a setting outside the declared sections")


def declaration(key: str) -> Setting | None:
    return BY_KEY.get(key)


def in_section(section: str) -> tuple[Setting, ...]:
    return tuple(s for s in SETTINGS if s.section == section)


def by_section() -> Iterator[tuple[Section, tuple[Setting, ...]]]:
    """(section, its settings) in page order — what the technician pages are generated from."""
    for section in SECTIONS:
        yield section, in_section(section.name)
