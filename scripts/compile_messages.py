"""Compile the interface catalogues (locale/*/LC_MESSAGES/django.po → .mo) in pure Python.

Run by `make messages` after `makemessages`; needs no gettext tools, only polib.
It also keeps what makemessages cannot know:
- the Vietnamese catalogue is complete by construction: the msgids are Vietnamese, so each
  msgstr is its msgid (a Vietnamese page never shows a string from another catalogue);
- every catalogue names its language and plural rule. Vietnamese, Khmer, Ê Đê and H'Mông do
  not inflect nouns for number (one form); a placeholder rule would stop Django loading the file.
Other catalogues are left as translators made them: an empty or fuzzy entry is untranslated
and the interface shows the Vietnamese text for it.
"""

import sys
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent.parent / "locale"
SOURCE_LANGUAGE = "vi"
PLURAL_FORMS = {
    "vi": "nplurals=1; plural=0;",
    "en": "nplurals=2; plural=(n != 1);",
    "km": "nplurals=1; plural=0;",
    "rad": "nplurals=1; plural=0;",
    "hnj": "nplurals=1; plural=0;",
}
LANGUAGE_TEAMS = {
    "vi": "Tiếng Việt (ngôn ngữ nguồn)",
    "en": "English",
    "km": "Khmer",
    "rad": "Ê Đê",
    "hnj": "H'Mông Njua",
}


def fill_source(catalogue: polib.POFile) -> None:
    for entry in catalogue:
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            entry.msgstr_plural = {0: entry.msgid_plural}
        else:
            entry.msgstr = entry.msgid
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")


def prepare(catalogue: polib.POFile, *, language: str) -> None:
    catalogue.metadata_is_fuzzy = False
    catalogue.metadata["Language"] = language
    catalogue.metadata["Language-Team"] = LANGUAGE_TEAMS.get(language, language)
    catalogue.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    if language in PLURAL_FORMS:
        catalogue.metadata["Plural-Forms"] = PLURAL_FORMS[language]
    if language == SOURCE_LANGUAGE:
        fill_source(catalogue)


def compile_all(locale_dir: Path = LOCALE) -> list[Path]:
    compiled = []
    for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        language = po_path.parent.parent.name
        catalogue = polib.pofile(str(po_path), wrapwidth=120)
        prepare(catalogue, language=language)
        catalogue.save(str(po_path))
        catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
        compiled.append(po_path)
    return compiled


def main() -> int:
    for po_path in compile_all():
        print(f"compile_messages: {po_path.relative_to(LOCALE.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
