"""Everything that imports OR-Tools: the rostering engine (`solver.roster`) and the tender model."""
from . import roster

__all__ = ["roster"]
