from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation

from campaigns.models import GuidePage
from languages.demo import EDE_TITLE_PREFIX, EDE_WARD_CODE, GUIDE_SLUG
from languages.translations import translate_page
from places.models import AdministrativeUnit
from tests.factories.tracking import placement

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
    assert english.live

    html = client.get(english.url).content.decode()
    assert "Install the VNeID app and register an account" in html
    assert "Download the VNeID app" in html and "I have finished" in html
    # The Ê Đê page is open to its translator, never published with a placeholder.
    assert not ede.live and ede.title == guide.title
    html = client.get(f"/rad{guide.url}").content.decode()
    assert "translation-notice" in html and guide.title in html
    assert "Chờ người dịch" not in html and EDE_TITLE_PREFIX not in html


def test_a_demo_code_of_ea_kao_leads_to_the_vietnamese_guide_until_ede_is_published(client, demo):
    ward = AdministrativeUnit.objects.get(code=EDE_WARD_CODE)
    assert ward.default_language == "rad"
    guide = GuidePage.objects.get(slug=GUIDE_SLUG, locale=Locale.get_default())
    poster = placement(unit=ward, campaign=guide.get_parent().specific, target_page=guide, spot="Nhà văn hóa buôn")
    response = client.get(f"/q/{poster.short_code}")
    assert urlsplit(response["Location"]).path == guide.url


def test_loading_the_demo_again_translates_nothing_twice(demo, capsys):
    call_command("load_demo")
    assert "Bản dịch mẫu mới: không" in capsys.readouterr().out


def test_loading_the_demo_withdraws_a_placeholder_published_by_an_older_demo(
    client, demo, django_capture_on_commit_callbacks, capsys
):
    guide = GuidePage.objects.get(slug=GUIDE_SLUG, locale=Locale.get_default())
    rad = Locale.objects.get(language_code="rad")
    # What the demo used to do: an Ê Đê page published with only a placeholder title.
    guide.get_translation(rad).delete()
    with django_capture_on_commit_callbacks(execute=True):
        old = translate_page(page=guide, language_code="rad", strings={guide.title: EDE_TITLE_PREFIX + guide.title})
    old.refresh_from_db()
    assert old.live and old.title.startswith(EDE_TITLE_PREFIX)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo")
    assert "Gỡ bản dịch chưa dịch đã lỡ xuất bản: rad" in capsys.readouterr().out
    ede = guide.get_translation(rad)
    assert not ede.live and ede.title == guide.title and ede.draft_title == guide.title
    html = client.get(f"/rad{guide.url}").content.decode()
    assert EDE_TITLE_PREFIX not in html and "translation-notice" in html
    assert not StringTranslation.objects.filter(locale=rad, data__startswith=EDE_TITLE_PREFIX).exists()
    call_command("load_demo")
    assert "Gỡ bản dịch" not in capsys.readouterr().out
