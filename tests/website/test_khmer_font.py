"""The self-hosted Khmer faces (issue 15: the switcher's Khmer label was blank where no Khmer font is installed):
declared with a unicode-range, small, covering what they are for, and licensed to be served."""

import re
from pathlib import Path

from django.conf import settings
from fontTools.ttLib import TTFont

STATIC = Path(settings.BASE_DIR) / "website" / "static"
MAX_BYTES = 60 * 1024


def font_faces() -> list[dict[str, str]]:
    css = (STATIC / "css" / "site.css").read_text(encoding="utf-8")
    faces = []
    for block in re.findall(r"@font-face\s*{([^}]*)}", css):
        faces.append({name.strip(): value.strip() for name, value in re.findall(r"([\w-]+)\s*:\s*([^;]+);", block)})
    return faces


def khmer_faces() -> list[dict[str, str]]:
    return [face for face in font_faces() if "Khmer" in face["font-family"]]


def file_of(face: dict[str, str]) -> Path:
    relative = re.search(r'url\("\.\./([^"]+)"\)', face["src"]).group(1)
    return STATIC / relative


def test_every_khmer_face_has_a_unicode_range_for_the_khmer_block_and_is_small():
    faces = khmer_faces()
    assert {(face["font-family"], face["font-weight"]) for face in faces} == {
        ('"Loa Khmer Label"', "400"),
        ('"Loa Khmer Label"', "700"),
        ('"Noto Sans Khmer"', "400"),
        ('"Noto Sans Khmer"', "700"),
    }
    for face in faces:
        # Only Khmer letters make the browser fetch it: a Vietnamese or English page never does.
        assert "U+1780-17FF" in face["unicode-range"], face
        assert "0000" not in face["unicode-range"] and "00FF" not in face["unicode-range"], face
        assert face["font-display"] == "swap"
        path = file_of(face)
        assert path.read_bytes()[:4] == b"wOF2", path
        assert path.stat().st_size <= MAX_BYTES, (path, path.stat().st_size)


def test_the_label_face_draws_the_switchers_label_and_the_block_every_khmer_letter():
    label = dict(settings.LANGUAGES)["km"]
    for face in khmer_faces():
        cmap = TTFont(file_of(face)).getBestCmap()
        if "Label" in face["font-family"]:
            assert {ord(char) for char in label} <= set(cmap), face
        else:
            # Consonants, independent vowels, dependent vowels and signs, digits.
            letters = [*range(0x1780, 0x17DE), *range(0x17E0, 0x17EA)]
            assert set(letters) <= set(cmap), face


def test_the_site_uses_the_faces_and_ships_their_licence():
    css = (STATIC / "css" / "site.css").read_text(encoding="utf-8")
    assert re.search(r'body\s*{[^}]*font-family: "Be Vietnam Pro", "Noto Sans Khmer"', css)
    assert re.search(r'\.language-switcher a\[lang="km"\]\s*{\s*font-family: "Be Vietnam Pro", "Loa Khmer Label"', css)
    licence = (STATIC / "fonts" / "OFL-NotoSansKhmer.txt").read_text(encoding="utf-8")
    assert "SIL Open Font License, Version 1.1" in licence and "Noto Project Authors" in licence
