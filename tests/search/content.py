"""A realistic little site for search tests: the demo guides and services plus guides on the other essential
services, so that many pages share words ("đăng ký", "VNeID", "trực tuyến") and ranking decides."""

from campaigns.demo_content import GUIDES as DEMO_GUIDES
from campaigns.demo_content import SERVICES as DEMO_SERVICES
from campaigns.models import GuidePage, PublicService
from tests.factories.campaigns import CampaignPageFactory, GuidePageFactory, VideoPageFactory, home_page, step

# slug, title, intro, [(step title, step body)]
MORE_GUIDES = [
    (
        "dang-ky-thuong-tru",
        "Đăng ký thường trú trực tuyến",
        "Nộp hồ sơ đăng ký thường trú trên Cổng dịch vụ công, không phải xếp hàng ở Công an xã.",
        [
            ("Đăng nhập Cổng dịch vụ công bằng VNeID", "Dùng tài khoản định danh điện tử mức độ 2."),
            ("Chọn thủ tục đăng ký thường trú", "Gõ tìm “thường trú” trong ô tìm kiếm của cổng."),
            ("Khai tờ khai thay đổi thông tin cư trú", "Điền thông tin chỗ ở hợp pháp và người cùng hộ."),
            ("Tải ảnh giấy tờ chỗ ở hợp pháp", "Sổ đỏ, hợp đồng mua nhà hoặc văn bản đồng ý của chủ hộ."),
        ],
    ),
    (
        "khai-bao-tam-vang",
        "Khai báo tạm vắng trên VNeID",
        "Báo cho Công an xã khi bạn vắng mặt khỏi nơi cư trú dài ngày.",
        [
            ("Mở mục Thủ tục hành chính trên VNeID", "Chọn Khai báo tạm vắng."),
            ("Nhập thời gian và nơi đến", "Ghi rõ ngày đi, ngày dự kiến về và địa chỉ nơi đến."),
            ("Gửi và nhận kết quả", "Kết quả được gửi về ứng dụng."),
        ],
    ),
    (
        "thong-bao-luu-tru",
        "Thông báo lưu trú cho khách ở lại qua đêm",
        "Chủ nhà trọ, homestay và gia đình có khách ở lại qua đêm thông báo lưu trú trên điện thoại.",
        [
            ("Chọn Thông báo lưu trú trên VNeID", "Trong mục Thủ tục hành chính."),
            ("Nhập thông tin khách", "Số định danh cá nhân, họ tên, thời gian lưu trú."),
            ("Gửi thông báo trước 23 giờ", "Khách đến sau 23 giờ thì thông báo trước 8 giờ sáng hôm sau."),
        ],
    ),
    (
        "cap-doi-can-cuoc",
        "Cấp đổi, cấp lại thẻ căn cước (CCCD)",
        "Đổi thẻ căn cước công dân khi hết hạn, hỏng, mất hoặc thay đổi thông tin; đặt lịch hẹn trực tuyến.",
        [
            ("Đặt lịch hẹn trên Cổng dịch vụ công Bộ Công an", "Chọn cơ quan công an và giờ hẹn."),
            ("Đến nơi làm thủ tục", "Mang thẻ cũ hoặc giấy tờ chứng minh nhân thân."),
            ("Chụp ảnh, thu vân tay", "Cán bộ thu nhận sinh trắc học."),
            ("Nhận thẻ mới", "Nhận tại nơi làm thủ tục hoặc qua bưu điện."),
        ],
    ),
    (
        "xac-nhan-so-cmnd",
        "Xác nhận số CMND cũ khi đã có thẻ căn cước",
        "Xin giấy xác nhận số chứng minh nhân dân cũ để làm thủ tục ngân hàng, đất đai.",
        [
            ("Chọn thủ tục xác nhận số CMND", "Trên Cổng dịch vụ công Bộ Công an."),
            ("Nhận văn bản xác nhận", "Văn bản điện tử gửi qua email hoặc ứng dụng."),
        ],
    ),
    (
        "dang-ky-khai-sinh",
        "Đăng ký khai sinh cho con",
        "Đăng ký khai sinh trực tuyến, nhận giấy khai sinh điện tử và thẻ bảo hiểm y tế cho trẻ dưới 6 tuổi.",
        [
            ("Chuẩn bị giấy chứng sinh", "Giấy chứng sinh do bệnh viện hoặc trạm y tế cấp."),
            ("Nộp hồ sơ liên thông khai sinh, thường trú, bảo hiểm y tế", "Trên Cổng dịch vụ công quốc gia."),
            ("Nhận giấy khai sinh", "Bản điện tử gửi về tài khoản, bản giấy qua bưu điện."),
        ],
    ),
    (
        "dang-ky-khai-tu",
        "Đăng ký khai tử",
        "Đăng ký khai tử cho người thân đã mất, xóa đăng ký thường trú và nhận trợ cấp mai táng phí.",
        [
            ("Chuẩn bị giấy báo tử", "Do bệnh viện hoặc Ủy ban nhân dân xã cấp."),
            ("Nộp hồ sơ liên thông khai tử", "Trên Cổng dịch vụ công quốc gia."),
        ],
    ),
    (
        "dang-ky-ket-hon",
        "Đăng ký kết hôn",
        "Hai người cùng nộp hồ sơ đăng ký kết hôn trực tuyến rồi đến Ủy ban nhân dân xã nhận giấy chứng nhận.",
        [
            ("Nộp tờ khai đăng ký kết hôn", "Trên Cổng dịch vụ công quốc gia."),
            ("Đến nhận giấy chứng nhận kết hôn", "Cả hai người cùng có mặt."),
        ],
    ),
    (
        "tao-tai-khoan-dich-vu-cong",
        "Tạo tài khoản Cổng dịch vụ công quốc gia",
        "Đăng ký tài khoản dịch vụ công để nộp hồ sơ thủ tục hành chính qua mạng.",
        [
            ("Mở trang dichvucong.gov.vn", "Bấm Đăng ký."),
            ("Chọn đăng ký bằng tài khoản VNeID", "Hoặc bằng số điện thoại, bảo hiểm xã hội."),
            ("Kiểm tra thông tin tài khoản", "Cập nhật email để nhận thông báo."),
        ],
    ),
    (
        "nop-ho-so-truc-tuyen",
        "Nộp hồ sơ trực tuyến và theo dõi kết quả",
        "Các bước chung để nộp hồ sơ thủ tục hành chính qua mạng, thanh toán lệ phí và tra cứu tình trạng hồ sơ.",
        [
            ("Tìm thủ tục cần làm", "Gõ tên thủ tục vào ô tìm kiếm của cổng."),
            ("Điền tờ khai và đính kèm giấy tờ", "Ảnh chụp rõ nét, đủ các trang."),
            ("Thanh toán lệ phí trực tuyến", "Qua ngân hàng hoặc ví điện tử."),
            ("Tra cứu hồ sơ", "Theo mã hồ sơ nhận được qua tin nhắn."),
        ],
    ),
    (
        "the-bhyt-tren-vneid",
        "Dùng thẻ căn cước thay thẻ bảo hiểm y tế khi khám bệnh",
        "Khám chữa bệnh bảo hiểm y tế bằng thẻ căn cước gắn chip hoặc VNeID, không cần thẻ giấy.",
        [
            ("Tích hợp thẻ BHYT vào VNeID", "Trong mục Ví giấy tờ của ứng dụng."),
            ("Đưa thẻ căn cước khi đăng ký khám", "Nhân viên quẹt chip hoặc quét mã QR."),
        ],
    ),
    (
        "gia-han-bhyt-ho-gia-dinh",
        "Gia hạn thẻ bảo hiểm y tế hộ gia đình",
        "Gia hạn thẻ BHYT theo hộ gia đình trực tuyến và được giảm trừ mức đóng cho người thứ hai trở đi.",
        [
            ("Chọn dịch vụ gia hạn thẻ BHYT", "Trên Cổng dịch vụ công quốc gia."),
            ("Thanh toán trực tuyến", "Mức đóng đã trừ phần giảm theo hộ gia đình."),
        ],
    ),
    (
        "sim-chinh-chu",
        "Kiểm tra và chuẩn hóa SIM chính chủ",
        "Số điện thoại phải đứng tên chính bạn để nhận mã kích hoạt và mã OTP.",
        [
            ("Soạn tin nhắn kiểm tra thông tin thuê bao", "Nhà mạng trả lời tên chủ thuê bao."),
            ("Chuẩn hóa thông tin thuê bao", "Đến cửa hàng nhà mạng với thẻ căn cước."),
        ],
    ),
    (
        "dang-ky-bien-so-xe",
        "Đăng ký, cấp biển số xe máy trực tuyến",
        "Đăng ký xe mô tô, xe gắn máy mới mua và nhận biển số định danh.",
        [
            ("Khai giấy đăng ký xe trên Cổng dịch vụ công", "Nhận mã hồ sơ đăng ký xe."),
            ("Đưa xe đến Công an xã kiểm tra", "Mang theo mã hồ sơ và giấy tờ xe."),
        ],
    ),
    (
        "hoc-phi-khong-tien-mat",
        "Đóng học phí không dùng tiền mặt",
        "Cha mẹ học sinh đóng học phí qua ngân hàng hoặc ví điện tử.",
        [
            ("Nhận mã thanh toán của nhà trường", "Qua tin nhắn hoặc sổ liên lạc điện tử."),
            ("Chuyển khoản đúng mã", "Giữ lại biên lai điện tử."),
        ],
    ),
    (
        "giay-phep-lai-xe-vneid",
        "Tích hợp giấy phép lái xe vào VNeID",
        "Xuất trình giấy phép lái xe trên VNeID khi cảnh sát giao thông kiểm tra.",
        [
            ("Mở Ví giấy tờ trên VNeID", "Chọn Tích hợp thông tin."),
            ("Chọn giấy phép lái xe", "Nhập số giấy phép và gửi yêu cầu."),
        ],
    ),
    (
        "tro-cap-that-nghiep",
        "Hưởng trợ cấp thất nghiệp",
        "Nộp hồ sơ hưởng trợ cấp thất nghiệp trực tuyến trong 3 tháng sau khi nghỉ việc.",
        [
            ("Chuẩn bị quyết định nghỉ việc", "Và sổ bảo hiểm xã hội."),
            ("Nộp đề nghị hưởng trợ cấp thất nghiệp", "Trên Cổng dịch vụ công quốc gia."),
        ],
    ),
]

