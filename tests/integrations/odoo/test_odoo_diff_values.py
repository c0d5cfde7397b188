"""Comparing what Odoo holds with what we would write: an empty x2many is unchanged, not an update."""

from integrations.odoo.diff import _same


def test_an_empty_id_list_equals_an_empty_replace_command():
    assert _same("many2many", [], [[6, 0, []]])
    assert _same("many2many", [3, 1], [[6, 0, [1, 3]]])
    assert not _same("many2many", [], [[6, 0, [1]]])
    assert not _same("many2many", [1], [[4, 1]])  # other commands always count as a change
