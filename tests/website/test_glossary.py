"""The words of the interface and of the user guides agree (issue 20), with one glossary: docs/thuat-ngu-quan-tri.md.

- No Vietnamese string of the interface (Loa's own msgids in locale/vi, the packages' overrides in
  locale_packages/vi) and no user guide uses a word of the glossary's "Không dùng" table.
- Every button, menu item or field that a guide tells the reader to press, choose or fill ("Bấm **Gửi duyệt**") is a
  string of the interface, so a label renamed in the code fails here until the guide is rewritten.
"""

import functools
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
GLOSSARY = ROOT / "docs" / "thuat-ngu-quan-tri.md"
GUIDES = sorted((ROOT / "docs").glob("huong-dan-*.md"))
# "Bấm **X**", "chọn **X**", "mục **X**", "nút **X**", "Điền **X**", "Nhập **X**", "Vào **X**", "Ở **X**".
INSTRUCTION = re.compile(
    r"(?:[Bb]ấm|[Cc]họn|[Vv]ào|mục|nút|[Đđ]iền|[Nn]hập|Ở|trang nhắc|hoặc|(?<=\*\* )và)\s+\*\*“?([^*”]+?)”?\*\*"
)


def avoided_words() -> dict[str, str]:
    text = GLOSSARY.read_text()
    table = text.split("## Không dùng", 1)[1]
    rows = re.findall(r"^\| *([^|]+?) *\| *([^|]+?) *\|$", table, re.M)
    return {avoid: use for avoid, use in rows if avoid not in {"Không viết", "---"} and not avoid.startswith("-")}


@functools.cache
def interface_strings() -> frozenset[str]:
    """Every Vietnamese string a staff member may read: our msgids and the packages' Vietnamese overrides."""
    strings = set()
    for path in (ROOT / "locale" / "vi" / "LC_MESSAGES").glob("*.po"):
        for entry in polib.pofile(str(path)):
            strings.update(filter(None, (entry.msgid, entry.msgid_plural)))
    for path in (ROOT / "locale_packages" / "vi" / "LC_MESSAGES").glob("*.po"):
        for entry in polib.pofile(str(path)):
            strings.update(filter(None, (entry.msgstr, *entry.msgstr_plural.values())))
    return frozenset(strings)


def normal(text: str) -> str:
    return " ".join(text.split()).strip(" .:…").casefold()


def test_the_glossary_lists_words_to_avoid():
    avoided = avoided_words()
    assert len(avoided) >= 5, avoided
    assert avoided["luồng công việc"] == "quy trình duyệt"


@pytest.mark.parametrize("word", sorted(avoided_words()))
def test_no_interface_string_nor_guide_uses_an_avoided_word(word):
    pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE)
    found = sorted(text for text in interface_strings() if pattern.search(text))
    found += [guide.name for guide in GUIDES if pattern.search(guide.read_text())]
    assert not found, f"“{word}”: write “{avoided_words()[word]}” (docs/thuat-ngu-quan-tri.md): {found[:10]}"


def test_every_label_a_guide_names_is_on_the_interface():
    strings = {normal(text) for text in interface_strings()}
    named = {}
    for guide in GUIDES:
        for label in INSTRUCTION.findall(guide.read_text()):
            for part in label.split("→"):
                if re.search(r"\w", part):  # "+" is an icon's button, named by its sign
                    named.setdefault(normal(part), guide.name)
    assert len(named) >= 15, named
    missing = {label: guide for label, guide in named.items() if label not in strings}
    assert not missing, f"labels that the guides name but the interface does not show: {missing}"
