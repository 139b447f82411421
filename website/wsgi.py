import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.production")

application = get_wsgi_application()

# What Django and Wagtail loaded lives as long as the worker: move it out of the collector's reach,
# so that a full collection scans only what requests left behind. Without this, a worker's
# occasional full collection paused it for ~0.5 s (one in 10,000 kept-page hits, at load 7 on
# two cores: tests/bench/page_hit_bench.py); under a crowd that pause is the p99.
gc.collect()
gc.freeze()
