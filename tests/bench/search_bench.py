"""Site search over 5,000 guides on PostgreSQL or SQLite: latency of the search the citizens use, against baselines.

    .venv/bin/python tests/bench/search_bench.py \
        [--database-url postgres://postgres@127.0.0.1:5432/postgres | --database-url sqlite:] \
        [--scratch loa_search_bench] [--pages 5000] [--repeats 30] [--reuse]

Creates a scratch database (--scratch on the PostgreSQL server, or with `sqlite:` the file <scratch>.sqlite3 in
the temporary directory; dropped first and left behind for inspection), migrates it,
adds one campaign with N guides whose titles, steps and text mix the words citizens type (so a query such as
"vneid" matches thousands of pages and "giay phep lai xe" a few hundred), indexes them in bulk through
Wagtail's search backend, then times, per query and over all queries:

- search_site(): the selector behind /tim-kiem/ (folded query, ranking over every match, the best 60 pages
  made specific, the essential services, merged);
- the /tim-kiem/ page through Django's test client (the above plus snippets and the template);
- /tim-kiem/goi-y/ (the autocomplete);
- baselines measured in the same run: a page fetched by primary key, and a plain
  GuidePage.objects.filter(title__icontains=word)[:10] (what a naive search would do, without accents).

Prints median and p95 in ms and the ratios. A benchmark, not a test: nothing here asserts.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

PROJECT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(PROJECT))

SCRATCH_DATABASE = "loa_search_bench"
SQLITE_DIRECTORY = Path(tempfile.gettempdir())

ACTIONS = ["Đăng ký", "Kích hoạt", "Cấp đổi", "Khai báo", "Thông báo", "Gia hạn", "Tra cứu", "Nộp hồ sơ", "Xác nhận"]
OBJECTS = [
    "tạm trú",
    "thường trú",
    "tài khoản VNeID mức độ 2",
    "thẻ căn cước",
    "khai sinh cho con",
    "lưu trú cho khách",
    "thẻ bảo hiểm y tế",
    "giấy phép lái xe",
    "biển số xe máy",
    "tài khoản dịch vụ công",
    "SIM chính chủ",
    "trợ cấp thất nghiệp",
]
PLACES = [
    "Hà Nội",
    "Đắk Lắk",
    "Quảng Ngãi",
    "Thừa Thiên Huế",
    "Buôn Ma Thuột",
    "Ea Kao",
    "Cần Thơ",
    "Lào Cai",
    "Điện Biên",
    "Sóc Trăng",
]
STEP_TITLES = [
    "Mở ứng dụng VNeID",
    "Đăng nhập Cổng dịch vụ công",
    "Chọn thủ tục hành chính",
    "Nhập mã OTP",
    "Chụp ảnh giấy tờ",
    "Thanh toán lệ phí trực tuyến",
    "Theo dõi kết quả",
    "Đến Công an xã, phường",
]
STEP_BODIES = [
    "Dùng số điện thoại chính chủ để nhận mã. Không đưa mã OTP cho bất kỳ ai, kể cả người xưng là công an.",
    "Điền đủ thông tin theo hướng dẫn trên màn hình, kiểm tra lại trước khi gửi hồ sơ.",
    "Kết quả được gửi về ứng dụng và qua tin nhắn; có thể tra cứu bằng mã hồ sơ.",
    "Mang theo thẻ căn cước gắn chip; cán bộ sẽ hướng dẫn miễn phí tại Bộ phận Một cửa.",
]
QUERIES = [
    "dang ky tam tru",
    "KICH HOAT VNEID MUC 2",
    "  cap  doi cccd ",
    "the can cuoc",
    "dang ky khai sinh",
    "thong bao luu tru",
    "nop ho so truc tuyen",
    "vneid",
    "tai khoan dich vu cong",
    "giay phep lai xe",
    "bien so xe may dak lak",
    "ha noi",
    "Thừa Thiên Huế",
    "tro cap that nghiep",
    "sim chinh chu",
    "ma otp",
    "xin giay phep xay dung",
    "phao hoa tet",
]


def setup_django(database_url: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "website.settings.test"
    os.environ["DATABASE_URL"] = database_url
    import django

    django.setup()


def scratch_url(server_url: str, scratch: str) -> str:
    if server_url.startswith("sqlite:"):
        return f"sqlite:///{SQLITE_DIRECTORY / scratch}.sqlite3"
    return urlunsplit(urlsplit(server_url)._replace(path=f"/{scratch}"))


def recreate_database(server_url: str, scratch: str) -> str:
    if server_url.startswith("sqlite:"):
        for suffix in ("", "-wal", "-shm"):
            (SQLITE_DIRECTORY / f"{scratch}.sqlite3{suffix}").unlink(missing_ok=True)
        return scratch_url(server_url, scratch)
    import psycopg

    parts = urlsplit(server_url)
    with psycopg.connect(urlunsplit(parts._replace(scheme="postgresql")), autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {scratch}")
        connection.execute(f"CREATE DATABASE {scratch}")
    return scratch_url(server_url, scratch)


def build_guides(count: int) -> None:
    from django.test import override_settings
    from wagtail.rich_text import RichText
    from wagtail.search.backends import get_search_backend

    from campaigns.models import CampaignPage, GuidePage
    from tests.factories.campaigns import home_page

    rng = random.Random(6)  # the same site on every run
    home = home_page()
    backends = {"default": {"BACKEND": "search.backend", "SEARCH_CONFIG": "loa_vietnamese", "AUTO_UPDATE": False}}
    started = time.perf_counter()
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):  # index in bulk afterwards, not page by page
        campaign = home.add_child(instance=CampaignPage(title="Chiến dịch đo tìm kiếm", slug="do-tim-kiem"))
        for number in range(count):
            action, thing, place = rng.choice(ACTIONS), rng.choice(OBJECTS), rng.choice(PLACES)
            steps = [
                (
                    "step",
                    {
                        "title": rng.choice(STEP_TITLES),
                        "body": RichText(f"<p>{rng.choice(STEP_BODIES)}</p>"),
                        "image": None,
                        "image_alt": "",
                        "callouts": [],
                    },
                )
                for _ in range(rng.randint(2, 6))
            ]
            campaign.add_child(
                instance=GuidePage(
                    title=f"{action} {thing} tại {place}",
                    slug=f"huong-dan-{number}",
                    intro=f"Hướng dẫn người dân {place} {action.lower()} {thing} trên điện thoại.",
                    steps=steps,
                )
            )
    created = time.perf_counter()
    backend = get_search_backend()
    guides = list(GuidePage.objects.all())
    for start in range(0, len(guides), 500):
        backend.add_bulk(GuidePage, guides[start : start + 500])
    backend.add(campaign)
    print(f"{count} guides created in {created - started:.0f} s, indexed in {time.perf_counter() - created:.0f} s")


def print_trigram_plan() -> None:
    """How PostgreSQL reads the title lookup of search.trigram (absent before migration search 0007)."""
    try:
        from search.trigram import Folded
    except ImportError:
        return
    from django.contrib.postgres.lookups import TrigramWordSimilar
    from django.db.models import Value
    from wagtail.models import Page

    lookup = TrigramWordSimilar(Folded("title"), Value("dang ky thuong truuu"))
    plan = Page.objects.filter(lookup).order_by().values("pk").explain()
    print("plan of the trigram title lookup:\n  " + plan.replace("\n", "\n  "))


def timed(function, repeats: int) -> list[float]:
    function()  # warm up
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def describe(label: str, samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    return f"{label:<34} median {statistics.median(samples):7.2f} ms   p95 {p95:7.2f} ms   ({len(samples)} runs)"


def main() -> int:
    warnings.filterwarnings("ignore", "No directory at")  # WhiteNoise; the bench serves no static files
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--scratch", default=SCRATCH_DATABASE, help="the scratch database's name")
    parser.add_argument("--pages", type=int, default=5000)
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--reuse", action="store_true", help="time the scratch database of a previous run again")
    args = parser.parse_args()

    if args.reuse:
        setup_django(scratch_url(args.database_url, args.scratch))
    else:
        setup_django(recreate_database(args.database_url, args.scratch))
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from wagtail.models import Page

    from campaigns.models import GuidePage
    from search.selectors import search_site

    call_command("migrate", verbosity=0)
    if not args.reuse:
        build_guides(args.pages)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    guides = GuidePage.objects.count()
    database = connection.settings_dict["NAME"]
    if connection.vendor == "postgresql":
        print(f"database: {database} on PostgreSQL {connection.pg_version // 10000}, {guides} guides")
        print_trigram_plan()
    else:
        print(f"database: {database} on {connection.vendor}, {guides} guides")
    print("load average (1, 5, 15 min) at start: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))

    client = Client(HTTP_USER_AGENT="Mozilla/5.0 (Linux; Android 13) Mobile Safari/537.36")
    page_ids = list(GuidePage.objects.values_list("pk", flat=True))
    rng = random.Random(7)

    everything: dict[str, list[float]] = {"selector": [], "page": [], "suggest": []}
    print("\nper query (search_site, median ms / matches):")
    for query in QUERIES:
        samples = timed(lambda q=query: search_site(query=q), args.repeats)
        everything["selector"] += samples
        matches = len(search_site(query=query).results)
        print(f"  {query.strip()!r:<28} {statistics.median(samples):7.2f} ms   {matches:>3} results kept")
        everything["page"] += timed(lambda q=query: client.get("/tim-kiem/", {"q": q}), max(5, args.repeats // 3))
        everything["suggest"] += timed(
            lambda q=query: client.get("/tim-kiem/goi-y/", {"q": q}), max(5, args.repeats // 3)
        )

    by_pk = timed(lambda: Page.objects.get(pk=rng.choice(page_ids)), args.repeats * 10)
    words = ["tạm trú", "VNeID", "căn cước", "khai sinh", "lưu trú", "giấy phép"]
    icontains = timed(
        lambda: list(GuidePage.objects.live().filter(title__icontains=rng.choice(words))[:10]), args.repeats * 10
    )

    print()
    print(describe("baseline: page by primary key", by_pk))
    print(describe("baseline: title__icontains [:10]", icontains))
    print(describe("search_site() (all queries)", everything["selector"]))
    print(describe("/tim-kiem/ page (all queries)", everything["page"]))
    print(describe("/tim-kiem/goi-y/ (all queries)", everything["suggest"]))
    print("load average (1, 5, 15 min) at end:   {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
    median = statistics.median(everything["selector"])
    print(f"\nratio search_site / page by pk (median):    {median / statistics.median(by_pk):.1f}")
    print(f"ratio search_site / title__icontains (median): {median / statistics.median(icontains):.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
