"""What citizens type into the search box, and what counts as a right answer (issue 22's test set).

Each query maps to the pages that answer it, named by slug, or "dv:" + the name of an essential service. Written from
../shared/DOMAIN.md and the services catalogue: unaccented, abbreviated, joined as typed on small keyboards, with
Telex/VNI leftovers and one-letter slips, upper case. `generated_variants()` adds variants made from the guides'
titles by a seeded script. Used by tests/search/test_search_quality.py and tests/bench/search_quality.py.
"""

import random
import unicodedata

from core.text import fold_vietnamese

TAM_TRU = {"dang-ky-tam-tru-truc-tuyen", "dv:Đăng ký tạm trú"}
THUONG_TRU = {"dang-ky-thuong-tru", "dv:Đăng ký thường trú"}
TAM_VANG = {"khai-bao-tam-vang", "dv:Khai báo tạm vắng"}
LUU_TRU = {"thong-bao-luu-tru", "dv:Thông báo lưu trú"}
CAN_CUOC = {"cap-doi-can-cuoc", "dv:Cấp đổi, cấp lại thẻ CCCD"}
CMND = {"xac-nhan-so-cmnd", "dv:Xác nhận số CMND khi đã được cấp thẻ CCCD"}
KHAI_SINH = {"dang-ky-khai-sinh", "dv:Đăng ký khai sinh"}
KHAI_TU = {"dang-ky-khai-tu", "dv:Đăng ký khai tử"}
KET_HON = {"dang-ky-ket-hon", "dv:Đăng ký kết hôn"}
MUC_2 = {"kich-hoat-dinh-danh-muc-do-2", "video-kich-hoat-muc-do-2"}
VNEID = {"cai-dat-vneid", *MUC_2}
DVC = {"tao-tai-khoan-dich-vu-cong", "dang-nhap-dich-vu-cong-bang-vneid", "nop-ho-so-truc-tuyen"}
BHYT = {"the-bhyt-tren-vneid", "gia-han-bhyt-ho-gia-dinh"}
GIA_HAN_BHYT = {"gia-han-bhyt-ho-gia-dinh", "dv:Tích hợp giảm trừ mức đóng khi gia hạn thẻ BHYT theo hộ gia đình"}
THAT_NGHIEP = {"tro-cap-that-nghiep", "dv:Giải quyết hưởng trợ cấp thất nghiệp"}
THPT = {"dv:Đăng ký dự thi tốt nghiệp THPT và xét tuyển đại học, cao đẳng"}
GPLX = {"giay-phep-lai-xe-vneid"}
BIEN_SO = {"dang-ky-bien-so-xe", "dv:Đăng ký, cấp biển số mô tô, xe gắn máy"}
MAT_KHAU = {"cap-lai-mat-khau-vneid"}
OTP = {"cai-dat-vneid", "sim-chinh-chu", "kich-hoat-dinh-danh-muc-do-2", "cap-lai-mat-khau-vneid"}
THUE = {"dv:Đăng ký thuế (hộ gia đình, cá nhân)"}
DIEN_MOI = {"dv:Cấp điện mới từ lưới điện hạ áp (220/380V)"}
HOP_DONG_DIEN = {"dv:Thay đổi chủ thể hợp đồng mua bán điện"}

