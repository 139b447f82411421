"""Accessibility (axe-core, vendored by scripts/vendor_axe.sh) and page weight, measured in the browser.

axe-core is a tool nobody here wrote: zero violations of impact "serious" or "critical" on the pages citizens
use. It is injected with page.evaluate (run by the browser's debugger protocol, so the public pages' CSP,
which forbids inline scripts, does not block it and needs no exception).
"""

from pathlib import Path
from urllib.parse import urlparse

import pytest

from campaigns.models import GuidePage, ServiceIndexPage, VideoPage
from tests.e2e.conftest import PHONE

pytestmark = pytest.mark.django_db(transaction=True)

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
BLOCKING = {"serious", "critical"}
BUDGET_BYTES = 150 * 1024
MEDIA_TYPES = {"image", "media"}


def axe_violations(page) -> list[dict]:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "nodes": [node["html"][:160] for node in violation["nodes"][:5]],
        }
        for violation in result["violations"]
        if violation["impact"] in BLOCKING
    ]


def public_pages() -> dict[str, str]:
    guide = GuidePage.objects.get(slug="cai-dat-vneid", locale__language_code="vi")
    video = VideoPage.objects.filter(locale__language_code="vi").first()
    services = ServiceIndexPage.objects.filter(locale__language_code="vi").first()
    return {
        "trang chủ": "/",
        "hướng dẫn": guide.url,
        "video": video.url,
        "dịch vụ công": services.url,
        "xã/phường": "/xa/24133/",
        "kết quả tìm kiếm": "/tim-kiem/?q=kich+hoat+vneid",
        "404": "/trang-khong-co-that/",
    }


def test_public_pages_have_no_serious_or_critical_accessibility_violation(demo, browser):
    context = browser.new_context(**PHONE, locale="vi-VN")
    page = context.new_page()
    found = {}
    for name, path in public_pages().items():
        response = page.goto(demo.url + path)
        assert response.status == (404 if name == "404" else 200), (name, path, response.status)
        page.wait_for_load_state("load")
        if violations := axe_violations(page):
            found[f"{name} ({path})"] = violations
    # The engine is really running: a field without a label on the last page is reported.
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<input type=text id=khong-nhan>')")
    assert "label" in [violation["id"] for violation in axe_violations(page)]
    context.close()
    assert found == {}


def test_a_guide_page_weighs_at_most_150_kb_without_images_and_video_and_uses_only_the_site(demo, browser):
    guide = GuidePage.objects.get(slug="cai-dat-vneid", locale__language_code="vi")
    context = browser.new_context(**PHONE, locale="vi-VN")
    page = context.new_page()
    responses = []
    page.on("requestfinished", lambda request: responses.append(request))
    page.goto(f"{demo.url}{guide.url}?qr=ABC123&xa=24133")
    page.wait_for_load_state("networkidle")

    site = urlparse(demo.url).netloc
    elsewhere = [request.url for request in responses if urlparse(request.url).netloc != site]
    assert elsewhere == []

    weighed = {}
    for request in responses:
        if request.resource_type in MEDIA_TYPES:
            continue
        sizes = request.sizes()
        # Bytes on the wire: headers and body as received (the live server does not compress).
        weighed[request.url] = sizes["responseHeadersSize"] + sizes["responseBodySize"]
    total = sum(weighed.values())
    context.close()
    print(f"guide page: {len(weighed)} requests without images and video, {total} bytes")
    assert responses, "the browser made no request"
    assert total <= BUDGET_BYTES, {"total": total, "by request": weighed}
