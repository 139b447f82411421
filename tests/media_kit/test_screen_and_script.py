import io

import pytest
from PIL import Image

from media_kit.models import PrintFormat
from media_kit.rendering.context import material_for
from media_kit.rendering.pdf import render_png
from media_kit.rendering.script import render_script
from tests.factories.tracking import loudspeaker_channel, placement
from tests.media_kit.decoding import decode_qr

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("slug", "size"), [("slide-1920x1080", (1920, 1080)), ("bai-dang-1080x1080", (1080, 1080))])
def test_screen_images_have_their_exact_size_and_a_readable_code(slug, size, placement_for):
    print_format = PrintFormat.objects.get(slug=slug)
    item = placement_for(print_format)
    material = material_for(print_format=print_format, template=item.campaign.print_template, placement=item)
    image = Image.open(io.BytesIO(render_png(material)))
    assert image.format == "PNG" and image.size == size
    assert decode_qr(image) == material.url


def test_the_loudspeaker_script_speaks_the_numeric_code_in_words_twice(print_template, ward):
    item = placement(unit=ward, channel=loudspeaker_channel(), campaign=print_template.campaign)
    item.numeric_code = "482913"
    item.save()
    material = material_for(
        print_format=PrintFormat.objects.get(slug="kich-ban-loa"), template=print_template, placement=item
    )
    script = render_script(material)
    words = "bốn tám hai chín một ba"
    assert script.count(f"mã số {words}") == 2 and script.count(f"Xin nhắc lại mã số: {words}") == 2
    assert "testserver, gạch chéo, q, gạch chéo" in script
    assert "LẦN 1" in script and "LẦN 2" in script
    assert "Kính thưa bà con Phường Buôn Ma Thuột. Đài truyền thanh phường Buôn Ma Thuột" in script
    assert "Bộ phận Một cửa phường Buôn Ma Thuột" in script
    assert "Mã số: 482913" in script and "testserver/q/482913" in script
    seconds = int(script.split("khoảng ")[1].split(" giây")[0])
    assert 20 <= seconds <= 240
