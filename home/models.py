from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """The portal's front page."""

    intro = models.CharField(_("lời giới thiệu"), max_length=300, blank=True)
    body = RichTextField(_("nội dung"), blank=True, features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("trang chủ")
