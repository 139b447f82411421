"""What every process loads at start-up (each manage.py command, each server worker, `make run`'s two)."""

import subprocess
import sys

from django.conf import settings


def test_starting_django_does_not_import_weasyprint():
    # WeasyPrint takes seconds to import; only a PDF needs it (media_kit/rendering/pdf.py imports it there).
    code = "import sys, django; django.setup(); print('weasyprint' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
        env={"DJANGO_SETTINGS_MODULE": "website.settings.dev", "PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    assert result.stdout.strip().splitlines()[-1] == "False"
