"""Translation-catalogue check for CI: every .po parses and its compiled .mo matches it (locale/, locale_packages/).

A stale .mo means the interface shows old or missing translations; run `make messages`.
"""

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "locale"
# The packages' Vietnamese overrides, written by scripts/package_messages.py.
PACKAGE_LOCALE = ROOT / "locale_packages"


def translations(catalogue: polib._BaseFile) -> dict[tuple[str, str], str]:
    # A compiled catalogue holds only translated entries (its MOEntry has no translated()).
    entries = catalogue if isinstance(catalogue, polib.MOFile) else [e for e in catalogue if e.translated()]
    return {
        (entry.msgctxt or "", entry.msgid): entry.msgstr or "|".join(entry.msgstr_plural.values())
        for entry in entries
        if entry.msgid and not entry.obsolete
    }


def problems() -> list[str]:
    found = []
    for po_path in sorted([*LOCALE.glob("*/LC_MESSAGES/*.po"), *PACKAGE_LOCALE.glob("*/LC_MESSAGES/*.po")]):
        mo_path = po_path.with_suffix(".mo")
        try:
            po = polib.pofile(str(po_path))
        except OSError as error:
            found.append(f"{po_path}: cannot be read ({error}).")
            continue
        if not mo_path.exists():
            found.append(f"{mo_path} is missing: run `make messages`.")
            continue
        if translations(po) != translations(polib.mofile(str(mo_path))):
            found.append(f"{mo_path} is out of date with {po_path.name}: run `make messages`.")
    return found


def main() -> int:
    found = problems()
    for problem in found:
        print(f"check_messages: {problem}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
