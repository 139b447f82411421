"""Production settings plus a bare redirect view, for tests/bench/ scripts only."""

from website.settings.production import *  # noqa: F403

ROOT_URLCONF = "tests.bench.bench_urls"
