from urllib.parse import urlsplit

import pytest

from places.models import AdministrativeUnit
from tests.factories.tracking import placement
from tests.languages.conftest import translated

pytestmark = pytest.mark.django_db

PHONE = "Mozilla/5.0 (Linux; Android 10; SM-A105F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari"


@pytest.fixture
def rad_ward(official_units):
    ward = AdministrativeUnit.objects.get(code="24169")  # Ea Kao, Đắk Lắk
    ward.default_language = "rad"
    ward.save()
    return ward


@pytest.fixture
def vi_ward(official_units):
    return AdministrativeUnit.objects.get(code="24133")


def scan(client, code: str, accept_language: str = "vi-VN,vi;q=0.9") -> str:
    response = client.get(
        f"/q/{code}", HTTP_USER_AGENT=PHONE, HTTP_ACCEPT_LANGUAGE=accept_language, REMOTE_ADDR="203.0.113.7"
    )
    assert response.status_code == 302
    return urlsplit(response["Location"]).path


def poster(unit, guide):
    return placement(unit=unit, campaign=guide.get_parent().specific, target_page=guide)


def test_a_scan_from_a_rad_ward_lands_on_the_rad_guide_when_translated(client, rad_ward, guide, rad_guide):
    assert scan(client, poster(rad_ward, guide).short_code) == rad_guide.url
    assert rad_guide.url.startswith("/rad/")


def test_a_scan_from_a_rad_ward_lands_on_the_vietnamese_guide_when_not(client, rad_ward, guide, en_guide):
    assert scan(client, poster(rad_ward, guide).short_code) == guide.url


def test_the_phone_language_comes_second(client, rad_ward, guide, en_guide):
    code = poster(rad_ward, guide).short_code
    assert scan(client, code, "en-US,en;q=0.9,vi;q=0.8") == en_guide.url
    # A language without a translation is skipped; Vietnamese listed first wins.
    assert scan(client, code, "fr-FR,en;q=0.8") == en_guide.url
    assert scan(client, code, "vi,en;q=0.5") == guide.url
    assert scan(client, code, "km-KH") == guide.url


def test_the_ward_language_comes_before_the_phone(client, rad_ward, guide, en_guide, rad_guide):
    assert scan(client, poster(rad_ward, guide).short_code, "en-US,en;q=0.9") == rad_guide.url


def test_a_vietnamese_ward_stays_in_vietnamese(client, vi_ward, guide, en_guide):
    assert scan(client, poster(vi_ward, guide).short_code, "en-US,en;q=0.9") == guide.url


def test_publishing_a_translation_changes_where_a_cached_code_leads(
    client, rad_ward, guide, django_capture_on_commit_callbacks
):
    code = poster(rad_ward, guide).short_code
    assert scan(client, code) == guide.url  # now cached
    rad = translated(guide, language_code="rad", strings={}, capture=django_capture_on_commit_callbacks)
    assert scan(client, code) == rad.url
    with django_capture_on_commit_callbacks(execute=True):
        rad.unpublish()
    assert scan(client, code) == guide.url


def test_changing_the_ward_language_changes_where_its_codes_lead(client, vi_ward, guide, rad_guide):
    code = poster(vi_ward, guide).short_code
    assert scan(client, code) == guide.url
    vi_ward.default_language = "rad"
    vi_ward.save()
    assert scan(client, code) == rad_guide.url


def test_choosing_the_language_adds_no_query_to_a_warm_scan(
    client, rad_ward, guide, en_guide, rad_guide, django_assert_max_num_queries
):
    code = poster(rad_ward, guide).short_code
    scan(client, code)
    with django_assert_max_num_queries(0):
        assert scan(client, code, "en") == rad_guide.url
