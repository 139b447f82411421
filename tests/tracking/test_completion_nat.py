"""Completions honest under NAT: one tab counts once, many tabs behind one address each count,
and one address cannot store more than the limit per placement in any rolling hour."""

import io
import re
import secrets
import time

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from places.models import AdministrativeUnit
from tests.factories.campaigns import GuidePageFactory
from tests.factories.tracking import placement
from tracking.completion import COMPLETIONS_PER_ADDRESS_PER_HOUR
from tracking.models import Conversion, OverLimitTaps

pytestmark = pytest.mark.django_db

ORIGIN = "http://testserver"
PHONE = "Mozilla/5.0 (Linux; Android 10; SM-A105F) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36"
COMMUNE_HALL_WIFI = "203.0.113.5"


@pytest.fixture
def guide():
    return GuidePageFactory(title="Kích hoạt định danh điện tử mức độ 2")


@pytest.fixture
def poster(guide, official_units):
    return placement(
        unit=AdministrativeUnit.objects.get(code="24169"), campaign=guide.get_parent().specific, target_page=guide
    )


@pytest.fixture
def fields(client, guide, poster):
    html = client.get(f"{guide.url}?qr={poster.short_code}").content.decode()
    form = html.split("data-completion-form", 1)[1].split("</form>", 1)[0]
    values = dict(re.findall(r'name="(\w+)" value="([^"]*)"', form))
    values["qr"] = poster.short_code
    return values


def new_tab() -> str:
    """What qr-attribution.js keeps in sessionStorage: 16 random bytes in hex."""
    return secrets.token_hex(16)


def tap(client, fields, *, tab: str | None = None, ip: str = COMMUNE_HALL_WIFI, user_agent: str = PHONE, **extra):
    data = dict(fields, **({"tab": tab} if tab is not None else {}))
    return client.post(
        reverse("completion"), data, HTTP_ORIGIN=ORIGIN, HTTP_USER_AGENT=user_agent, REMOTE_ADDR=ip, **extra
    )


def over_limit(poster) -> int:
    return sum(OverLimitTaps.objects.filter(placement=poster).values_list("taps", flat=True))


def test_fifteen_phones_of_one_model_on_one_wifi_each_count(client, fields, poster):
    for _phone in range(15):
        assert tap(client, fields, tab=new_tab()).status_code == 303
    assert Conversion.objects.filter(placement=poster).count() == 15
    assert over_limit(poster) == 0


def test_one_tab_tapping_fifteen_times_counts_once(client, fields, poster):
    tab = new_tab()
    responses = [tap(client, fields, tab=tab) for _ in range(15)]
    assert {response.status_code for response in responses} == {303}
    assert Conversion.objects.count() == 1
    assert over_limit(poster) == 0  # repeats are duplicates, not abuse


def test_without_javascript_address_and_browser_de_duplicate_as_before(client, fields, poster):
    for _ in range(3):
        tap(client, fields)
    assert Conversion.objects.count() == 1
    tap(client, fields, user_agent=PHONE.replace("SM-A105F", "SM-A127F"))  # another phone model, same Wi-Fi
    tap(client, fields, ip="198.51.100.8")  # the same model elsewhere
    assert Conversion.objects.count() == 3


@pytest.mark.parametrize("garbage", ["", "x" * 32, "0" * 31, "g" * 32, "0" * 33, "' OR 1=1 --"])
def test_a_malformed_tab_value_falls_back_to_address_and_browser(client, fields, garbage):
    tap(client, fields, tab=garbage)
    tap(client, fields, tab=garbage)
    tap(client, fields)
    assert Conversion.objects.count() == 1


def test_a_tab_counts_once_per_guide_not_once_for_ever(client, fields, poster):
    other = GuidePageFactory(title="Tạo tài khoản dịch vụ công", parent=poster.campaign)
    html = client.get(other.url).content.decode()
    other_token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    tab = new_tab()
    tap(client, fields, tab=tab)
    tap(client, {**fields, "token": other_token}, tab=tab)
    assert Conversion.objects.count() == 2


def rotating_script(client, fields, *, taps: int, forwarded, ip: str = COMMUNE_HALL_WIFI):
    """A script that changes its user agent, its tab value and its X-Forwarded-For on every tap."""
    statuses = set()
    for number in range(taps):
        response = tap(
            client,
            fields,
            tab=new_tab(),
            ip=ip,
            user_agent=f"{PHONE} build/{number}",
            HTTP_X_FORWARDED_FOR=forwarded(number),
        )
        statuses.add(response.status_code)
        assert response["Location"].startswith(reverse("completion_thanks"))
    return statuses


def test_a_script_rotating_user_agents_and_forwarded_for_without_a_trusted_proxy_is_held(
    client, fields, poster, settings
):
    settings.LOA_TRUSTED_PROXY_COUNT = 0
    statuses = rotating_script(client, fields, taps=35, forwarded=lambda number: f"198.51.100.{number}")
    assert statuses == {303}  # the same thank-you page for every tap
    assert Conversion.objects.filter(placement=poster).count() == COMPLETIONS_PER_ADDRESS_PER_HOUR
    assert over_limit(poster) == 35 - COMPLETIONS_PER_ADDRESS_PER_HOUR


