"""Runnable benchmark scripts: ``python -m benchmarks.NAME``."""
