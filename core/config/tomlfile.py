"""Reading and writing the config file: TOML in, TOML out, never half a file.

Writing goes to a temporary file in the same folder, is flushed and fsync'ed, then ``os.replace``'d over
the old file (atomic on POSIX and on NTFS), and the folder is fsync'ed so the rename itself survives a
power cut. A process killed at any point leaves either the old config or the new one, never a mix.
The file is created readable by the terminal's user only, because it holds secrets.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import tomllib
from pathlib import Path
from typing import Any

import tomli_w

from core.errors import ConfigError

_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$")
_ASSIGN = re.compile(r"^\s*([A-Za-z0-9_\-.\"' ]+?)\s*=")


def read_document(path: Path) -> tuple[dict[str, Any], str] | None:
    """Parse ``path``; ``None`` when it does not exist. Returns (document, raw text for locating keys)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the config file: {exc.strerror or exc}", code="CFG_UNREADABLE") from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: the file is not UTF-8 (byte {exc.start})",
                          code="CFG_CORRUPT") from exc
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        at = _AT.search(message)
        position = f"line {at[1]}, column {at[2]}: " if at else ""
        reason = _AT.sub("", message)
        raise ConfigError(f"{path}: {position}not valid TOML: {reason}", code="CFG_CORRUPT") from exc


def write_document(path: Path, doc: dict[str, Any]) -> None:
    data = tomli_w.dumps(doc).encode("utf-8")
    try:
        _write_atomic(path, data)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot write the config file: {exc.strerror or exc}", code="CFG_UNWRITABLE",
                          user_message="设置保存失败，原设置未改变。请联系现场技术人员。") from exc


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # mkstemp creates the file with mode 0600 on POSIX.
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as tmp:
            tmp.write(data)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    # Directories cannot be opened for fsync on Windows; NTFS journals the rename itself.
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def locate(text: str, key: str) -> int | None:
    """Best-effort 1-based line of ``key`` (dotted) in the TOML ``text``, for error messages."""
    table = ""
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header and not line.lstrip().startswith("[["):
            table = _normal(header[1])
            if table == key:
                return number
            continue
        assign = _ASSIGN.match(line)
        if assign:
            name = _normal(assign[1])
            full = f"{table}.{name}" if table else name
            if full == key or key.startswith(full + "."):
                return number
    return None


def _normal(dotted: str) -> str:
    return ".".join(part.strip().strip("\"'") for part in dotted.split("."))
