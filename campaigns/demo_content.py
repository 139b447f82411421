"""The words of the demo campaign: guides, services, metrics and targets, in Vietnamese.

Data only: campaigns/demo.py turns it into pages. Accurate to how the services worked in
2024–2025; where a menu label differs between app versions the steps describe it generally.
The steps of "cai-dat-vneid" follow the chapters of the demo video (scripts/make_demo_video.py).
"""

CAMPAIGN = {
    "title": "Kích hoạt định danh điện tử mức độ 2",
    "slug": "kich-hoat-dinh-danh-dien-tu-muc-do-2",
    "intro": "Cùng bà con cài VNeID, kích hoạt tài khoản định danh điện tử mức độ 2 và làm thủ tục trên mạng.",
    "goal_html": (
        "<p>Giúp mọi người dân trong xã, phường có tài khoản định danh điện tử mức độ 2 "
        "và tự làm được các thủ tục hành chính thiết yếu trên điện thoại.</p>"
        "<ul>"
        "<li>Người dân dùng số điện thoại đứng tên chính mình (SIM chính chủ) để nhận mã kích hoạt và mã OTP.</li>"
        "<li>Người dân biết cài ứng dụng VNeID và đăng ký tài khoản.</li>"
        "<li>Người dân đến Công an xã, phường để đăng ký và kích hoạt tài khoản mức độ 2.</li>"
        "<li>Người dân đăng nhập Cổng dịch vụ công quốc gia bằng VNeID và nộp hồ sơ trực tuyến.</li>"
        "</ul>"
    ),
    "starts_on": "2026-01-01",
    "ends_on": "2026-12-31",
}

METRICS = [
    {
        "slug": "vneid-muc-1",
        "name": "Tài khoản định danh điện tử mức độ 1",
        "unit": "tài khoản",
        "description": "Số tài khoản VNeID mức độ 1 người dân tự đăng ký trên ứng dụng và đã được phê duyệt.",
    },
    {
        "slug": "vneid-muc-2",
        "name": "Tài khoản định danh điện tử mức độ 2 được kích hoạt",
        "unit": "tài khoản",
        "description": "Số tài khoản mức độ 2 đã được kích hoạt trên ứng dụng, theo số liệu của Công an xã, phường.",
    },
    {
        "slug": "tai-khoan-dvc",
        "name": "Tài khoản Cổng dịch vụ công quốc gia",
        "unit": "tài khoản",
        "description": (
            "Số người dân có tài khoản trên Cổng dịch vụ công quốc gia, kể cả người đăng nhập bằng tài khoản VNeID."
        ),
    },
    {
        "slug": "ho-so-truc-tuyen",
        "name": "Hồ sơ nộp trực tuyến",
        "unit": "hồ sơ",
        "description": "Số hồ sơ thủ tục hành chính người dân nộp qua mạng trong kỳ báo cáo.",
    },
    {
        "slug": "sim-chinh-chu",
        "name": "Người dân dùng SIM chính chủ",
        "unit": "người",
        "description": (
            "Số người dân dùng số điện thoại di động đứng tên chính mình, cần để nhận mã kích hoạt và mã OTP."
        ),
    },
    {
        "slug": "dan-so",
        "name": "Số người dân trong độ tuổi cấp thẻ căn cước",
        "unit": "người",
        "description": (
            "Mẫu số để tính tỷ lệ: số người dân từ đủ 14 tuổi trở lên cư trú trên địa bàn, "
            "độ tuổi phải làm thẻ căn cước."
        ),
    },
]

TARGETS = [
    {"metric": "vneid-muc-2", "target_percent": 80, "deadline": "2026-12-31"},
    {"metric": "tai-khoan-dvc", "target_percent": 50, "deadline": "2026-12-31"},
    {"metric": "sim-chinh-chu", "target_percent": 80, "deadline": "2026-12-31"},
]

NATIONAL_PORTAL = "https://dichvucong.gov.vn/"
POLICE_PORTAL = "https://dichvucong.bocongan.gov.vn/"

