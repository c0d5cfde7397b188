"""The README runs as written: every `mutualis` command of its tour, top to bottom, on the demo group.

The commands are read from README.md itself, so a command added to the README is run here too. The Odoo
section runs against the faithful Odoo 17 test server (its URLs replaced by the server's address).
"""

from __future__ import annotations

import re
import shlex
import xmlrpc.client
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from sharing.demo import demo_group
from integrations.odoo.testing import Catalog, OdooTestServer

README = Path(__file__).resolve().parents[1] / "README.md"
SECTIONS = ("## A short tour", "## Using mutualis with Odoo")


def readme_commands(text: str) -> list[str]:
    """The shell lines of the README's bash blocks under the tour and Odoo sections, continuations joined."""
    lines: list[str] = []
    for section in re.split(r"(?m)^(?=## )", text):
        if not section.startswith(SECTIONS):
            continue
        for block in re.findall(r"```bash\n(.*?)```", section, flags=re.S):
            joined = re.sub(r"\\\n\s*", " ", block)
            for raw in joined.splitlines():
                line = re.sub(r"\s+#.*$", "", raw).strip()
                if line and not line.startswith("#"):
                    lines.append(line)
    return lines


def test_the_readme_has_a_tour_and_an_odoo_section():
    commands = readme_commands(README.read_text(encoding="utf-8"))
    assert sum(c.startswith("mutualis odoo ") for c in commands) >= 5
    assert sum(c.startswith("mutualis tender ") for c in commands) >= 3
    assert any(c.startswith("mutualis allocate ") for c in commands)


def test_the_setup_section_gives_exactly_two_commands():
    setup = README.read_text(encoding="utf-8").split("## Set up", 1)[1].split("\n## ", 1)[0]
    blocks = [b.strip() for b in re.findall(r"```bash\n(.*?)```", setup, flags=re.S)]
    assert blocks == ['python3 -m pip install -e . && mutualis demo',
                      'python3 -m pip install -e ".[test]" && python3 -m pytest -q -n 2']


@pytest.fixture(scope="module")
def odoo_server():
    """The test server set up as the README says the GE's administrator does: EUR active, a 20 % sales tax,
    every member firm a company partner tagged "GE member" with its SIRET."""
    with OdooTestServer(Catalog.load(), users={"admin": "admin", "sync": "secret"}) as server:
        odoo = xmlrpc.client.ServerProxy(f"{server.url}/xmlrpc/2/object", allow_none=False)

        def call(model, method, *args, **kw):
            return odoo.execute_kw(server.database, 2, "admin", model, method, list(args), kw)

        eur = call("res.currency", "search", [("name", "=", "EUR")], context={"active_test": False})
        call("res.currency", "write", eur, {"active": True})
        call("account.tax", "create", [{"name": "TVA 20%", "amount": 20.0, "type_tax_use": "sale",
                                        "amount_type": "percent"}])
        tag = call("res.partner.category", "create", [{"name": "GE member"}])[0]
        call("res.partner", "create", [{"name": m.legal_name, "is_company": True, "company_registry": m.siret,
                                        "category_id": [(6, 0, [tag])]} for m in demo_group().members])
        yield server


def test_every_readme_command_runs_on_the_demo(tmp_path, monkeypatch, odoo_server):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "workcentres.yaml").write_text(README.read_text(encoding="utf-8").split("```yaml\n", 1)[1]
                                                .split("```", 1)[0], encoding="utf-8")
    monkeypatch.delenv("MUTUALIS_DB", raising=False)
    runner = CliRunner()
    demo = runner.invoke(main, ["demo"], catch_exceptions=False)
    assert demo.exit_code == 0, demo.output
    for line in readme_commands(README.read_text(encoding="utf-8")):
        export = re.fullmatch(r"export (\w+)=(.*)", line)
        if export:
            monkeypatch.setenv(export.group(1), "secret")
            continue
        args = shlex.split(re.sub(r"https://\S+", odoo_server.url, line))
        assert args[0] == "mutualis", line
        args = args[1:]
        if args[:2] == ["odoo", "connect"]:  # the README's Odoo databases are the test server's
            args[args.index("--db") + 1] = odoo_server.database
            monkeypatch.setenv(args[args.index("--password-env") + 1], "secret")
        result = runner.invoke(main, args, catch_exceptions=False)
        assert result.exit_code == 0, f"{line}\n{result.output}"
        assert "unexpected" not in result.output, line