VIDEO = (
    "Video: kích hoạt VNeID mức độ 2 tại Công an xã",
    "Xem cán bộ công an hướng dẫn kích hoạt tài khoản định danh điện tử mức độ 2.",
    "<p>Xin chào bà con. Hôm nay chúng tôi hướng dẫn kích hoạt tài khoản mức độ 2 trên ứng dụng VNeID.</p>",
)


def _demo_steps(guide: dict) -> list:
    return [step(item["title"], item["body_html"]) for item in guide["steps"]]


def build_search_site() -> dict[str, GuidePage]:
    """Create the campaign, its guides, a video and the essential services; return the guides by slug."""
    home = home_page()
    campaign = CampaignPageFactory(
        parent=home,
        title="Kích hoạt định danh điện tử mức độ 2",
        slug="chien-dich-tim-kiem",
        intro="Cùng bà con cài VNeID, kích hoạt tài khoản mức độ 2 và làm thủ tục trên mạng.",
    )
    guides: dict[str, GuidePage] = {}
    for guide in DEMO_GUIDES:
        guides[guide["slug"]] = GuidePageFactory(
            parent=campaign,
            slug=guide["slug"],
            title=guide["title"],
            intro=guide["intro"],
            steps=_demo_steps(guide),
            what_you_need=[("item", item) for item in guide["what_you_need"]],
        )
    for slug, title, intro, steps in MORE_GUIDES:
        guides[slug] = GuidePageFactory(
            parent=campaign,
            slug=slug,
            title=title,
            intro=intro,
            steps=[step(step_title, f"<p>{body}</p>") for step_title, body in steps],
            what_you_need=[("item", "Thẻ căn cước gắn chip")],
        )
    title, intro, transcript = VIDEO
    VideoPageFactory(parent=campaign, slug="video-kich-hoat-muc-do-2", title=title, intro=intro, transcript=transcript)
    for position, service in enumerate(DEMO_SERVICES):
        PublicService.objects.create(
            name=service["name"],
            agency=service["agency"],
            fully_online=service["fully_online"],
            portal_url=service["portal_url"],
            guide=guides.get(service["guide"]) if service["guide"] else None,
            sort_order=position,
        )
    return guides
