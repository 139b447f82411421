"""Tests do not leak into each other (tests/conftest.py). The two tests below run in this order on one worker
(pytest-xdist's `--dist loadfile` keeps a file together): the first leaves a page's language active, as any request
through the test client does; the second must not see it."""

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_a_request_to_an_ede_page_leaves_ede_active_in_the_thread(client):
    client.get("/rad/tim-kiem/", {"q": "vneid"})
    assert translation.get_language() == "rad"  # LocaleMiddleware does not deactivate it


def test_the_next_test_starts_in_vietnamese():
    assert translation.get_language() == "vi"
    assert reverse("search") == "/tim-kiem/"
