"""The base form of wagtailmedia uploads (WAGTAILMEDIA["MEDIA_FORM_BASE"]): a size limit for videos."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from wagtailmedia.forms import BaseMediaForm


class LimitedMediaForm(BaseMediaForm):
    def clean_file(self):
        upload = self.cleaned_data.get("file")
        limit = settings.LOA_VIDEO_MAX_UPLOAD_SIZE
        if upload is not None and getattr(upload, "size", 0) > limit:
            raise forms.ValidationError(
                _("Tệp quá lớn (%(size)s). Giới hạn là %(limit)s: hãy nén video lại cho người xem dùng mạng di động.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
            )
        return upload
