"""Interface strings: marked for translation in every template, complete in Vietnamese and English.

When this fails after you added interface text: wrap it in {% translate %} / {% blocktranslate %}
(or gettext in Python), run `make messages`, translate the new entries of
locale/en/LC_MESSAGES/django.po, and run `make messages` again to compile.
"""

import html
import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.template.base import Lexer, TokenType

ROOT = Path(settings.BASE_DIR)
LOCALE = ROOT / "locale"
OUR_APPS = ["website", "home", "places", "campaigns", "tracking", "media_kit", "insights", "search"]
COMPLETE_LANGUAGES = ["vi", "en"]
ALL_LANGUAGES = [code for code, _name in settings.LANGUAGES]

# Visible text that is the same in every language: names, codes, units, symbols.
NOT_WORDS = {"VNeID", "QR", "PDF", "CSV", "XLSX", "ZIP", "PNG", "URL", "Loa", "A4", "WEBVTT", "mm", "px", "pt"}
VISIBLE_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")
WORD = re.compile(r"[^\W\d_]{2,}")
IDENTIFIER = re.compile(r"[a-z0-9_-]+")


def our_templates() -> list[Path]:
    found = []
    for app in OUR_APPS:
        found += sorted((ROOT / app / "templates").rglob("*.html"))
        found += sorted((ROOT / app / "templates").rglob("*.txt"))
    return found


def untranslated_text(source: str) -> list[str]:
    """Visible words in a template that no translation tag covers.

    The template is reduced to the HTML outside translation blocks and comments, with every
    variable and tag replaced by a marker; then text between tags and visible attributes are read.
    """
    skeleton, skip_until = [], None
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0] if token.contents else ""
            if skip_until is not None:
                if name == skip_until:
                    skip_until = None
                continue
            if name in {"blocktranslate", "blocktrans"}:
                skip_until = "endblocktranslate" if name == "blocktranslate" else "endblocktrans"
            elif name == "comment":
                skip_until = "endcomment"
            skeleton.append("\x00")
        elif token.token_type == TokenType.TEXT and skip_until is None:
            skeleton.append(token.contents)
        elif skip_until is None:
            skeleton.append("\x00")
    page = "".join(skeleton)
    page = re.sub(r"<(script|style)\b.*?</\1>", "\x00", page, flags=re.S | re.I)
    page = re.sub(r"<!--.*?-->", "", page, flags=re.S)
    pieces = []
    for attribute in VISIBLE_ATTRIBUTES:
        pieces += re.findall(rf'\s{attribute}="([^"]*)"', page)
    pieces += re.split(r"<[^>]*>", page)
    found = []
    for piece in pieces:
        for chunk in html.unescape(piece).split("\x00"):
            if IDENTIFIER.fullmatch(chunk.strip()):
                continue  # a CSS class or an id given through a block ({% block body_class %}page-home…)
            words = [word for word in WORD.findall(chunk) if word not in NOT_WORDS]
            if words:
                found.append(chunk.strip())
    return found


def test_the_scanner_finds_unmarked_text_and_accepts_marked_text():
    assert untranslated_text('<p>Xin chào {{ name }}</p><img alt="Ảnh">') == ["Ảnh", "Xin chào"]
    marked = (
        '{% load i18n %}<p>{% translate "Xin chào" %} {{ name }}</p>'
        "{% blocktranslate %}Bước {{ n }}{% endblocktranslate %}<style>p { color: red; }</style>"
        '<img alt="{% translate "Ảnh" %}"> VNeID · 24133 {# ghi chú #}{% comment %}Ghi chú{% endcomment %}'
    )
    assert untranslated_text(marked) == []


@pytest.mark.parametrize("template", our_templates(), ids=lambda path: str(path.relative_to(ROOT)))
def test_every_visible_template_string_is_marked_for_translation(template):
    assert untranslated_text(template.read_text(encoding="utf-8")) == []


def catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_every_language_has_a_compiled_catalogue_so_django_activates_it(language):
    assert (LOCALE / language / "LC_MESSAGES" / "django.mo").exists()


@pytest.mark.parametrize("language", COMPLETE_LANGUAGES)
def test_the_vietnamese_and_english_catalogues_are_complete(language):
    missing = [entry.msgid for entry in catalogue(language) if not entry.obsolete and not entry.translated()]
    assert missing == [], f"{len(missing)} untranslated or fuzzy entries in locale/{language}: translate them"


def test_the_vietnamese_catalogue_is_vietnamese():
    for entry in catalogue("vi"):
        if entry.msgid_plural:
            assert list(entry.msgstr_plural.values()) == [entry.msgid_plural]
        elif not entry.obsolete:
            assert entry.msgstr == entry.msgid


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="makemessages needs GNU gettext (apt-get install gettext)")
def test_the_catalogues_hold_every_string_of_the_code(tmp_path, settings, monkeypatch):
    """`makemessages` finds nothing new: the committed catalogue is up to date with the code.

    makemessages writes into the `locale` folder beside the code it reads, so it runs over a copy.
    """
    copy = tmp_path / "project"
    for app in OUR_APPS:
        shutil.copytree(ROOT / app, copy / app, ignore=shutil.ignore_patterns("__pycache__", "static", "*.mo"))
    (copy / "locale").mkdir()
    monkeypatch.chdir(copy)
    settings.LOCALE_PATHS = [copy / "locale"]
    call_command("makemessages", locale=["en"], no_obsolete=True, verbosity=0)
    fresh_po = polib.pofile(str(copy / "locale" / "en" / "LC_MESSAGES" / "django.po"))
    fresh = {(entry.msgctxt or "", entry.msgid) for entry in fresh_po}
    committed = {(entry.msgctxt or "", entry.msgid) for entry in catalogue("en") if not entry.obsolete}
    new = sorted(msgid for _context, msgid in fresh - committed)
    assert new == [], f"{len(new)} strings are not in the catalogues: run `make messages`"
