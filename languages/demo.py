"""Demo translations: the VNeID installation guide in English, and an Ê Đê translation waiting for its translator.

English is written here in full. Nobody on the team writes Ê Đê, and minority languages are
translated by people, not machines: the Ê Đê translation is opened for a translator (a draft in
wagtail-localize's editor, or its PO upload) and never published with placeholder text, so Ê Đê
visitors get the Vietnamese page with the notice until a translator publishes it. Ea Kao (24169), a
ward with many Ê Đê residents, uses Ê Đê by default: its codes will lead to that page once it is
published. Idempotent; a demo database made when the Ê Đê page was published with a placeholder title
("[Chờ người dịch tiếng Ê Đê] …") gets it unpublished and the placeholder dropped.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from campaigns.models import GuidePage
from languages.translations import start_translation, translate_page
from places.models import AdministrativeUnit

GUIDE_SLUG = "cai-dat-vneid"
EDE_WARD_CODE = "24169"
# What older demo databases published as the Ê Đê page's title: a placeholder, never to be shown again.
EDE_TITLE_PREFIX = "[Chờ người dịch tiếng Ê Đê] "

ENGLISH = {
    "Cài đặt ứng dụng VNeID và đăng ký tài khoản": "Install the VNeID app and register an account",
    "Cài VNeID trên điện thoại và tự đăng ký tài khoản định danh điện tử mức độ 1 tại nhà.": (
        "Install VNeID on your phone and register a level 1 electronic identity account yourself, at home."
    ),
    "Thẻ căn cước công dân gắn chip hoặc thẻ căn cước": "A chip-based citizen identity card or an identity card",
    "Điện thoại thông minh có kết nối Internet": "A smartphone with an Internet connection",
    "Số điện thoại chính chủ (đứng tên chính bạn) đang dùng, để nhận tin nhắn": (
        "A phone number registered in your own name that you use, to receive text messages"
    ),
    "Tải ứng dụng VNeID": "Download the VNeID app",
    "Mở <b>CH Play</b> (điện thoại Android) hoặc <b>App Store</b> (iPhone), gõ tìm <b>VNeID</b>. "
    "Chọn đúng ứng dụng VNeID của Bộ Công an, rồi bấm <b>Cài đặt</b>.": (
        "Open <b>CH Play</b> (Android phones) or the <b>App Store</b> (iPhone) and search for <b>VNeID</b>. "
        "Choose the VNeID app of the Ministry of Public Security, then tap <b>Install</b>."
    ),
    "Ứng dụng VNeID miễn phí. Nên cài khi điện thoại đang bắt Wi-Fi để đỡ tốn dung lượng mạng.": (
        "The VNeID app is free. Install it while your phone is on Wi-Fi to save mobile data."
    ),
    "Chỉ tải VNeID từ CH Play hoặc App Store. Không cài ứng dụng theo đường dẫn lạ gửi qua tin nhắn, "
    "Zalo hay Facebook, kể cả khi người gửi xưng là công an.": (
        "Only download VNeID from CH Play or the App Store. Never install an app from a strange link sent by "
        "text message, Zalo or Facebook, even if the sender claims to be the police."
    ),
    "Chọn Đăng ký": "Choose Register",
    "Mở ứng dụng VNeID, bấm <b>Đăng ký</b>. Nhập <b>số định danh cá nhân</b> (12 số in trên thẻ căn cước) "
    "và <b>số điện thoại chính chủ</b> của bạn, rồi gửi yêu cầu.": (
        "Open the VNeID app and tap <b>Register</b>. Enter your <b>personal identification number</b> "
        "(the 12 digits printed on your identity card) and <b>your own phone number</b>, then send the request."
    ),
    "Số định danh cá nhân chính là số thẻ căn cước gắn chip của bạn.": (
        "Your personal identification number is the number of your chip-based identity card."
    ),
    "Nhập mã OTP": "Enter the OTP code",
    "Điện thoại nhận một tin nhắn có mã OTP gồm 6 số. Nhập mã này vào ứng dụng.": (
        "Your phone receives a text message with a 6-digit OTP code. Enter this code in the app."
    ),
    "Nếu chưa nhận được tin nhắn, chờ một lát rồi bấm gửi lại mã.": (
        "If the message has not arrived, wait a moment and then tap to resend the code."
    ),
    "Không đọc, không gửi mã OTP, mật khẩu hay passcode cho bất kỳ ai. Công an và cán bộ không bao giờ hỏi "
    "những mã này qua điện thoại, tin nhắn hay mạng xã hội. Nếu có người hỏi, hãy báo ngay cho Công an xã, "
    "phường.": (
        "Never read out or send your OTP code, password or passcode to anyone. The police and officials never "
        "ask for these codes by phone, text message or social media. If someone asks, tell the commune or ward "
        "police at once."
    ),
    "Đặt mật khẩu": "Set a password",
    "Tạo mật khẩu theo hướng dẫn trên màn hình: có chữ hoa, chữ thường, chữ số và ký tự đặc biệt. "
    "Nhập lại lần nữa để xác nhận.": (
        "Create a password as the screen explains: with capital letters, small letters, digits and special "
        "characters. Enter it again to confirm."
    ),
    "Ghi nhớ mật khẩu. Không viết mật khẩu lên điện thoại hay ốp lưng.": (
        "Remember your password. Do not write it on your phone or its case."
    ),
    "Xác thực thẻ căn cước và khuôn mặt": "Verify your identity card and your face",
    "Làm theo hướng dẫn trên màn hình để ứng dụng đọc thông tin thẻ căn cước, thường là áp thẻ vào mặt sau "
    "điện thoại để đọc chip. Sau đó chụp ảnh khuôn mặt và gửi yêu cầu.": (
        "Follow the instructions on the screen so that the app can read your identity card, usually by holding "
        "the card against the back of the phone to read the chip. Then take a photo of your face and send the "
        "request."
    ),
    "Ngồi chỗ đủ sáng, bỏ kính và mũ khi chụp ảnh khuôn mặt. Nếu điện thoại không đọc được chip, hãy nhờ "
    "Công an xã, phường hoặc Tổ công nghệ số cộng đồng giúp.": (
        "Sit somewhere bright and take off glasses and hats for the photo. If the phone cannot read the chip, "
        "ask the commune or ward police or the community digital technology team for help."
    ),
    "Chờ phê duyệt và đăng nhập": "Wait for approval and sign in",
    "Cơ quan Công an xét duyệt yêu cầu. Khi có tin nhắn hoặc thông báo tài khoản đã được duyệt, mở VNeID và "
    "đăng nhập bằng số định danh cá nhân và mật khẩu.": (
        "The police review the request. When a message or notification says the account has been approved, "
        "open VNeID and sign in with your personal identification number and password."
    ),
    "Để dùng được nhiều dịch vụ công hơn, hãy nâng lên <b>mức độ 2</b> tại Công an xã, phường.": (
        "To use more public services, upgrade to <b>level 2</b> at the commune or ward police."
    ),
    "Hãy mang thẻ căn cước và điện thoại đến <b>Bộ phận Một cửa</b> của UBND xã, phường, <b>Điểm dịch vụ "
    "công trực tuyến</b> hoặc <b>Công an xã, phường</b> nơi bạn cư trú. Tổ công nghệ số cộng đồng và đoàn "
    "viên thanh niên sẽ hướng dẫn bạn miễn phí.": (
        "Bring your identity card and phone to the <b>one-stop desk</b> of your commune or ward People's "
        "Committee, the <b>online public-service point</b> or the <b>commune or ward police</b> where you "
        "live. The community digital technology team and youth union members will help you free of charge."
    ),
}


@dataclass
class TranslationResult:
    created: list[str] = field(default_factory=list)
    withdrawn: list[str] = field(default_factory=list)


@transaction.atomic
def load_translations() -> TranslationResult:
    result = TranslationResult()
    # The home app's migration creates the locales; a flushed database (`manage.py flush`) has lost them.
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code, _name in settings.LANGUAGES}
    guide = GuidePage.objects.filter(slug=GUIDE_SLUG, locale=locales[settings.LANGUAGE_CODE]).first()
    if guide is None:
        return result
    if guide.get_translation_or_none(locales["en"]) is None:
        translate_page(page=guide, language_code="en", strings=ENGLISH)
        result.created.append("en")
    if withdraw_placeholder_translation(guide=guide, locale=locales["rad"]):
        result.withdrawn.append("rad")
    if guide.get_translation_or_none(locales["rad"]) is None:
        start_translation(page=guide, language_code="rad")
        result.created.append("rad")
        # Only with the first Ê Đê page: an editor's later choice for the ward is left alone.
        ward = AdministrativeUnit.objects.filter(code=EDE_WARD_CODE).first()
        if ward is not None:
            ward.default_language = "rad"
            ward.save()  # through save(), so that the ward's cached codes are forgotten
    return result


def withdraw_placeholder_translation(*, guide: GuidePage, locale: Locale) -> bool:
    """An Ê Đê page published with the placeholder title: unpublished, its draft back to the Vietnamese text.

    The translator's work (any string other than the placeholder) is kept in wagtail-localize.
    """
    page = guide.get_translation_or_none(locale)
    if page is None or not page.title.startswith(EDE_TITLE_PREFIX):
        return False
    StringTranslation.objects.filter(locale=locale, data__startswith=EDE_TITLE_PREFIX).delete()
    if page.live:
        page.specific.unpublish()
    source = TranslationSource.objects.get_for_instance_or_none(guide)
    translation = Translation.objects.filter(source=source, target_locale=locale).first() if source else None
    if translation is not None:
        translation.save_target(publish=False)
    else:
        page.title = page.draft_title = guide.title
        page.save(update_fields=["title", "draft_title"])
    return True
