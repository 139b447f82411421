"""Subset the site's fonts into small WOFF2 files.

Run with `make fonts`. The output is committed, so installing the site needs no build step.

- Be Vietnam Pro (fontpkg-be-vietnam-pro): Basic Latin, Latin-1 and every Vietnamese letter and tone mark.
- Noto Sans Khmer (fontpkg-noto-sans-khmer, the package the print fonts use; SIL Open Font License 1.1),
  for phones and desktops without a Khmer font, where the switcher's "ភាសាខ្មែរ" would be blank:
  * a tiny face with only the switcher label's glyphs (every page shows the label, so every page loads it);
  * the whole Khmer block, which `unicode-range` makes the browser fetch only on a page with Khmer text
    other than the label (a Khmer page).
  The package ships a variable font: it is instanced at each weight first.
"""

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.varLib import instancer

PACKAGE_FONTS = Path(__import__("fontpkg_be_vietnam_pro").__file__).parent / "files"
KHMER_PACKAGE = Path(__import__("fontpkg_noto_sans_khmer").__file__).parent
KHMER_SOURCE = KHMER_PACKAGE / "files" / "NotoSansKhmer[wdth,wght].ttf"
OUTPUT = Path(__file__).resolve().parent.parent / "website" / "static" / "fonts"
WEIGHTS = {"Regular": 400, "Bold": 700}

LATIN = "U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+2000-206F,U+20AC,U+2122,U+2212,U+FEFF,U+FFFD"
VIETNAMESE = (
    "U+0102-0103,U+0110-0111,U+0128-0129,U+0168-0169,U+01A0-01A1,U+01AF-01B0,"
    "U+0300-0301,U+0303-0304,U+0308-0309,U+0323,U+0329,U+1EA0-1EF9,U+20AB"
)


# The switcher's label for Khmer (settings.LANGUAGES; tests/website/test_khmer_font.py checks they agree).
KHMER_LABEL = "ភាសាខ្មែរ"
# The Khmer and Khmer Symbols blocks; the subset also keeps the zero-width (non-)joiners and space that Khmer
# text uses between words, and the dotted circle shown under a stray vowel sign.
KHMER_RANGE = "U+1780-17FF,U+19E0-19FF"
KHMER_EXTRA = "U+200B-200D,U+25CC"


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


def make_khmer_subset(target: Path, *, weight: int, text: str = "", unicodes: list[int] | None = None) -> Path:
    font = instancer.instantiateVariableFont(TTFont(KHMER_SOURCE), {"wght": weight, "wdth": 100})
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]  # Khmer needs its shaping features (subscript consonants, vowel parts)
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options=options)
    subsetter.populate(text=text, unicodes=unicodes or [])
    subsetter.subset(font)
    font.flavor = "woff2"
    font.save(target)
    return target


def main() -> int:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    targets = [make_subset(style) for style in WEIGHTS]
    for weight in WEIGHTS.values():
        targets.append(make_khmer_subset(OUTPUT / f"khmer-label-{weight}.woff2", weight=weight, text=KHMER_LABEL))
        block = subset.parse_unicodes(f"{KHMER_RANGE},{KHMER_EXTRA}")
        targets.append(make_khmer_subset(OUTPUT / f"noto-sans-khmer-{weight}.woff2", weight=weight, unicodes=block))
    (OUTPUT / "OFL-NotoSansKhmer.txt").write_text((KHMER_PACKAGE / "LICENSE").read_text(encoding="utf-8"))
    for target in targets:
        print(f"{target.relative_to(OUTPUT.parent.parent.parent)}: {target.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
