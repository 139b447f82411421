"""Who is not a citizen: crawlers, link-preview fetchers and headless browsers.

The rules are data, checked in order; the first match decides. Citizen rules come
first because some in-app browsers carry their app's name, as Zalo's does, while
the same app's link-preview fetcher must be counted as a bot. Keep the list current:
add a rule and a test case in tests/tracking/test_bots.py with the user agent seen.
"""

import functools
import re
from dataclasses import dataclass

from tracking.models import DeviceClass


@dataclass(frozen=True)
class Rule:
    pattern: re.Pattern
    is_bot: bool
    note: str


def rule(pattern: str, *, is_bot: bool, note: str) -> Rule:
    return Rule(re.compile(pattern, re.IGNORECASE), is_bot, note)


RULES = [
    # In-app browsers of apps citizens use: people, not bots.
    rule(r"\bZalo(?:Theme|Language)/|\bZalo (?:android|iOS)/", is_bot=False, note="Zalo in-app browser"),
    rule(r"\bFBAN/|\bFBAV/|\bFB_IAB/", is_bot=False, note="Facebook/Messenger in-app browser"),
    rule(r"\bmusical_ly|\bBytedanceWebview|\bTikTok ", is_bot=False, note="TikTok in-app browser"),
    # Link-preview fetchers and crawlers.
    rule(r"zalo", is_bot=True, note="Zalo link preview (no in-app browser marker)"),
    rule(r"facebookexternalhit|facebookcatalog|meta-externalagent|Facebot", is_bot=True, note="Facebook preview"),
    rule(r"TelegramBot|WhatsApp/|Viber|LinkedInBot|Twitterbot|Slackbot|Discordbot", is_bot=True, note="previews"),
    rule(r"Bytespider|TikTokSpider", is_bot=True, note="TikTok crawler"),
    rule(r"coccoc(?:bot|_?preview)|coc_coc_bot|CocCocBot", is_bot=True, note="Cốc Cốc crawler"),
    rule(
        r"Googlebot|Google-InspectionTool|GoogleOther|AdsBot-Google|Mediapartners-Google|APIs-Google",
        is_bot=True,
        note="Google",
    ),
    rule(
        r"bingbot|BingPreview|msnbot|YandexBot|Baiduspider|DuckDuckBot|Applebot|PetalBot|SeznamBot",
        is_bot=True,
        note="search",
    ),
    rule(r"HeadlessChrome|PhantomJS|Puppeteer|Playwright|Selenium|Lighthouse", is_bot=True, note="headless browser"),
    rule(
        r"curl/|Wget/|python-requests|python-urllib|aiohttp|Go-http-client|okhttp|Java/|libwww|HttpClient",
        is_bot=True,
        note="HTTP library",
    ),
    rule(r"bot\b|crawl|spider|slurp|scrap|preview|fetch|monitor|uptime", is_bot=True, note="generic crawler"),
]

# Citizen rules all come before bot rules, so one search for each group decides as the ordered list would.
if [rule.is_bot for rule in RULES] != sorted(rule.is_bot for rule in RULES):
    raise RuntimeError("tracking.bots.RULES: citizen rules must come before bot rules.")
CITIZEN = re.compile("|".join(f"(?:{r.pattern.pattern})" for r in RULES if not r.is_bot), re.IGNORECASE)
BOT = re.compile("|".join(f"(?:{r.pattern.pattern})" for r in RULES if r.is_bot), re.IGNORECASE)

TABLET = re.compile(r"iPad|Tablet", re.IGNORECASE)
ANDROID = re.compile(r"Android", re.IGNORECASE)
MOBILE = re.compile(r"Mobile|iPhone|iPod|Android|Opera Mini|KaiOS|Windows Phone", re.IGNORECASE)


def is_bot(user_agent: str) -> bool:
    """True for crawlers and preview fetchers, and for a request with no user agent at all."""
    if not user_agent.strip():
        return True
    if CITIZEN.search(user_agent):
        return False
    return BOT.search(user_agent) is not None


def device_class(user_agent: str, *, bot: bool | None = None) -> str:
    if is_bot(user_agent) if bot is None else bot:
        return DeviceClass.BOT
    # Android tablets leave "Mobile" out of their user agent.
    if TABLET.search(user_agent) or (ANDROID.search(user_agent) and "Mobile" not in user_agent):
        return DeviceClass.TABLET
    if MOBILE.search(user_agent):
        return DeviceClass.MOBILE
    return DeviceClass.DESKTOP


@functools.lru_cache(maxsize=4096)
def classify(user_agent: str) -> tuple[bool, str]:
    """(is a bot, device class) of a user agent. Cached: phones of one model send the same string."""
    bot = is_bot(user_agent)
    return bot, device_class(user_agent, bot=bot)