def test_behind_one_trusted_proxy_the_forged_part_changes_nothing(client, fields, poster, settings):
    settings.LOA_TRUSTED_PROXY_COUNT = 1
    # The client writes the left part; the proxy appends the address it received from.
    statuses = rotating_script(
        client, fields, taps=30, forwarded=lambda number: f"198.51.100.{number}, {COMMUNE_HALL_WIFI}", ip="10.0.0.2"
    )
    assert statuses == {303}
    assert Conversion.objects.filter(placement=poster).count() == COMPLETIONS_PER_ADDRESS_PER_HOUR
    assert over_limit(poster) == 30 - COMPLETIONS_PER_ADDRESS_PER_HOUR
    # Another real address behind the same proxy has its own limit.
    tap(client, fields, tab=new_tab(), ip="10.0.0.2", HTTP_X_FORWARDED_FOR="192.0.2.44")
    assert Conversion.objects.filter(placement=poster).count() == COMPLETIONS_PER_ADDRESS_PER_HOUR + 1


def test_the_limit_is_per_placement(client, fields, guide, poster):
    other_ward = placement(
        unit=AdministrativeUnit.objects.get(code="24133"), campaign=poster.campaign, target_page=guide
    )
    for _ in range(COMPLETIONS_PER_ADDRESS_PER_HOUR):
        tap(client, fields, tab=new_tab())
    tap(client, fields, tab=new_tab())
    tap(client, {**fields, "qr": other_ward.short_code}, tab=new_tab())
    assert Conversion.objects.filter(placement=poster).count() == COMPLETIONS_PER_ADDRESS_PER_HOUR
    assert Conversion.objects.filter(placement=other_ward).count() == 1
    assert over_limit(poster) == 1 and over_limit(other_ward) == 0


class Clock:
    """The cache's clock (LocMemCache reads time.time()), moved by the test."""

    def __init__(self) -> None:
        self.now = time.time()

    def time(self) -> float:
        return self.now

    def __getattr__(self, name):
        return getattr(time, name)


def test_the_hour_is_rolling(client, fields, poster, monkeypatch):
    clock = Clock()
    monkeypatch.setattr("django.core.cache.backends.locmem.time", clock)
    monkeypatch.setattr("django.core.cache.backends.base.time", clock)
    for _ in range(10):
        tap(client, fields, tab=new_tab())
    clock.now += 30 * 60
    for _ in range(11):
        tap(client, fields, tab=new_tab())
    assert Conversion.objects.count() == 20 and over_limit(poster) == 1
    clock.now += 29 * 60  # 59 minutes after the first ten: still all taken
    tap(client, fields, tab=new_tab())
    assert Conversion.objects.count() == 20
    clock.now += 2 * 60  # the first ten have left the hour, the next ten have not
    for _ in range(11):
        tap(client, fields, tab=new_tab())
    assert Conversion.objects.count() == 30 and over_limit(poster) == 3


def test_over_limit_taps_are_counted_per_placement_and_day(client, fields, poster):
    for _ in range(COMPLETIONS_PER_ADDRESS_PER_HOUR + 4):
        tap(client, fields, tab=new_tab())
    [row] = OverLimitTaps.objects.all()
    assert row.placement == poster and row.taps == 4
    assert row.day == timezone.localdate()


def test_neither_the_tab_value_nor_the_address_is_stored(client, fields, poster):
    tab = new_tab()
    tap(client, fields, tab=tab)
    for _ in range(COMPLETIONS_PER_ADDRESS_PER_HOUR + 2):
        tap(client, fields, tab=new_tab())
    dump = io.StringIO()
    call_command("dumpdata", "tracking", stdout=dump)
    assert tab not in dump.getvalue() and COMMUNE_HALL_WIFI not in dump.getvalue()


def test_staff_see_the_over_limit_taps_in_the_placement_listing_and_inspect_view(client, fields, poster):
    from tests.factories.users import UserFactory

    for _ in range(COMPLETIONS_PER_ADDRESS_PER_HOUR + 3):
        tap(client, fields, tab=new_tab())
    client.force_login(UserFactory(username="quantri", is_superuser=True))

    listing = client.get(reverse("wagtailsnippets_tracking_placement:list")).content.decode()
    assert "Lượt bấm vượt giới hạn" in listing
    row = next(row for row in listing.split("<tr")[1:] if poster.short_code in row)
    cells = [re.sub(r"^[^>]*>|<[^>]+>|\s+", " ", cell).strip() for cell in row.split("</tr>")[0].split("<td")[1:]]
    assert cells[-1] == "3", cells

    inspect = client.get(reverse("wagtailsnippets_tracking_placement:inspect", args=[poster.pk])).content.decode()
    today = timezone.localdate().strftime("%d/%m/%Y")
    text = re.sub(r"<[^>]+>|\s+", " ", inspect)
    assert re.search(rf"Lượt bấm vượt giới hạn\s+tổng 3 \({today}: 3\)", text, re.IGNORECASE), text[-3000:]
