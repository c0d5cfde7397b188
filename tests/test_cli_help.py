"""Every command has help with an example; errors are one line with exit code 1, usage errors 2."""

import click
import pytest
from click.testing import CliRunner

from cli import main


def _commands(group: click.Group, prefix=()):
    for name, command in sorted(group.commands.items()):
        yield prefix + (name,), command
        if isinstance(command, click.Group):
            yield from _commands(command, prefix + (name,))


COMMANDS = list(_commands(main))


@pytest.mark.parametrize("path,command", COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_command_has_help(path, command):
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0
    assert command.help and command.help.strip()
    if not isinstance(command, click.Group):
        assert "Example:" in result.output and "mutualis " in result.output


def test_usage_error_exits_2():
    result = CliRunner().invoke(main, ["member", "add"])
    assert result.exit_code == 2


def test_library_error_is_one_line_and_exit_1(tmp_path):
    db = f"sqlite:///{tmp_path / 'm.db'}"
    result = CliRunner().invoke(main, ["--db", db, "member", "add", "ACIER", "--name", "Aciers",
                                       "--siret", "12345678901234"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "error: member ACIER: field siret: SIRET '12345678901234' is not 14 digits with a valid Luhn key"]
