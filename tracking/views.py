from urllib.parse import quote

from django.db import DatabaseError
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.views.decorators.http import require_http_methods

from tracking.codes import normalise_code
from tracking.recording import build_event, record_event
from tracking.selectors import scan_target


def with_params(location: str, **params: str) -> str:
    """The location with the parameters added (codes are plain letters, digits and dashes, quoted all the same)."""
    added = "&".join(f"{name}={quote(value, safe='')}" for name, value in params.items())
    path, _, fragment = location.partition("#")
    joined = f"{path}{'&' if '?' in path else '?'}{added}"
    return f"{joined}#{fragment}" if fragment else joined


@require_http_methods(["GET", "HEAD"])
def scan(request: HttpRequest, code: str) -> HttpResponseRedirect:
    """/q/<code>: record one anonymous scan event and send the citizen on. No template on success."""
    normalised = normalise_code(code)
    if normalised is None:
        raise Http404("Mã không hợp lệ.")
    response = scan_redirect(request, normalised)
    if response is None:
        raise Http404("Không có mã này.")
    return response


def scan_redirect(request: HttpRequest, code: str) -> HttpResponseRedirect | None:
    """Record one scan of a normalised code and redirect to its target; None if no placement has the code.

    The one counting rule for a code, scanned (/q/<code>) or typed (/q/?ma=<code>).
    """
    try:
        target = scan_target(code)
    except DatabaseError:
        return scan_without_database(request, code)
    if target is None:
        return None
    location, is_fallback = target.location_today(accept_language=request.META.get("HTTP_ACCEPT_LANGUAGE", ""))
    record_event(build_event(request, placement_id=target.placement_id, landed_on_fallback=is_fallback))
    response = HttpResponseRedirect(with_params(location, qr=code, xa=target.unit_code))
    # Every scan must reach us to be counted: no browser, proxy or CDN may answer it from a cache.
    response["Cache-Control"] = "no-store"
    return response


# Where a scan goes when the database is away and its code is not in the cache.
NO_DATABASE_LOCATION = "/"


def scan_without_database(request: HttpRequest, code: str) -> HttpResponseRedirect:
    """The database is away and the code is not cached: the scan still counts and the citizen lands somewhere.

    The event is spooled with its code instead of its placement (the drain finds the placement once the
    database is back; a code that turns out not to exist is then skipped), and the citizen goes to the
    home page with the code, as a scan of a retired placement goes to its campaign's fallback.
    """
    record_event(build_event(request, placement_id=None, code=code, landed_on_fallback=True))
    response = HttpResponseRedirect(with_params(NO_DATABASE_LOCATION, qr=code))
    response["Cache-Control"] = "no-store"
    return response
