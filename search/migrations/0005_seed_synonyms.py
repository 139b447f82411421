"""The common administrative abbreviations and renamings, so that a new installation understands them from day one.
Editors change them under Snippets › Từ đồng nghĩa."""

from django.db import migrations

# (terms, one-way): one-way means only the first term also finds the others.
SEED = [
    ("CCCD, căn cước, thẻ căn cước, căn cước công dân", False),
    ("CMND, chứng minh nhân dân, chứng minh thư", False),
    ("CMND, căn cước, CCCD", True),
    ("BHYT, bảo hiểm y tế", False),
    ("BHXH, bảo hiểm xã hội", False),
    ("THPT, trung học phổ thông", False),
    ("GPLX, giấy phép lái xe, bằng lái xe, bằng lái", False),
    ("DVC, dịch vụ công, Cổng dịch vụ công", False),
    ("VNeID, định danh điện tử, định danh", False),
    ("mức độ 2, mức 2, mức độ hai", False),
    ("trực tuyến, online, qua mạng", False),
    ("mật khẩu, pass, password", False),
    ("quên mật khẩu, cấp lại mật khẩu, lấy lại mật khẩu", False),
    ("hộ khẩu, thường trú", True),
    ("chứng tử, khai tử", True),
    ("báo tử, khai tử", True),
    ("MST, mã số thuế, đăng ký thuế", True),
    ("mã số thuế, đăng ký thuế", True),
    ("bảo hiểm thất nghiệp, trợ cấp thất nghiệp", True),
    ("sang tên, thay đổi chủ thể", True),
    ("lắp điện, cấp điện", False),
    ("KT3, tạm trú", True),
]


def seed(apps, schema_editor):
    SearchSynonym = apps.get_model("search", "SearchSynonym")
    for terms, one_way in SEED:
        SearchSynonym.objects.get_or_create(terms=terms, one_way=one_way)


def unseed(apps, schema_editor):
    SearchSynonym = apps.get_model("search", "SearchSynonym")
    for terms, one_way in SEED:
        SearchSynonym.objects.filter(terms=terms, one_way=one_way).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0004_synonyms_and_pinned_results")]

    operations = [migrations.RunPython(seed, unseed)]
