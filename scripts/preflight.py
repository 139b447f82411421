"""Check the machine before `make run` / `make test` build anything.

Standard library only: it runs before the virtualenv exists. Each missing
piece is reported with the Debian/Ubuntu package that provides it.
"""

import ctypes.util
import sys

REQUIRED_PYTHON = (3, 11)

# (what, how to find it, the Debian/Ubuntu package that provides it)
SYSTEM_LIBRARIES = [
    ("Pango (WeasyPrint's text layout)", "pango-1.0", "libpango-1.0-0"),
    ("Pango FT2 (WeasyPrint's fonts)", "pangoft2-1.0", "libpangoft2-1.0-0"),
    ("HarfBuzz (text shaping for Vietnamese diacritics)", "harfbuzz", "libharfbuzz0b"),
]


def problems() -> list[str]:
    found = []
    if sys.version_info[:2] < REQUIRED_PYTHON:
        found.append(
            f"Python {REQUIRED_PYTHON[0]}.{REQUIRED_PYTHON[1]} or newer is needed; this is {sys.version.split()[0]}."
        )
    try:
        import ensurepip  # noqa: F401
        import venv  # noqa: F401
    except ImportError:
        found.append("Python's venv module is missing: install the package python3-venv.")
    for what, library, package in SYSTEM_LIBRARIES:
        if ctypes.util.find_library(library) is None:
            found.append(f"{what} is missing: install the package {package} (apt-get install {package}).")
    return found


def main() -> int:
    found = problems()
    for problem in found:
        print(f"preflight: {problem}", file=sys.stderr)
    if found:
        print("preflight: fix the above, then run the command again.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
