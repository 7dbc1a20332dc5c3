"""Checks across rows and files: duplicate keys, references, dates that contradict each other."""

from __future__ import annotations

from typing import Any

from lscp.partnership.bundle.reader import Bundle, Problem, Row
from lscp.partnership.bundle.registry import PARTS, all_files, file_spec
from lscp.partnership.bundle.schema import FileSpec


def _key(spec: FileSpec, row: Row) -> tuple[Any, ...] | None:
    """The row's key; None when a required part is missing (that is reported already). An
    optional part may be empty: a value's total has no category, and is a key all the same."""
    key = tuple(row.values.get(c) for c in spec.key)
    missing = any(v is None and spec.column(c).required for c, v in zip(spec.key, key, strict=True))
    return None if missing else key


def _describe(spec: FileSpec, key: tuple[Any, ...]) -> str:
    return ", ".join(f"{name} {value}" for name, value in zip(spec.key, key, strict=True))


def validate_bundle(bundle: Bundle) -> list[Problem]:
    problems: list[Problem] = []
    keys: dict[str, set[tuple[Any, ...]]] = {}
    for spec in all_files():
        seen: dict[tuple[Any, ...], int] = {}
        for row in bundle.of(spec.name):
            key = _key(spec, row)
            if key is None:
                continue
            if key in seen:
                problems.append(Problem(
                    spec.name, row.number, spec.key[-1],
                    f"duplicate {spec.noun}: {_describe(spec, key)} is already on row {seen[key]}",
                ))
            else:
                seen[key] = row.number
        keys[spec.name] = set(seen)

    for spec in all_files():
        for row in bundle.of(spec.name):
            problems.extend(_check_references(spec, row, keys))
    problems.extend(_check_seat_dates(bundle))
    problems.extend(_check_attendance_dates(bundle))
    problems.extend(_check_group_cycles(bundle))
    problems.extend(_check_contributors(bundle))
    for part in PARTS:
        if part.validate:
            problems.extend(part.validate(bundle))
    return problems


def _check_references(spec: FileSpec, row: Row,
                      keys: dict[str, set[tuple[Any, ...]]]) -> list[Problem]:
    found: list[Problem] = []
    for column in spec.columns:
        value = row.values.get(column.name)
        if not column.refers_to or value is None:
            continue
        referred = file_spec(column.refers_to)
        assert referred is not None, column.refers_to
        for item in value if isinstance(value, tuple) else (value,):
            if (item,) not in keys[column.refers_to]:
                found.append(Problem(spec.name, row.number, column.name,
                                     f'unknown {referred.noun} "{item}" (not in {column.refers_to})'))
    for columns, target in spec.compound_refs:
        values = tuple(row.values.get(c) for c in columns)
        if _not_given(spec, columns, values) or values in keys[target]:
            continue
        if {p.column for p in found} & set(columns):
            continue  # the single-column reference is already reported
        target_spec = file_spec(target)
        assert target_spec is not None
        given = [(c, v) for c, v in zip(columns, values, strict=True) if v is not None]
        described = ", ".join(f"{c} {v}" for c, v in given)
        found.append(Problem(spec.name, row.number, given[-1][0],
                             f"unknown {target_spec.noun}: {described} (not in {target})"))
    return found


def _not_given(spec: FileSpec, columns: tuple[str, ...], values: tuple[Any, ...]) -> bool:
    """An optional reference left empty, or one missing a required part (already reported)."""
    if all(v is None for v in values):
        return True
    return any(v is None and spec.column(c).required for c, v in zip(columns, values, strict=True))


def _check_seat_dates(bundle: Bundle) -> list[Problem]:
    found = []
    for row in bundle.of("seats.csv"):
        start, end = row.values.get("start"), row.values.get("end")
        if start and end and end < start:
            found.append(Problem("seats.csv", row.number, "end",
                                 f"the seat ends ({end}) before it starts ({start})"))
    return found


def _check_attendance_dates(bundle: Bundle) -> list[Problem]:
    """A register entry for a seat nobody held on the day would distort the percentages."""
    seats = {
        (r.values["group"], r.values["code"]): r.values
        for r in bundle.of("seats.csv")
        if r.values.get("group") and r.values.get("code")
    }
    found = []
    for row in bundle.of("attendance.csv"):
        seat = seats.get((row.values.get("group"), row.values.get("seat")))
        day = row.values.get("date")
        if not seat or not day or not seat.get("start"):
            continue
        if day < seat["start"] or (seat.get("end") and day > seat["end"]):
            found.append(Problem("attendance.csv", row.number, "seat",
                                 f"seat {row.values['seat']} was not held on {day}"))
    return found


def _check_group_cycles(bundle: Bundle) -> list[Problem]:
    parents = {r.values.get("code"): r for r in bundle.of("groups.csv")}
    found = []
    for code, row in parents.items():
        seen = {code}
        parent = row.values.get("parent")
        while parent in parents:
            if parent in seen:
                found.append(Problem("groups.csv", row.number, "parent",
                                     f"group {code} reports to itself through its parents"))
                break
            seen.add(parent)
            parent = parents[parent].values.get("parent")
    return found


def _check_contributors(bundle: Bundle) -> list[Problem]:
    """An agency contributor edits one agency's data: without it they could edit none."""
    return [Problem("users.csv", row.number, "agency",
                    "an agency contributor needs the agency whose data they edit")
            for row in bundle.of("users.csv")
            if row.values.get("role") == "agency_contributor" and not row.values.get("agency")]
