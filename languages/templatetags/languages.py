from django import template
from django.utils.translation import get_language

from languages.serving import LANGUAGE_NAMES_IN_SENTENCE, language_links, shows_fallback

register = template.Library()


@register.inclusion_tag("languages/language_switcher.html", takes_context=True)
def language_switcher(context) -> dict:
    request = context.get("request")
    if request is None:
        return {"links": []}
    return {"links": language_links(request=request, page=context.get("page"))}


@register.simple_tag(takes_context=True)
def fallback_language_name(context) -> str:
    """The active language's name when the page is shown in Vietnamese for want of a translation, else ""."""
    page = context.get("page")
    if not shows_fallback(page=page):
        return ""
    return str(LANGUAGE_NAMES_IN_SENTENCE.get(get_language(), get_language()))
