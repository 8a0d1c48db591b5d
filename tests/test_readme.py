"""The README never lies: CI runs its test command, and the files it names exist."""

import re
from pathlib import Path

ROOT = Path(__file__).parents[1]


def shell_blocks() -> list[str]:
    return re.findall(r"```sh\n(.*?)\n```", (ROOT / "README.md").read_text(), re.S)


def test_ci_runs_the_readme_test_command():
    test_command = shell_blocks()[1].strip()
    assert "pytest" in test_command
    ci_lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    assert test_command in ci_lines


def test_ci_installs_with_the_readme_install_script():
    install = shell_blocks()[0].split("&&")[0].strip()
    assert install in (ROOT / ".ci" / "run").read_text()
    assert (ROOT / install.split()[-1]).exists()


def test_presets_named_in_the_readme_exist():
    for name in re.findall(r"`(\w+\.json)`", (ROOT / "README.md").read_text()):
        if name != "config.json":
            assert (ROOT / "resources" / "presets" / name).exists(), name
