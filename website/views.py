from django.http import HttpRequest, HttpResponseNotFound
from django.template import loader
from wagtail.models import Locale

from campaigns.models import GuidePage

TOP_GUIDES = 4


def page_not_found(request: HttpRequest, exception=None) -> HttpResponseNotFound:
    """A helpful 404 in Vietnamese: a wrong or mistyped code still leads somewhere useful."""
    try:
        guides = list(
            GuidePage.objects.live().public().filter(locale=Locale.get_active()).order_by("path")[:TOP_GUIDES]
        )
    except Exception:  # the 404 page must render even when the database does not answer
        guides = []
    body = loader.render_to_string("404.html", {"top_guides": guides, "request_path": request.path}, request)
    return HttpResponseNotFound(body)
