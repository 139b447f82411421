"""Demo print template for the demo campaign."""

from media_kit.models import PrintTemplate

DEMO_TEMPLATE = {
    "headline": "Kích hoạt định danh điện tử mức độ 2",
    "body": (
        "Một tài khoản VNeID mức độ 2 thay cho nhiều giấy tờ khi làm thủ tục. Đăng ký miễn phí tại Công an xã, phường."
    ),
    "step_1": "Cài ứng dụng VNeID",
    "step_2": "Đến Công an xã, phường, mang thẻ căn cước",
    "step_3": "Nhập mã kích hoạt gửi về điện thoại",
    "step_4": "Làm thủ tục trực tuyến ngay trên điện thoại",
    "call_to_action": "Quét mã để xem hướng dẫn",
    "footer": "Tổ công tác Đề án 06 – Dữ liệu mẫu",
}


def load_print_template(*, campaign) -> PrintTemplate:
    template, _created = PrintTemplate.objects.get_or_create(campaign=campaign, defaults=DEMO_TEMPLATE)
    return template
