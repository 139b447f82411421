import pytest
from django.core.exceptions import ValidationError

from places.models import AdministrativeUnit, DivisionType, UnitLevel
from places.selectors import units_under, wards_under
from places.services import add_village
from tests.factories.places import ProvinceFactory, VillageFactory, WardFactory

pytestmark = pytest.mark.django_db


def test_units_under_a_province_are_its_wards_and_villages_only():
    province = ProvinceFactory()
    ward = WardFactory(parent=province)
    village = VillageFactory(parent=ward)
    other = WardFactory()

    under = set(units_under(unit=province))
    assert under == {province, ward, village}
    assert other not in under
    assert set(wards_under(unit=province)) == {ward}
    assert set(units_under(unit=ward, include_self=False)) == {village}


def test_a_code_that_extends_another_is_not_under_it():
    # "T9/" must not cover "T90/": the path ends each code with a separator.
    short = ProvinceFactory(code="T9")
    long = ProvinceFactory(code="T90")
    assert list(units_under(unit=short)) == [short]
    assert long.path == "T90/"


def test_village_codes_count_up_per_ward():
    ward = WardFactory(code="T77777")
    first = add_village(ward=ward, name="Thôn 1", division_type=DivisionType.VILLAGE)
    second = add_village(ward=ward, name="Buôn Ea Nao", division_type=DivisionType.BUON)
    assert [first.code, second.code] == ["T77777-001", "T77777-002"]
    assert second.parent == ward and second.level == UnitLevel.VILLAGE


@pytest.mark.parametrize(
    ("level", "division_type", "parent_level", "field"),
    [
        (UnitLevel.VILLAGE, DivisionType.VILLAGE, UnitLevel.PROVINCE, "parent"),
        (UnitLevel.WARD, DivisionType.WARD, UnitLevel.WARD, "parent"),
        (UnitLevel.PROVINCE, DivisionType.PROVINCE, UnitLevel.PROVINCE, "parent"),
        (UnitLevel.VILLAGE, DivisionType.WARD, UnitLevel.WARD, "division_type"),
    ],
)
def test_the_tree_refuses_units_at_the_wrong_level(level, division_type, parent_level, field):
    parent = ProvinceFactory() if parent_level == UnitLevel.PROVINCE else WardFactory()
    unit = AdministrativeUnit(code="X1", name="Sai cấp", division_type=division_type, level=level, parent=parent)
    with pytest.raises(ValidationError) as error:
        unit.full_clean()
    assert field in error.value.message_dict


def test_a_ward_without_a_province_is_refused_by_the_database():
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        AdministrativeUnit.objects.create(
            code="X2", name="Phường mồ côi", division_type=DivisionType.WARD, level=UnitLevel.WARD
        )
