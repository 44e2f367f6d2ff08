#!/usr/bin/env python3
"""Fills translations/rendition_{de,fr}.ts from the tables in translations/strings_*.py after
`cmake --build BUILD --target update_translations` (lupdate) added new source texts.
Texts without an entry are left unfinished (lrelease then falls back to English) and listed.
Usage: fill_translations.py [--check]   (--check: exit 1 when a text has no translation)"""
import os
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, HERE)
from strings_a import T as TA  # noqa: E402
from strings_b import T as TB  # noqa: E402

TABLE = {**TA, **TB}
LANGS = {"de": 0, "fr": 1}


def fill(lang, check):
    path = os.path.join(HERE, f"rendition_{lang}.ts")
    tree = ET.parse(path)
    missing = []
    for message in tree.getroot().iter("message"):
        source = message.find("source").text or ""
        tr = message.find("translation")
        entry = TABLE.get(source)
        if entry is None:
            missing.append(source)
            tr.set("type", "unfinished")
            continue
        text = entry[LANGS[lang]]
        tr.attrib.pop("type", None)
        for child in list(tr):
            tr.remove(child)
        if message.get("numerus") == "yes":
            tr.text = None
            forms = text if isinstance(text, (list, tuple)) else [text, text]
            for form in forms:
                ET.SubElement(tr, "numerusform").text = form
        else:
            tr.text = text
    ET.indent(tree, space="    ")
    with open(path, "wb") as f:
        f.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(f, encoding="utf-8", xml_declaration=False)
        f.write(b"\n")
    for m in missing:
        print(f"{lang}: no translation for {m!r}")
    return missing


if __name__ == "__main__":
    check = "--check" in sys.argv
    missing = [m for lang in LANGS for m in fill(lang, check)]
    sys.exit(1 if check and missing else 0)
