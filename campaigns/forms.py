"""Editor-facing validation of campaign content."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from campaigns.embeds import parse_video_embed
from campaigns.permissions import WRITING_ROLES
from campaigns.slugs import VietnameseSlugPageForm
from places.selectors import units_for_user

WEBVTT_SIGNATURE = b"WEBVTT"


def is_webvtt(document) -> bool:
    if not document.file.name.lower().endswith(".vtt"):
        return False
    try:
        with document.file.open("rb") as handle:
            head = handle.read(len(WEBVTT_SIGNATURE) + 3)
    except OSError:
        return False
    return head.removeprefix(b"\xef\xbb\xbf").startswith(WEBVTT_SIGNATURE)


class VideoPageForm(VietnameseSlugPageForm):
    """A video is either self-hosted (with captions before publishing) or an embed from YouTube/Facebook."""

    def clean(self):
        cleaned_data = super().clean()
        video_file = cleaned_data.get("video_file")
        embed_url = (cleaned_data.get("embed_url") or "").strip()
        if video_file and embed_url:
            self.add_error("embed_url", _("Chọn một trong hai: tệp video tự lưu trữ hoặc đường dẫn YouTube/Facebook."))
        if embed_url and parse_video_embed(embed_url) is None:
            self.add_error("embed_url", _("Chỉ nhận đường dẫn video YouTube hoặc Facebook (https)."))

        # ClusterForm cleans the child formsets after this form; clean the captions now to read them.
        caption_formset = self.formsets["captions"]
        caption_formset.is_valid()
        captions = [
            form.cleaned_data
            for form in caption_formset.forms
            if getattr(form, "cleaned_data", None) and not form.cleaned_data.get("DELETE")
        ]
        languages = [caption.get("language") for caption in captions]
        if len(languages) != len(set(languages)):
            raise forms.ValidationError(_("Mỗi ngôn ngữ chỉ có một tệp phụ đề."))
        for caption in captions:
            document = caption.get("file")
            if document is not None and not is_webvtt(document):
                raise forms.ValidationError(
                    _("Tệp phụ đề “%(title)s” không phải WebVTT (.vtt bắt đầu bằng WEBVTT).") % {"title": document}
                )

        publishing = not self.is_deferred_validation
        if publishing and not video_file and not embed_url:
            self.add_error("video_file", _("Chọn tệp video hoặc nhập đường dẫn YouTube/Facebook trước khi xuất bản."))
        if publishing and video_file and not captions:
            raise forms.ValidationError(
                _("Video tự lưu trữ cần ít nhất một tệp phụ đề trước khi xuất bản (người khiếm thính, nơi ồn).")
            )
        locale = getattr(self.instance, "locale", None)
        language = locale.language_code if locale else settings.LANGUAGE_CODE
        if publishing and video_file and captions and language not in languages:
            raise forms.ValidationError(
                _("Cần có phụ đề bằng ngôn ngữ của trang (%(language)s) trước khi xuất bản.") % {"language": language}
            )
        return cleaned_data


class CampaignPageForm(VietnameseSlugPageForm):
    """Every campaign names the unit in charge of it, and a non-superuser may name only a unit they write for.

    Left empty, a campaign would be nobody's (superusers only); naming another ward would hand
    the campaign, and its approval, to people the editor does not answer for.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("owner_unit")
        if field is None:
            return
        field.required = True
        user = self.for_user
        if user is not None and not user.is_superuser:
            field.queryset = units_for_user(user=user, roles=WRITING_ROLES)
