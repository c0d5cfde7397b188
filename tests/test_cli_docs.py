"""docs/cli.md is every command's --help, kept in step with the code (as sqlite-utils does with cog).

After changing a command's options or help, rewrite the page with ``python -m tests.test_cli_docs``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from click.testing import CliRunner

from cli import main

PAGE = Path(__file__).resolve().parents[1] / "docs" / "cli.md"
INTRO = """# Command reference

Every `mutualis` command with its `--help`, generated from the code (`python -m tests.test_cli_docs`
rewrites this page; a test fails when it is out of step). The README's tour shows them in use.
"""


def _commands(group: click.Group, prefix: tuple[str, ...] = ()):
    for name, command in sorted(group.commands.items()):
        if command.hidden:
            continue
        yield prefix + (name,), command
        if isinstance(command, click.Group):
            yield from _commands(command, prefix + (name,))


def render() -> str:
    """The page: one section per command, its help as the terminal shows it at 100 columns."""
    parts = [INTRO]
    runner = CliRunner()
    for path, _ in _commands(main):
        result = runner.invoke(main, [*path, "--help"], terminal_width=100)
        text = result.output.replace("Usage: main ", "Usage: mutualis ").replace("Usage: cli ", "Usage: mutualis ")
        parts.append(f"## mutualis {' '.join(path)}\n\n```\n{text.rstrip()}\n```\n")
    return "\n".join(parts)


def test_docs_cli_md_lists_every_command_with_its_current_help():
    assert PAGE.exists(), "docs/cli.md is missing: run python -m tests.test_cli_docs"
    expected = render()
    assert PAGE.read_text(encoding="utf-8") == expected, "docs/cli.md is out of step: run python -m tests.test_cli_docs"


if __name__ == "__main__":
    PAGE.write_text(render(), encoding="utf-8")
    sys.stdout.write(f"wrote {PAGE}\n")
