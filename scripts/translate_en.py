"""Fill the English catalogue (a Qt .ts file) from ``desktop/resources/translations/en.json``.

en.json maps each Vietnamese source string to its English, whatever class (context) it is
in. A message found there is marked finished; one missing stays "unfinished" (Vietnamese
on screen) and is listed, so whoever adds strings sees what to add. Run by
``scripts/translations``, which re-runs lupdate afterwards to restore lupdate's layout.

    python scripts/translate_en.py desktop/resources/translations/motcua_en.ts \
        desktop/resources/translations/en.json
"""

from __future__ import annotations

import argparse
import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def fill(ts: ET.ElementTree[ET.Element], english: dict[str, str]) -> tuple[int, list[str]]:
    """Set every translation ``english`` knows; returns (filled, sources still missing)."""
    filled, missing = 0, []
    used: set[str] = set()
    for context in ts.getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            source = message.findtext("source", "")
            translation = message.find("translation")
            if translation is None or message.get("numerus") == "yes":
                continue  # no plural forms in this UI yet
            if source in english:
                used.add(source)
                if translation.text != english[source] or translation.get("type"):
                    translation.text = english[source]
                    translation.attrib.pop("type", None)  # finished
                    filled += 1
            elif translation.get("type") == "unfinished" or not translation.text:
                missing.append(f"{name}: {source}")
    unused = sorted(set(english) - used)
    if unused:
        # Not an error: strings translated ahead of being wrapped in tr() are kept here.
        print(f"translate_en: {len(unused)} en.json entries not (yet) in the UI source:")
        for source in unused:
            print(f"    {source}")
    return filled, missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ts", type=Path, help="motcua_en.ts")
    parser.add_argument("table", type=Path, help="en.json: Vietnamese source → English")
    parser.add_argument(
        "--strict", action="store_true", help="exit 1 while any message is unfinished"
    )
    args = parser.parse_args(argv)
    english = json.loads(args.table.read_text("utf-8"))
    if not isinstance(english, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and v for k, v in english.items()
    ):
        parser.error(f"{args.table}: expected an object of non-empty strings")
    ts = ET.parse(args.ts)
    filled, missing = fill(ts, english)
    ts.write(args.ts, encoding="utf-8", xml_declaration=True)
    print(f"translate_en: {filled} translation(s) updated, {len(missing)} unfinished")
    for item in missing:
        print(f"    unfinished — {item}")
    return 1 if args.strict and missing else 0


if __name__ == "__main__":
    sys.exit(main())