SERVICES = [
    {
        "name": "Xác nhận số CMND khi đã được cấp thẻ CCCD",
        "agency": "Bộ Công an",
        "fully_online": True,
        "portal_url": POLICE_PORTAL,
        "guide": None,
    },
    {
        "name": "Cấp đổi, cấp lại thẻ CCCD",
        "agency": "Bộ Công an",
        "fully_online": False,
        "portal_url": POLICE_PORTAL,
        "guide": None,
    },
    {
        "name": "Đăng ký thường trú",
        "agency": "Bộ Công an",
        "fully_online": True,
        "portal_url": NATIONAL_PORTAL,
        "guide": None,
    },
    {
        "name": "Đăng ký tạm trú",
        "agency": "Bộ Công an",
        "fully_online": True,
        "portal_url": NATIONAL_PORTAL,
        "guide": "dang-ky-tam-tru-truc-tuyen",
    },
    {
        "name": "Khai báo tạm vắng",
        "agency": "Bộ Công an",
        "fully_online": True,
        "portal_url": NATIONAL_PORTAL,
        "guide": None,
    },
    {
        "name": "Thông báo lưu trú",
        "agency": "Bộ Công an",
        "fully_online": True,
        "portal_url": NATIONAL_PORTAL,
        "guide": None,
    },
    {
        "name": "Đăng ký, cấp biển số mô tô, xe gắn máy",
        "agency": "Bộ Công an",
        "fully_online": False,
        "portal_url": POLICE_PORTAL,
        "guide": None,
    },
    {
        "name": "Đăng ký khai sinh",
        "agency": "Bộ Tư pháp",
        "fully_online": True,
        "portal_url": NATIONAL_PORTAL,
        "guide": None,
        "steps": (
            "Đăng nhập Cổng dịch vụ công quốc gia bằng tài khoản VNeID mức độ 2\n"
            "Chọn thủ tục liên thông đăng ký khai sinh, thường trú, cấp thẻ bảo hiểm y tế cho trẻ dưới 6 tuổi\n"
            "Khai tờ khai và tải ảnh giấy chứng sinh\n"
            "Nhận giấy khai sinh điện tử; bản giấy nhận qua bưu điện hoặc tại UBND xã, phường"
        ),
        "documents": "Giấy chứng sinh của bệnh viện hoặc trạm y tế\nThẻ căn cước của cha hoặc mẹ",
        "fee": "Miễn lệ phí khi đăng ký đúng hạn (trong 60 ngày kể từ ngày sinh)",
    },
    {
        "name": "Đăng ký khai tử",
        "agency": "Bộ Tư pháp",
        "fully_online": True,
        "portal_url": NATIONAL_PORTAL,
        "guide": None,
    },
    {
        "name": "Đăng ký kết hôn",
        "agency": "Bộ Tư pháp",
        "fully_online": False,
        "portal_url": NATIONAL_PORTAL,
        "guide": None,
    },
    {
        "name": "Liên thông đăng ký khai sinh – đăng ký thường trú – cấp thẻ BHYT cho trẻ dưới 6 tuổi",
        "agency": "Bộ Tư pháp, Bộ Công an, Bảo hiểm xã hội Việt Nam",
        "fully_online": True,
        "portal_url": NATIONAL_PORTAL,
        "guide": None,
    },
    {
        "name": "Liên thông đăng ký khai tử – xóa đăng ký thường trú – trợ cấp mai táng phí",
        "agency": "Bộ Tư pháp, Bộ Công an, Bảo hiểm xã hội Việt Nam",
        "fully_online": True,
        "portal_url": NATIONAL_PORTAL,
        "guide": None,
    },
    {
        "name": "Tích hợp giảm trừ mức đóng khi gia hạn thẻ BHYT theo hộ gia đình",
        "agency": "Bảo hiểm xã hội Việt Nam",
        "fully_online": True,
        "portal_url": NATIONAL_PORTAL,
        "guide": None,
    },
    {
        "name": "Đăng ký thuế (hộ gia đình, cá nhân)",
        "agency": "Bộ Tài chính (Cục Thuế)",
        "fully_online": True,
        "portal_url": NATIONAL_PORTAL,
        "guide": None,
    },
    {
        "name": "Đăng ký dự thi tốt nghiệp THPT và xét tuyển đại học, cao đẳng",
        "agency": "Bộ Giáo dục và Đào tạo",
        "fully_online": True,
        "portal_url": NATIONAL_PORTAL,
        "guide": None,
    },
    {
        "name": "Giải quyết hưởng trợ cấp thất nghiệp",
        "agency": "Bộ Nội vụ",
        "fully_online": False,
        "portal_url": NATIONAL_PORTAL,
        "guide": None,
    },
    {
        "name": "Cấp điện mới từ lưới điện hạ áp (220/380V)",
        "agency": "Tập đoàn Điện lực Việt Nam (EVN)",
        "fully_online": True,
        "portal_url": NATIONAL_PORTAL,
        "guide": None,
    },
    {
        "name": "Thay đổi chủ thể hợp đồng mua bán điện",
        "agency": "Tập đoàn Điện lực Việt Nam (EVN)",
        "fully_online": True,
        "portal_url": NATIONAL_PORTAL,
        "guide": None,
    },
]

