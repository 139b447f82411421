from django import template

from tracking.completion import completion_token

register = template.Library()


@register.inclusion_tag("tracking/completion_form.html", takes_context=True)
def completion_form(context, page):
    """The "Tôi đã làm xong" form for a guide, with the code the citizen came through."""
    request = context.get("request")
    qr = request.GET.get("qr", "")[:32] if request is not None else ""
    return {"page": page, "token": completion_token(page.pk), "qr": qr}
