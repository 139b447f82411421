"""Who counts as a citizen: user agents seen in the field, each with the class it must get.

Add a case here with the user agent seen whenever a rule in tracking/bots.py is added or changed.
"""

import pytest

from tracking.bots import classify

CASES = [
    # Citizens on cheap phones and in in-app browsers.
    ("Mozilla/5.0 (Linux; Android 10; SM-A105F) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36", False, "mobile"),
    (
        "Mozilla/5.0 (Linux; Android 12; Redmi 9A Build/SP1A; wv) Chrome/119 Mobile Safari/537.36 Zalo android/12345",
        False,
        "mobile",
    ),
    (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148 ZaloTheme/light ZaloLanguage/vn",
        False,
        "mobile",
    ),
    (
        "Mozilla/5.0 (Linux; Android 11; V2027) Chrome/118 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/440.0.0.31.105;]",
        False,
        "mobile",
    ),
    ("Mozilla/5.0 (Linux; Android 13; SM-X200) AppleWebKit/537.36 Chrome/120.0 Safari/537.36", False, "tablet"),
    (
        "Mozilla/5.0 (Mobile; LYF/F220B; Android; rv:48.0) Gecko/48.0 Firefox/48.0 KAIOS/2.5",
        False,
        "mobile",
    ),
    ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36", False, "desktop"),
    # Link previews, crawlers, scripts.
    ("facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)", True, "bot"),
    ("Mozilla/5.0 (compatible; Zalo/1.0)", True, "bot"),
    ("Mozilla/5.0 (compatible; coccocbot-web/1.0; +http://help.coccoc.com/searchengine)", True, "bot"),
    ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/120.0 Safari/537.36", True, "bot"),
    ("curl/8.5.0", True, "bot"),
    ("python-requests/2.32.3", True, "bot"),
    ("TelegramBot (like TwitterBot)", True, "bot"),
    ("", True, "bot"),
    ("   ", True, "bot"),
]


@pytest.mark.parametrize(("user_agent", "bot", "device"), CASES)
def test_user_agents_seen_in_the_field_are_classified(user_agent, bot, device):
    assert classify(user_agent) == (bot, device)
