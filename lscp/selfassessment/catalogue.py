"""The self-assessment frameworks kept as data: one TOML file per framework in `frameworks/`.

Reading checks every file whole and names each problem by file and key; loading puts a
framework into a partnership (`lscp selfassessment frameworks`, the bundle import and the
demo use it), matching frameworks and standards on their codes. A partnership's framework is
its own copy: it may be loaded once and then kept as it was, or brought up to date from the
files (`update=True`); a standard that has gone from the file is never deleted, since
answers may point at it.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from lscp.partnership.models import Partnership
from lscp.selfassessment.models import Audience, Framework, FrameworkKind, Standard

FOLDER = Path(__file__).parent / "frameworks"
TEXT_LIMIT = 200  # titles and codes: the models' CharField and SlugField


@dataclass(frozen=True)
class StandardSpec:
    code: str
    title: str
    guidance: str
    evidence: tuple[str, ...]
    statement: str


@dataclass(frozen=True)
class FrameworkSpec:
    code: str
    title: str
    kind: str
    audience: str
    cycle_months: int | None
    description: str
    source: str
    standards: tuple[StandardSpec, ...]


class CatalogueError(ValueError):
    """The frameworks folder has problems; `problems` lists each as "file: key: message"."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def _text(data: dict[str, Any], key: str, where: str, problems: list[str],
          required: bool = True) -> str:
    value = data.get(key, "")
    if not isinstance(value, str) or (required and not value.strip()):
        problems.append(f"{where}: {key}: a text value is required")
        return ""
    if key in ("code", "title") and len(value) > TEXT_LIMIT:
        problems.append(f"{where}: {key}: {TEXT_LIMIT} characters at most")
    return value.strip()


def _standard(data: Any, where: str, problems: list[str]) -> StandardSpec | None:
    if not isinstance(data, dict):
        problems.append(f"{where}: a standard must be a table")
        return None
    evidence = data.get("evidence", [])
    if not isinstance(evidence, list) or not all(isinstance(e, str) for e in evidence):
        problems.append(f"{where}: evidence: a list of texts is required")
        evidence = []
    return StandardSpec(_text(data, "code", where, problems), _text(data, "title", where, problems),
                        _text(data, "guidance", where, problems),
                        tuple(e.strip() for e in evidence),
                        _text(data, "statement", where, problems, required=False))


def read_file(path: Path) -> tuple[FrameworkSpec | None, list[str]]:
    problems: list[str] = []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        return None, [f"{path.name}: not valid TOML: {exc}"]
    where = path.name
    kind, audience = data.get("kind"), data.get("audience")
    if kind not in FrameworkKind.values:
        problems.append(f"{where}: kind: one of {', '.join(FrameworkKind.values)}")
    if audience not in Audience.values:
        problems.append(f"{where}: audience: one of {', '.join(Audience.values)}")
    months = data.get("cycle_months")
    if months is not None and (not isinstance(months, int) or months < 1):
        problems.append(f"{where}: cycle_months: a whole number of months, or left out")
    raw = data.get("standards")
    if not isinstance(raw, list) or not raw:
        problems.append(f"{where}: standards: at least one [[standards]] table is required")
        raw = []
    standards = [_standard(s, f"{where}: standards[{n}]", problems) for n, s in enumerate(raw, 1)]
    codes = [s.code for s in standards if s]
    if len(set(codes)) != len(codes):
        problems.append(f"{where}: standards: each code must be used once")
    spec = FrameworkSpec(_text(data, "code", where, problems), _text(data, "title", where, problems),
                         str(kind), str(audience), months,
                         _text(data, "description", where, problems, required=False),
                         _text(data, "source", where, problems, required=False),
                         tuple(s for s in standards if s))
    return (None if problems else spec), problems


def read_folder(folder: Path = FOLDER) -> dict[str, FrameworkSpec]:
    """Every framework in the folder, by code; CatalogueError lists all problems at once."""
    found: dict[str, FrameworkSpec] = {}
    problems: list[str] = []
    for path in sorted(folder.glob("*.toml")):
        spec, trouble = read_file(path)
        problems += trouble
        if spec is not None and spec.code in found:
            problems.append(f"{path.name}: code: {spec.code} is used by another file")
        elif spec is not None:
            found[spec.code] = spec
    if problems:
        raise CatalogueError(problems)
    return found


@functools.cache
def catalogue() -> dict[str, FrameworkSpec]:
    """The app's own frameworks, read once per process."""
    return read_folder()


def framework_fields(spec: FrameworkSpec) -> dict[str, Any]:
    """A framework's row as the model keeps it (all but its partnership and code)."""
    return {"title": spec.title, "kind": spec.kind, "audience": spec.audience,
            "cycle_months": spec.cycle_months, "description": spec.description,
            "source": spec.source}


def standard_fields(spec: FrameworkSpec) -> list[tuple[str, dict[str, Any]]]:
    """Each standard's code and row, in order: the evidence list one item a line."""
    return [(st.code, {"position": position, "title": st.title, "guidance": st.guidance,
                       "evidence": "\n".join(st.evidence), "statement": st.statement})
            for position, st in enumerate(spec.standards, 1)]


@transaction.atomic
def load(partnership: Partnership, spec: FrameworkSpec, *, update: bool = False) -> Framework:
    """The partnership's copy of `spec`: made if missing; brought up to date if `update`."""
    fields = framework_fields(spec)
    framework = Framework.objects.filter(partnership=partnership, code=spec.code).first()
    if framework is None:
        framework = Framework.objects.create(partnership=partnership, code=spec.code, **fields)
    elif update:
        _save_changed(framework, fields)
    else:
        return framework
    for code, values in standard_fields(spec):
        standard = framework.standards.filter(code=code).first()
        if standard is None:
            Standard.objects.create(framework=framework, code=code, **values)
        else:
            _save_changed(standard, values)
    return framework


def _save_changed(record: Any, values: dict[str, Any]) -> None:
    """Only what differs, so loading the same files again writes no history."""
    changed = [k for k, v in values.items() if getattr(record, k) != v]
    for name in changed:
        setattr(record, name, values[name])
    if changed:
        record.save(update_fields=changed)


def load_all(partnership: Partnership, *, update: bool = False) -> list[Framework]:
    return [load(partnership, spec, update=update) for spec in catalogue().values()]
