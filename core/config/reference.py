"""Render the declared settings as ``docs/configuration.md``.

The reference is generated, never edited by hand, so it cannot drift from the declarations; a test
compares the committed file with ``render_reference()``. Regenerate with:

    .venv/bin/python -m core.config.reference docs/configuration.md
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import tomli_w

from core.config.declaration import Kind, Setting
from core.config.devices import DEMO_DEVICES
from core.config.migrations import CURRENT_VERSION
from core.config.schema import by_section
from core.config.settings import DEMO_VALUES
from core.paths import CONFIG_FILE_NAME, HOME_ENV

_INTRO = f"""\
# 配置参考 (Configuration reference)

<!-- Generated from core/config/schema.py by `python -m core.config.reference docs/configuration.md`.
     Do not edit by hand: tests/core/test_config_reference.py fails when this file is out of date. -->

每台终端一个 TOML 设置文件 `{CONFIG_FILE_NAME}`。位置由 platformdirs 决定（Linux 为
`~/.config/hallterm/{CONFIG_FILE_NAME}`），可用命令行 `--config 文件` 指定；设置环境变量 `{HOME_ENV}` 后，
设置、数据和缓存都放在该文件夹下。文件不存在时全部使用默认值；保存时只写入与默认值不同的项。

One TOML file per terminal. A missing file means all defaults; saving writes only non-default values,
atomically (temporary file, fsync, rename).

- `schema_version = {CURRENT_VERSION}`: 文件格式版本。旧版本文件读入时自动升级；
  高于程序版本的文件会被拒绝（`CFG_FUTURE_VERSION`）。
- `[locked] keys = ["kiosk.idle_timeout_s", "devices.idcard"]`: 技术人员锁定的设置项，
  解锁前不能修改（`CFG_KEY_LOCKED`）。
- 未知的键会被拒绝（`CFG_UNKNOWN_KEY`，并提示最接近的正确键名）；类型、范围或可选值不符为 `CFG_VALUE_INVALID`；
  TOML 语法错误为 `CFG_CORRUPT`（给出行号和列号）；无法读取为 `CFG_UNREADABLE`。
- 标记为 🔒 的项是密钥：不写入日志，诊断导出中显示为 `******`。标记为 ↻ 的项修改后需要重启程序才生效。
"""

_DEVICES = """\
## 设备 (devices)

每个设备一个表，`driver` 必填（驱动名称），其余为该驱动的参数（文本、数字或 true/false），由设备层按驱动校验。

Each device is a table with a required `driver` string; the other entries are that driver's parameters.

```toml
[devices.idcard]
driver = "samv_serial"
port = "/dev/ttyUSB0"
baud = 115200
```

演示模式（`--demo`）使用的设置和设备 (what `--demo` changes from the defaults):

```toml
{demo}```
"""

_KIND_LABEL = {
    Kind.INT: "整数 int", Kind.FLOAT: "数字 float", Kind.BOOL: "布尔 bool", Kind.STR: "文本 str",
    Kind.CHOICE: "选项 choice", Kind.PATH: "路径 path", Kind.URL: "网址 url", Kind.SECRET: "密钥 secret",
    Kind.STR_LIST: "文本列表 list[str]",
}


def render_reference() -> str:
    parts = [_INTRO]
    for section, settings in by_section():
        parts.append(f"\n## {section.title} ({section.name})\n\n{section.title_en}.\n\n")
        parts.append("| 键 Key | 类型 Type | 默认值 Default | 取值 Allowed | 说明 Description |\n")
        parts.append("|---|---|---|---|---|\n")
        parts.extend(_row(setting) for setting in settings)
    demo_doc: dict[str, Any] = {}
    for key, value in DEMO_VALUES.items():
        section, name = key.split(".")
        demo_doc.setdefault(section, {})[name] = value
    demo_doc["devices"] = {name: dict(params) for name, params in DEMO_DEVICES.items()}
    demo = tomli_w.dumps(demo_doc)
    parts.append("\n" + _DEVICES.format(demo=demo))
    return "".join(parts)


def _row(setting: Setting) -> str:
    flags = (" 🔒" if setting.secret else "") + (" ↻" if setting.restart_required else "")
    allowed = ""
    if setting.kind is Kind.CHOICE:
        allowed = " / ".join(f"`{c}`" for c in setting.choices)
    elif setting.minimum is not None or setting.maximum is not None:
        allowed = setting.rule_text()
    description = setting.description
    if setting.description_en:
        description += f"<br>{setting.description_en}"
    cells = [f"`{setting.key}`{flags}", _KIND_LABEL[setting.kind], _default(setting), allowed, description]
    return "| " + " | ".join(_escape(c) for c in cells) + " |\n"


def _default(setting: Setting) -> str:
    value: Any = setting.to_toml(setting.default)
    if value in ("", []):
        return "（空）"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, str):
        return f'`"{value}"`'
    return f"`{value}`"


def _escape(cell: str) -> str:
    return cell.replace("|", "\\|").replace("\n", " ")


def write_reference(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_reference(), encoding="utf-8")
    return path


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/configuration.md")
    print(write_reference(target))
