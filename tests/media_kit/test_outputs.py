import pytest

from media_kit.models import OutputKind, PrintFormat
from media_kit.outputs import OUTPUTS

pytestmark = pytest.mark.django_db


def test_every_output_kind_has_one_registry_entry_and_every_format_finds_it():
    assert set(OUTPUTS) == set(OutputKind.values)
    printed = {fmt.slug for fmt in PrintFormat.objects.all() if fmt.is_printed}
    assert "ap-phich-a3" in printed and "slide-1920x1080" not in printed and "kich-ban-loa" not in printed
    assert {fmt.output.extension for fmt in PrintFormat.objects.all()} == {"pdf", "png", "txt"}
