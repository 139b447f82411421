from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from wagtail.models import Locale

from campaigns.models import GuidePage
from languages.demo import EDE_TITLE_PREFIX, EDE_WARD_CODE, GUIDE_SLUG
from places.models import AdministrativeUnit
from tests.factories.tracking import placement
from tracking.models import Placement

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(django_capture_on_commit_callbacks):
    # wagtail-localize publishes when the transaction commits, as `make run`'s load_demo does.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo")


def test_the_demo_guide_is_in_english_and_awaits_its_ede_translator(client, demo):
    guide = GuidePage.objects.get(slug=GUIDE_SLUG, locale=Locale.get_default())
    english = guide.get_translation(Locale.objects.get(language_code="en"))
    ede = guide.get_translation(Locale.objects.get(language_code="rad"))
    assert english.live and ede.live

    html = client.get(english.url).content.decode()
    assert "Install the VNeID app and register an account" in html
    assert "Download the VNeID app" in html and "I have finished" in html
    assert ede.title.startswith(EDE_TITLE_PREFIX)
    assert client.get(ede.url).status_code == 200


def test_a_demo_code_of_ea_kao_leads_to_the_ede_guide(client, demo):
    ward = AdministrativeUnit.objects.get(code=EDE_WARD_CODE)
    assert ward.default_language == "rad"
    guide = GuidePage.objects.get(slug=GUIDE_SLUG, locale=Locale.get_default())
    poster = placement(unit=ward, campaign=guide.get_parent().specific, target_page=guide, spot="Nhà văn hóa buôn")
    response = client.get(f"/q/{poster.short_code}")
    assert urlsplit(response["Location"]).path == guide.get_translation(Locale.objects.get(language_code="rad")).url
    # The campaign page itself has no Ê Đê translation (only a placeholder alias): Vietnamese.
    campaign_code = Placement.objects.filter(unit=ward, target_page=guide.get_parent()).first()
    location = client.get(f"/q/{campaign_code.short_code}")["Location"]
    assert urlsplit(location).path == guide.get_parent().url


def test_loading_the_demo_again_translates_nothing_twice(demo, capsys):
    call_command("load_demo")
    assert "Bản dịch mẫu mới: không" in capsys.readouterr().out
