"""The Odoo commands' own files (mappings, secret file) give one line naming the file, never "unexpected"."""

from __future__ import annotations

import os

import pytest

from integrations.odoo.capacity import load_process_mapping
from integrations.odoo.connection import OdooConnection
from integrations.odoo.employee_match import load_employee_mapping
from consortium.errors import MutualisError

BAD = {
    "latin1.yaml": "Découpe: LASER\n".encode("latin-1"),
    "binary.yaml": b"\x00\x01\x02PK",
    "broken.yaml": b"a: [1, 2\n",
}


@pytest.mark.parametrize("loader", [load_process_mapping, load_employee_mapping])
@pytest.mark.parametrize("name", sorted(BAD))
def test_a_bad_mapping_file_is_one_line_naming_it(tmp_path, loader, name):
    path = tmp_path / name
    path.write_bytes(BAD[name])
    with pytest.raises(MutualisError) as info:
        loader(path)
    assert name in str(info.value) and "\n" not in str(info.value)


def test_a_secret_file_that_is_not_text_is_one_line(tmp_path):
    path = tmp_path / "secret"
    path.write_bytes("mot de passé".encode("latin-1"))
    os.chmod(path, 0o600)
    connection = OdooConnection(name="ge", url="http://127.0.0.1:1", database="db", login="sync",
                                secret=f"file:{path}")
    with pytest.raises(MutualisError, match="cannot read secret file .*not UTF-8 text"):
        connection.read_secret()
