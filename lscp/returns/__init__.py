"""Statutory returns (CIN census XML, SSDA903 CSV) in, DfE-definition indicators out.

Plain Python, no Django (ruff TID251): read safely -> validate -> minimise -> DuckDB -> SQL
indicators. The dataset app's commands and pages orchestrate it.
"""
