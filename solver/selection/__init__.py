"""Which options to take together: a CP-SAT selection under counts and a budget, where options that
fill the same shortage share it instead of each claiming it (plain data in, result out)."""

from .model import select
from .problem import Demand, Option, SelectionProblem
from .result import Selection

__all__ = ["Demand", "Option", "Selection", "SelectionProblem", "select"]
