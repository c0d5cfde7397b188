"""Odoo's faults, in every shape Odoo 17 sends them, become one-line errors of the right kind."""

from __future__ import annotations

import xmlrpc.client

import pytest

from integrations.odoo import (OdooAccessError, OdooAuthError, OdooFieldError, OdooMissingModel,
                               OdooServerError, OdooValueError)
from integrations.odoo.errors import from_fault, from_jsonrpc

TRACEBACK = "Traceback (most recent call last):\n  File \"x.py\", line 1\nValueError: {}\n"


@pytest.mark.parametrize(("fault", "kind", "text"), [
    (xmlrpc.client.Fault("AccessDenied", "Access Denied"), OdooAuthError, "access denied"),
    (xmlrpc.client.Fault("warning -- AccessError\n\nYou are not allowed to modify 'Employee' (hr.employee)"
                         " records.\n\nContact your administrator.", ""), OdooAccessError,
     "You are not allowed to modify 'Employee' (hr.employee) records."),
    (xmlrpc.client.Fault("warning -- UserError\n\nObject planning.slot doesn't exist", ""), OdooMissingModel,
     "model planning.slot is not installed"),
    (xmlrpc.client.Fault("Invalid field 'foo' on model 'hr.employee'",
                         TRACEBACK.format("Invalid field 'foo' on model 'hr.employee'")), OdooFieldError,
     "Invalid field 'foo' on model 'hr.employee'"),
    (xmlrpc.client.Fault(3, "Access Denied"), OdooAuthError, "access denied"),
    (xmlrpc.client.Fault(4, "You are not allowed to access 'Employee' (hr.employee) records."), OdooAccessError,
     "not allowed"),
    (xmlrpc.client.Fault(1, TRACEBACK.format("Wrong value for hr.employee.parent_id: 'x'")), OdooValueError,
     "Wrong value for hr.employee.parent_id: 'x'"),
    (xmlrpc.client.Fault(2, "The operation cannot be completed:\nanother model requires it"), OdooServerError,
     "The operation cannot be completed: another model requires it"),
])
def test_xmlrpc_faults(fault, kind, text):
    error = from_fault(fault, "hr.employee.write")
    assert isinstance(error, kind) and text in str(error) and "\n" not in str(error)
    assert str(error).startswith("Odoo hr.employee.write: ")


@pytest.mark.parametrize(("name", "message", "kind"), [
    ("odoo.exceptions.AccessDenied", "Access Denied", OdooAuthError),
    ("odoo.exceptions.AccessError", "You are not allowed to create 'Employee'", OdooAccessError),
    ("odoo.exceptions.UserError", "Object x.y doesn't exist", OdooMissingModel),
    ("builtins.ValueError", "Invalid field calendar.event.foo in leaf ('foo', '=', 1)", OdooFieldError),
    ("builtins.ValueError", "could not convert string to float: 'abc'", OdooValueError),
    ("odoo.exceptions.ValidationError", "The operation cannot be completed", OdooServerError),
])
def test_jsonrpc_errors(name, message, kind):
    error = from_jsonrpc({"code": 200, "message": "Odoo Server Error",
                          "data": {"name": name, "message": message, "debug": "Traceback..."}})
    assert isinstance(error, kind) and "\n" not in str(error)
    assert error.detail == "Traceback..."
