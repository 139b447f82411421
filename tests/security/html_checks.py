"""What a browser would treat as active content in a page: script elements, event handler attributes,
javascript: URLs, inline styles. Parsed with the standard library's HTML tokenizer, which splits tags
and attributes as a browser does (so an attribute that escaped its quotes shows up as an attribute)."""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlparse

# Script types that the browser does not execute: data blocks.
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcdoc"}
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:text/html", "data:image/svg")
# Characters that browsers strip from a URL before reading its scheme.
URL_NOISE = re.compile(r"[\x00-\x20\u00a0\u200b-\u200d\u2060\ufeff]")


@dataclass
class Script:
    attributes: dict
    text: str = ""

    @property
    def executable(self) -> bool:
        return (self.attributes.get("type") or "").strip().lower() not in DATA_SCRIPT_TYPES


@dataclass
class ActiveContent(HTMLParser):
    scripts: list[Script] = field(default_factory=list)
    event_handlers: list[tuple[str, str, str]] = field(default_factory=list)
    dangerous_urls: list[tuple[str, str, str]] = field(default_factory=list)
    style_attributes: list[tuple[str, str]] = field(default_factory=list)
    style_elements: list[str] = field(default_factory=list)
    tags: list[tuple[str, dict]] = field(default_factory=list)
    text: list[str] = field(default_factory=list)

    def __post_init__(self):
        HTMLParser.__init__(self, convert_charrefs=True)
        self._open: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        self.tags.append((tag, attributes))
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.event_handlers.append((tag, name, value))
            if name in URL_ATTRIBUTES and URL_NOISE.sub("", value).lower().startswith(DANGEROUS_SCHEMES):
                self.dangerous_urls.append((tag, name, value))
            if name == "style":
                self.style_attributes.append((tag, value))
            refresh = (attributes.get("http-equiv") or "").lower() == "refresh"
            if tag == "meta" and refresh and name == "content" and "url=" in value.lower():
                target = value.lower().partition("url=")[2]
                if URL_NOISE.sub("", target).startswith(DANGEROUS_SCHEMES):
                    self.dangerous_urls.append((tag, name, value))
        if tag == "script":
            self.scripts.append(Script(attributes))
            self._open = "script"
        elif tag == "style":
            self.style_elements.append("")
            self._open = "style"

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in {"script", "style"}:
            self._open = None

    def handle_endtag(self, tag):
        if tag == self._open:
            self._open = None

    def handle_data(self, data):
        if self._open == "script":
            self.scripts[-1].text += data
        elif self._open == "style":
            self.style_elements[-1] += data
        else:
            self.text.append(data)

    @property
    def inline_scripts(self) -> list[Script]:
        return [script for script in self.scripts if script.executable and not script.attributes.get("src")]

    @property
    def script_sources(self) -> list[str]:
        return [script.attributes["src"] for script in self.scripts if script.attributes.get("src")]

    def elements(self, tag: str) -> list[dict]:
        return [attributes for name, attributes in self.tags if name == tag]


def active_content(html: str) -> ActiveContent:
    parser = ActiveContent()
    parser.feed(html)
    parser.close()
    return parser


def is_local(url: str) -> bool:
    parsed = urlparse(url)
    return not parsed.scheme and not parsed.netloc
