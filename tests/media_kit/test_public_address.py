"""LOA_PUBLIC_BASE_URL: the address the codes carry, shown before generating, refused in production when private."""

import pytest
from django.urls import reverse

from media_kit.models import Pack, PackStatus, PrintFormat
from tests.factories.users import UserFactory
from tests.website.test_settings import run_python

pytestmark = pytest.mark.django_db


@pytest.fixture
def official(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    user = UserFactory(username="vanhoa", is_superuser=True)
    client.force_login(user)
    return user


def request_a3(client, print_template):
    return client.post(
        reverse("media_kit_pack_request"),
        {
            "campaign": print_template.campaign.pk,
            "formats": [PrintFormat.objects.get(slug="ap-phich-a3").pk],
            "unit_codes": "24133",
        },
    )


def test_the_form_shows_the_address_the_codes_will_carry(client, official, settings):
    settings.LOA_PUBLIC_BASE_URL = "https://loa.daklak.gov.vn"
    html = client.get(reverse("media_kit_pack_request")).content.decode()
    assert "https://loa.daklak.gov.vn/q/…" in html and "help-warning" not in html
    settings.LOA_PUBLIC_BASE_URL = "http://127.0.0.1:8000"
    html = client.get(reverse("media_kit_pack_request")).content.decode()
    assert "http://127.0.0.1:8000/q/…" in html and "help-warning" in html


@pytest.mark.parametrize("address", ["http://127.0.0.1:8000", "http://localhost:8000", "http://192.168.1.20"])
def test_production_refuses_a_pack_whose_codes_carry_a_private_address(
    address, client, official, print_template, ward, settings
):
    settings.LOA_REFUSE_PRIVATE_PUBLIC_URL = True  # what website/settings/production.py sets
    settings.LOA_PUBLIC_BASE_URL = address
    assert "help-critical" in client.get(reverse("media_kit_pack_request")).content.decode()
    request_a3(client, print_template)
    pack = Pack.objects.get()
    assert pack.status == PackStatus.FAILED
    assert "LOA_PUBLIC_BASE_URL" in pack.error and address.split("//")[1].split(":")[0] in pack.error
    assert not pack.file


def test_under_production_settings_the_make_run_address_is_refused_with_a_clear_message():
    code = "from media_kit.public_address import refusal; print(refusal())"
    env = {"SECRET_KEY": "p" * 60, "ALLOWED_HOSTS": "loa.daklak.gov.vn"}
    refused = run_python(code, settings_module="website.settings.production", **env)
    assert "LOA_PUBLIC_BASE_URL" in refused.stdout and "127.0.0.1" in refused.stdout, refused.stderr
    public = run_python(
        code, settings_module="website.settings.production", LOA_PUBLIC_BASE_URL="https://loa.daklak.gov.vn", **env
    )
    assert public.returncode == 0 and public.stdout.strip() == "", public.stderr
