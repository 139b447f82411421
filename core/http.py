"""HTTP helpers every app shares: the client's address behind trusted proxies (one rule for every use),
the query of a same-origin Referer, safe "go back to" paths."""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.http import HttpRequest, QueryDict
from django.utils.http import url_has_allowed_host_and_scheme


def client_ip(request: HttpRequest) -> str:
    """REMOTE_ADDR, or behind LOA_TRUSTED_PROXY_COUNT proxies the address the outermost of them saw.

    Each proxy appends the address it received from to X-Forwarded-For, so with N trusted proxies
    the N-th entry from the right is the client as seen by the first proxy; entries further left
    were written by the client and can be forged. With no trusted proxy the header is ignored.
    """
    proxies = settings.LOA_TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if proxies > 0 and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def same_origin_referer_query(request: HttpRequest) -> QueryDict:
    """The query string of the page the request came from, when that page is on this site; else empty.

    Our `Referrer-Policy: same-origin` sends the full address to our own pages only, so a link
    or a form without JavaScript can carry a parameter of the page it was on without that
    parameter being written into the page's HTML. A Referer from another origin is ignored.
    """
    referer = request.META.get("HTTP_REFERER", "")
    if not referer:
        return QueryDict()
    parts = urlsplit(referer[:2000])
    if parts.scheme != request.scheme or parts.netloc != request.get_host():
        return QueryDict()
    return QueryDict(parts.query)


def local_path(url: str) -> str | None:
    """The URL if it is a path on this site ("/…", no scheme, host or backslash trick), else None.

    For "go back to" parameters, so that they can never send a visitor to another site.
    """
    if not url or not url.startswith("/") or url.startswith("//") or "\\" in url or len(url) > 1000:
        return None
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not url_has_allowed_host_and_scheme(url, allowed_hosts=None):
        return None
    return url


def with_query(url: str, **params: str) -> str:
    """The URL with these query parameters set (replacing any of the same name); empty values are left out."""
    parts = urlsplit(url)
    query = QueryDict(parts.query, mutable=True)
    for name, value in params.items():
        query.pop(name, None)
        if value:
            query[name] = value
    return urlunsplit(parts._replace(query=query.urlencode(safe="/")))


def staff_view(view):
    """Mark a view outside the admin as one for staff only.

    The project's two-factor middleware sends a session that has the password but not yet the second
    factor to the code page from such a view (and from the admin); any other view sees that session
    as anonymous.
    """
    view.staff_view = True
    return view
