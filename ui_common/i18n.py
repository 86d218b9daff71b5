"""Interface languages: Simplified Chinese in the source, English from a Qt Linguist file.

Source strings are written in Chinese with ``self.tr("办事")`` or ``QCoreApplication.translate(ctx, ...)``.
``resources/i18n/hallterm_en.ts`` holds the English (refresh it with ``update_translation_sources()`` or
``pyside6-lupdate``, edit with ``pyside6-linguist``); ``compile_translations()`` turns it into the ``.qm``
that Qt loads. Switching language installs or removes one QTranslator; Qt then sends every widget a
``QEvent.LanguageChange`` and each screen sets its texts again in its ``retranslate()``.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from core.errors import HalltermError

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
I18N_DIR = ROOT / "resources" / "i18n"
SOURCE_LANGUAGE = "zh_CN"
LANGUAGES = ("zh_CN", "en")
# Packages whose tr() strings go into the .ts file.
UI_PACKAGES = ("ui_common", "kiosk", "window_client", "technician", "hall_display")

_installed: QTranslator | None = None
_current = SOURCE_LANGUAGE


class TranslationError(HalltermError):
    code = "I18N_UNAVAILABLE"
    user_message = "暂时无法切换语言，请继续使用中文界面。"


def normalize_language(language: str | None) -> str:
    """``zh``/``zh_CN``/``zh-CN`` -> ``zh_CN``; ``en``/``en_US``/``en-GB`` -> ``en``."""
    tag = (language or SOURCE_LANGUAGE).replace("-", "_")
    if tag.lower().startswith("zh"):
        return "zh_CN"
    if tag.lower().startswith("en"):
        return "en"
    raise TranslationError(f"unsupported interface language {language!r}; supported: {', '.join(LANGUAGES)}")


def ts_path(language: str) -> Path:
    return I18N_DIR / f"hallterm_{normalize_language(language)}.ts"


def qm_path(language: str) -> Path:
    return ts_path(language).with_suffix(".qm")


def translated_languages() -> list[str]:
    return [p.stem.removeprefix("hallterm_") for p in sorted(I18N_DIR.glob("hallterm_*.ts"))]


def _tool(name: str) -> Path:
    import shutil

    # The venv's own copy first: the one that matches the installed Qt.
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return beside
    found = shutil.which(name)
    if found is None:
        raise TranslationError(f"{name} not found beside {sys.executable} or on PATH (pip install PySide6)")
    return Path(found)


def compile_translations(directory: Path = I18N_DIR, *, force: bool = False) -> list[Path]:
    """Run ``pyside6-lrelease`` for each .ts whose .qm is missing or older. Returns the .qm files written."""
    import subprocess  # only when compiling: not on the kiosk's path to its first frame

    written = []
    for ts in sorted(Path(directory).glob("hallterm_*.ts")):
        qm = ts.with_suffix(".qm")
        if not force and qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime:
            continue
        result = subprocess.run([str(_tool("pyside6-lrelease")), "-silent", str(ts), "-qm", str(qm)],
                                capture_output=True, text=True, check=False)
        if result.returncode != 0 or not qm.exists():
            raise TranslationError(f"lrelease failed on {ts.name}: {result.stderr.strip() or result.stdout.strip()}")
        written.append(qm)
    return written


def source_files(root: Path = ROOT) -> list[Path]:
    """The Python files lupdate scans: every module of the UI packages."""
    return sorted(p for package in UI_PACKAGES for p in (root / package).rglob("*.py"))


def update_translation_sources(ts_file: Path | None = None, *, root: Path = ROOT) -> str:
    """Run ``pyside6-lupdate`` over the UI packages into ``ts_file`` (default: the English .ts).

    New strings arrive as ``type="unfinished"``; strings no longer in the code are dropped. Locations are
    left out so a moved line does not churn the file.
    """
    import subprocess

    target = ts_file or ts_path("en")
    command = [str(_tool("pyside6-lupdate")), "-silent", "-no-obsolete", "-locations", "none",
               "-source-language", SOURCE_LANGUAGE, "-target-language", "en",
               *[str(p) for p in source_files(root)], "-ts", str(target)]
    result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=root)
    if result.returncode != 0:
        raise TranslationError(f"lupdate failed: {result.stderr.strip()}")
    return result.stdout


def current_language() -> str:
    return _current


def apply_locale(language: str | None = None) -> None:
    """Make QLocale() (dates, numbers) follow the interface language."""
    QLocale.setDefault(QLocale(normalize_language(language or _current)))


def install_language(app: QCoreApplication, language: str | None) -> bool:
    """Switch the interface language while running. Returns False (and stays in Chinese) if it cannot."""
    global _installed, _current
    try:
        wanted = normalize_language(language)
    except TranslationError as exc:
        log.error("%s: %s", exc.code, exc.detail)
        install_language(app, SOURCE_LANGUAGE)
        return False
    if wanted == _current and (wanted == SOURCE_LANGUAGE) == (_installed is None):
        apply_locale(wanted)
        return True
    translator = None
    if wanted != SOURCE_LANGUAGE:
        try:
            translator = _load(wanted)
        except TranslationError as exc:
            log.error("%s: %s", exc.code, exc.detail)
            return False
    if _installed is not None:
        app.removeTranslator(_installed)
        _installed = None
    if translator is not None:
        # Kept referenced here: Qt does not own an installed translator.
        app.installTranslator(translator)
        _installed = translator
    _current = wanted
    apply_locale(wanted)
    return True


def _load(language: str) -> QTranslator:
    qm = qm_path(language)
    ts = ts_path(language)
    if ts.exists() and (not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime):
        compile_translations()
    translator = QTranslator()
    if not translator.load(str(qm)):
        raise TranslationError(f"cannot load {qm.name} (run `make i18n`)")
    return translator
