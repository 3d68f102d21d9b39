"""The README stays true: every CLI command and public address it should name, it names."""

import re
from pathlib import Path

README = (Path(__file__).resolve().parent.parent / "README.md").read_text()


def test_the_two_set_up_commands_come_first():
    first_commands = [line.strip() for line in README.splitlines() if line.strip().startswith("make ")][:2]
    assert first_commands == ["make run", "make test"]


def test_every_cli_command_is_documented(app):
    commands = set(app.cli.list_commands(app.app_context())) - {"routes", "shell", "run"}
    missing = [c for c in sorted(commands) if f"| `{c}" not in README]
    assert not missing, f"README does not document: {missing}"


def plain(rule):
    """Write a URL rule as the README does: /motions/<motion_id>, without converters."""
    return re.sub(r"<(?:\w+(?:\([^)]*\))?:)?(\w+)>", r"<\1>", rule)


def test_every_route_is_documented(app):
    rules = {plain(r.rule) for r in app.url_map.iter_rules() if not r.rule.startswith("/static")}
    missing = [r for r in sorted(rules) if f"`{r}`" not in README]
    assert not missing, f"README's URL map lacks: {missing}"
