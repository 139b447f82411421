"""Translating pages with wagtail-localize, and where each page stands in each language.

Translators normally work in the admin (wagtail-localize's editor, or its PO download and
upload); `translate_page` is the same flow in code, for the demo and the tests: it starts a
wagtail-localize translation, imports the translator's strings as a PO file would, and publishes.
"""

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.operations import translate_object


def _locale(language_code: str) -> Locale:
    return Locale.objects.get(language_code=language_code)


def _ensure_parent_in(page: Page, locale: Locale) -> None:
    """The page's ancestors must exist in the target locale before the page can.

    Untranslated ancestors become aliases of the Vietnamese pages (wagtail-localize's own
    placeholder): they stay in sync with the source, and count as untranslated in the report.
    """
    parent = page.get_parent()
    if parent.depth <= 1 or parent.get_translation_or_none(locale) is not None:
        return
    parent.specific.copy_for_translation(locale, copy_parents=True, alias=True)


@transaction.atomic
def translate_page(*, page: Page, language_code: str, strings: Mapping[str, str], user=None) -> Page:
    """Translate a page into one language with the translator's strings (source text → translation).

    Strings not given stay in Vietnamese (wagtail-localize falls back to the source). The page is
    published when the source is live. Returns the translated page.
    """
    locale = _locale(language_code)
    page = page.specific
    _ensure_parent_in(page, locale)
    translate_object(page, [locale], user=user)
    source = TranslationSource.objects.get_for_instance(page)
    translation = Translation.objects.get(source=source, target_locale=locale)
    po = translation.export_po()
    for entry in po:
        if entry.msgid in strings:
            entry.msgstr = strings[entry.msgid]
            entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
    translation.import_po(po, user=user)
    translation.save_target(user=user, publish=page.live)
    return page.get_translation(locale)


@transaction.atomic
def start_translation(*, page: Page, language_code: str, user=None) -> Page:
    """Open a page to translators in one language: wagtail-localize's translation, with a draft page.

    Nothing is published: until a translator translates and publishes it, visitors of that language
    get the Vietnamese page with the notice. Returns the draft.
    """
    locale = _locale(language_code)
    page = page.specific
    _ensure_parent_in(page, locale)
    translate_object(page, [locale], user=user)
    source = TranslationSource.objects.get_for_instance(page)
    Translation.objects.get(source=source, target_locale=locale).save_target(user=user, publish=False)
    return page.get_translation(locale)


class TranslationState(enum.StrEnum):
    TRANSLATED = "translated"
    OUT_OF_DATE = "out_of_date"
    DRAFT = "draft"
    MISSING = "missing"

    @property
    def label(self) -> str:
        return str(TRANSLATION_STATE_LABELS[self])


TRANSLATION_STATE_LABELS = {
    TranslationState.TRANSLATED: _("Đã dịch"),
    TranslationState.OUT_OF_DATE: _("Cần cập nhật"),
    TranslationState.DRAFT: _("Đang dịch, chưa xuất bản"),
    TranslationState.MISSING: _("Chưa dịch"),
}


@dataclass(frozen=True)
class PageTranslationStatus:
    page: Page
    states: dict[str, TranslationState]  # language code → state, in the order of settings.LANGUAGES


def target_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def translation_statuses(*, pages: Iterable[Page]) -> list[PageTranslationStatus]:
    """For each source page, each other language: translated, out of date, a draft not published yet, or missing.

    Out of date: the Vietnamese page was published after the translation last took its text
    (wagtail-localize's TranslationSource.last_updated_at, moved on by "Sync translated pages"),
    or, for a page translated by hand, after the translation was last published. An alias
    (a placeholder in the translated tree) counts as missing. Three queries for any number of pages.
    """
    pages = list(pages)
    keys = {page.translation_key for page in pages}
    translated = {
        (page.translation_key, page.locale.language_code): page
        for page in Page.objects.filter(translation_key__in=keys, alias_of__isnull=True)
        .exclude(locale__language_code=settings.LANGUAGE_CODE)
        .select_related("locale")
    }
    synced_at = dict(
        TranslationSource.objects.filter(object_id__in=keys, locale__language_code=settings.LANGUAGE_CODE).values_list(
            "object_id", "last_updated_at"
        )
    )
    statuses = []
    for page in pages:
        states = {}
        for language in target_languages():
            translation = translated.get((page.translation_key, language))
            if translation is None:
                states[language] = TranslationState.MISSING
                continue
            if not translation.live:  # visitors get the Vietnamese page until it is published
                states[language] = TranslationState.DRAFT
                continue
            taken_at = synced_at.get(page.translation_key) or translation.last_published_at
            stale = page.last_published_at and taken_at and page.last_published_at > taken_at
            states[language] = TranslationState.OUT_OF_DATE if stale else TranslationState.TRANSLATED
        statuses.append(PageTranslationStatus(page=page, states=states))
    return statuses
