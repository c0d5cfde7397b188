"""Everything that imports OR-Tools: the rostering engine (`solver.roster`) and the tender model."""
