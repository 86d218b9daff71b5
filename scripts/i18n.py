"""The English translation file, from the command line (no Qt Linguist needed on a server).

    python scripts/i18n.py update                 # lupdate over the UI packages: new strings appear unfinished
    python scripts/i18n.py missing                # print "source<TAB>" for every unfinished string
    python scripts/i18n.py fill FILE.tsv          # "source<TAB>English" lines set translations
    python scripts/i18n.py merge OTHER.ts ...     # take finished translations from other versions of the file
                                                  # (after a merge of two branches that both added strings)
Sources containing a tab or newline are written with the escapes \\t and \\n in the TSV.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ui_common import i18n

TS = i18n.ts_path("en")


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def _unescape(text: str) -> str:
    return text.replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\")


def _load(path: Path) -> ET.ElementTree:
    return ET.parse(path)


def _save(tree: ET.ElementTree, path: Path) -> None:
    ET.indent(tree)
    with path.open("wb") as handle:
        handle.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(handle, encoding="utf-8", xml_declaration=False)


def _apply(translations: dict[str, str | list[str]]) -> int:
    """Set translations; a list sets the plural forms (``%n``) of a numerus message."""
    tree = _load(TS)
    changed = 0
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if source not in translations or translation is None:
            continue
        wanted, forms = translations[source], translation.findall("numerusform")
        if forms and isinstance(wanted, list):
            for form, text in zip(forms, wanted, strict=False):
                form.text = text
        elif not forms and isinstance(wanted, str):
            translation.text = wanted
        else:
            continue
        translation.attrib.pop("type", None)
        changed += 1
    _save(tree, TS)
    i18n.update_translation_sources(TS)   # back to lupdate's own layout, so diffs stay small
    return changed


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    if command == "update":
        print(i18n.update_translation_sources(TS))
    elif command == "missing":
        for message in _load(TS).getroot().iter("message"):
            translation = message.find("translation")
            forms = translation.findall("numerusform") if translation is not None else []
            empty = any(not (f.text or "").strip() for f in forms) if forms else not (translation.text or "").strip()
            if translation is not None and (translation.get("type") == "unfinished" or empty):
                print(_escape(message.findtext("source") or "") + "\t")
    elif command == "fill":
        pairs = {}
        for line in Path(rest[0]).read_text(encoding="utf-8").splitlines():
            if "\t" in line and line.split("\t", 1)[1].strip():
                source, english = line.split("\t", 1)
                pairs[_unescape(source)] = _unescape(english)
        print(f"{_apply(pairs)} translations set")
    elif command == "merge":
        pairs: dict[str, str | list[str]] = {}
        for other in rest:
            for message in _load(Path(other)).getroot().iter("message"):
                translation = message.find("translation")
                if translation is None or translation.get("type") is not None:
                    continue
                forms = [f.text or "" for f in translation.findall("numerusform")]
                if forms and all(forms):
                    pairs[message.findtext("source") or ""] = forms
                elif not forms and translation.text:
                    pairs[message.findtext("source") or ""] = translation.text
        print(f"{_apply(pairs)} translations taken")
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
