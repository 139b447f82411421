"""The language switcher's Khmer label on a phone without a Khmer font: drawn from the site's own small face.

Chromium is started with a fontconfig that hides the machine's Khmer fonts (Debian's fonts-noto-core has them;
a cheap phone may not), as on a phone that has none. The label's face must be loaded, the whole Khmer block
must not be on a page without other Khmer text, and the block must load where Khmer text is shown.
"""

import os
from pathlib import Path

import pytest

from tests.e2e.conftest import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, PHONE

NO_KHMER_FONTCONFIG = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <selectfont><rejectfont><glob>*Khmer*</glob><pattern><patelt name="lang"><string>km</string></patelt></pattern>
  </rejectfont></selectfont>
</fontconfig>
"""

FACES = """() => [...document.fonts].map(face => ({family: face.family.replaceAll('"', ''), weight: face.weight,
  status: face.status}))"""


@pytest.fixture(scope="module")
def browser_without_khmer(tmp_path_factory, playwright_session):
    config = tmp_path_factory.mktemp("fontconfig") / "fonts.conf"
    config.write_text(NO_KHMER_FONTCONFIG)
    env = {**os.environ, "FONTCONFIG_FILE": str(config)}
    browser = playwright_session.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS, env=env)
    yield browser
    browser.close()


def shoot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.locator("nav.language-switcher").screenshot(path=str(path))
    return path


def test_the_khmer_label_is_drawn_from_its_small_face_and_the_block_loads_only_for_khmer_text(
    live_server, browser_without_khmer
):
    context = browser_without_khmer.new_context(**PHONE, locale="vi-VN")
    page = context.new_page()
    fetched = []
    page.on("response", lambda response: fetched.append(response.url) if response.url.endswith(".woff2") else None)
    page.goto(live_server.url + "/q/")
    page.evaluate("document.fonts.ready.then(() => true)")
    label = page.locator('nav.language-switcher a[lang="km"]')
    assert label.inner_text() == "ភាសាខ្មែរ"
    shoot(page, "khmer-switcher-after.png")
    faces = {(face["family"], face["weight"]): face["status"] for face in page.evaluate(FACES)}
    assert faces[("Loa Khmer Label", "400")] == "loaded"
    # No other Khmer text on this page: the block is not fetched.
    assert faces[("Noto Sans Khmer", "400")] == "unloaded"
    assert not any("noto-sans-khmer" in url for url in fetched)
    assert any(url.endswith("/khmer-label-400.woff2") for url in fetched)

    # Where Khmer text is shown, the block is fetched, and it is a font the browser accepts.
    loaded = page.evaluate("""async () => (await document.fonts.load('16px "Noto Sans Khmer"', 'សូមស្វាគមន៍'))
        .map(face => face.status)""")
    assert loaded == ["loaded"]

    # On a Khmer address the label is the current language, in bold: its bold face.
    page.goto(live_server.url + "/km/q/")
    page.evaluate("document.fonts.ready.then(() => true)")
    faces = {(face["family"], face["weight"]): face["status"] for face in page.evaluate(FACES)}
    assert faces[("Loa Khmer Label", "700")] == "loaded"
    shoot(page, "khmer-switcher-current.png")

    # As before this face existed: the label's glyphs refused, the phone has no Khmer font of its own.
    page.route("**/khmer-label-*.woff2", lambda route: route.abort())
    page.route("**/noto-sans-khmer-*.woff2", lambda route: route.abort())
    page.goto(live_server.url + "/q/?lan=2")
    page.evaluate("document.fonts.ready.then(() => true)")
    shoot(page, "khmer-switcher-before.png")
    context.close()
