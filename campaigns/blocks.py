"""StreamField blocks of campaign content: guide steps and their callouts."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock

STEP_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class CalloutKind:
    TIP = "tip"
    WARNING = "warning"
    CHOICES = [(TIP, _("Mẹo")), (WARNING, _("Lưu ý quan trọng"))]


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(choices=CalloutKind.CHOICES, default=CalloutKind.TIP, label=_("loại"))
    text = blocks.TextBlock(label=_("nội dung"), max_length=600)

    class Meta:
        icon = "warning"
        label = _("Mẹo / lưu ý")
        template = "campaigns/blocks/callout.html"


class StepBlock(blocks.StructBlock):
    """One step of a step-by-step guide; a screenshot needs its alt text."""

    title = blocks.CharBlock(label=_("tên bước"), max_length=160)
    body = blocks.RichTextBlock(label=_("hướng dẫn"), features=STEP_TEXT_FEATURES)
    image = ImageChooserBlock(required=False, label=_("ảnh chụp màn hình"))
    image_alt = blocks.CharBlock(
        required=False,
        max_length=300,
        label=_("mô tả ảnh (alt)"),
        help_text=_(
            "Bắt buộc khi có ảnh: mô tả điều người đọc cần thấy trên màn hình, cho người dùng trình đọc màn hình."
        ),
    )
    callouts = blocks.ListBlock(CalloutBlock(), required=False, default=[], label=_("mẹo và lưu ý"))

    class Meta:
        icon = "list-ol"
        label = _("Bước")

    def clean(self, value):
        value = super().clean(value)
        if value.get("image") and not (value.get("image_alt") or "").strip():
            raise StructBlockValidationError(
                block_errors={"image_alt": ValidationError(_("Ảnh chụp màn hình cần có mô tả (alt)."))}
            )
        return value


class StepsBlock(blocks.StreamBlock):
    step = StepBlock()

    class Meta:
        min_num = 1
        block_counts = {"step": {"min_num": 1}}
        label = _("Các bước")


class ChecklistBlock(blocks.StreamBlock):
    item = blocks.CharBlock(label=_("cần chuẩn bị"), max_length=200, icon="tick")

    class Meta:
        label = _("Cần chuẩn bị")
