"""The README's configuration table names every environment variable the settings read."""

import re
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
READ_ENV = re.compile(r"""(?:os\.environ\.get|env_bool|env_int|env_list)\(\s*["']([A-Z0-9_]+)["']""")


def variables_read_by_the_code() -> set[str]:
    sources = [*(PROJECT / "website" / "settings").glob("*.py"), *PROJECT.glob("*/management/commands/*.py")]
    return {name for path in sources for name in READ_ENV.findall(path.read_text(encoding="utf-8"))}


def test_every_environment_variable_is_in_the_readme():
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    variables = variables_read_by_the_code()
    assert {"SECRET_KEY", "DATABASE_URL", "REDIS_URL", "AWS_STORAGE_BUCKET_NAME"} <= variables
    missing = sorted(name for name in variables if f"`{name}`" not in readme)
    assert missing == []


def test_the_readme_gives_the_two_commands():
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    assert "make run" in readme and "make test" in readme


def test_the_readme_states_how_qr_travels_and_the_completion_limits_the_code_applies():
    """The citizen loop's two rules a reader of the figures must know, with the figures the code uses."""
    from tracking.completion import COMPLETIONS_PER_ADDRESS_PER_HOUR, DEDUP_SECONDS, LIMIT_WINDOW_SECONDS

    readme = " ".join((PROJECT / "README.md").read_text(encoding="utf-8").split())
    assert "**Any other navigation without JavaScript loses `qr`**" in readme
    assert 'counted as "không qua mã"' in readme
    assert f"One tab counts once per guide in {DEDUP_SECONDS // 60} minutes" in readme
    assert LIMIT_WINDOW_SECONDS == 3600
    assert (
        f"At most {COMPLETIONS_PER_ADDRESS_PER_HOUR} completions are stored per client address per placement "
        "in any rolling hour"
    ) in readme
    assert '"lượt bấm vượt giới hạn"' in readme and "Limits of the rule:" in readme
