import unicodedata

import pytest
from vietnam_provinces import Province, Ward

from places.models import AdministrativeUnit, DivisionType, UnitLevel
from places.services import load_official_units

pytestmark = pytest.mark.django_db


def test_every_province_and_commune_of_2025_is_loaded(official_units):
    assert official_units.filter(level=UnitLevel.PROVINCE).count() == 34
    assert official_units.filter(level=UnitLevel.WARD).count() == 3321


def test_every_commune_hangs_under_its_own_province(official_units):
    parents = dict(
        AdministrativeUnit.objects.filter(level=UnitLevel.WARD).values_list("code", "parent__code"),
    )
    expected = {f"{int(ward.code):05d}": f"{int(ward.province_code):02d}" for ward in Ward.iter_all()}
    assert parents == expected


def test_paths_chain_official_codes(official_units):
    ward = AdministrativeUnit.objects.get(code="24133")
    assert ward.name == "Phường Buôn Ma Thuột"
    assert ward.parent.name == "Đắk Lắk"
    assert ward.path == "66/24133/"
    assert ward.ancestor_codes == ["66"]
    hanoi = AdministrativeUnit.objects.get(code="01")
    assert hanoi.division_type == DivisionType.CENTRAL_CITY
    assert hanoi.path == "01/"


def test_names_are_nfc_with_single_spaces(official_units):
    names = list(official_units.values_list("name", flat=True))
    assert all(unicodedata.is_normalized("NFC", name) for name in names)
    # The package writes some names with a double space ("Phường  Buôn Ma Thuột").
    assert not [name for name in names if "  " in name or name != name.strip()]
    assert {province.name for province in Province.iter_all()} == set(
        official_units.filter(level=UnitLevel.PROVINCE).values_list("name", flat=True)
    )


def test_loading_twice_changes_nothing(official_units):
    before = list(AdministrativeUnit.objects.order_by("code").values_list("id", "code", "name", "path", "parent_id"))
    result = load_official_units()
    after = list(AdministrativeUnit.objects.order_by("code").values_list("id", "code", "name", "path", "parent_id"))
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3355)
    assert after == before


def test_reloading_repairs_a_unit_edited_by_hand(official_units):
    AdministrativeUnit.objects.filter(code="24169").update(name="Sai tên")
    result = load_official_units()
    assert (result.created, result.updated) == (0, 1)
    assert AdministrativeUnit.objects.get(code="24169").name == "Phường Ea Kao"


def test_villages_added_by_editors_survive_a_reload(official_units):
    from places.services import add_village

    ward = AdministrativeUnit.objects.get(code="24133")
    village = add_village(ward=ward, name="  Khối   3 ", division_type=DivisionType.BLOCK)
    load_official_units()
    village.refresh_from_db()
    assert (village.code, village.name, village.path) == ("24133-001", "Khối 3", "66/24133/24133-001/")
    assert not village.is_official
