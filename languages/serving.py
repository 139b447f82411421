"""The public site in several languages: serving with a Vietnamese fallback, and the switcher's links.

Vietnamese is the source; a page not (yet) translated into the requested language is served
in Vietnamese under the requested prefix, with the interface in the requested language and a
notice saying so (see the `languages` template tags).
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse, translate_url
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page, Site
from wagtail.views import serve as wagtail_serve

from core.http import with_query
from places.selectors import UNIT_CODE_PATTERN

# How the interface names each language in a sentence ("chưa được dịch sang tiếng Ê Đê");
# translated through the catalogues like any other interface string.
LANGUAGE_NAMES_IN_SENTENCE = {
    "vi": _("tiếng Việt"),
    "en": _("tiếng Anh"),
    "km": _("tiếng Khmer"),
    "rad": _("tiếng Ê Đê"),
    "hnj": _("tiếng H'Mông"),
}


def source_language() -> str:
    return settings.LANGUAGE_CODE


def serve_page(request: HttpRequest, path: str) -> HttpResponse:
    """Wagtail's page view, falling back to the Vietnamese page when the translation does not exist."""
    try:
        return wagtail_serve(request, path)
    except Http404:
        if get_language() == source_language():
            raise
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    source_root = site.root_page.get_translation_or_none(Locale.get_default()) or site.root_page
    components = [component for component in path.split("/") if component]
    # Wagtail's serve() routes from the root in the active language and remembers the result on
    # the request (documented on Page.route_for_request); routing from the Vietnamese root and
    # handing that result to serve() keeps its hooks (privacy, caching) running as for any page.
    request._wagtail_route_for_request = source_root.specific.route(request, components)
    return wagtail_serve(request, path)


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str  # through the switch view, which keeps the visit's ward and code
    target: str  # the page in that language
    current: bool
    translated: bool


def switch_url(*, target: str, request: HttpRequest) -> str:
    """The switcher's link to `target`: through /doi-ngon-ngu/, with the ward of this page (never the code)."""
    params = {"den": target}
    ward = request.GET.get("xa", "")
    if UNIT_CODE_PATTERN.fullmatch(ward):
        params["xa"] = ward
    return f"{reverse('switch_language')}?{urlencode(params)}"


def language_links(*, request: HttpRequest, page: Page | None = None) -> list[LanguageLink]:
    """One link per language: to the page's live translation, else to the same address under that language.

    Without a translation the link still works: it shows the Vietnamese page with the notice.
    Every link goes through the switch view (languages/views.py), which carries `xa` and `qr` over.
    """
    current = get_language()
    translations = {}
    if page is not None and page.pk:
        for translation in page.get_translations(inclusive=True).live().select_related("locale"):
            translations[translation.locale.language_code] = translation
    # The address to carry into the other prefixes (the switch view adds the ward and the code), and
    # the language it is written in.
    url, url_language = with_query(request.get_full_path(), xa="", qr=""), current
    source_page = translations.get(source_language())
    if source_page is not None:
        url, url_language = source_page.get_url(request=request) or url, source_language()
    links = []
    for code, name in settings.LANGUAGES:
        translation = translations.get(code)
        translated_url = translation.get_url(request=request) if translation is not None else None
        if not translated_url:
            # translate_url() resolves the address in the active language, so activate the one it is in.
            with override(url_language):
                translated_url = translate_url(url, code)
        links.append(
            LanguageLink(
                code=code,
                name=name,
                url=switch_url(target=translated_url, request=request),
                target=translated_url,
                current=code == current,
                translated=translation is not None,
            )
        )
    return links


def shows_fallback(*, page: Page | None) -> bool:
    """Whether this page is shown in Vietnamese because it has no translation in the active language.

    Either the Vietnamese page itself is served under another prefix, or the page is an alias of
    it in the translated tree (wagtail-localize's placeholder for a page not translated yet).
    """
    if page is None:
        return False
    if page.locale.language_code != get_language():
        return True
    return page.alias_of_id is not None and page.alias_of.locale_id != page.locale_id
