"""The WSGI entry point gunicorn loads (website/wsgi.py)."""

import gc
import importlib


def test_the_workers_start_up_objects_are_kept_out_of_the_collectors_reach(monkeypatch):
    # A full collection over Django's and Wagtail's start-up objects paused a worker for ~0.5 s
    # (tests/bench/page_hit_bench.py): the entry point freezes them once the application is loaded.
    monkeypatch.setattr(gc, "collect", lambda *args: 0)  # the test process's heap is large: not needed here
    gc.unfreeze()
    try:
        module = importlib.reload(importlib.import_module("website.wsgi"))
        assert callable(module.application)
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()
