"""The search phases of the engine: CP-SAT runs and hints, first plans, primal phase, neighbourhoods.

Called by `solve.solve` only; they import the model and the builder, never the pipeline.
"""

__all__: list[str] = []  # nothing public: the pipeline imports the phases' modules
