import sys

from django.core.management.base import BaseCommand

from insights.estimators import PanelError, estimate_effects_file
from insights.estimators.effects import OUTCOME_KINDS


class Command(BaseCommand):
    help = (
        "Ước lượng tác động của từng kênh từ bảng số liệu xã × tháng (CSV: unit,month,outcome, một cột 0/1 cho "
        "mỗi kênh, tùy chọn residents) và ghi kết quả JSON. Lỗi của cả bảng: thoát mã 2, không ghi JSON."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--panel", required=True, help="Tệp CSV bảng số liệu (tối đa 20 MB).")
        parser.add_argument("--out", required=True, help="Tệp JSON kết quả.")
        parser.add_argument(
            "--outcome-kind",
            choices=OUTCOME_KINDS,
            default="growth",
            help="growth: cột outcome đã là mức tăng của kỳ (giá trị âm được cảnh báo); level: một mức, "
            "ví dụ log việc làm. Cột outcome không bao giờ bị biến đổi.",
        )

    def handle(self, *args, panel: str, out: str, outcome_kind: str, **options) -> None:
        try:
            effects = estimate_effects_file(panel, out, outcome_kind=outcome_kind)
        except PanelError as error:
            self.stderr.write(f"Lỗi bảng số liệu: {error}")
            sys.exit(2)
        for note in dict.fromkeys(note for effect in effects for note in effect.warnings):
            self.stderr.write(f"Cảnh báo: {note}")
        for effect in effects:
            figure = (
                "" if effect.estimate is None else f" {effect.estimate:.4f} [{effect.ci_low:.4f}; {effect.ci_high:.4f}]"
            )
            self.stdout.write(f"{effect.channel}: {effect.verdict}{figure}")
