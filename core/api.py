"""Bounds on the public content API's query parameters (Wagtail API v2), so that odd input is a 400, never a 500.

Wagtail passes `offset`, `limit` and ids to the database as given (10^30 overflows it), `id` of the find
view to int(), and `search` to the full-text backend, whose SQLite query syntax breaks on quotes, lone
spaces and long word lists. The search text is cleaned as the site's own search cleans it.
"""

import unicodedata

from wagtail.api.v2.utils import BadRequestError

LARGEST_ID = 2**31 - 1
NUMERIC_PARAMETERS = ("offset", "limit", "id", "child_of", "descendant_of", "translation_of")
SEARCH_MAX_WORDS = 12
SEARCH_MAX_LENGTH = 200


def searchable_words(raw: str) -> str:
    """Letters and digits only, single spaces, at most a few words: what every search backend accepts."""
    text = unicodedata.normalize("NFC", raw)
    text = "".join(char if char.isalnum() else " " for char in text)
    return " ".join(text.split()[:SEARCH_MAX_WORDS])[:SEARCH_MAX_LENGTH].strip()


class BoundedQueryMixin:
    """For a Wagtail API viewset: refuse NUL bytes and out-of-range numbers, clean `search` before Wagtail sees it."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        query = request._request.GET
        if any("\x00" in value for values in query.lists() for value in values[1]):
            raise BadRequestError("query parameters must not contain NUL bytes")
        for name in NUMERIC_PARAMETERS:
            value = query.get(name)
            if value is None or value == "" or (name == "child_of" and value == "root"):
                continue
            if not (value.isascii() and value.isdigit() and int(value) <= LARGEST_ID):
                raise BadRequestError(f"{name} must be a whole number from 0 to {LARGEST_ID}")
        if "search" in query:
            cleaned = query.copy()
            words = searchable_words(query["search"])
            if words:
                cleaned["search"] = words
            else:
                del cleaned["search"]
                cleaned.pop("search_operator", None)
            request._request.GET = cleaned
