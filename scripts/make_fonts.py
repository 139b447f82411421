"""Subset Be Vietnam Pro (from the fontpkg-be-vietnam-pro package) into small WOFF2 files.

Run with `make fonts`. The output is committed, so installing the site needs no build step.
Each file covers Basic Latin, Latin-1 and every Vietnamese letter and tone mark.
"""

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

PACKAGE_FONTS = Path(__import__("fontpkg_be_vietnam_pro").__file__).parent / "files"
OUTPUT = Path(__file__).resolve().parent.parent / "website" / "static" / "fonts"
WEIGHTS = {"Regular": 400, "Bold": 700}

LATIN = "U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+2000-206F,U+20AC,U+2122,U+2212,U+FEFF,U+FFFD"
VIETNAMESE = (
    "U+0102-0103,U+0110-0111,U+0128-0129,U+0168-0169,U+01A0-01A1,U+01AF-01B0,"
    "U+0300-0301,U+0303-0304,U+0308-0309,U+0323,U+0329,U+1EA0-1EF9,U+20AB"
)


def unicodes() -> list[int]:
    return subset.parse_unicodes(f"{LATIN},{VIETNAMESE}")


def make_subset(style: str) -> Path:
    source = PACKAGE_FONTS / f"BeVietnamPro-{style}.ttf"
    target = OUTPUT / f"be-vietnam-pro-{WEIGHTS[style]}.woff2"
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["kern", "liga", "mark", "mkmk", "ccmp", "locl"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    font = TTFont(source)
    subsetter = subset.Subsetter(options=options)
    subsetter.populate(unicodes=unicodes())
    subsetter.subset(font)
    font.flavor = "woff2"
    font.save(target)
    return target


def main() -> int:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    for style in WEIGHTS:
        target = make_subset(style)
        print(f"{target.relative_to(OUTPUT.parent.parent.parent)}: {target.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
