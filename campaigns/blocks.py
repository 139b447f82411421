"""StreamField blocks of campaign content: guide steps and their callouts."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.stream_block import StreamBlockValidationError
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
    """At least one step, checked when the guide is submitted or published (a draft may have none yet).

    Not Meta.min_num / block_counts: Wagtail's editor shows those as errors the moment a new, empty form
    opens ("Bước: cần ít nhất 1 mục", twice), before anything is typed.
    """

    step = StepBlock()

    class Meta:
        label = _("Các bước")

    def clean(self, value):
        if self.required and not self.is_deferred_validation and not any(c.block_type == "step" for c in value):
            raise StreamBlockValidationError(
                non_block_errors=[ValidationError(_("Hướng dẫn cần ít nhất một bước: bấm dấu + để thêm bước."))]
            )
        return super().clean(value)


class ChecklistBlock(blocks.StreamBlock):
    item = blocks.CharBlock(label=_("cần chuẩn bị"), max_length=200, icon="tick")

    class Meta:
        label = _("Cần chuẩn bị")
