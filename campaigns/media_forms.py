"""The base form of wagtailmedia uploads (WAGTAILMEDIA["MEDIA_FORM_BASE"]): a size limit for videos,
and the file types checked on the server (wagtailmedia's own extension lists only set the file
picker's `accept` attribute, which the browser may ignore)."""

from pathlib import PurePath

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from wagtailmedia.forms import BaseMediaForm


def extension_of(upload) -> str:
    return PurePath(upload.name or "").suffix.lower().lstrip(".")


class LimitedMediaForm(BaseMediaForm):
    def allowed_extensions(self) -> list[str]:
        key = "AUDIO_EXTENSIONS" if self.instance.type == "audio" else "VIDEO_EXTENSIONS"
        return settings.WAGTAILMEDIA[key]

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None or not hasattr(upload, "size"):
            return upload
        allowed = self.allowed_extensions()
        if extension_of(upload) not in allowed:
            raise forms.ValidationError(
                _("Không nhận tệp này. Chỉ nhận các định dạng: %(extensions)s.") % {"extensions": ", ".join(allowed)}
            )
        limit = settings.LOA_VIDEO_MAX_UPLOAD_SIZE
        if upload.size > limit:
            raise forms.ValidationError(
                _("Tệp quá lớn (%(size)s). Giới hạn là %(limit)s: hãy nén video lại cho người xem dùng mạng di động.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
            )
        return upload

    def clean_thumbnail(self):
        thumbnail = self.cleaned_data.get("thumbnail")
        if thumbnail and hasattr(thumbnail, "size"):
            allowed = settings.WAGTAILIMAGES_EXTENSIONS
            if extension_of(thumbnail) not in allowed:
                raise forms.ValidationError(
                    _("Ảnh đại diện phải là ảnh %(extensions)s.") % {"extensions": ", ".join(allowed)}
                )
            if thumbnail.size > settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE:
                raise forms.ValidationError(
                    _("Ảnh đại diện quá lớn (%(size)s).") % {"size": filesizeformat(thumbnail.size)}
                )
        return thumbnail
