"""The words of the demo campaign: guides, services, metrics and targets, in Vietnamese.

Data only: campaigns/demo.py turns it into pages. Accurate to how the services worked in
2024–2025; where a menu label differs between app versions the steps describe it generally.
"""

CAMPAIGN = {
    "title": "Kích hoạt định danh điện tử mức độ 2",
    "slug": "kich-hoat-dinh-danh-dien-tu-muc-do-2",
    "intro": "Cùng bà con cài VNeID, kích hoạt tài khoản định danh điện tử mức độ 2 và làm thủ tục trên mạng.",
    "goal_html": (
        "<p>Giúp mọi người dân trong xã, phường có tài khoản định danh điện tử mức độ 2 "
        "và tự làm được các thủ tục hành chính thiết yếu trên điện thoại.</p>"
        "<ul>"
        "<li>Người dân biết cài ứng dụng VNeID và đăng ký tài khoản.</li>"
        "<li>Người dân đến Công an xã, phường để kích hoạt mức độ 2.</li>"
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
        "description": "Số tài khoản VNeID mức độ 1 người dân tự đăng ký trên ứng dụng, đã được phê duyệt.",
    },
    {
        "slug": "vneid-muc-2",
        "name": "Tài khoản định danh điện tử mức độ 2 được kích hoạt",
        "unit": "tài khoản",
        "description": "Số tài khoản mức độ 2 đã kích hoạt, theo số liệu của Công an xã, phường.",
    },
    {
        "slug": "tai-khoan-dvc",
        "name": "Tài khoản Cổng dịch vụ công quốc gia",
        "unit": "tài khoản",
        "description": "Số người dân có tài khoản và đã đăng nhập Cổng dịch vụ công quốc gia.",
    },
    {
        "slug": "ho-so-truc-tuyen",
        "name": "Hồ sơ nộp trực tuyến",
        "unit": "hồ sơ",
        "description": "Số hồ sơ thủ tục hành chính người dân nộp qua mạng trong kỳ.",
    },
    {
        "slug": "sim-chinh-chu",
        "name": "Thuê bao di động chính chủ",
        "unit": "thuê bao",
        "description": "Số thuê bao di động đứng tên đúng người đang dùng, cần để nhận mã OTP.",
    },
    {
        "slug": "dan-so",
        "name": "Dân số trong độ tuổi được cấp căn cước",
        "unit": "người",
        "description": "Mẫu số để tính tỷ lệ: số người dân từ 14 tuổi trở lên cư trú trên địa bàn.",
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
        "portal_url": NATIONAL_PORTAL,
        "guide": None,
    },
    {
        "name": "Đăng ký khai sinh",
        "agency": "Bộ Tư pháp",
        "fully_online": True,
        "portal_url": NATIONAL_PORTAL,
        "guide": None,
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
        "agency": "Bộ Tư pháp",
        "fully_online": True,
        "portal_url": NATIONAL_PORTAL,
        "guide": None,
    },
    {
        "name": "Liên thông đăng ký khai tử – xóa đăng ký thường trú – trợ cấp mai táng phí",
        "agency": "Bộ Tư pháp",
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
        "agency": "Bộ Tài chính (cơ quan thuế)",
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
    "Không đọc, không gửi mã OTP hay mật khẩu cho bất kỳ ai. Công an và cán bộ không bao giờ hỏi mã OTP "
    "qua điện thoại, tin nhắn hay mạng xã hội."
)

GUIDES = [
    {
        "slug": "cai-dat-vneid",
        "title": "Cài đặt ứng dụng VNeID và đăng ký tài khoản",
        "intro": "Cài VNeID trên điện thoại và tự đăng ký tài khoản định danh điện tử mức độ 1 tại nhà.",
        "estimated_minutes": 15,
        "what_you_need": [
            "Thẻ căn cước hoặc thẻ căn cước công dân gắn chip",
            "Điện thoại thông minh có mạng Internet",
            "Số điện thoại đứng tên chính bạn (chính chủ) đang dùng",
        ],
        "steps": [
            {
                "title": "Tải ứng dụng VNeID",
                "body_html": (
                    "<p>Mở <b>CH Play</b> (điện thoại Android) hoặc <b>App Store</b> (iPhone), gõ tìm "
                    "<b>VNeID</b>. Chọn ứng dụng của Trung tâm dữ liệu quốc gia về dân cư – Bộ Công an, "
                    "rồi bấm <b>Cài đặt</b>.</p>"
                ),
                "tip": None,
                "warning": (
                    "Chỉ tải VNeID từ CH Play hoặc App Store. Không cài ứng dụng theo đường dẫn lạ gửi qua tin nhắn."
                ),
            },
            {
                "title": "Chọn Đăng ký",
                "body_html": (
                    "<p>Mở ứng dụng VNeID, bấm <b>Đăng ký</b>. Nhập <b>số định danh cá nhân</b> (12 số in trên "
                    "thẻ căn cước) và <b>số điện thoại chính chủ</b> của bạn.</p>"
                ),
                "tip": "Số định danh cá nhân chính là số thẻ căn cước gắn chip của bạn.",
                "warning": None,
            },
            {
                "title": "Nhập mã OTP",
                "body_html": "<p>Điện thoại nhận một tin nhắn có mã OTP gồm 6 số. Nhập mã này vào ứng dụng.</p>",
                "tip": None,
                "warning": OTP_WARNING,
            },
            {
                "title": "Đặt mật khẩu",
                "body_html": (
                    "<p>Tạo mật khẩu theo hướng dẫn trên màn hình (có chữ hoa, chữ thường, chữ số và ký tự đặc "
                    "biệt). Ghi nhớ mật khẩu, không viết lên điện thoại.</p>"
                ),
                "tip": None,
                "warning": None,
            },
            {
                "title": "Xác thực thẻ căn cước và khuôn mặt",
                "body_html": (
                    "<p>Làm theo hướng dẫn để ứng dụng đọc chip trên thẻ căn cước (áp thẻ vào mặt sau điện thoại) "
                    "hoặc chụp thẻ, rồi chụp ảnh khuôn mặt. Sau đó bấm gửi yêu cầu.</p>"
                ),
                "tip": "Ngồi chỗ đủ sáng, bỏ kính và mũ khi chụp ảnh khuôn mặt.",
                "warning": None,
            },
            {
                "title": "Chờ phê duyệt và đăng nhập",
                "body_html": (
                    "<p>Cơ quan Công an xét duyệt yêu cầu. Khi có tin nhắn hoặc thông báo tài khoản đã được "
                    "duyệt, mở VNeID và đăng nhập bằng số định danh và mật khẩu.</p>"
                    "<p>Để dùng được nhiều dịch vụ công hơn, hãy nâng lên <b>mức độ 2</b> tại Công an xã, phường.</p>"
                ),
                "tip": None,
                "warning": None,
            },
        ],
        "related_services": ["Xác nhận số CMND khi đã được cấp thẻ CCCD"],
        "video": True,
    },
    {
        "slug": "kich-hoat-dinh-danh-muc-do-2",
        "title": "Kích hoạt tài khoản định danh điện tử mức độ 2",
        "intro": "Đăng ký mức độ 2 tại Công an xã, phường rồi tự kích hoạt trên ứng dụng VNeID.",
        "estimated_minutes": 30,
        "what_you_need": [
            "Thẻ căn cước gắn chip còn hạn",
            "Điện thoại thông minh đã cài VNeID",
            "Số điện thoại đứng tên chính bạn (chính chủ)",
        ],
        "steps": [
            {
                "title": "Đến Công an xã, phường nơi bạn cư trú",
                "body_html": (
                    "<p>Mang theo thẻ căn cước gắn chip và điện thoại. Nói với cán bộ bạn muốn "
                    "<b>đăng ký tài khoản định danh điện tử mức độ 2</b>.</p>"
                ),
                "tip": "Có thể đăng ký mức độ 2 cùng lúc khi làm thủ tục cấp thẻ căn cước.",
                "warning": None,
            },
            {
                "title": "Cán bộ thu nhận thông tin",
                "body_html": (
                    "<p>Cán bộ kiểm tra thẻ, chụp ảnh chân dung và thu vân tay nếu cần, ghi số điện thoại và "
                    "địa chỉ thư điện tử (nếu có) của bạn. Việc đăng ký không mất phí.</p>"
                ),
                "tip": None,
                "warning": None,
            },
            {
                "title": "Nhận tin nhắn kích hoạt",
                "body_html": (
                    "<p>Khi hồ sơ được duyệt, số điện thoại của bạn nhận tin nhắn thông báo kèm mã kích hoạt. "
                    "Hãy kích hoạt sớm trước khi mã hết hạn.</p>"
                ),
                "tip": (
                    "Nếu mã đã hết hạn hoặc không nhận được tin nhắn, hãy quay lại Công an xã, phường để được hỗ trợ."
                ),
                "warning": None,
            },
            {
                "title": "Kích hoạt trên ứng dụng VNeID",
                "body_html": (
                    "<p>Mở VNeID, chọn <b>Kích hoạt tài khoản định danh điện tử</b>. Nhập số định danh cá nhân, "
                    "số điện thoại và mã kích hoạt, rồi nhập mã OTP gửi về máy.</p>"
                ),
                "tip": None,
                "warning": OTP_WARNING,
            },
            {
                "title": "Đặt mật khẩu và mã bảo vệ (passcode)",
                "body_html": (
                    "<p>Tạo mật khẩu đăng nhập và mã bảo vệ gồm 6 số (passcode). Passcode dùng mỗi lần xác nhận "
                    "thao tác quan trọng trên ứng dụng.</p>"
                ),
                "tip": None,
                "warning": "Không đặt passcode là ngày sinh hay 6 số giống nhau, và không cho người khác biết.",
            },
            {
                "title": "Kiểm tra tài khoản mức độ 2",
                "body_html": (
                    "<p>Đăng nhập lại VNeID. Trên màn hình chính có thẻ căn cước điện tử của bạn: tài khoản mức "
                    "độ 2 đã dùng được thay cho nhiều giấy tờ khi làm thủ tục.</p>"
                ),
                "tip": None,
                "warning": None,
            },
        ],
        "related_services": ["Cấp đổi, cấp lại thẻ CCCD"],
    },
    {
        "slug": "dang-nhap-dich-vu-cong-bang-vneid",
        "title": "Đăng nhập Cổng dịch vụ công quốc gia bằng VNeID",
        "intro": "Dùng tài khoản VNeID để vào Cổng dịch vụ công quốc gia, không cần tạo tài khoản riêng.",
        "estimated_minutes": 5,
        "what_you_need": [
            "Tài khoản VNeID đã kích hoạt (mức độ 2 dùng được nhiều dịch vụ hơn)",
            "Điện thoại đã cài VNeID",
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
                "body_html": ("<p>Chọn <b>Tài khoản định danh điện tử cấp bởi Bộ Công an dành cho Công dân</b>.</p>"),
                "tip": None,
                "warning": None,
            },
            {
                "title": "Quét mã QR hoặc nhập tài khoản",
                "body_html": (
                    "<p>Nếu dùng máy tính: mở VNeID trên điện thoại, chọn chức năng quét mã QR và quét mã hiện trên "
                    "màn hình. Nếu dùng điện thoại: nhập số định danh cá nhân và mật khẩu VNeID.</p>"
                ),
                "tip": None,
                "warning": None,
            },
            {
                "title": "Xác nhận đăng nhập",
                "body_html": ("<p>Xác nhận trên ứng dụng VNeID bằng passcode, hoặc nhập mã OTP gửi về điện thoại.</p>"),
                "tip": None,
                "warning": OTP_WARNING,
            },
            {
                "title": "Kiểm tra thông tin lần đầu",
                "body_html": (
                    "<p>Lần đầu đăng nhập, kiểm tra thông tin cá nhân được lấy từ Cơ sở dữ liệu quốc gia về dân cư "
                    "và bấm đồng ý. Từ nay bạn tìm thủ tục, nộp hồ sơ và theo dõi kết quả ngay trên Cổng.</p>"
                ),
                "tip": "Đăng xuất khi dùng máy tính chung ở điểm dịch vụ công hoặc quán Internet.",
                "warning": None,
            },
        ],
        "related_services": ["Đăng ký tạm trú", "Đăng ký khai sinh", "Đăng ký thường trú"],
    },
    {
        "slug": "dang-ky-tam-tru-truc-tuyen",
        "title": "Đăng ký tạm trú trực tuyến",
        "intro": "Nộp hồ sơ đăng ký tạm trú qua mạng, không phải đến trụ sở Công an.",
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
                    "<p>Chụp rõ từng trang giấy tờ chứng minh chỗ ở hợp pháp, ví dụ hợp đồng thuê nhà, giấy tờ "
                    "nhà đất hoặc văn bản cho ở nhờ có chữ ký của chủ nhà.</p>"
                ),
                "tip": "Chụp nơi đủ sáng, đặt giấy trên mặt phẳng để chữ không bị nghiêng hay mờ.",
                "warning": None,
            },
            {
                "title": "Mở mục thủ tục hành chính",
                "body_html": (
                    "<p>Đăng nhập ứng dụng VNeID, chọn mục <b>Thủ tục hành chính</b> rồi chọn "
                    '<b>Đăng ký tạm trú</b>. Có thể làm trên <a href="https://dichvucong.gov.vn/">Cổng dịch vụ công '
                    "quốc gia</a> với cùng tài khoản.</p>"
                ),
                "tip": None,
                "warning": None,
            },
            {
                "title": "Điền tờ khai",
                "body_html": (
                    "<p>Nhập địa chỉ nơi tạm trú, thời gian tạm trú, thông tin chủ hộ và quan hệ với chủ hộ. "
                    "Chọn cơ quan thực hiện là Công an xã, phường nơi bạn đến ở.</p>"
                ),
                "tip": None,
                "warning": None,
            },
            {
                "title": "Đính kèm giấy tờ và nộp hồ sơ",
                "body_html": (
                    "<p>Tải lên ảnh giấy tờ đã chụp, kiểm tra lại tờ khai rồi bấm <b>Gửi hồ sơ</b>. "
                    "Nếu thủ tục có lệ phí, bạn có thể thanh toán trực tuyến theo hướng dẫn trên màn hình.</p>"
                ),
                "tip": "Mức lệ phí do tỉnh quy định; nhiều nơi giảm lệ phí khi nộp trực tuyến.",
                "warning": None,
            },
            {
                "title": "Chờ chủ hộ đồng ý (nếu cần)",
                "body_html": (
                    "<p>Nếu bạn ở nhờ hoặc ở thuê, chủ hộ hoặc chủ nhà có thể phải xác nhận đồng ý. "
                    "Hãy báo để họ kiểm tra thông báo trên ứng dụng VNeID của mình.</p>"
                ),
                "tip": None,
                "warning": None,
            },
            {
                "title": "Theo dõi và nhận kết quả",
                "body_html": (
                    "<p>Theo dõi tình trạng hồ sơ trong mục hồ sơ đã nộp. Khi hoàn thành, thông tin tạm trú được "
                    "cập nhật vào Cơ sở dữ liệu quốc gia về dân cư và bạn nhận được thông báo.</p>"
                ),
                "tip": None,
                "warning": "Nếu hồ sơ bị yêu cầu bổ sung, hãy làm theo nội dung hướng dẫn, không nộp lại hồ sơ mới.",
            },
        ],
        "related_services": ["Đăng ký tạm trú", "Khai báo tạm vắng", "Thông báo lưu trú"],
    },
]

STILL_STUCK_HTML = (
    "<p>Hãy đến <b>Bộ phận Một cửa</b> của UBND xã, phường, <b>Điểm dịch vụ công trực tuyến</b> hoặc "
    "<b>Công an xã, phường</b> nơi bạn cư trú. Tổ công nghệ số cộng đồng và đoàn viên thanh niên sẽ hướng dẫn "
    "bạn miễn phí.</p>"
)

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
