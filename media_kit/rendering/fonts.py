"""The print fonts, from font packages: Be Vietnam Pro, and Noto Sans for letters it lacks (Ê Đê's ĕ ĭ ŏ ŭ)."""

from pathlib import Path

BE_VIETNAM_PRO = Path(__import__("fontpkg_be_vietnam_pro").__file__).parent / "files"
NOTO_SANS = Path(__import__("fontpkg_noto_sans").__file__).parent / "files"

FONT_FACES = f"""
@font-face {{ font-family: "Be Vietnam Pro"; font-weight: 400; src: url("{(BE_VIETNAM_PRO / "BeVietnamPro-Regular.ttf").as_uri()}"); }}
@font-face {{ font-family: "Be Vietnam Pro"; font-weight: 700; src: url("{(BE_VIETNAM_PRO / "BeVietnamPro-Bold.ttf").as_uri()}"); }}
@font-face {{ font-family: "Noto Sans"; src: url("{(NOTO_SANS / "NotoSans[wdth,wght].ttf").as_uri()}"); }}
"""
FONT_STACK = '"Be Vietnam Pro", "Noto Sans"'
