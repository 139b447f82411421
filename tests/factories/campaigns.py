"""Campaign content for tests, chained from the site's home page (HomePage → campaign → guide / video)."""

import datetime as dt

import factory
import wagtail_factories
from wagtail.models import Site
from wagtail.rich_text import RichText

from campaigns.models import CampaignPage, GuidePage, PublicService, VideoPage
from home.models import HomePage


def home_page() -> HomePage:
    """The default site's HomePage, created (and made the site root) if the test database has none."""
    from home.demo import load_home_page

    site = Site.objects.filter(is_default_site=True).first()
    if site is not None and isinstance(site.root_page.specific, HomePage):
        return site.root_page.specific
    return load_home_page()


def step(title: str, body: str = "<p>Làm theo hướng dẫn trên màn hình.</p>", **extra) -> tuple[str, dict]:
    value = {"title": title, "body": RichText(body), "image": None, "image_alt": "", "callouts": []}
    value.update(extra)
    return ("step", value)


class CampaignPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CampaignPage

    title = factory.Sequence(lambda n: f"Chiến dịch thử nghiệm {n}")
    intro = "Giúp người dân kích hoạt định danh điện tử."
    starts_on = dt.date(2026, 1, 1)
    ends_on = dt.date(2026, 12, 31)
    parent = factory.LazyFunction(home_page)


class GuidePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = GuidePage

    title = factory.Sequence(lambda n: f"Hướng dẫn đăng ký tạm trú {n}")
    intro = "Đăng ký tạm trú trên điện thoại, không phải đến trụ sở."
    estimated_minutes = 15
    what_you_need = factory.LazyFunction(lambda: [("item", "Thẻ căn cước gắn chip"), ("item", "Hợp đồng thuê nhà")])
    steps = factory.LazyFunction(
        lambda: [
            step("Mở ứng dụng VNeID", "<p>Đăng nhập bằng tài khoản định danh điện tử mức độ 2.</p>"),
            step("Chọn thủ tục đăng ký tạm trú", "<p>Vào mục <b>Thủ tục hành chính</b>.</p>"),
            step("Nộp hồ sơ và theo dõi kết quả", "<p>Kết quả được gửi về ứng dụng.</p>"),
        ]
    )
    parent = factory.SubFactory(CampaignPageFactory)


class VideoPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = VideoPage

    title = factory.Sequence(lambda n: f"Video hướng dẫn {n}")
    transcript = "<p>Lời thoại của video.</p>"
    parent = factory.SubFactory(CampaignPageFactory)


class PublicServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PublicService
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Dịch vụ công số {n}")
    agency = "Bộ Công an"
    fully_online = True
    portal_url = "https://dichvucong.gov.vn/"
