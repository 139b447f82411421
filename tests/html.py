"""Reading HTML and CSS as a browser would: which URLs does a page make the browser fetch?

Links (<a href>) are not fetched: a guide may link to the national portal. Everything
that loads by itself (styles, scripts, images, media, frames, form targets) must be local.
"""

import re
from html.parser import HTMLParser
from urllib.parse import urlparse

# tag -> attributes whose URLs the browser loads (or, for forms, sends data to).
LOADING_ATTRIBUTES = {
    "link": {"href"},
    "script": {"src"},
    "img": {"src", "srcset"},
    "source": {"src", "srcset"},
    "video": {"src", "poster"},
    "audio": {"src"},
    "track": {"src"},
    "iframe": {"src"},
    "frame": {"src"},
    "embed": {"src"},
    "object": {"data"},
    "input": {"src", "formaction"},
    "button": {"formaction"},
    "form": {"action"},
}


class ReferenceCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.references: list[str] = []
        self.links: list[str] = []
        self.inline_styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self._in_style = tag == "style"
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "refresh":
            self.references.append((attributes.get("content") or "").partition("url=")[2])
        for name, value in attrs:
            if not value:
                continue
            if name == "style":
                self.inline_styles.append(value)
            elif name in LOADING_ATTRIBUTES.get(tag, set()):
                if name == "srcset":
                    self.references += [part.strip().split(" ")[0] for part in value.split(",")]
                else:
                    self.references.append(value)

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.inline_styles.append(data)


def css_urls(css: str) -> list[str]:
    return [match.strip("'\" ") for match in re.findall(r"url\(([^)]*)\)", css)] + re.findall(
        r"@import\s+['\"]([^'\"]+)", css
    )


def external(references: list[str]) -> list[str]:
    return [ref for ref in references if urlparse(ref).netloc or ref.startswith("//")]
