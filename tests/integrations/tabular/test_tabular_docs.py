"""docs/spreadsheets.md documents every column of every kind, with the example the templates write."""

from pathlib import Path

import pytest

from integrations.tabular import KINDS, columns, write_template

DOC = Path(__file__).resolve().parents[3] / "docs" / "spreadsheets.md"


def _section(kind: str) -> str:
    text = DOC.read_text(encoding="utf-8")
    return text.split(f"## `{kind}`", 1)[1].split("\n## ", 1)[0]


@pytest.mark.parametrize("kind", KINDS)
def test_the_documentation_lists_every_column_and_the_template_row(kind, tmp_path):
    section = _section(kind)
    listed = [line.split("`")[1] for line in section.splitlines() if line.startswith("| `")]
    assert listed == columns(kind)
    path = tmp_path / f"{kind}.csv"
    write_template(kind, path)
    assert path.read_text(encoding="utf-8") in section
