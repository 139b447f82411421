import factory

from places.models import AdministrativeUnit, DivisionType, ServicePoint, ServicePointKind, UnitLevel


class ProvinceFactory(factory.django.DjangoModelFactory):
    """A province outside the official list (codes start with T), for tests that need a small tree."""

    class Meta:
        model = AdministrativeUnit

    code = factory.Sequence(lambda n: f"T{n:02d}")
    name = factory.Sequence(lambda n: f"Tỉnh Thử Nghiệm {n}")
    division_type = DivisionType.PROVINCE
    level = UnitLevel.PROVINCE
    parent = None


class WardFactory(ProvinceFactory):
    code = factory.Sequence(lambda n: f"T{n:05d}")
    name = factory.Sequence(lambda n: f"Phường Thử Nghiệm {n}")
    division_type = DivisionType.WARD
    level = UnitLevel.WARD
    parent = factory.SubFactory(ProvinceFactory)


class VillageFactory(ProvinceFactory):
    code = factory.LazyAttributeSequence(lambda unit, n: f"{unit.parent.code}-{n + 1:03d}")
    name = factory.Sequence(lambda n: f"Khối {n + 1}")
    division_type = DivisionType.BLOCK
    level = UnitLevel.VILLAGE
    parent = factory.SubFactory(WardFactory)


class ServicePointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServicePoint

    unit = factory.SubFactory(WardFactory)
    kind = ServicePointKind.ONE_STOP_DESK
    name = factory.Sequence(lambda n: f"Bộ phận Một cửa số {n}")
    address = "Số 1 đường Lê Duẩn"
    opening_hours = "Thứ Hai – Thứ Sáu, 7:30–17:00"
    hotline = "0262 3000 000"
