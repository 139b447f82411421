from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from django.conf import settings

from core.periodic import periodic_jobs
from insights.report_tasks import send_last_month_reports
from insights.tasks import reconcile_rollups_task, refresh_rollout_statuses_task, update_rollups_task

periodic_jobs.register(
    job_id="insights.update_rollups",
    task=update_rollups_task,
    trigger=IntervalTrigger(seconds=60),
    description="Cập nhật số liệu tổng hợp theo ngày và theo giờ từ lượt quét và kết quả mới",
)
periodic_jobs.register(
    job_id="insights.reconcile_rollups",
    task=reconcile_rollups_task,
    trigger=CronTrigger(hour=3, minute=17, timezone=settings.TIME_ZONE),
    description="Tính lại số liệu tổng hợp của hai ngày gần nhất từ dữ liệu gốc",
)
periodic_jobs.register(
    job_id="insights.monthly_reports",
    task=send_last_month_reports,
    trigger=CronTrigger(day=1, hour=6, minute=0, timezone=settings.TIME_ZONE),
    description="Ngày 1 hằng tháng: lập báo cáo tháng trước cho mọi đơn vị có Phòng Văn hóa – Thông tin và gửi thư",
)
periodic_jobs.register(
    job_id="insights.rollout_statuses",
    task=refresh_rollout_statuses_task,
    trigger=CronTrigger(hour=0, minute=7, timezone=settings.TIME_ZONE),
    description="Chuyển trạng thái kế hoạch triển khai theo đợt theo ngày: đã duyệt → đang triển khai → đã kết thúc",
)
