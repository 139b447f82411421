"""The packages' Vietnamese overrides are complete and current (scripts/package_messages.py, issue 20).

The script reads the msgids of the installed packages, merges locale_packages/source/ and reports what is missing;
these tests run it as `make test` would after a version bump, and read what it wrote.
"""

import re

import polib
import pytest

from tests.website.admin_text import package_messages

# A placeholder glued to a word ("%(label)svà Xuất bản", as Wagtail's own Vietnamese had it) or a word glued to it.
GLUED = re.compile(r"(%(\(\w+\))?[sd]|\{\w*\})[^\W\d_]|[^\W\d_](%\(\w+\)[sd]|\{\w+\})")


def test_the_completeness_script_reports_nothing_missing_and_the_written_catalogues_are_current(capsys):
    assert package_messages.main(["--check"]) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    done, total = map(int, re.search(r"coverage: (\d+)/(\d+) package strings", out).groups())
    assert total > 2500 and done == total, out  # every string of the modules we enable
    for domain in package_messages.DOMAINS:
        assert f"{domain}: 0 distinct msgids missing" in out, out
    assert "wagtail.admin" in out and "wagtail_localize" in out and "django_otp" in out


@pytest.mark.parametrize("domain", package_messages.DOMAINS)
def test_no_translation_glues_a_placeholder_to_a_word(domain):
    catalogue = polib.pofile(str(package_messages.OUTPUT_DIR / f"{domain}.po"))
    glued = [
        (entry.msgid, text)
        for entry in catalogue
        for text in (entry.msgstr, *entry.msgstr_plural.values())
        if text and GLUED.search(text) and not GLUED.search(entry.msgid)
    ]
    assert not glued, glued
