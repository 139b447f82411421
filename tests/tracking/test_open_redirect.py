"""No open redirect: whatever the path or the target an editor types, Location stays home or on a government host."""

from urllib.parse import urlsplit

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from places.models import AdministrativeUnit
from tests.factories.campaigns import GuidePageFactory
from tests.factories.tracking import placement
from tracking.models.placements import validate_target_url

pytestmark = pytest.mark.django_db

ALLOWED_HOSTS = ("dichvucong.gov.vn", "dichvucong.bocongan.gov.vn", "vneid.gov.vn", "chinhphu.vn")

hosts = st.sampled_from(
    [
        "dichvucong.gov.vn",
        "vneid.gov.vn",
        "evil.example",
        "dichvucong.gov.vn.evil.example",
        "evil.example@dichvucong.gov.vn",
        "dichvucong.gov.vn@evil.example",
        "xn--dchvucng-evil.example",
        "127.0.0.1",
        "",
    ]
)
schemes = st.sampled_from(["https", "http", "javascript", "data", "//", "", "HTTPS", "ftp"])
paths = st.text(alphabet=st.characters(codec="utf-8"), max_size=40)


def location_is_safe(location: str) -> bool:
    parts = urlsplit(location)
    if not parts.netloc and not parts.scheme:
        return location.startswith("/") and not location.startswith("//") and "\\" not in location
    host = (parts.hostname or "").lower()
    return parts.scheme == "https" and any(host == h or host.endswith("." + h) for h in ALLOWED_HOSTS)


@given(scheme=schemes, host=hosts, path=paths)
@settings(max_examples=1500, deadline=None)
def test_only_government_hosts_over_https_pass_the_target_validator(scheme, host, path):
    url = f"{scheme}://{host}/{path}" if scheme not in {"//", ""} else f"{scheme}{host}/{path}"
    try:
        validate_target_url(url)
    except ValidationError:
        return
    assert location_is_safe(url), url


@given(path=st.text(max_size=60))
@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_path_under_q_is_a_404_or_a_safe_redirect(client, official_units, path):
    response = client.get("/q/" + path.replace("?", "%3F").replace("#", "%23"))
    # /q/ itself (the client drops a path made of spaces and control characters only) is where a code is typed.
    if response.wsgi_request.path == "/q/":
        assert response.status_code == 200 and 'name="ma"' in response.content.decode()
        return
    assert response.status_code in {301, 302, 404}, (path, response.status_code)
    if response.status_code in {301, 302}:
        assert location_is_safe(response["Location"]), response["Location"]


@pytest.fixture
def real_codes(official_units):
    """Real codes, made once for all of hypothesis's examples (each example only reads them): three placements,
    each with its own random short code, two to a government page and one to a guide of the site."""
    ward = AdministrativeUnit.objects.get(code="24133")
    guide = GuidePageFactory()
    campaign = guide.get_parent().specific
    made = [
        placement(
            unit=ward, campaign=campaign, spot="1", target_url="https://dichvucong.gov.vn/p/home/dvc-trang-chu.html"
        ),
        placement(unit=ward, campaign=campaign, spot="2", target_url="https://vneid.gov.vn/"),
        placement(unit=ward, campaign=campaign, spot="3", target_page=guide),
    ]
    return [target.short_code for target in made]


@given(which=st.integers(0, 2), suffix=st.text(max_size=20), case=st.sampled_from(["lower", "upper"]))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_real_codes_with_junk_redirect_safely_or_not_at_all(client, real_codes, which, suffix, case):
    code = real_codes[which].lower() if case == "lower" else real_codes[which]
    response = client.get(f"/q/{code}{suffix.replace('?', '%3F').replace('#', '%23')}")
    assert response.status_code in {301, 302, 404}
    if response.status_code == 302:
        assert location_is_safe(response["Location"]), response["Location"]
