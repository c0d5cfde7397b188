"""Every word the plan and statement documents ask the catalogue for has its French translation."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.extract import extract_python
from babel.messages.pofile import read_po

from integrations.reports import statement_files, statement_html

REPORTS = Path(statement_files.__file__).resolve().parent
DOCUMENTS = ["plan_html.py", "plan_files.py", "statement_html.py", "statement_files.py", "statement_text.py"]
PO = REPORTS / "locales" / "fr" / "LC_MESSAGES" / "mutualis.po"


def used_msgids() -> set[str]:
    """The literal messages given to `_` or `gettext` in the documents' code, and the kinds, sources and
    column headers they translate from tables."""
    found = set()
    for name in DOCUMENTS:
        with (REPORTS / name).open("rb") as handle:
            for _line, _function, message, _comments in extract_python(handle, ["_", "gettext", "_counted"], [],
                                                                        {}):
                # None: a message held in a table (below); _counted gives the singular and the plural
                found.update(m for m in (message if isinstance(message, tuple) else (message,)) if isinstance(m, str))
    return found | set(statement_html.KINDS.values()) | set(statement_html.SOURCES.values()) | set(
        statement_files.COLUMNS.values())


def test_every_msgid_of_the_plan_and_statements_has_a_french_translation():
    with PO.open("rb") as handle:
        catalogue = read_po(handle, locale="fr")
    used = used_msgids()
    assert {"Plan for week {week}", "Statement of {member} for {month}", "hours worked", "Coefficient from",
            "{count} request not or partly filled", "{count} requests not or partly filled"} <= used
    missing = sorted(m for m in used if not (catalogue.get(m) and catalogue.get(m).string))
    assert missing == []
    for message in used:  # the {fields} a translation fills are the message's own
        assert set(re.findall(r"{(\w+)}", catalogue.get(message).string)) == set(re.findall(r"{(\w+)}", message))


def test_the_catalogue_names_each_message_once():
    ids = re.findall(r'^msgid "(.*)"$', PO.read_text(encoding="utf-8"), re.M)
    assert len(ids) == len(set(ids))
