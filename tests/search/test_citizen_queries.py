"""Done-when of issue 7: real queries typed without diacritics, with slips of case and spacing, find the expected
guide or service in the top 3, on SQLite and on PostgreSQL (CI runs this file on both)."""

import pytest

from search.selectors import load_results, search_site
from tests.search.content import build_search_site

# query -> what may answer it (a page slug, or "dv:" + the name of an essential service)
CITIZEN_QUERIES = {
    "dang ky tam tru": {"dang-ky-tam-tru-truc-tuyen", "dv:Đăng ký tạm trú"},
    "DANG KY TAM TRU": {"dang-ky-tam-tru-truc-tuyen", "dv:Đăng ký tạm trú"},
    "tam tru online": {"dang-ky-tam-tru-truc-tuyen", "dv:Đăng ký tạm trú"},
    "kich hoat vneid muc 2": {"kich-hoat-dinh-danh-muc-do-2", "video-kich-hoat-muc-do-2"},
    "KICH HOAT VNEID MUC 2": {"kich-hoat-dinh-danh-muc-do-2", "video-kich-hoat-muc-do-2"},
    "kich hoat muc do 2": {"kich-hoat-dinh-danh-muc-do-2", "video-kich-hoat-muc-do-2"},
    "dinh danh dien tu muc 2": {"kich-hoat-dinh-danh-muc-do-2", "video-kich-hoat-muc-do-2"},
    "  cap  doi cccd ": {"cap-doi-can-cuoc", "dv:Cấp đổi, cấp lại thẻ CCCD"},
    "cap lai the can cuoc": {"cap-doi-can-cuoc", "dv:Cấp đổi, cấp lại thẻ CCCD"},
    "doi can cuoc": {"cap-doi-can-cuoc", "dv:Cấp đổi, cấp lại thẻ CCCD"},
    "dang ky khai sinh": {"dang-ky-khai-sinh", "dv:Đăng ký khai sinh"},
    "Khai Sinh": {"dang-ky-khai-sinh", "dv:Đăng ký khai sinh"},
    "lam giay khai sinh cho con": {"dang-ky-khai-sinh", "dv:Đăng ký khai sinh"},
    "thong bao luu tru": {"thong-bao-luu-tru", "dv:Thông báo lưu trú"},
    "luu tru khach o qua dem": {"thong-bao-luu-tru", "dv:Thông báo lưu trú"},
    "nop ho so truc tuyen": {"nop-ho-so-truc-tuyen"},
    "tra cuu ho so": {"nop-ho-so-truc-tuyen"},
    "vneid": {"cai-dat-vneid", "kich-hoat-dinh-danh-muc-do-2", "video-kich-hoat-muc-do-2"},
    "cai vneid": {"cai-dat-vneid"},
    "cai dat ung dung vneid": {"cai-dat-vneid"},
    "tai khoan dich vu cong": {"tao-tai-khoan-dich-vu-cong", "dang-nhap-dich-vu-cong-bang-vneid"},
    "dang nhap dich vu cong": {"dang-nhap-dich-vu-cong-bang-vneid"},
    "dang nhap dvc bang vneid": {"dang-nhap-dich-vu-cong-bang-vneid"},
    "dang ky thuong tru": {"dang-ky-thuong-tru", "dv:Đăng ký thường trú"},
    "thuong tru": {"dang-ky-thuong-tru", "dv:Đăng ký thường trú"},
    "khai bao tam vang": {"khai-bao-tam-vang", "dv:Khai báo tạm vắng"},
    "tam vang": {"khai-bao-tam-vang", "dv:Khai báo tạm vắng"},
    "dang ky ket hon": {"dang-ky-ket-hon", "dv:Đăng ký kết hôn"},
    "khai tu": {"dang-ky-khai-tu", "dv:Đăng ký khai tử"},
    "xac nhan so cmnd": {"xac-nhan-so-cmnd", "dv:Xác nhận số CMND khi đã được cấp thẻ CCCD"},
    "cmnd cu": {"xac-nhan-so-cmnd", "dv:Xác nhận số CMND khi đã được cấp thẻ CCCD"},
    "bao hiem y te": {"the-bhyt-tren-vneid", "gia-han-bhyt-ho-gia-dinh"},
    "gia han bhyt": {"gia-han-bhyt-ho-gia-dinh", "dv:Tích hợp giảm trừ mức đóng khi gia hạn thẻ BHYT theo hộ gia đình"},
    "kham benh bang can cuoc": {"the-bhyt-tren-vneid"},
    "sim chinh chu": {"sim-chinh-chu"},
    "ma otp": {"cai-dat-vneid", "sim-chinh-chu", "kich-hoat-dinh-danh-muc-do-2"},
    "bien so xe may": {"dang-ky-bien-so-xe", "dv:Đăng ký, cấp biển số mô tô, xe gắn máy"},
    "hoc phi": {"hoc-phi-khong-tien-mat"},
    "giay phep lai xe": {"giay-phep-lai-xe-vneid"},
    "tro cap that nghiep": {"tro-cap-that-nghiep", "dv:Giải quyết hưởng trợ cấp thất nghiệp"},
    "dang ky thue": {"dv:Đăng ký thuế (hộ gia đình, cá nhân)"},
    "cap dien moi": {"dv:Cấp điện mới từ lưới điện hạ áp (220/380V)"},
    "thi tot nghiep thpt": {"dv:Đăng ký dự thi tốt nghiệp THPT và xét tuyển đại học, cao đẳng"},
    "Dang Ky Tam Tru": {"dang-ky-tam-tru-truc-tuyen", "dv:Đăng ký tạm trú"},
    "đăng ký tạm trú": {"dang-ky-tam-tru-truc-tuyen", "dv:Đăng ký tạm trú"},
}


def identity(result) -> str:
    return f"dv:{result.object.name}" if result.kind == "publicservice" else result.object.slug


@pytest.fixture
def search_site_content(db, django_capture_on_commit_callbacks):
    # Pages and services are indexed by Wagtail's post-save task, which runs when the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        return build_search_site()


def test_at_least_forty_queries_without_diacritics():
    unaccented = [query for query in CITIZEN_QUERIES if query.isascii()]
    assert len(unaccented) >= 40


def test_each_citizen_query_finds_the_expected_page_in_the_top_three(search_site_content):
    misses = []
    for query, expected in CITIZEN_QUERIES.items():
        top = [identity(result) for result in load_results(search_site(query=query).results[:3])]
        if not expected & set(top):
            misses.append(f"{query!r}: top 3 {top}, expected one of {sorted(expected)}")
    assert not misses, "\n".join(misses)
