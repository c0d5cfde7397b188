"""The public model methods that ``object.execute_kw`` may call, with Odoo 17's signatures."""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

from .behaviours import behaviour_of
from .database import Database
from .exceptions import AccessError
from .values import X2MANY

__all__ = ["OPERATION", "call_kw"]

# Which access right each method needs (ir.model.access operations).
OPERATION = MappingProxyType({
    "search": "read", "read": "read", "search_read": "read", "search_count": "read",
    "fields_get": "read", "name_search": "read", "check_access_rights": "read",
    "create": "create", "write": "write", "unlink": "unlink",
})


def _ids(value: Any) -> list[int]:
    return [value] if isinstance(value, int) else list(value or [])


class ModelMethods:
    """The methods of one model bound to one database; call them as Odoo's ``call_kw`` would."""

    def __init__(self, db: Database, model: str, context: dict) -> None:
        self.db, self.model, self.context = db, model, context or {}

    def search(self, domain, offset=0, limit=None, order=None):
        """Ids of matching records."""
        return self.db.search(self.model, domain, offset, limit, order,
                              active_test=self.context.get("active_test", True))

    def search_count(self, domain, limit=None):
        """How many records match."""
        return len(self.search(domain, limit=limit))

    def read(self, ids, fields=None, load="_classic_read"):
        """Field values of existing records; deleted ids are skipped, as Odoo does."""
        defs = self.db.fields(self.model)
        names = list(fields or [n for n in defs if n != "id"])
        for name in names:
            self.db.field(self.model, name)
        table = self.db.table(self.model)
        result = []
        for rid in _ids(ids):
            row = table.get(rid)
            if row is None:
                continue
            record = {"id": rid}
            for name in names:
                record[name] = self._read_value(row, name, defs.get(name, {"type": "char"}), load)
            result.append(record)
        return result

    def _read_value(self, row: dict, name: str, field: dict, load: str | None) -> Any:
        value = self.db.value(self.model, row, name)
        if field["type"] == "many2one":
            if not value:
                return False
            if load == "_classic_read":
                return [value, self.db.display_name(field["relation"], value)]
        if field["type"] in X2MANY:
            return list(value or [])
        return value

    def search_read(self, domain=None, fields=None, offset=0, limit=None, order=None, **read_kwargs):
        """search then read in one call."""
        return self.read(self.search(domain or [], offset, limit, order), fields, **read_kwargs)

    def create(self, vals_list):
        """Create one record (dict: returns its id) or several (list: returns their ids)."""
        if not isinstance(vals_list, (dict, list)):
            raise TypeError(f"create() expects a dict or a list of dicts, not {type(vals_list).__name__}")
        many = isinstance(vals_list, list)
        vals_list = [dict(v) if isinstance(v, dict) else v for v in (vals_list if many else [vals_list])]
        behaviour = behaviour_of(self.model)
        behaviour.before_create(self.db, self.model, vals_list, self.context)
        ids = [self.db.insert(self.model, vals) for vals in vals_list]
        behaviour.after_create(self.db, self.model, ids, self.context)
        return ids if many else ids[0]

    def write(self, ids, vals):
        """Write the same values on every record."""
        ids = _ids(ids)
        self.db.existing(self.model, ids, "write")
        for name in vals:
            self.db.field(self.model, name)
        table = self.db.table(self.model)
        behaviour = behaviour_of(self.model)
        behaviour.before_write(self.db, self.model, ids, vals, self.context)
        before = {rid: table[rid] for rid in ids}
        for rid in ids:
            row = dict(table[rid])
            self.db.assign(self.model, row, vals)
            self.db.check_required(self.model, row)
            table[rid] = row
        behaviour.after_write(self.db, self.model, ids, vals, before, self.context)
        return True

    def unlink(self, ids):
        """Delete records and, as Odoo does, the ir.model.data rows that point at them."""
        ids = _ids(ids)
        self.db.existing(self.model, ids, "unlink")
        table = self.db.table(self.model)
        behaviour = behaviour_of(self.model)
        behaviour.before_unlink(self.db, self.model, ids, self.context)
        rows = [table.pop(rid) for rid in ids]
        xmlids = self.db.table("ir.model.data")
        for key in [k for k, row in xmlids.items() if row.get("model") == self.model and row.get("res_id") in ids]:
            del xmlids[key]
        behaviour.after_unlink(self.db, self.model, rows, self.context)
        return True

    def fields_get(self, allfields=None, attributes=None):
        """Field definitions, optionally only some fields and some attributes."""
        defs = self.db.fields(self.model)
        names = [n for n in (allfields or defs) if n in defs]
        return {n: ({k: v for k, v in defs[n].items() if k in attributes} if attributes else dict(defs[n]))
                for n in names}

    def name_search(self, name="", args=None, operator="ilike", limit=100):
        """``[[id, display_name]]`` of records whose display name matches."""
        ids = self.search(list(args or []))
        hits = []
        for rid in ids:
            label = self.db.display_name(self.model, rid)
            if not name or _name_match(operator, name, label):
                hits.append([rid, label])
        return hits[:limit] if limit else hits

    def check_access_rights(self, operation, raise_exception=True):
        """Always allowed unless the server was told to refuse (checked before dispatch)."""
        return True


def _name_match(operator: str, name: str, label: str) -> bool:
    if operator == "=":
        return label == name
    if operator == "ilike":
        return name.lower() in label.lower()
    if operator == "like":
        return name in label
    return True


def call_kw(db: Database, model: str, method: str, args: list, kwargs: dict) -> Any:
    """Dispatch like ``odoo.api.call_kw``: private and unknown methods are refused."""
    if method.startswith("_"):
        raise AccessError(f"Private methods (such as {model}.{method}) cannot be called remotely.")
    db.fields(model)  # raises "Object x doesn't exist"
    kwargs = dict(kwargs or {})
    context = kwargs.pop("context", None) or {}
    bound = ModelMethods(db, model, context)
    if method not in OPERATION or not hasattr(bound, method):
        raise AttributeError(f"The method '{method}' does not exist on the model '{model}'")
    with db.lock:
        if OPERATION[method] == "read":
            return getattr(bound, method)(*args, **kwargs)
        saved = db.snapshot()
        try:
            return getattr(bound, method)(*args, **kwargs)
        except BaseException:
            db.restore(saved)
            raise
