"""Third-party video embeds, shown behind a click-to-load facade.

Nothing is requested from YouTube or Facebook until the citizen asks for the video.
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, urlparse

YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be"}
FACEBOOK_HOSTS = {"facebook.com", "www.facebook.com", "m.facebook.com", "fb.watch"}
YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")


@dataclass(frozen=True)
class VideoEmbed:
    provider: str
    provider_name: str
    watch_url: str
    embed_url: str


def _youtube_id(parsed) -> str | None:
    if parsed.hostname == "youtu.be":
        candidate = parsed.path.strip("/")
    elif parsed.path == "/watch":
        candidate = (parse_qs(parsed.query).get("v") or [""])[0]
    else:
        parts = parsed.path.strip("/").split("/")
        candidate = parts[1] if len(parts) == 2 and parts[0] in {"embed", "shorts", "live"} else ""
    return candidate if YOUTUBE_ID.fullmatch(candidate or "") else None


def parse_video_embed(url: str) -> VideoEmbed | None:
    """A YouTube or Facebook video address, or None if it is neither."""
    parsed = urlparse((url or "").strip())
    if parsed.scheme != "https" or not parsed.hostname:
        return None
    host = parsed.hostname.lower()
    if host in YOUTUBE_HOSTS:
        video_id = _youtube_id(parsed)
        if video_id is None:
            return None
        return VideoEmbed(
            provider="youtube",
            provider_name="YouTube",
            watch_url=f"https://www.youtube.com/watch?v={video_id}",
            embed_url=f"https://www.youtube-nocookie.com/embed/{video_id}?autoplay=1",
        )
    if host in FACEBOOK_HOSTS and parsed.path.strip("/"):
        watch_url = f"https://{host}{parsed.path}" + (f"?{parsed.query}" if parsed.query else "")
        return VideoEmbed(
            provider="facebook",
            provider_name="Facebook",
            watch_url=watch_url,
            embed_url=f"https://www.facebook.com/plugins/video.php?href={quote(watch_url, safe='')}&autoplay=1",
        )
    return None
