"""Page addresses in plain ASCII from Vietnamese titles: "Đăng ký thường trú" → dang-ky-thuong-tru.

Wagtail's slug script folds Vietnamese badly when slugs are ASCII-only ("djang-ky-thng-tru"),
and Django's slugify drops đ. So the admin keeps the letters (WAGTAIL_ALLOW_UNICODE_SLUGS)
and the page folds its slug on clean, whoever made it: the admin, the API, a translation or code.
"""

from core.text import ascii_slug


class VietnameseSlugMixin:
    """For page models: the slug is folded to ASCII before Wagtail checks that it is unique."""

    def clean(self):
        if self.slug:
            self.slug = ascii_slug(self.slug) or self.slug
        super().clean()
