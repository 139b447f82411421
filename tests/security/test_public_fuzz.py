"""Every public URL pattern, fuzzed with odd values: never an answer >= 500 (finding 9 of #17).

The patterns come from the URLconf; each public pattern must be listed in PARAMETERS with the query
parameters it reads (a new public URL fails `test_every_public_pattern_is_fuzzed` until it is).
Values are sent raw in the query string (percent-escapes included, some not UTF-8). Runs on both
databases (no marker): SQLite's full-text search and PostgreSQL's NUL refusal differ.
"""

import time
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import get_resolver

from tests.security.test_permission_matrix import walk
from tracking.completion import completion_token

pytestmark = pytest.mark.django_db

WORDS = "+".join(f"tu{number}" for number in range(300))
# At most 15 values per parameter, already escaped for a query string.
VALUES = [
    "%00",
    "a%00b",
    "1" + "0" * 30,
    "-99999999999999999999",
    quote("²"),
    quote("１２"),
    "x" * 3000,
    "%22",
    "%22abc",
    "%27",
    "%20",
    "%09",
    WORDS,
    "%FF%FE",
    quote('(a OR NOT * "'),
]

API = ["search", "search_operator", "locale", "html_path", "offset", "limit", "type", "fields", "order", "child_of"]
PARAMETERS = {
    "wagtailapi:pages:listing": API,
    "wagtailapi:pages:detail": ["fields"],
    "wagtailapi:pages:find": ["html_path", "id", "locale"],
    "wagtailapi:services:listing": ["search", "search_operator", "offset", "limit", "fields", "order"],
    "wagtailapi:services:detail": ["fields"],
    "wagtailapi:services:find": ["id"],
    "enter_code": ["ma", "chu"],
    "": ["ma"],  # /q without its slash
    "scan": ["xa"],
    "switch_language": ["den", "xa", "qr"],
    "healthz": [],
    "readyz": [],
    "ward_help_desk": ["qr"],
    "ward_picker": ["xa", "qr", "tiep", "q", "tinh"],
    "completion": [],  # a POST: see test_completion_post_never_fails
    "completion_thanks": ["trang", "xa"],
    "assisted_registration": ["xa"],
    "assisted_registration_undo": [],
    "search": ["q", "trang"],
    "search_suggestions": ["q"],
    "wagtail_serve": ["xa", "qr", "co_quan", "truc_tuyen"],
    "wagtailcore_authenticate_with_password": ["next"],
    "wagtailcore_login": ["next"],
    "wagtaildocs_serve": [],
    "wagtaildocs_authenticate_with_password": ["next"],
    # The print shop's signed link (media_kit.order_views): the token is the path; no query is read.
    "print_shop_order": [],
    "print_shop_sheet_pdf": [],
    "print_shop_sheet_xlsx": [],
    "print_shop_pack": [],
}
# Path parameters filled with the odd values too (escaped as a path segment).
PATH_FUZZED = {
    "scan": "/q/{}",
    "ward_help_desk": "/xa/{}/",
    "wagtail_serve": "/{}/",
    "print_shop_order": "/nha-in/{}/",
    "print_shop_sheet_xlsx": "/nha-in/{}/don-dat-in.xlsx",
    "print_shop_pack": "/nha-in/1:{}/bo-an-pham-1.zip",
}


def public_patterns():
    for pattern, name in walk(get_resolver().url_patterns):
        if not pattern.startswith(("admin/", "static/", "media/", "__")):
            yield pattern, name


def test_every_public_pattern_is_fuzzed():
    missing = sorted({name for _pattern, name in public_patterns()} - set(PARAMETERS))
    assert not missing, f"public URL patterns without a fuzz entry: {missing}"


@pytest.fixture
def public_urls(scan_code, guide):
    """A concrete address per public URL name (an object where the pattern takes one)."""
    return {
        "wagtailapi:pages:listing": "/api/v2/pages/",
        "wagtailapi:pages:detail": f"/api/v2/pages/{guide.pk}/",
        "wagtailapi:pages:find": "/api/v2/pages/find/",
        "wagtailapi:services:listing": "/api/v2/services/",
        "wagtailapi:services:detail": "/api/v2/services/1/",
        "wagtailapi:services:find": "/api/v2/services/find/",
        "enter_code": "/q/",
        "": "/q",
        "scan": f"/q/{scan_code}",
        "switch_language": "/doi-ngon-ngu/",
        "healthz": "/healthz",
        "readyz": "/readyz",
        "ward_help_desk": "/xa/24133/",
        "ward_picker": "/chon-xa/",
        "completion": "/da-lam-xong/",
        "completion_thanks": "/da-lam-xong/cam-on/",
        "assisted_registration": "/ho-tro/ghi-nhan/",
        "assisted_registration_undo": "/ho-tro/ghi-nhan/hoan-tac/",
        "search": "/tim-kiem/",
        "search_suggestions": "/tim-kiem/goi-y/",
        "wagtail_serve": guide.url,
        "wagtailcore_authenticate_with_password": "/_util/authenticate_with_password/1/1/",
        "wagtailcore_login": "/_util/login/",
        "wagtaildocs_serve": "/documents/1/x.pdf",
        "wagtaildocs_authenticate_with_password": "/documents/authenticate_with_password/1/",
        "print_shop_order": "/nha-in/1:1xZ0Q7:gia-mao/",
        "print_shop_sheet_pdf": "/nha-in/1:1xZ0Q7:gia-mao/don-dat-in.pdf",
        "print_shop_sheet_xlsx": "/nha-in/1:1xZ0Q7:gia-mao/don-dat-in.xlsx",
        "print_shop_pack": "/nha-in/1:1xZ0Q7:gia-mao/bo-an-pham-1.zip",
    }


def test_no_public_input_answers_a_server_error(public_urls, capsys):
    client = Client(raise_request_exception=False)
    started, requests, failures = time.monotonic(), 0, []
    for name, parameters in PARAMETERS.items():
        url = public_urls[name]
        for parameter in parameters:
            for value in VALUES:
                requests += 1
                response = client.get(url, QUERY_STRING=f"{parameter}={value}", HTTP_USER_AGENT="Mozilla/5.0")
                if response.status_code >= 500:
                    failures.append(f"{response.status_code} GET {url}?{parameter}={value[:40]}")
        if name in PATH_FUZZED:
            for value in VALUES:
                requests += 1
                path = PATH_FUZZED[name].format(value)
                response = client.get(path, HTTP_USER_AGENT="Mozilla/5.0")
                if response.status_code >= 500:
                    failures.append(f"{response.status_code} GET {path[:60]}")
    with capsys.disabled():
        print(f"\npublic fuzz: {len(PARAMETERS)} URL names, {requests} requests in {time.monotonic() - started:.1f} s")
    assert not failures, "\n".join(failures)


def test_completion_post_never_fails(guide, public_urls):
    client = Client(raise_request_exception=False)
    token = completion_token(guide.pk)
    failures = []
    for field in ("token", "qr"):
        for value in VALUES:
            data = f"token={token}&qr=" if field == "qr" else "qr="
            response = client.post(
                "/da-lam-xong/",
                data=f"{data}&{field}={value}",
                content_type="application/x-www-form-urlencoded",
                HTTP_ORIGIN="http://testserver",
                HTTP_REFERER=f"http://testserver{guide.url}?xa={value}&qr={value}",
            )
            if response.status_code >= 500:
                failures.append(f"{response.status_code} POST {field}={value[:40]}")
    assert not failures, "\n".join(failures)
