"""What a staff member reads on an admin page, and which of it is a package's English string left untranslated.

The English strings are the msgids of the installed packages' catalogues (the same ones that
scripts/package_messages.py extracts), so a version bump that brings a new English string onto a
walked page makes the walk fail until the string is translated in locale_packages/source/.
"""

import functools
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import polib
from django.conf import settings

sys.path.insert(0, str(Path(settings.BASE_DIR) / "scripts"))
import package_messages

# Words that read the same in Vietnamese: names, brands, codes. Nothing else may stay English.
NAMES = {
    "Loa",
    "VNeID",
    "Zalo",
    "Facebook",
    "Wagtail",
    "English",
    "Email",
    "email",
    "URL",
    "QR",
    "PDF",
    "CSV",
    "XLSX",
    "ZIP",
    "ID",
    "OK",
    "Slug",
    "slug",
    "HTML",
    "SEO",
    "Ctrl",
    "Alt",
    "Enter",
    "JSON",
    "Twitter",
    "YouTube",
    "Audio",
    "Video",
    "Logo",
}
# Known gaps: English still shown on a walked page although the catalogue translates it: to fix, not to grow. None
# left. The earlier ones came from Wagtail templates that write English without gettext ("Search", "Actions"),
# overridden in website/templates/wagtailadmin/; from Wagtail's inspect views, which print Python's "None" for an
# empty field or photo (core.admin.EmptyValueInspectMixin: "Chưa có"); and from Wagtail's login form, whose password
# field has no label, so Django derived "Password" from its name (core.admin.LoginForm). English that no catalogue
# can reach is listed, with reasons, in the matrix test.
KNOWN_GAPS: frozenset[str] = frozenset()
VISIBLE_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
HIDDEN_ELEMENTS = {"script", "style", "noscript", "svg", "head"}
PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[sdifr]|\{[^}]*\}|__\w+__")
LETTERS = re.compile(r"[A-Za-z]")


class VisibleText(HTMLParser):
    """Text nodes and visible attributes, outside script/style/svg; <template> content counts (JS shows it)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN_ELEMENTS:
            self._hidden += 1
        for name, value in attrs:
            if name in VISIBLE_ATTRIBUTES and value:
                self.pieces.append(value)
            if name == "type" and tag == "input":
                continue
            if name == "value" and tag == "input" and dict(attrs).get("type") in {"submit", "button"} and value:
                self.pieces.append(value)

    def handle_startendtag(self, tag, attrs):
        hidden = tag in HIDDEN_ELEMENTS
        self.handle_starttag(tag, attrs)
        if hidden:
            self._hidden -= 1

    def handle_endtag(self, tag):
        if tag in HIDDEN_ELEMENTS and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.pieces.append(data)


def visible_text(html: str) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    return [" ".join(piece.split()) for piece in parser.pieces if piece.strip()]


@functools.cache
def english_strings() -> tuple[frozenset[str], tuple[str, ...]]:
    """(whole English msgids, literal fragments of msgids with placeholders) that must not show in Vietnamese.

    A msgid whose Vietnamese translation is the msgid itself (a name, a code) is left out.
    """
    identical: set[str] = set()
    for domain in package_messages.DOMAINS:
        for entry in polib.pofile(str(package_messages.OUTPUT_DIR / f"{domain}.po")):
            if entry.translated() and entry.msgstr == entry.msgid:
                identical.add(entry.msgid)
    whole, fragments = set(), set()
    for package in package_messages.packages():
        for domain in package_messages.DOMAINS:
            source = package_messages.source_catalogue(package.locale_dir, domain)
            if source is None:
                continue
            for entry in polib.pofile(str(source)):
                for msgid in filter(None, (entry.msgid, entry.msgid_plural)):
                    if msgid in identical or not LETTERS.search(msgid):
                        continue
                    text = " ".join(msgid.split())
                    if PLACEHOLDER.search(text) or "<" in text:
                        for part in re.split(r"<[^>]*>", PLACEHOLDER.sub("\x00", text)):
                            for fragment in part.split("\x00"):
                                fragment = fragment.strip(" .,:;()\"'“”…")
                                if len(fragment.split()) >= 3:
                                    fragments.add(fragment)
                    else:
                        whole.add(text.strip())
    return frozenset(whole - NAMES), tuple(sorted(fragments))


def untranslated(html: str) -> set[str]:
    """The package strings that a page shows in English."""
    whole, fragments = english_strings()
    found = set()
    pieces = visible_text(html)
    for piece in pieces:
        stripped = piece.strip(" *:…")
        if piece in whole or stripped in whole:
            found.add(piece)
    joined = "\n".join(pieces)
    for fragment in fragments:
        if fragment in joined:
            found.add(fragment)
    return found