# Queries of the first round (issue 7), kept as they were.
FIRST_ROUND = {
    "dang ky tam tru": TAM_TRU,
    "DANG KY TAM TRU": TAM_TRU,
    "tam tru online": TAM_TRU,
    "kich hoat vneid muc 2": MUC_2,
    "KICH HOAT VNEID MUC 2": MUC_2,
    "kich hoat muc do 2": MUC_2,
    "dinh danh dien tu muc 2": MUC_2,
    "  cap  doi cccd ": CAN_CUOC,
    "cap lai the can cuoc": CAN_CUOC,
    "doi can cuoc": CAN_CUOC,
    "dang ky khai sinh": KHAI_SINH,
    "Khai Sinh": KHAI_SINH,
    "lam giay khai sinh cho con": KHAI_SINH,
    "thong bao luu tru": LUU_TRU,
    "luu tru khach o qua dem": LUU_TRU,
    "nop ho so truc tuyen": {"nop-ho-so-truc-tuyen"},
    "tra cuu ho so": {"nop-ho-so-truc-tuyen"},
    "vneid": VNEID,
    "cai vneid": {"cai-dat-vneid"},
    "cai dat ung dung vneid": {"cai-dat-vneid"},
    "tai khoan dich vu cong": {"tao-tai-khoan-dich-vu-cong", "dang-nhap-dich-vu-cong-bang-vneid"},
    "dang nhap dich vu cong": {"dang-nhap-dich-vu-cong-bang-vneid"},
    "dang nhap dvc bang vneid": {"dang-nhap-dich-vu-cong-bang-vneid"},
    "dang ky thuong tru": THUONG_TRU,
    "thuong tru": THUONG_TRU,
    "khai bao tam vang": TAM_VANG,
    "tam vang": TAM_VANG,
    "dang ky ket hon": KET_HON,
    "khai tu": KHAI_TU,
    "xac nhan so cmnd": CMND,
    "cmnd cu": CMND,
    "bao hiem y te": BHYT,
    "gia han bhyt": GIA_HAN_BHYT,
    "kham benh bang can cuoc": {"the-bhyt-tren-vneid"},
    "sim chinh chu": {"sim-chinh-chu"},
    "ma otp": OTP,
    "bien so xe may": BIEN_SO,
    "hoc phi": {"hoc-phi-khong-tien-mat"},
    "giay phep lai xe": GPLX,
    "tro cap that nghiep": THAT_NGHIEP,
    "dang ky thue": THUE,
    "cap dien moi": DIEN_MOI,
    "thi tot nghiep thpt": THPT,
    "Dang Ky Tam Tru": TAM_TRU,
    "đăng ký tạm trú": TAM_TRU,
}

# Abbreviations, official renamings and everyday words for what the pages call otherwise.
ABBREVIATIONS_AND_SYNONYMS = {
    "the can cuoc": CAN_CUOC,
    "cap lai cccd": CAN_CUOC,
    "CCCD": CAN_CUOC | CMND,
    "lam can cuoc gan chip": CAN_CUOC,
    "doi cmnd sang can cuoc": CAN_CUOC | CMND,
    "chung minh nhan dan": CMND,
    "xac nhan chung minh thu cu": CMND,
    "bhyt": BHYT | GIA_HAN_BHYT,
    "BHYT": BHYT | GIA_HAN_BHYT,
    "the bao hiem y te": BHYT,
    "gia han bao hiem y te ho gia dinh": GIA_HAN_BHYT,
    "bao hiem y te cho tre duoi 6 tuoi": KHAI_SINH
    | {"dv:Liên thông đăng ký khai sinh – đăng ký thường trú – cấp thẻ BHYT cho trẻ dưới 6 tuổi"},
    "bhxh": THAT_NGHIEP | {"tao-tai-khoan-dich-vu-cong"},
    "so bhxh": THAT_NGHIEP,
    "bao hiem that nghiep": THAT_NGHIEP,
    "thi thpt": THPT,
    "thi tot nghiep trung hoc pho thong": THPT,
    "xet tuyen dai hoc": THPT,
    "gplx": GPLX,
    "GPLX tren vneid": GPLX,
    "bang lai xe": GPLX,
    "tich hop bang lai": GPLX,
    "dvc": DVC,
    "tai khoan dvc": {"tao-tai-khoan-dich-vu-cong", "dang-nhap-dich-vu-cong-bang-vneid"},
    "cong dvc quoc gia": DVC,
    "dinh danh": VNEID,
    "tai khoan dinh danh dien tu": VNEID,
    "ung dung dinh danh": {"cai-dat-vneid"},
    "vn eid": VNEID,
    "VNEID MUC 2": MUC_2,
    "ho khau": THUONG_TRU,
    "nhap ho khau": THUONG_TRU,
    "so ho khau": THUONG_TRU,
    "giay chung tu": KHAI_TU,
    "mst ca nhan": THUE,
    "ma so thue ca nhan": THUE,
    "sang ten hop dong dien": HOP_DONG_DIEN,
    "lap dien moi": DIEN_MOI,
    "quen mat khau vneid": MAT_KHAU,
    "cap lai mat khau": MAT_KHAU,
    "lay lai mat khau vneid": MAT_KHAU,
    "quen pass vneid": MAT_KHAU,
    "khong nhan duoc ma otp": OTP,
    "chuan hoa thue bao": {"sim-chinh-chu"},
    "homestay": LUU_TRU,
    "khai bao luu tru nha tro": LUU_TRU,
    "khai bao tam tru": TAM_TRU,
    "tam tru cho nguoi thue tro": TAM_TRU,
    "vang nha dai ngay": TAM_VANG,
    "kham benh khong can the bhyt": {"the-bhyt-tren-vneid"},
    "tich hop bhyt vao vneid": {"the-bhyt-tren-vneid"},
    "vi giay to": {"the-bhyt-tren-vneid", "giay-phep-lai-xe-vneid"},
    "nop ho so online": {"nop-ho-so-truc-tuyen"},
    "tra cuu tinh trang ho so": {"nop-ho-so-truc-tuyen"},
    "thanh toan le phi": {"nop-ho-so-truc-tuyen"},
    "xac thuc khuon mat": {"cai-dat-vneid", "cap-lai-mat-khau-vneid"},
    "dang ky xe may moi mua": BIEN_SO,
    "dong hoc phi qua ngan hang": {"hoc-phi-khong-tien-mat"},
}

