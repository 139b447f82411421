import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.text import fold_vietnamese, fold_with_offsets

VIETNAMESE_LETTERS = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
vietnamese_text = st.text(
    alphabet=st.sampled_from(VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.upper() + " \t\n"), max_size=60
)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Hà Nội", "ha noi"),
        ("Đắk Lắk", "dak lak"),
        ("Quảng Ngãi", "quang ngai"),
        ("Thừa Thiên Huế", "thua thien hue"),
        ("  ĐĂNG   KÝ\ttạm trú ", "dang ky tam tru"),
        ("Kích hoạt VNeID mức 2", "kich hoat vneid muc 2"),
        ("đ Đ d D", "d d d d"),
    ],
)
def test_vietnamese_folds_to_plain_lowercase_ascii(text, folded):
    assert fold_vietnamese(text) == folded


def test_decomposed_input_folds_like_composed_input():
    decomposed = unicodedata.normalize("NFD", "Thừa Thiên Huế")
    assert decomposed != "Thừa Thiên Huế"
    assert fold_vietnamese(decomposed) == "thua thien hue"


@given(st.text())
def test_folding_is_idempotent(text):
    once = fold_vietnamese(text)
    assert fold_vietnamese(once) == once


@given(vietnamese_text)
def test_vietnamese_letters_fold_to_ascii(text):
    folded = fold_vietnamese(text)
    assert folded.isascii()
    assert folded == folded.lower()
    assert "  " not in folded
    assert folded == folded.strip()


@given(vietnamese_text)
def test_folding_keeps_one_letter_per_vietnamese_letter(text):
    # Each precomposed Vietnamese letter becomes exactly one ASCII letter, so word lengths survive.
    assert [len(word) for word in fold_vietnamese(text).split()] == [len(word) for word in text.split()]


@given(st.text())
def test_offsets_point_into_the_original(text):
    folded, offsets = fold_with_offsets(text)
    assert len(offsets) == len(folded)
    assert offsets == sorted(offsets)
    assert all(0 <= offset < len(text) for offset in offsets)
