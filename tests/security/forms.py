"""Requests as a browser would send them: the fields of a form read from the page, CSRF token included.

The scoping tests post a well-formed form (taken from a page the person may open) to another unit's
object, with a client that enforces CSRF, and compare the rows before and after.
"""

from html.parser import HTMLParser

from django.db import models
from django.test import Client

# Wagtail's admin pages carry other forms (search, the sidebar's log-out); the object's form is the one with these.
SKIPPED_INPUT_TYPES = {"submit", "button", "image", "reset", "file"}


class _FormReader(HTMLParser):
    """The named fields of every <form> of a page, with the values a browser would submit untouched."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: str | None = None
        self._select_first: str | None = None
        self._select_chosen = False
        self._option_value: str | None = None
        self._option_selected = False
        self._option_text = ""
        self._textarea: str | None = None
        self._textarea_text = ""

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self._form = {"action": attributes.get("action") or "", "fields": {}}
            self.forms.append(self._form)
            return
        if self._form is None:
            return
        fields = self._form["fields"]
        name = attributes.get("name")
        if tag == "input" and name:
            kind = (attributes.get("type") or "text").lower()
            if kind in SKIPPED_INPUT_TYPES:
                return
            if kind in {"checkbox", "radio"}:
                if "checked" in attributes:
                    fields.setdefault(name, []).append(attributes.get("value") or "on")
                return
            fields.setdefault(name, []).append(attributes.get("value") or "")
        elif tag == "select" and name:
            self._select, self._select_first, self._select_chosen = name, None, False
        elif tag == "option" and self._select:
            self._option_value = attributes.get("value")
            self._option_selected = "selected" in attributes
            self._option_text = ""
        elif tag == "textarea" and name:
            self._textarea, self._textarea_text = name, ""

    def handle_data(self, data):
        if self._textarea:
            self._textarea_text += data
        elif self._option_value is None and self._select:
            self._option_text += data

    def handle_endtag(self, tag):
        if self._form is None:
            return
        fields = self._form["fields"]
        if tag == "option" and self._select:
            value = self._option_value if self._option_value is not None else self._option_text.strip()
            if self._select_first is None:
                self._select_first = value
            if self._option_selected:
                fields.setdefault(self._select, []).append(value)
                self._select_chosen = True
            self._option_value = None
        elif tag == "select" and self._select:
            if not self._select_chosen and self._select_first is not None:
                fields.setdefault(self._select, []).append(self._select_first)
            self._select = None
        elif tag == "textarea" and self._textarea:
            fields.setdefault(self._textarea, []).append(self._textarea_text.removeprefix("\n"))
            self._textarea = None
        elif tag == "form":
            self._form = None


def form_on_page(html: str) -> dict[str, list[str]]:
    """The fields of the page's object form: the form that carries a CSRF token and the most fields."""
    reader = _FormReader()
    reader.feed(html)
    forms = [form["fields"] for form in reader.forms if "csrfmiddlewaretoken" in form["fields"]]
    assert forms, "no form with a CSRF token on the page"
    return max(forms, key=len)


def form_from_get(client: Client, url: str) -> dict[str, list[str]]:
    response = client.get(url)
    assert response.status_code == 200, f"GET {url}: {response.status_code}"
    return form_on_page(response.content.decode())


def post_form(client: Client, url: str, fields: dict[str, list[str]], **changes):
    """POST the fields, with some replaced (a value or a list of values; None drops the field)."""
    data = {name: list(values) for name, values in fields.items()}
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = [str(item) for item in value] if isinstance(value, list | tuple) else [str(value)]
    return client.post(url, data)


def csrf_client(user) -> Client:
    """A client that, like a browser, must send the CSRF token it was given."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def rows(*querysets: models.QuerySet) -> list[list[dict]]:
    """Every row of the querysets, all columns, in primary-key order: what "nothing changed" compares."""
    return [list(queryset.order_by("pk").values()) for queryset in querysets]
