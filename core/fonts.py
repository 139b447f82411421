"""The print fonts, one setup for every PDF (print packs and the monthly report), from font packages:
Be Vietnam Pro, Noto Sans for letters it lacks (Ê Đê's ĕ ĭ ŏ ŭ), and Noto Sans Khmer for the Khmer script."""

from pathlib import Path

BE_VIETNAM_PRO = Path(__import__("fontpkg_be_vietnam_pro").__file__).parent / "files"
NOTO_SANS = Path(__import__("fontpkg_noto_sans").__file__).parent / "files"
NOTO_SANS_KHMER = Path(__import__("fontpkg_noto_sans_khmer").__file__).parent / "files"


def _face(family: str, path: Path, weight: str = "normal") -> str:
    return f'@font-face {{ font-family: "{family}"; font-weight: {weight}; src: url("{path.as_uri()}"); }}'


FONT_FACES = "\n".join(
    [
        _face("Be Vietnam Pro", BE_VIETNAM_PRO / "BeVietnamPro-Regular.ttf", "400"),
        _face("Be Vietnam Pro", BE_VIETNAM_PRO / "BeVietnamPro-Bold.ttf", "700"),
        # One variable font for both weights (WeasyPrint takes no weight range in @font-face).
        _face("Noto Sans", NOTO_SANS / "NotoSans[wdth,wght].ttf", "400"),
        _face("Noto Sans", NOTO_SANS / "NotoSans[wdth,wght].ttf", "700"),
        _face("Noto Sans Khmer", NOTO_SANS_KHMER / "NotoSansKhmer[wdth,wght].ttf", "400"),
        _face("Noto Sans Khmer", NOTO_SANS_KHMER / "NotoSansKhmer[wdth,wght].ttf", "700"),
    ]
)
FONT_STACK = '"Be Vietnam Pro", "Noto Sans", "Noto Sans Khmer"'
