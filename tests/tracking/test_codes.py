from hypothesis import given
from hypothesis import strategies as st

from tracking.codes import (
    SHORT_CODE_ALPHABET,
    is_numeric_code,
    new_numeric_code,
    new_short_code,
    normalise_code,
    spell_digits,
)


def test_short_codes_avoid_look_alikes_and_always_hold_a_letter():
    for _ in range(2000):
        code = new_short_code()
        assert len(code) == 6
        assert not set(code) & set("01OIL")
        assert any(c.isalpha() for c in code)
        assert normalise_code(code) == code and not is_numeric_code(code)


def test_numeric_codes_are_six_speakable_digits():
    for _ in range(2000):
        code = new_numeric_code()
        assert len(code) == 6 and code.isdigit() and code[0] != "0"
        assert normalise_code(code) == code and is_numeric_code(code)


def test_codes_are_read_in_any_case_with_or_without_a_slash():
    assert normalise_code("ab3xk7") == "AB3XK7"
    assert normalise_code(" AB3XK7/ ") == "AB3XK7"
    assert normalise_code("482913/") == "482913"


@given(st.text(max_size=64))
def test_anything_that_is_not_a_code_is_refused(raw):
    code = normalise_code(raw)
    if code is not None:
        assert len(code) == 6
        assert set(code) <= set(SHORT_CODE_ALPHABET) or code.isdigit()


def test_a_short_code_can_never_equal_a_numeric_code():
    assert normalise_code("234567") == "234567" and is_numeric_code("234567")
    # All digits from the short alphabet is a numeric code, never a short one.
    assert not any(is_numeric_code(new_short_code()) for _ in range(2000))


def test_numeric_codes_are_spelled_in_vietnamese_for_the_loudspeaker():
    assert spell_digits("482913") == "bốn tám hai chín một ba"
    assert spell_digits("105070") == "một không năm không bảy không"
