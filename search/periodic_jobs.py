from apscheduler.triggers.interval import IntervalTrigger

from core.periodic import periodic_jobs
from search.tasks import drain_search_spool

# The spool is on the disk of the node that answered the search: with several app servers, each runs
# `manage.py drain_search_log --every 30` too (docs/deploy.md); on one machine this job is enough.
periodic_jobs.register(
    job_id="search.drain_search_spool",
    task=drain_search_spool,
    trigger=IntervalTrigger(seconds=30),
    description="Ghi các lượt tìm kiếm từ tệp đệm vào nhật ký tìm kiếm",
)
