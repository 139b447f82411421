import threading

from django_tasks import task

# Set each time the job runs; the tests wait on it.
ran = threading.Event()
run_count = 0


@task()
def record_heartbeat() -> int:
    global run_count
    run_count += 1
    ran.set()
    return run_count
