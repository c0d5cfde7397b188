"""Plain arithmetic formulas (`=28*1`, `=(7.5+0.5)*5`) evaluated without running any code.

A workbook written by a program (openpyxl, a script) holds formulas without the value a spreadsheet
would have computed and cached. Numbers, `+ - * /` and parentheses are computed here by walking the
parsed expression; anything else (a function, a cell reference, text) is refused.
"""

from __future__ import annotations

import ast
import math
import operator

__all__ = ["FormulaError", "evaluate"]

_BINARY = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}
_UNARY = {ast.UAdd: operator.pos, ast.USub: operator.neg}


class FormulaError(ValueError):
    """A formula that is not plain arithmetic, or whose result is not a finite number."""


def evaluate(formula: str) -> str:
    """The value of `=EXPR` as spreadsheet text (`28`, `2.5`); FormulaError when it is not plain arithmetic."""
    text = formula.strip().removeprefix("=").strip()
    if not text or len(text) > 200 or any(ch not in "0123456789.+-*/() eE" for ch in text):
        raise FormulaError("is not plain arithmetic (numbers, + - * / and parentheses)")
    try:
        value = _value(ast.parse(text, mode="eval").body)
    except (SyntaxError, RecursionError):
        raise FormulaError("is not plain arithmetic (numbers, + - * / and parentheses)") from None
    except ZeroDivisionError:
        raise FormulaError("divides by zero") from None
    if not math.isfinite(value):
        raise FormulaError("is not a finite number")
    return str(int(value)) if float(value).is_integer() and abs(value) < 1e15 else repr(float(value))


def _value(node: ast.AST) -> float:
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        return node.value
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        return _BINARY[type(node.op)](_value(node.left), _value(node.right))
    if isinstance(node, ast.UnaryOp) and type(node.op) in _UNARY:
        return _UNARY[type(node.op)](_value(node.operand))
    raise FormulaError("is not plain arithmetic (numbers, + - * / and parentheses)")