# Joined words, Telex/VNI leftovers, one-letter slips and swaps.
SLIPS = {
    "dichvucong": DVC,
    "DICHVUCONG": DVC,
    "khaisinh": KHAI_SINH,
    "dangkytamtru": TAM_TRU,
    "tamtru": TAM_TRU,
    "kichhoat vneid": VNEID,
    "thuongtru": THUONG_TRU,
    "kethon": KET_HON,
    "bienso xe": BIEN_SO,
    "matkhau vneid": MAT_KHAU,
    "cancuoc": CAN_CUOC,
    "dang kys tam truw": TAM_TRU,
    "dang ky tam truw": TAM_TRU,
    "khai sinhh": KHAI_SINH,
    "kichs hoatj vneid": VNEID,
    "ddang kys ket hon": KET_HON,
    "dang ky thuwowngf tru": THUONG_TRU,
    "dang ky1 tam tru2": TAM_TRU,
    "giay phep lai xee": GPLX,
    "tro cap that nghiepp": THAT_NGHIEP,
    "vnied": VNEID,
    "cai dat vneiid": {"cai-dat-vneid"},
    "hoc phii": {"hoc-phi-khong-tien-mat"},
    "dnag ky khai tu": KHAI_TU,
    "thong bao luu trus": LUU_TRU,
    "kich hoat muc do hai": MUC_2,
}

HAND_WRITTEN = {**FIRST_ROUND, **ABBREVIATIONS_AND_SYNONYMS, **SLIPS}

TELEX_TONES = {"\u0301": "s", "\u0300": "f", "\u0309": "r", "\u0303": "x", "\u0323": "j"}
TELEX_LETTERS = {"ă": "aw", "â": "aa", "ê": "ee", "ô": "oo", "ơ": "ow", "ư": "uw", "đ": "dd"}


def telex(word: str) -> str:
    """How `word` is typed in Telex when the keyboard does not turn the keys into marks: "thường" → "thuwowngf"."""
    tone = ""
    letters = []
    for char in unicodedata.normalize("NFD", word.lower()):
        if char in TELEX_TONES:
            tone = TELEX_TONES[char]
        else:
            letters.append(char)
    base = unicodedata.normalize("NFC", "".join(letters))
    return "".join(TELEX_LETTERS.get(char, char) for char in base) + tone


def generated_variants(titles: dict[str, str], *, per_title: int = 2, seed: int = 22) -> dict[str, set[str]]:
    """Variants of each title (slug -> title) as citizens type them: without accents, syllables joined, Telex marks
    typed as letters, a letter dropped. Seeded, so the set is the same on every run."""
    rng = random.Random(seed)
    variants: dict[str, set[str]] = {}
    for slug, title in sorted(titles.items()):
        words = [word for word in fold_vietnamese(title).replace(":", " ").replace(",", " ").split() if word.isalnum()]
        accented = [word for word in title.replace(":", " ").replace(",", " ").split() if word.isalnum()]
        kinds = rng.sample(["join", "telex", "drop", "plain"], per_title)
        for kind in kinds:
            if kind == "plain":
                query = " ".join(words)
            elif kind == "join":
                start = rng.randrange(max(1, len(words) - 2))
                query = " ".join([*words[:start], "".join(words[start : start + 3]), *words[start + 3 :]])
            elif kind == "telex":
                position = rng.randrange(len(accented))
                typed = [fold_vietnamese(word) for word in accented]
                typed[position] = telex(accented[position])
                query = " ".join(typed)
            else:
                long_words = [index for index, word in enumerate(words) if len(word) >= 5]
                if not long_words:
                    continue
                position = rng.choice(long_words)
                word = words[position]
                cut = rng.randrange(1, len(word) - 1)
                query = " ".join([*words[:position], word[:cut] + word[cut + 1 :], *words[position + 1 :]])
            variants.setdefault(query, set()).add(slug)
    return variants
