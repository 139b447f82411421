import json

from django import template
from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def ld_json(data: dict) -> str:
    """JSON for a <script type="application/ld+json">, escaped so that no text can close the tag."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_json_script_escapes))  # noqa: S308
