"""The loudspeaker script's instructions work: the address it spells out is the /q/ form, and the
digits as read out, typed into it, lead where a scan of the code leads."""

import re

import pytest

from campaigns.models import GuidePage
from media_kit.models import PrintFormat
from media_kit.rendering.context import material_for
from media_kit.rendering.script import render_script
from tests.factories.campaigns import GuidePageFactory
from tests.factories.tracking import loudspeaker_channel, placement
from tracking.codes import DIGIT_WORDS

pytestmark = pytest.mark.django_db


def test_what_the_loudspeaker_says_to_type_reaches_the_guide(client, print_template, ward):
    guide: GuidePage = GuidePageFactory(parent=print_template.campaign, title="Kích hoạt mức độ 2")
    item = placement(unit=ward, channel=loudspeaker_channel(), campaign=print_template.campaign, target_page=guide)
    material = material_for(
        print_format=PrintFormat.objects.get(slug="kich-ban-loa"), template=print_template, placement=item
    )
    script = render_script(material)

    spoken = re.search(r"vào địa chỉ (.+?), gạch chéo, q, gạch chéo, rồi gõ mã số ([^.]+)\.", script)
    assert spoken, script
    host = spoken.group(1).replace(" chấm ", ".")
    assert host == "testserver"
    form = client.get("/q/", HTTP_HOST=host)
    assert form.status_code == 200 and 'name="ma"' in form.content.decode()

    # A listener types the digits as they hear them, a space between each.
    heard = " ".join(str(DIGIT_WORDS.index(word)) for word in spoken.group(2).split())
    response = client.get("/q/", {"ma": heard}, HTTP_HOST=host)
    assert response.status_code == 302
    assert response["Location"] == client.get(f"/q/{item.numeric_code}")["Location"]
    assert response["Location"].startswith(guide.url)
