"""Application services: storage, domain and solvers tied together for the CLI and the integrations."""

__all__: list[str] = []
