from urllib.parse import urlparse

from hypothesis import given
from hypothesis import strategies as st

from campaigns.embeds import parse_video_embed


def test_youtube_addresses_in_their_usual_forms():
    for url in (
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://youtu.be/dQw4w9WgXcQ",
        "https://m.youtube.com/watch?v=dQw4w9WgXcQ&t=42",
        "https://www.youtube.com/shorts/dQw4w9WgXcQ",
    ):
        embed = parse_video_embed(url)
        assert embed is not None, url
        assert embed.embed_url == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"


def test_facebook_videos_embed_through_facebooks_player():
    embed = parse_video_embed("https://www.facebook.com/congan.daklak/videos/1234567890/")
    assert embed.provider == "facebook"
    assert embed.embed_url.startswith("https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fwww.facebook.com")


def test_anything_else_is_refused():
    for url in (
        "http://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com/watch?v=short",
        "https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
        "https://vimeo.com/1",
        "javascript:alert(1)",
        "",
    ):
        assert parse_video_embed(url) is None, url


@given(st.text(max_size=300))
def test_no_input_ever_embeds_another_host(url):
    embed = parse_video_embed(url)
    if embed is not None:
        assert urlparse(embed.embed_url).hostname in {"www.youtube-nocookie.com", "www.facebook.com"}
        assert urlparse(embed.watch_url).scheme == "https"
