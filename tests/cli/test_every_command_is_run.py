"""Every command of `mutualis` is run by at least one test, beyond `--help`.

The tests are read, not run: a call whose string arguments spell a command path (`"hours", "record", ...`,
or `["--db", db, "plan", "show", ...]`) counts as running that command. Reading works the same whether the
suite runs whole, in part or spread over workers, and a new command without a test fails here.
"""

from __future__ import annotations

import ast
from pathlib import Path

import click

from cli import main

TESTS = Path(__file__).resolve().parents[1]


def _leaf_paths(group: click.Group, prefix: tuple[str, ...] = ()):
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            if command.invoke_without_command:  # runs on its own too (`bill --month ...` beside `bill show`)
                yield prefix + (name,)
            yield from _leaf_paths(command, prefix + (name,))
        else:
            yield prefix + (name,)


def _strings(call: ast.Call) -> list[str]:
    """The call's string arguments in order, lists and starred lists flattened."""
    found = []

    def visit(node):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.append(node.value)
        elif isinstance(node, (ast.List, ast.Tuple)):
            for item in node.elts:
                visit(item)
        elif isinstance(node, ast.Starred):
            visit(node.value)

    for arg in call.args:
        visit(arg)
    return found


def _command_run(words: list[str]) -> tuple[str, ...] | None:
    """The leaf command path these words run, if they run one (help alone does not count)."""
    for start, word in enumerate(words):
        command, path = main.commands.get(word), [word]
        for following in words[start + 1:]:
            if not isinstance(command, click.Group) or following not in command.commands:
                break
            command = command.commands[following]
            path.append(following)
        if command is not None and (not isinstance(command, click.Group) or command.invoke_without_command):
            rest = words[start + len(path):]
            return None if "--help" in rest or "-h" in rest else tuple(path)
    return None


def commands_run_by_tests() -> set[tuple[str, ...]]:
    """Every command path some test file runs."""
    run = set()
    for path in TESTS.rglob("test_*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                found = _command_run(_strings(node))
                if found:
                    run.add(found)
    return run


def test_the_reader_finds_a_command_in_a_call_and_ignores_help():
    call = ast.parse('run(db, "odoo", "push", "plan", "--week", "2026-W49")').body[0].value
    assert _command_run(_strings(call)) == ("odoo", "push", "plan")
    call = ast.parse('CliRunner().invoke(main, ["--db", db, *["hours", "show"], "--help"])').body[0].value
    assert _command_run(_strings(call)) is None


def test_every_command_is_run_by_a_test():
    commands = set(_leaf_paths(main))
    assert len(commands) > 40
    missing = sorted(" ".join(p) for p in commands - commands_run_by_tests())
    assert missing == []
