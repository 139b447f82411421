"""Finding the administrative units that a batch of imported rows names, in one or two queries.

Spreadsheets drop leading zeros ("70" for ward 00070, "1" for Hà Nội) and the police's sheets write
ward names without diacritics, without their kind ("Cửa Nam" for Phường Cửa Nam) or in an old
spelling. Every import of the admin looks its units up here: one query for all the codes of the batch
(with and without their lost zeros), and, for names, one query for the wards of the chosen province.
"""

import difflib
from collections import defaultdict
from collections.abc import Iterable

from django.utils.translation import gettext as _

from core.tabular import shorten
from core.text import fold_vietnamese
from places.models import AdministrativeUnit, UnitLevel

WARD_CODE_LENGTH = 5
PROVINCE_CODE_LENGTH = 2
WARD_PREFIXES = ("phuong ", "xa ", "thi tran ", "dac khu ")
APOSTROPHES = str.maketrans({"’": "", "‘": "", "ʼ": "", "'": "", "`": "", "-": " "})


def fold_ward_name(name: str) -> str:
    """Lower case, no diacritics, no apostrophes: "Xã Ea M’Droh" and "xa ea m'droh" → "xa ea mdroh"."""
    return fold_vietnamese(name.translate(APOSTROPHES))


def bare_ward_name(name: str) -> str:
    """The folded name without its kind: "Phường Cửa Nam" → "cua nam"."""
    folded = fold_ward_name(name)
    for prefix in WARD_PREFIXES:
        if folded.startswith(prefix):
            return folded[len(prefix) :]
    return folded


def candidate_codes(code: str) -> list[str]:
    """The code as written, then as a ward and a province that lost their leading zeros ("70" → "00070", "01")."""
    if not code.isdigit():
        return [code]
    return [code, code.zfill(WARD_CODE_LENGTH), code.zfill(PROVINCE_CODE_LENGTH)]


def labelled(unit: AdministrativeUnit) -> str:
    return f"{unit.name} ({unit.code})"


class UnitLookup:
    """The units a batch of cells names: by code everywhere, by name among the wards of one province.

    Build it once per import with every cell of the unit column; `by_code` and `ward` then answer
    without a query.
    """

    def __init__(self, *, texts: Iterable[str], province: AdministrativeUnit | None = None) -> None:
        self.province = province
        texts = list(texts)
        codes = {candidate for text in texts if text for candidate in candidate_codes(text)}
        self.units = {
            unit.code: unit for unit in AdministrativeUnit.objects.filter(code__in=codes).select_related("parent")
        }
        self.by_full: dict[str, list[AdministrativeUnit]] = defaultdict(list)
        self.by_bare: dict[str, list[AdministrativeUnit]] = defaultdict(list)
        if province is not None and any(text and not text.isdigit() for text in texts):
            for ward in AdministrativeUnit.objects.filter(path__startswith=province.path, level=UnitLevel.WARD):
                self.by_full[fold_ward_name(ward.name)].append(ward)
                self.by_bare[bare_ward_name(ward.name)].append(ward)

    def by_code(self, code: str) -> AdministrativeUnit | None:
        """The unit of a code as written; else the ward, else the province, that lost its leading zeros."""
        if code in self.units:
            return self.units[code]
        if not code.isdigit():
            return None
        ward = self.units.get(code.zfill(WARD_CODE_LENGTH))
        if ward is not None and ward.level == UnitLevel.WARD:
            return ward
        # A province that lost its leading zero ("1" for Hà Nội) gets the wrong-level message, not "unknown".
        return self.units.get(code.zfill(PROVINCE_CODE_LENGTH))

    @staticmethod
    def unknown_code(code: str) -> str:
        return _("Không có đơn vị hành chính với mã “%(code)s”.") % {"code": shorten(code)}

    def ward(self, text: str) -> tuple[AdministrativeUnit | None, str | None]:
        """(ward, None), or (None, why not in Vietnamese), for a ward's code or its name in the province."""
        if text.isdigit():
            return self._ward_by_code(text)
        if self.province is None:
            return None, _("“%(name)s” không phải mã xã/phường; để tìm theo tên, hãy chọn tỉnh/thành phố khi nhập.") % {
                "name": shorten(text)
            }
        return self._ward_by_name(text)

    def _ward_by_code(self, code: str) -> tuple[AdministrativeUnit | None, str | None]:
        found = [self.units[c] for c in (code, code.zfill(WARD_CODE_LENGTH)) if c in self.units]
        wards = [unit for unit in found if unit.level == UnitLevel.WARD]
        unit = wards[0] if wards else (found[0] if found else None)
        if unit is None:
            return None, _("Không có xã/phường với mã “%(code)s”.") % {"code": shorten(code)}
        if unit.level != UnitLevel.WARD:
            return None, _("Mã “%(code)s” là %(unit)s, không phải xã/phường/đặc khu.") % {
                "code": code,
                "unit": unit.name,
            }
        if self.province is not None and not unit.path.startswith(self.province.path):
            return None, _("Mã “%(code)s” là %(unit)s, không thuộc %(province)s.") % {
                "code": code,
                "unit": unit.name,
                "province": self.province.name,
            }
        return unit, None

    def _ward_by_name(self, text: str) -> tuple[AdministrativeUnit | None, str | None]:
        matches = self.by_full.get(fold_ward_name(text)) or self.by_bare.get(bare_ward_name(text)) or []
        if len(matches) == 1:
            return matches[0], None
        if matches:
            return None, _("Tên “%(name)s” trùng với nhiều xã/phường: %(candidates)s. Hãy ghi mã xã/phường.") % {
                "name": shorten(text),
                "candidates": "; ".join(labelled(ward) for ward in matches),
            }
        return None, self._unknown_name(text)

    def _unknown_name(self, text: str) -> str:
        close = difflib.get_close_matches(bare_ward_name(text), list(self.by_bare), n=3, cutoff=0.6)
        candidates = [ward for name in close for ward in self.by_bare[name]]
        message = _("Không tìm thấy xã/phường “%(name)s” trong %(province)s.") % {
            "name": shorten(text),
            "province": self.province.name,
        }
        if candidates:
            message += " " + _("Có phải: %(candidates)s?") % {
                "candidates": "; ".join(labelled(ward) for ward in candidates)
            }
        return message
