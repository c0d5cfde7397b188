"""One in-memory Odoo database: the captured models and records, copied per server instance."""

from __future__ import annotations

import threading
from datetime import datetime, UTC
from types import MappingProxyType
from typing import Any
from collections.abc import Callable

from . import domain as dom
from .catalog import EXTRA_MODELS, Catalog
from .exceptions import MissingError, UserError, ValidationError
from .values import X2MANY, convert, default_value, x2many_commands

__all__ = ["Database"]

_OPAQUE = MappingProxyType({"id": {"type": "integer", "string": "ID", "readonly": True},
           "name": {"type": "char", "string": "Name"},
           "display_name": {"type": "char", "string": "Display Name", "readonly": True}})


class Database:
    """Tables of records keyed by id, with the ORM's checks; thread-safe through one lock."""

    def __init__(self, catalog: Catalog) -> None:
        self.name = catalog.database
        self.lock = threading.RLock()
        self._defs = dict(catalog.fields)
        self._present = catalog.model_names()
        self._labels = {r["model"]: r["name"] for r in catalog.records["ir.model"]}
        self._names: dict[tuple[str, int], str] = {}
        self._tables: dict[str, dict[int, dict]] = {}
        self._next: dict[str, int] = {}
        # model -> [hook(db, row)] run on each new row: the defaults and side effects Odoo's create has.
        self.after_create: dict[str, list] = {}
        self.clock: Callable[[], datetime] | None = None  # the server's "now" (naive UTC) when a test sets it
        for model, records in catalog.records.items():
            for raw in records:
                self.put(model, raw)

    # -- definitions ------------------------------------------------------------------------
    def exists(self, model: str) -> bool:
        """Whether the model is installed on this server."""
        return model in self._present

    def label(self, model: str) -> str:
        """The model's description (``ir.model.name``)."""
        return self._labels.get(model, model)

    def fields(self, model: str) -> dict[str, dict]:
        """``fields_get`` of a model (a minimal definition for models the capture did not dump)."""
        if not self.exists(model):
            raise UserError(f"Object {model} doesn't exist")
        return dict(self._defs.get(model, _OPAQUE))

    def field(self, model: str, name: str) -> dict:
        """One field's definition, or Odoo's ``Invalid field`` ValueError."""
        defs = self._defs.get(model)
        if defs is None:
            return {"type": "char", "string": name}
        if name not in defs:
            raise ValueError(f"Invalid field {name!r} on model {model!r}")
        return defs[name]

    def table(self, model: str) -> dict[int, dict]:
        """The model's records by id (created empty on first use)."""
        if model not in self._tables:
            self._tables[model] = {}
            self._next[model] = 1
        return self._tables[model]

    # -- rows ---------------------------------------------------------------------------------
    def put(self, model: str, raw: dict) -> None:
        """Store a record as ``read`` shows it (many2one as ``[id, name]``), keeping its id."""
        self._store(model, {k: list(v) if isinstance(v, list) else v for k, v in raw.items()})

    def _store(self, model: str, raw: dict) -> None:
        defs = self._defs.get(model, {})
        row: dict[str, Any] = {}
        for key, value in raw.items():
            ftype = defs.get(key, {}).get("type")
            if ftype == "many2one" and isinstance(value, list):
                self._names[(defs[key].get("relation", ""), value[0])] = value[1]
                row[key] = value[0]
            else:
                row[key] = value
        if "active" in defs and "active" not in row:
            row["active"] = True
        table = self.table(model)
        table[row["id"]] = row
        self._next[model] = max(self._next[model], row["id"] + 1)

    def display_name(self, model: str, rid: int) -> str:
        """A record's display name (captured, its name, or ``model,id``)."""
        row = self._tables.get(model, {}).get(rid)
        if row is not None:
            if row.get("display_name"):
                return row["display_name"]
            if model == "ir.model.data":
                return f"{row.get('module')}.{row.get('name')}"
            if row.get("name"):
                return str(row["name"])
        return self._names.get((model, rid), f"{model},{rid}")

    def _row_or_stub(self, model: str, rid: int) -> dict | None:
        # A record the capture only names (in a many2one pair): enough to follow 'x.name'.
        row = self._tables.get(model, {}).get(rid)
        if row is None and (model, rid) in self._names:
            row = {"id": rid, "name": self._names[(model, rid)]}
        return row

    def value(self, model: str, row: dict, name: str) -> Any:
        """A stored value, or the field's default when never set."""
        if name == "id":
            return row["id"]
        if name == "display_name":
            return self.display_name(model, row["id"])
        if name in row:
            return row[name]
        return default_value(self.field(model, name))

    def new_id(self, model: str) -> int:
        """Allocate the next id of a model."""
        self.table(model)
        rid = self._next[model]
        self._next[model] = rid + 1
        return rid

    def existing(self, model: str, ids: list[int], operation: str) -> None:
        """Raise MissingError like Odoo when some ids are gone."""
        table = self.table(model)
        missing = [i for i in ids if i not in table]
        if missing:
            shown = ", ".join(str(i) for i in missing)
            raise MissingError(f"Record does not exist or has been deleted.\n"
                               f"(Record: {model}({shown},), User: 2)")

    def check_required(self, model: str, row: dict) -> None:
        """NOT NULL as in Odoo's synthetic base models; captured models rely on Odoo defaults."""
        if model not in EXTRA_MODELS:
            return
        for name, field in EXTRA_MODELS[model].items():
            if field.get("required") and row.get(name) in (None, False, ""):
                raise ValidationError(
                    "The operation cannot be completed:\n- Create/update: a mandatory field is not set.\n"
                    "- Delete: another model requires the record being deleted. If possible, archive it"
                    f" instead.\n\nModel: {self.label(model)} ({model})\nField: {field['string']} ({name})\n")
        if model == "ir.model.data":
            for other in self.table(model).values():
                if other["id"] != row["id"] and (other["module"], other["name"]) == (row["module"], row["name"]):
                    raise ValidationError(
                        "The operation cannot be completed: duplicate key value violates unique constraint"
                        ' "ir_model_data_module_name_uniq_index"\n'
                        f"DETAIL:  Key (module, name)=({row['module']}, {row['name']}) already exists.\n")

    def assign(self, model: str, row: dict, vals: dict) -> None:
        """Convert and store ``vals`` into ``row`` (x2many through command tuples)."""
        if not isinstance(vals, dict):
            raise TypeError(f"vals must be a dict, not {type(vals).__name__}")
        for name, value in vals.items():
            field = self.field(model, name)
            if name in ("id", "display_name"):
                continue
            label = f"{model}.{name}"
            if field["type"] in X2MANY:
                row[name] = self._apply_commands(model, row, name, field, x2many_commands(label, value))
            else:
                row[name] = convert(label, field, value)
        row["write_date"] = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S")

    def _apply_commands(self, model: str, row: dict, name: str, field: dict, commands: list) -> list:
        ids = list(row.get(name) or [])
        relation = field.get("relation", "")
        for code, rid, arg in commands:
            if code == 0:
                child = dict(arg or {})
                if field["type"] == "one2many" and field.get("relation_field") and row.get("id"):
                    child[field["relation_field"]] = row["id"]
                ids.append(self.insert(relation, child))
            elif code == 1:
                self.existing(relation, [rid], "write")
                child_row = dict(self.table(relation)[rid])
                self.assign(relation, child_row, arg or {})
                self.table(relation)[rid] = child_row
            elif code in (2, 3):
                if code == 2:
                    self.table(relation).pop(rid, None)
                ids = [i for i in ids if i != rid]
            elif code == 4:
                ids = ids if rid in ids else ids + [rid]
            elif code == 5:
                ids = []
            elif code == 6:
                ids = list(arg or [])
        return ids

    def insert(self, model: str, vals: dict) -> int:
        """Create one record from ``vals`` and return its id."""
        if not isinstance(vals, dict):
            raise TypeError(f"create() values must be dicts, not {type(vals).__name__}")
        defs = self._defs.get(model, {})
        for name in vals:
            self.field(model, name)
        now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S")
        row: dict[str, Any] = {"id": self.new_id(model), "create_date": now}
        if "active" in defs:
            row["active"] = True
        self.assign(model, row, vals)
        self.check_required(model, row)
        self.table(model)[row["id"]] = row
        for hook in self.after_create.get(model, ()):
            hook(self, row)
        return row["id"]

    def snapshot(self) -> tuple:
        """A copy of every table, to roll a failed call back (each RPC call is one transaction).

        Shallow: rows are never changed in place once stored, only replaced or removed.
        """
        return {model: dict(table) for model, table in self._tables.items()}, dict(self._next)

    def restore(self, snapshot: tuple) -> None:
        """Put back the tables saved by :meth:`snapshot`."""
        self._tables, self._next = snapshot

    # -- search ---------------------------------------------------------------------------------
    def resolve(self, model: str) -> dom.Resolver:
        """The domain resolver for ``model``: follows dotted paths through relational fields."""
        def resolver(row: dict, path: str, leaf: tuple) -> tuple[str, list]:
            current_model, rows = model, [row]
            parts = path.split(".")
            for depth, part in enumerate(parts):
                defs = self._defs.get(current_model)
                if defs is not None and part not in defs:
                    raise ValueError(f"Invalid field {current_model}.{part} in leaf {leaf}")
                field = (defs or {}).get(part, {"type": "char"})
                ftype = field["type"]
                values: list = []
                for r in rows:
                    v = self.value(current_model, r, part)
                    values.extend(v if ftype in X2MANY else [v])
                if depth == len(parts) - 1:
                    if ftype == "many2one" or ftype in X2MANY:
                        if _text_value(leaf[2]):
                            values = [self.display_name(field["relation"], i) for i in values if i]
                        elif ftype in X2MANY:
                            values = [i for i in values if i]
                    return ftype, values
                if ftype != "many2one" and ftype not in X2MANY:
                    raise ValueError(f"Invalid field {current_model}.{part} in leaf {leaf}")
                current_model = field["relation"]
                rows = [r for r in (self._row_or_stub(current_model, i) for i in values if i) if r]
            raise AssertionError("unreachable")
        return resolver

    def search(self, model: str, domain: list, offset: int = 0, limit: int | None = None,
               order: str | None = None, active_test: bool = True) -> list[int]:
        """Ids matching a domain, in ``order`` (default ``id``), paged by offset and limit."""
        normalized = dom.normalize(domain or [])
        defs = self._defs.get(model, {})
        mentions_active = any(dom_leaf[0] == "active" for dom_leaf in normalized if isinstance(dom_leaf, tuple))
        if active_test and "active" in defs and not mentions_active:
            normalized = ["&", ("active", "=", True)] + normalized if normalized else [("active", "=", True)]
        resolver = self.resolve(model)
        rows = [r for r in self.table(model).values() if dom.matches(normalized, r, resolver)]
        for name, descending in reversed(_parse_order(model, order, defs)):
            rows.sort(key=lambda r: _sort_key(self.value(model, r, name)), reverse=descending)
        ids = [r["id"] for r in rows][offset or 0:]
        return ids[:limit] if limit else ids


def _text_value(right: Any) -> bool:
    if isinstance(right, str):
        return True
    return isinstance(right, (list, tuple)) and any(isinstance(v, str) for v in right)


def _parse_order(model: str, order: str | None, defs: dict) -> list[tuple[str, bool]]:
    terms = []
    for part in (order or "id").split(","):
        words = part.split()
        if not words:
            continue
        name, direction = words[0], (words[1].lower() if len(words) > 1 else "asc")
        if (defs and name not in defs and name != "id") or direction not in ("asc", "desc"):
            raise ValueError(f"Invalid field {name!r} on model {model!r}")
        terms.append((name, direction == "desc"))
    return terms


def _sort_key(value: Any) -> tuple:
    # PostgreSQL puts NULLs last in ascending order; keep numbers and texts comparable.
    if value is False or value is None:
        return (1, 0, "")
    if isinstance(value, (int, float)):
        return (0, value, "")
    return (0, 0, str(value))
