import re

import pytest
from django.core import signing
from django.urls import reverse

from places.models import AdministrativeUnit
from tests.factories.campaigns import GuidePageFactory
from tests.factories.tracking import placement
from tracking.completion import COMPLETIONS_PER_ADDRESS_PER_HOUR, TOKEN_SALT, completion_token
from tracking.models import Conversion, ConversionSource, OverLimitTaps

pytestmark = pytest.mark.django_db

ORIGIN = "http://testserver"
PHONE = "Mozilla/5.0 (Linux; Android 10; SM-A105F) Mobile Safari/537.36"


@pytest.fixture
def guide():
    return GuidePageFactory(title="Kích hoạt định danh điện tử mức độ 2")


@pytest.fixture
def poster(guide, official_units):
    return placement(
        unit=AdministrativeUnit.objects.get(code="24169"), campaign=guide.get_parent().specific, target_page=guide
    )


def form_fields(client, url: str) -> dict:
    html = client.get(url).content.decode()
    form = html.split("data-completion-form", 1)[1].split("</form>", 1)[0]
    return dict(re.findall(r'name="(\w+)" value="([^"]*)"', form))


def post(client, fields: dict, *, origin: str | None = ORIGIN, ip: str = "203.0.113.5", **extra):
    headers = {"HTTP_USER_AGENT": PHONE, "REMOTE_ADDR": ip, **extra}
    if origin is not None:
        headers["HTTP_ORIGIN"] = origin
    return client.post(reverse("completion"), fields, **headers)


def test_the_guide_carries_the_form_and_the_code_the_citizen_came_through(client, guide, poster):
    fields = form_fields(client, f"{guide.url}?qr={poster.short_code}&xa=24169")
    assert fields["qr"] == poster.short_code
    assert fields["token"]
    # The same token for every visitor: the page can be cached.
    assert form_fields(client, guide.url)["token"].split(":")[0] == fields["token"].split(":")[0]


def test_finishing_a_guide_counts_one_conversion_for_the_code_and_its_ward(client, guide, poster):
    fields = form_fields(client, f"{guide.url}?qr={poster.short_code}")
    response = post(client, fields)
    assert response.status_code == 303
    thanks = client.get(response["Location"])
    assert "Cảm ơn bạn!" in thanks.content.decode()
    [conversion] = Conversion.objects.all()
    assert conversion.placement == poster and conversion.unit.code == "24169"
    assert conversion.source == ConversionSource.SELF_REPORTED and conversion.guide_id == guide.pk
    assert not response.cookies and not thanks.cookies


def test_without_a_code_the_conversion_is_direct(client, guide):
    post(client, form_fields(client, guide.url))
    [conversion] = Conversion.objects.all()
    assert conversion.placement is None and conversion.unit is None


def test_the_same_visitor_within_30_minutes_counts_once(client, guide, poster):
    fields = form_fields(client, f"{guide.url}?qr={poster.short_code}")
    for _ in range(3):
        assert post(client, fields).status_code == 303
    post(client, fields, ip="198.51.100.8")
    assert Conversion.objects.count() == 2


def test_taps_past_the_limit_see_the_thank_you_page_and_are_only_counted(client, guide):
    """No JavaScript, a new browser each time: the 21st tap is thanked like the others, counted, not stored."""
    fields = form_fields(client, guide.url)
    responses = [
        post(client, fields, HTTP_USER_AGENT=f"{PHONE} build/{number}")
        for number in range(COMPLETIONS_PER_ADDRESS_PER_HOUR + 2)
    ]
    assert {response.status_code for response in responses} == {303}
    assert {response["Location"] for response in responses} == {responses[0]["Location"]}
    assert Conversion.objects.count() == COMPLETIONS_PER_ADDRESS_PER_HOUR
    assert OverLimitTaps.objects.get(placement=None).taps == 2


@pytest.mark.parametrize("origin", ["https://evil.example", "http://testserver.evil.example", "null", None])
def test_a_post_from_another_origin_or_none_is_refused(client, guide, origin):
    response = post(client, form_fields(client, guide.url), origin=origin)
    assert response.status_code == 403
    assert not Conversion.objects.exists()


def test_the_referer_stands_in_for_a_missing_origin(client, guide):
    response = post(client, form_fields(client, guide.url), origin=None, HTTP_REFERER=f"{ORIGIN}{guide.url}")
    assert response.status_code == 303


def test_a_forged_altered_or_expired_token_is_refused(client, guide, settings):
    fields = form_fields(client, guide.url)
    forged = signing.TimestampSigner(key="not-our-secret", salt=TOKEN_SALT).sign(str(guide.pk))
    other_page = completion_token(guide.pk).replace(f"{guide.pk}:", f"{guide.pk + 1}:", 1)
    expired = signing.TimestampSigner(salt=TOKEN_SALT).sign(str(guide.pk))
    for token in (forged, other_page, "", "x" * 300):
        assert post(client, {**fields, "token": token}).status_code == 403
    settings.SECRET_KEY = "another-key-after-rotation"
    assert post(client, {**fields, "token": expired}).status_code == 403
    assert not Conversion.objects.exists()


def test_get_is_not_a_completion(client):
    assert client.get(reverse("completion")).status_code == 405


def test_a_forged_code_is_recorded_as_direct_not_refused(client, guide):
    post(client, {**form_fields(client, guide.url), "qr": "'; DROP TABLE--"})
    assert Conversion.objects.get().placement is None


def test_a_forged_x_forwarded_for_does_not_make_a_new_visitor(client, guide, poster, settings):
    """Without a trusted proxy the header is the client's own words: rotating it changes nothing."""
    settings.LOA_TRUSTED_PROXY_COUNT = 0
    fields = form_fields(client, f"{guide.url}?qr={poster.short_code}")
    for number in range(5):
        assert post(client, fields, HTTP_X_FORWARDED_FOR=f"198.51.100.{number}").status_code == 303
    assert Conversion.objects.count() == 1


def test_behind_one_trusted_proxy_only_the_address_it_saw_counts(client, guide, poster, settings):
    settings.LOA_TRUSTED_PROXY_COUNT = 1
    fields = form_fields(client, f"{guide.url}?qr={poster.short_code}")
    for number in range(5):
        # The client writes the left part; the proxy appends the address it received from.
        forwarded = f"198.51.100.{number}, 203.0.113.77"
        assert post(client, fields, HTTP_X_FORWARDED_FOR=forwarded, ip="10.0.0.2").status_code == 303
    post(client, fields, HTTP_X_FORWARDED_FOR="198.51.100.9, 203.0.113.78", ip="10.0.0.2")
    assert Conversion.objects.count() == 2