OTP_WARNING = (
    "Không đọc, không gửi mã OTP, mật khẩu hay passcode cho bất kỳ ai. Công an và cán bộ không bao giờ hỏi "
    "những mã này qua điện thoại, tin nhắn hay mạng xã hội. Nếu có người hỏi, hãy báo ngay cho Công an xã, phường."
)

GUIDES = [
    {
        "slug": "cai-dat-vneid",
        "title": "Cài đặt ứng dụng VNeID và đăng ký tài khoản",
        "intro": "Cài VNeID trên điện thoại và tự đăng ký tài khoản định danh điện tử mức độ 1 tại nhà.",
        "estimated_minutes": 15,
        "what_you_need": [
            "Thẻ căn cước công dân gắn chip hoặc thẻ căn cước",
            "Điện thoại thông minh có kết nối Internet",
            "Số điện thoại chính chủ (đứng tên chính bạn) đang dùng, để nhận tin nhắn",
        ],
        "steps": [
            {
                "title": "Tải ứng dụng VNeID",
                "body_html": (
                    "<p>Mở <b>CH Play</b> (điện thoại Android) hoặc <b>App Store</b> (iPhone), gõ tìm "
                    "<b>VNeID</b>. Chọn đúng ứng dụng VNeID của Bộ Công an, rồi bấm <b>Cài đặt</b>.</p>"
                ),
                "tip": "Ứng dụng VNeID miễn phí. Nên cài khi điện thoại đang bắt Wi-Fi để đỡ tốn dung lượng mạng.",
                "warning": (
                    "Chỉ tải VNeID từ CH Play hoặc App Store. Không cài ứng dụng theo đường dẫn lạ gửi qua tin nhắn, "
                    "Zalo hay Facebook, kể cả khi người gửi xưng là công an."
                ),
            },
            {
                "title": "Chọn Đăng ký",
                "body_html": (
                    "<p>Mở ứng dụng VNeID, bấm <b>Đăng ký</b>. Nhập <b>số định danh cá nhân</b> (12 số in trên "
                    "thẻ căn cước) và <b>số điện thoại chính chủ</b> của bạn, rồi gửi yêu cầu.</p>"
                ),
                "tip": "Số định danh cá nhân chính là số thẻ căn cước gắn chip của bạn.",
                "warning": None,
            },
            {
                "title": "Nhập mã OTP",
                "body_html": "<p>Điện thoại nhận một tin nhắn có mã OTP gồm 6 số. Nhập mã này vào ứng dụng.</p>",
                "tip": "Nếu chưa nhận được tin nhắn, chờ một lát rồi bấm gửi lại mã.",
                "warning": OTP_WARNING,
            },
            {
                "title": "Đặt mật khẩu",
                "body_html": (
                    "<p>Tạo mật khẩu theo hướng dẫn trên màn hình: có chữ hoa, chữ thường, chữ số và ký tự đặc "
                    "biệt. Nhập lại lần nữa để xác nhận.</p>"
                    "<p>Ghi nhớ mật khẩu. Không viết mật khẩu lên điện thoại hay ốp lưng.</p>"
                ),
                "tip": None,
                "warning": None,
            },
            {
                "title": "Xác thực thẻ căn cước và khuôn mặt",
                "body_html": (
                    "<p>Làm theo hướng dẫn trên màn hình để ứng dụng đọc thông tin thẻ căn cước, thường là áp thẻ "
                    "vào mặt sau điện thoại để đọc chip. Sau đó chụp ảnh khuôn mặt và gửi yêu cầu.</p>"
                ),
                "tip": (
                    "Ngồi chỗ đủ sáng, bỏ kính và mũ khi chụp ảnh khuôn mặt. Nếu điện thoại không đọc được chip, "
                    "hãy nhờ Công an xã, phường hoặc Tổ công nghệ số cộng đồng giúp."
                ),
                "warning": None,
            },
            {
                "title": "Chờ phê duyệt và đăng nhập",
                "body_html": (
                    "<p>Cơ quan Công an xét duyệt yêu cầu. Khi có tin nhắn hoặc thông báo tài khoản đã được "
                    "duyệt, mở VNeID và đăng nhập bằng số định danh cá nhân và mật khẩu.</p>"
                    "<p>Để dùng được nhiều dịch vụ công hơn, hãy nâng lên <b>mức độ 2</b> tại Công an xã, phường.</p>"
                ),
                "tip": None,
                "warning": None,
            },
        ],
        "related_services": ["Thông báo lưu trú", "Khai báo tạm vắng"],
        "video": True,
    },
    {
        "slug": "kich-hoat-dinh-danh-muc-do-2",
        "title": "Kích hoạt tài khoản định danh điện tử mức độ 2",
        "intro": "Đăng ký mức độ 2 tại Công an xã, phường rồi tự kích hoạt trên ứng dụng VNeID bằng mã trong tin nhắn.",
        "estimated_minutes": 30,
        "what_you_need": [
            "Thẻ căn cước công dân gắn chip hoặc thẻ căn cước, còn hạn",
            "Điện thoại thông minh đã cài VNeID",
            "Số điện thoại chính chủ (đứng tên chính bạn) đang dùng",
        ],
        "steps": [
            {
                "title": "Đến Công an xã, phường",
                "body_html": (
                    "<p>Mang theo thẻ căn cước gắn chip và điện thoại đến Công an xã, phường. Nói với cán bộ "
                    "bạn muốn <b>đăng ký tài khoản định danh điện tử mức độ 2</b>.</p>"
                    "<p>Số điện thoại bạn đăng ký phải đứng tên chính bạn. Nếu chưa, hãy đến cửa hàng của nhà mạng "
                    "để cập nhật thông tin thuê bao trước.</p>"
                ),
                "tip": "Có thể đăng ký mức độ 2 cùng lúc khi làm thủ tục cấp, đổi thẻ căn cước.",
                "warning": None,
            },
            {
                "title": "Cán bộ thu nhận thông tin",
                "body_html": (
                    "<p>Cán bộ kiểm tra thẻ, chụp ảnh chân dung, có thể lấy vân tay để đối chiếu, và ghi số điện "
                    "thoại, địa chỉ thư điện tử (nếu có) của bạn.</p>"
                    "<p>Việc đăng ký tài khoản định danh điện tử không mất phí.</p>"
                ),
                "tip": None,
                "warning": "Không đưa tiền cho ai để được đăng ký nhanh. Việc đăng ký là miễn phí.",
            },
            {
                "title": "Nhận tin nhắn có mã kích hoạt",
                "body_html": (
                    "<p>Khi hồ sơ được duyệt, số điện thoại của bạn nhận tin nhắn thông báo kèm <b>mã kích hoạt</b>. "
                    "Hãy kích hoạt sớm vì mã chỉ dùng được trong một thời gian ngắn.</p>"
                ),
                "tip": (
                    "Nếu mã đã hết hạn hoặc không nhận được tin nhắn, hãy quay lại Công an xã, phường để được hỗ trợ."
                ),
                "warning": None,
            },
            {
                "title": "Kích hoạt trên ứng dụng VNeID",
                "body_html": (
                    "<p>Mở VNeID, chọn mục kích hoạt tài khoản định danh điện tử. Nhập:</p>"
                    "<ul>"
                    "<li>số định danh cá nhân (12 số trên thẻ căn cước);</li>"
                    "<li>số điện thoại đã đăng ký;</li>"
                    "<li>mã kích hoạt trong tin nhắn.</li>"
                    "</ul>"
                    "<p>Sau đó nhập mã OTP gửi về điện thoại.</p>"
                ),
                "tip": None,
                "warning": OTP_WARNING,
            },
            {
                "title": "Đặt mật khẩu và mã bảo vệ (passcode)",
                "body_html": (
                    "<p>Tạo mật khẩu đăng nhập, rồi tạo <b>passcode</b> gồm 6 số. Passcode dùng để xác nhận mỗi "
                    "khi bạn làm thao tác quan trọng trên ứng dụng.</p>"
                ),
                "tip": "Chọn passcode dễ nhớ với bạn nhưng người khác khó đoán.",
                "warning": "Không đặt passcode là ngày sinh hay 6 số giống nhau, và không cho người khác biết.",
            },
            {
                "title": "Kiểm tra tài khoản mức độ 2",
                "body_html": (
                    "<p>Đăng nhập lại VNeID. Trên màn hình chính có thẻ căn cước điện tử của bạn. Từ nay bạn có thể "
                    "dùng tài khoản này thay cho nhiều giấy tờ và để đăng nhập Cổng dịch vụ công quốc gia.</p>"
                ),
                "tip": None,
                "warning": None,
            },
        ],
        "related_services": ["Cấp đổi, cấp lại thẻ CCCD", "Xác nhận số CMND khi đã được cấp thẻ CCCD"],
    },
    {
        "slug": "dang-nhap-dich-vu-cong-bang-vneid",
        "title": "Đăng nhập Cổng dịch vụ công quốc gia bằng VNeID",
        "intro": "Dùng tài khoản VNeID để vào Cổng dịch vụ công quốc gia, không cần tạo tài khoản riêng.",
        "estimated_minutes": 5,
        "what_you_need": [
            "Tài khoản VNeID đã kích hoạt (mức độ 2 dùng được nhiều dịch vụ hơn)",
            "Điện thoại đã cài VNeID và số điện thoại chính chủ",
            "Máy tính hoặc điện thoại có trình duyệt web",
        ],
        "steps": [
            {
                "title": "Mở Cổng dịch vụ công quốc gia",
                "body_html": (
                    '<p>Trên trình duyệt, vào địa chỉ <a href="https://dichvucong.gov.vn/">dichvucong.gov.vn</a> '
                    "rồi bấm <b>Đăng nhập</b>.</p>"
                ),
                "tip": None,
                "warning": (
                    "Kiểm tra kỹ địa chỉ trang phải là dichvucong.gov.vn. Trang giả mạo thường có địa chỉ gần giống."
                ),
            },
            {
                "title": "Chọn đăng nhập bằng tài khoản định danh điện tử",
                "body_html": (
                    "<p>Trong các cách đăng nhập, chọn <b>tài khoản định danh điện tử</b> do Bộ Công an cấp, "
                    "loại dành cho công dân.</p>"
                ),
                "tip": None,
                "warning": None,
            },
            {
                "title": "Quét mã QR hoặc nhập tài khoản",
                "body_html": (
                    "<p>Có hai cách:</p>"
                    "<ul>"
                    "<li><b>Quét mã QR:</b> mở VNeID trên điện thoại, chọn chức năng quét mã QR và quét mã "
                    "hiện trên màn hình máy tính.</li>"
                    "<li><b>Nhập tài khoản:</b> nhập số định danh cá nhân và mật khẩu VNeID, rồi bấm đăng nhập.</li>"
                    "</ul>"
                ),
                "tip": "Quét mã QR thì nhanh hơn và không phải gõ mật khẩu trên máy tính chung.",
                "warning": None,
            },
            {
                "title": "Xác nhận đăng nhập",
                "body_html": (
                    "<p>Xác nhận trên ứng dụng VNeID bằng passcode, hoặc nhập mã OTP gửi về điện thoại, "
                    "theo yêu cầu trên màn hình.</p>"
                ),
                "tip": None,
                "warning": OTP_WARNING,
            },
            {
                "title": "Tìm thủ tục và nộp hồ sơ",
                "body_html": (
                    "<p>Khi đăng nhập thành công, tên của bạn hiện trên đầu trang. Gõ tên thủ tục vào ô tìm kiếm, "
                    "ví dụ “đăng ký tạm trú”, rồi làm theo hướng dẫn. Thông tin cá nhân được lấy từ Cơ sở dữ liệu "
                    "quốc gia về dân cư nên nhiều ô đã được điền sẵn.</p>"
                ),
                "tip": "Đăng xuất khi dùng máy tính chung ở điểm dịch vụ công hoặc quán Internet.",
                "warning": None,
            },
        ],
        "related_services": ["Đăng ký tạm trú", "Đăng ký thường trú", "Đăng ký khai sinh"],
    },
    {
        "slug": "dang-ky-tam-tru-truc-tuyen",
        "title": "Đăng ký tạm trú trực tuyến",
        "intro": "Nộp hồ sơ đăng ký tạm trú qua mạng trên ứng dụng VNeID hoặc Cổng dịch vụ công, không phải xếp hàng.",
        "estimated_minutes": 20,
        "what_you_need": [
            "Tài khoản VNeID mức độ 2",
            "Ảnh chụp rõ giấy tờ chứng minh chỗ ở hợp pháp, ví dụ hợp đồng thuê nhà",
            "Sự đồng ý của chủ hộ hoặc chủ nhà (nếu ở nhờ, ở thuê)",
        ],
        "steps": [
            {
                "title": "Chuẩn bị giấy tờ chỗ ở",
                "body_html": (
                    "<p>Người đến ở nơi khác nơi thường trú từ 30 ngày trở lên để làm việc, học tập cần đăng ký "
                    "tạm trú.</p>"
                    "<p>Chụp rõ từng trang giấy tờ chứng minh chỗ ở hợp pháp, ví dụ hợp đồng thuê nhà, giấy tờ "
                    "nhà đất hoặc văn bản cho ở nhờ có chữ ký của chủ nhà.</p>"
                ),
                "tip": "Chụp nơi đủ sáng, đặt giấy trên mặt phẳng để chữ không bị nghiêng hay mờ.",
                "warning": None,
            },
            {
                "title": "Chọn thủ tục đăng ký tạm trú",
                "body_html": (
                    "<p>Đăng nhập ứng dụng VNeID, chọn mục <b>Thủ tục hành chính</b> rồi chọn thủ tục "
                    '<b>đăng ký tạm trú</b>. Cũng có thể làm trên <a href="https://dichvucong.gov.vn/">Cổng dịch vụ '
                    "công quốc gia</a> với cùng tài khoản VNeID.</p>"
                ),
                "tip": None,
                "warning": None,
            },
            {
                "title": "Điền tờ khai",
                "body_html": (
                    "<p>Nhập địa chỉ nơi tạm trú, thời gian tạm trú, thông tin chủ hộ và quan hệ với chủ hộ. "
                    "Chọn cơ quan giải quyết là Công an xã, phường nơi bạn đến ở.</p>"
                ),
                "tip": (
                    "Nếu người đăng ký tạm trú chưa đủ 18 tuổi, tờ khai cần có ý kiến đồng ý của cha, mẹ "
                    "hoặc người giám hộ."
                ),
                "warning": None,
            },
            {
                "title": "Đính kèm giấy tờ và nộp hồ sơ",
                "body_html": (
                    "<p>Tải lên ảnh giấy tờ đã chụp, kiểm tra lại tờ khai rồi bấm gửi hồ sơ.</p>"
                    "<p>Nếu thủ tục có lệ phí, màn hình sẽ hiện số tiền và bạn có thể thanh toán trực tuyến ngay. "
                    "Một số người được miễn lệ phí theo quy định; nếu không rõ, hãy hỏi Công an xã, phường.</p>"
                ),
                "tip": "Nộp trực tuyến thường có lệ phí thấp hơn nộp trực tiếp tại trụ sở.",
                "warning": (
                    "Chỉ thanh toán trong ứng dụng VNeID hoặc trên Cổng dịch vụ công. Không chuyển tiền vào tài khoản "
                    "của người gọi điện tự xưng là công an để “hỗ trợ” hồ sơ."
                ),
            },
            {
                "title": "Chờ chủ hộ đồng ý (nếu cần)",
                "body_html": (
                    "<p>Nếu bạn ở nhờ hoặc ở thuê, chủ hộ hoặc chủ nhà có thể phải xác nhận đồng ý. "
                    "Hãy báo để họ kiểm tra thông báo trên ứng dụng VNeID của mình, hoặc nhờ họ ký văn bản đồng ý "
                    "để bạn chụp đính kèm.</p>"
                ),
                "tip": None,
                "warning": None,
            },
            {
                "title": "Theo dõi và nhận kết quả",
                "body_html": (
                    "<p>Theo dõi tình trạng hồ sơ trong mục hồ sơ đã nộp. Hồ sơ đủ giấy tờ thường được giải quyết "
                    "trong khoảng 3 ngày làm việc.</p>"
                    "<p>Khi hoàn thành, thông tin tạm trú được cập nhật vào Cơ sở dữ liệu quốc gia về dân cư và bạn "
                    "nhận được thông báo.</p>"
                ),
                "tip": "Nếu hồ sơ bị yêu cầu bổ sung, hãy bổ sung đúng giấy tờ được nêu trong thông báo.",
                "warning": None,
            },
        ],
        "related_services": ["Đăng ký tạm trú", "Khai báo tạm vắng", "Thông báo lưu trú"],
    },
    {
        "slug": "cap-lai-mat-khau-vneid",
        "title": "Quên mật khẩu VNeID: cấp lại mật khẩu",
        "intro": "Tự lấy lại mật khẩu tài khoản định danh điện tử trên ứng dụng VNeID bằng số điện thoại chính chủ.",
        "estimated_minutes": 10,
        "what_you_need": [
            "Số định danh cá nhân (12 số trên thẻ căn cước)",
            "Điện thoại dùng số chính chủ đã đăng ký với VNeID, để nhận mã OTP",
        ],
        "steps": [
            {
                "title": "Chọn Quên mật khẩu",
                "body_html": (
                    "<p>Mở ứng dụng VNeID, ở màn hình đăng nhập bấm <b>Quên mật khẩu</b>. Nhập số định danh cá "
                    "nhân và số điện thoại đã đăng ký tài khoản.</p>"
                ),
                "tip": None,
                "warning": None,
            },
            {
                "title": "Nhập mã OTP",
                "body_html": "<p>Điện thoại nhận tin nhắn có mã OTP gồm 6 số. Nhập mã vào ứng dụng.</p>",
                "tip": "Không nhận được tin nhắn? Kiểm tra số điện thoại có phải chính chủ không, rồi gửi lại mã.",
                "warning": OTP_WARNING,
            },
            {
                "title": "Xác thực khuôn mặt",
                "body_html": "<p>Chụp ảnh khuôn mặt theo hướng dẫn trên màn hình, nơi đủ sáng, bỏ kính và mũ.</p>",
                "tip": None,
                "warning": None,
            },
            {
                "title": "Đặt mật khẩu mới",
                "body_html": (
                    "<p>Đặt mật khẩu mới có chữ hoa, chữ thường, chữ số và ký tự đặc biệt, nhập lại để xác nhận, "
                    "rồi đăng nhập bằng mật khẩu mới.</p>"
                ),
                "tip": (
                    "Đổi số điện thoại hoặc không xác thực được? Mang thẻ căn cước đến Công an xã, phường để được "
                    "cấp lại mật khẩu."
                ),
                "warning": None,
            },
        ],
        "related_services": [],
    },
]

STILL_STUCK_HTML = (
    "<p>Hãy mang thẻ căn cước và điện thoại đến <b>Bộ phận Một cửa</b> của UBND xã, "
    "phường, <b>Điểm dịch vụ công trực tuyến</b> hoặc <b>Công an xã, phường</b> nơi bạn cư trú. "
    "Tổ công nghệ số cộng đồng và đoàn viên thanh niên sẽ hướng dẫn bạn miễn phí.</p>"
)

# Where the campaign's codes lead (its "hướng dẫn chính"): the first step for most citizens.
MAIN_GUIDE_SLUG = "cai-dat-vneid"

HOME = {
    "title": "Định danh điện tử và dịch vụ công trực tuyến",
    "intro": "Hướng dẫn từng bước để cài VNeID, kích hoạt định danh điện tử và làm thủ tục trên mạng.",
    "top_tasks": [
        "cai-dat-vneid",
        "kich-hoat-dinh-danh-muc-do-2",
        "dang-nhap-dich-vu-cong-bang-vneid",
        "dang-ky-tam-tru-truc-tuyen",
    ],
}
