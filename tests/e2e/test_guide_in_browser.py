from urllib.parse import urlparse

import pytest

from tests.factories.campaigns import GuidePageFactory, VideoPageFactory, step

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def guide(live_server):
    return GuidePageFactory(
        steps=[
            step("Tải ứng dụng VNeID", "<p>Mở CH Play hoặc App Store.</p>"),
            step("Đăng ký tài khoản", "<p>Nhập số định danh cá nhân.</p>"),
            step("Kích hoạt tại Công an xã, phường", "<p>Mang theo thẻ căn cước gắn chip.</p>"),
        ]
    )


def bodies(page):
    return page.locator(".step-body")


def test_steps_collapse_and_expand_with_the_script(live_server, phone, guide):
    page = phone.new_page()
    page.goto(live_server.url + guide.url)
    assert [bodies(page).nth(i).is_visible() for i in range(3)] == [True, False, False]

    toggle = page.get_by_role("button", name="Đăng ký tài khoản")
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert bodies(page).nth(1).is_visible()

    page.get_by_role("button", name="Hiện tất cả các bước").click()
    assert all(bodies(page).nth(i).is_visible() for i in range(3))

    # Printing shows every step, whatever is collapsed on screen.
    page.get_by_role("button", name="Thu gọn các bước").click()
    assert not bodies(page).nth(2).is_visible()
    page.emulate_media(media="print")
    assert all(bodies(page).nth(i).is_visible() for i in range(3))


def test_a_link_to_a_step_opens_that_step(live_server, phone, guide):
    page = phone.new_page()
    page.goto(live_server.url + guide.url + "#buoc-3")
    assert [bodies(page).nth(i).is_visible() for i in range(3)] == [False, False, True]


def test_every_step_is_readable_without_javascript(live_server, browser, guide):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    try:
        page = context.new_page()
        page.goto(live_server.url + guide.url)
        assert all(bodies(page).nth(i).is_visible() for i in range(3))
        assert page.locator(".step-toggle").count() == 0
    finally:
        context.close()


def test_an_embedded_video_loads_nothing_from_youtube_until_asked(live_server, phone, guide):
    video = VideoPageFactory(parent=guide.get_parent(), embed_url="https://youtu.be/dQw4w9WgXcQ")
    page = phone.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    # The machine has no internet: answer third-party requests here instead of letting them time out.
    page.route("https://www.youtube-nocookie.com/**", lambda route: route.fulfill(status=200, body="<p>video</p>"))

    page.goto(live_server.url + video.url)
    page.wait_for_load_state("networkidle")
    site = urlparse(live_server.url).netloc
    assert [url for url in requested if urlparse(url).netloc != site] == []

    page.get_by_text("Phát video (tải từ YouTube)").click()
    frame = page.locator("iframe.video-frame")
    assert frame.get_attribute("src") == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"
