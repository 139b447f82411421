from django import template

from tracking.completion import completion_token

register = template.Library()


@register.inclusion_tag("tracking/completion_form.html")
def completion_form(page):
    """The "Tôi đã làm xong" form for a landing page (guide, video or campaign page).

    The code the citizen came through is never written here: the page is the same for every code
    of a ward (and cached so). The page's script fills `qr` from sessionStorage; without JavaScript
    the completion view reads it from the Referer (see tracking/completion_views.py).
    """
    return {"page": page, "token": completion_token(page.pk), "qr": ""}
