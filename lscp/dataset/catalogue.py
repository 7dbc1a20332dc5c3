"""The indicator catalogue: one TOML file per theme in lscp/dataset/catalogue/, read and checked.

Analysts add or change indicators by editing these files, never Python. The format is
documented in docs/indicator-catalogue.md; `lscp catalogue load` checks every file first and
loads nothing if any indicator is wrong.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from lscp.insight.periods import parse_period

CATALOGUE_DIR = Path(__file__).parent / "catalogue"
ORDER_FILE = "themes.toml"  # the order of the themes: data, like the themes themselves

UNITS = ("count", "percentage", "rate", "days")
POLARITIES = ("up_good", "down_good", "neither")
FREQUENCIES = ("monthly", "quarterly", "yearly", "snapshot")
SECTORS = ("local_authority", "police", "health", "education", "probation", "youth_justice",
           "voluntary", "other")
COMPARATORS = ("national", "regional", "statistical_neighbours")
_CODE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

REQUIRED = ("code", "title", "definition", "unit", "polarity", "owner_sector", "frequency",
            "source")
OPTIONAL = ("breakdown", "comparators", "disclosure", "rate_of", "about_children",
            "change_alert", "decimals", "plausibility", "steps")
# steps = [{ period = "2020-04", reason = "..." }]: recorded step changes, from which the
# statistical process control limits are recalculated (docs/spc.md)
STEP_KINDS = {"monthly": "month", "quarterly": "quarter"}
# plausibility = { maximum = ..., factor = ..., deviation = ... }: see docs/indicator-catalogue.md
PLAUSIBILITY_KEYS = ("maximum", "factor", "deviation")
# Soft checks every indicator of a unit gets unless its plausibility table says otherwise:
# counts and days far from what came before by a factor, shares by percentage points.
DEFAULT_CHECKS: dict[str, dict[str, float]] = {
    "count": {"factor": 3}, "days": {"factor": 3}, "percentage": {"deviation": 20}}


@dataclass(frozen=True)
class Breakdown:
    name: str  # e.g. "source"
    categories: tuple[tuple[str, str], ...]  # (code, label)


@dataclass(frozen=True)
class IndicatorSpec:
    theme: str
    theme_title: str
    position: int
    code: str
    title: str
    definition: str
    unit: str
    polarity: str
    owner_sector: str
    frequency: str
    source: str
    breakdown: Breakdown | None = None
    comparators: tuple[str, ...] = ()
    disclosure_threshold: int = 5  # counts from 1 to this are suppressed in public outputs
    about_children: bool = True
    rate_of: str | None = None  # for unit "rate": the count indicator it is computed from
    change_alert: float = 0.25  # a change beyond this share needs a comment
    decimals: int = 0  # places shown for percentages, rates and days
    maximum: Decimal | None = None  # hard: a value above this is refused
    warn_factor: float | None = None  # soft: flag a figure this many times above or below
    warn_deviation: float | None = None  # soft: flag a figure this far (in its unit) away
    steps: tuple[tuple[str, str], ...] = ()  # (first period of the new process, reason)


@dataclass
class CatalogueProblem:
    file: str
    where: str  # e.g. "indicator 3 (cp-plans)"
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.where}: {self.message}"


@dataclass
class Catalogue:
    themes: dict[str, str] = field(default_factory=dict)  # code -> title, in order
    indicators: list[IndicatorSpec] = field(default_factory=list)

    def get(self, code: str) -> IndicatorSpec | None:
        return next((i for i in self.indicators if i.code == code), None)


def read_catalogue(folder: Path = CATALOGUE_DIR) -> tuple[Catalogue, list[CatalogueProblem]]:
    catalogue, problems = Catalogue(), list[CatalogueProblem]()
    for path in _theme_files(folder, problems):
        _read_theme(path, catalogue, problems)
    _check_across(catalogue, problems)
    return catalogue, problems


def _theme_files(folder: Path, problems: list[CatalogueProblem]) -> list[Path]:
    """The theme files in the order `themes.toml` gives (the child's journey, not the
    alphabet), which sets every indicator's position; by name where a folder has no order."""
    files = {p.stem: p for p in sorted(folder.glob("*.toml")) if p.name != ORDER_FILE}
    if not (folder / ORDER_FILE).exists():
        return list(files.values())
    try:
        order = tomllib.loads((folder / ORDER_FILE).read_text(encoding="utf-8")).get("order")
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        order = None
        problems.append(CatalogueProblem(ORDER_FILE, "file", f"not valid TOML: {exc}"))
    if not isinstance(order, list) or not all(isinstance(name, str) for name in order):
        problems.append(CatalogueProblem(ORDER_FILE, "order",
                                         'needs order = ["a-theme", ...], theme file names'))
        return list(files.values())
    for name in sorted({n for n in order if order.count(n) > 1}):
        problems.append(CatalogueProblem(ORDER_FILE, "order", f"{name!r} is listed twice"))
    for name in order:
        if name not in files:
            problems.append(CatalogueProblem(ORDER_FILE, "order", f"no theme file {name}.toml"))
    for name in files:
        if name not in order:
            problems.append(CatalogueProblem(ORDER_FILE, "order", f"{name}.toml is not listed: "
                                             "add it where it belongs in the order"))
    listed = [files[name] for name in dict.fromkeys(order) if name in files]
    return listed + [path for name, path in files.items() if name not in order]


def _read_theme(path: Path, catalogue: Catalogue, problems: list[CatalogueProblem]) -> None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        problems.append(CatalogueProblem(path.name, "file", f"not valid TOML: {exc}"))
        return
    theme, theme_title = data.get("theme"), data.get("title")
    if not isinstance(theme, str) or not _CODE.match(theme) or not isinstance(theme_title, str):
        problems.append(CatalogueProblem(path.name, "file",
                                         "needs theme = \"a-code\" and title = \"...\""))
        return
    catalogue.themes[theme] = theme_title
    for index, raw in enumerate(data.get("indicator", []), start=1):
        where = f"indicator {index} ({raw.get('code', '?')})"
        spec = _indicator(raw, theme, theme_title, len(catalogue.indicators), path.name, where,
                          problems)
        if spec is not None:
            catalogue.indicators.append(spec)


def _indicator(raw: dict[str, Any], theme: str, theme_title: str, position: int, file: str,
               where: str, problems: list[CatalogueProblem]) -> IndicatorSpec | None:
    def problem(message: str) -> None:
        problems.append(CatalogueProblem(file, where, message))

    before = len(problems)
    for key in REQUIRED:
        if not str(raw.get(key, "")).strip():
            problem(f"{key} is required")
    for key in raw:
        if key not in REQUIRED + OPTIONAL:
            problem(f"unknown field {key!r}")
    checks = [("unit", UNITS), ("polarity", POLARITIES), ("owner_sector", SECTORS),
              ("frequency", FREQUENCIES)]
    for key, allowed in checks:
        if key in raw and raw[key] not in allowed:
            problem(f"{key} {raw[key]!r} is not one of: {', '.join(allowed)}")
    if "code" in raw and not _CODE.match(str(raw["code"])):
        problem(f"code {raw['code']!r} must be lower-case letters, digits and hyphens")
    comparators = tuple(raw.get("comparators", ()))
    for c in comparators:
        if c not in COMPARATORS:
            problem(f"comparator {c!r} is not one of: {', '.join(COMPARATORS)}")
    breakdown = _breakdown(raw.get("breakdown"), problem)
    disclosure = raw.get("disclosure", {})
    threshold = disclosure.get("threshold", 5) if isinstance(disclosure, dict) else None
    if not isinstance(threshold, int) or threshold < 0:
        problem("disclosure.threshold must be a whole number, 0 or more")
    if raw.get("unit") == "rate" and not raw.get("rate_of"):
        problem("a rate needs rate_of: the code of the count it is computed from")
    plausible = _plausibility(raw.get("plausibility", {}), str(raw.get("unit", "")), problem)
    steps = _steps(raw.get("steps", []), str(raw.get("frequency", "")), problem)
    if len(problems) > before:
        return None
    return IndicatorSpec(
        theme=theme, theme_title=theme_title, position=position, code=raw["code"],
        title=raw["title"], definition=raw["definition"].strip(), unit=raw["unit"],
        polarity=raw["polarity"], owner_sector=raw["owner_sector"],
        frequency=raw["frequency"], source=raw["source"], breakdown=breakdown,
        comparators=comparators, disclosure_threshold=int(threshold or 0),
        about_children=bool(raw.get("about_children", True)), rate_of=raw.get("rate_of"),
        change_alert=float(raw.get("change_alert", 0.25)), decimals=int(raw.get("decimals", 0)),
        steps=steps, **plausible,
    )


def _plausibility(raw: Any, unit: str, problem: Any) -> dict[str, Any]:
    """The indicator's plausibility checks, its unit's defaults filled in: data, so an analyst
    tunes what is refused or flagged without writing Python. 0 switches a soft check off."""
    if not isinstance(raw, dict):
        problem("plausibility must be a table, like plausibility = { maximum = 365 }")
        return {}
    merged = {**DEFAULT_CHECKS.get(unit, {}), **raw}
    wrong = [_wrong_check(key, number) for key, number in merged.items()]
    for message in filter(None, wrong):
        problem(message)
    if any(wrong):
        return {}
    maximum, factor, deviation = (merged.get(k) for k in PLAUSIBILITY_KEYS)
    return {"maximum": None if maximum is None else Decimal(str(maximum)),
            "warn_factor": float(factor) if factor else None,
            "warn_deviation": float(deviation) if deviation else None}


def _steps(raw: Any, frequency: str, problem: Any) -> tuple[tuple[str, str], ...]:
    """Recorded step changes: a month (or quarter) where the process changed, and why."""
    if raw == []:
        return ()
    kind = STEP_KINDS.get(frequency)
    if kind is None:
        problem("steps are only for monthly or quarterly indicators")
        return ()
    if not isinstance(raw, list):
        problem('steps must be a list, like steps = [{ period = "2020-04", reason = "..." }]')
        return ()
    found = []
    for step in raw:
        if not isinstance(step, dict) or set(step) != {"period", "reason"} \
                or not str(step["reason"]).strip():
            problem(f"step {step!r} needs a period and a reason, and nothing else")
            continue
        try:
            period = parse_period(str(step["period"]))
        except ValueError as exc:
            problem(f"step period: {exc}")
            continue
        if period.kind != kind:
            problem(f"step period {step['period']!r} must be a {kind}, as the indicator is "
                    f"{frequency}")
            continue
        found.append((period.key, str(step["reason"]).strip()))
    return tuple(sorted(found))


def _wrong_check(key: str, number: Any) -> str:
    if key not in PLAUSIBILITY_KEYS:
        return f"plausibility.{key} is not one of: {', '.join(PLAUSIBILITY_KEYS)}"
    if isinstance(number, bool) or not isinstance(number, int | float) or number < 0:
        return f"plausibility.{key} must be a number, 0 or more"
    if key == "factor" and 0 < number <= 1:
        return "plausibility.factor must be more than 1 (or 0 for no check)"
    return ""


def _breakdown(raw: Any, problem: Any) -> Breakdown | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or "name" not in raw or "categories" not in raw:
        problem("breakdown needs name and categories")
        return None
    categories = []
    for item in raw["categories"]:
        if not (isinstance(item, list) and len(item) == 2 and _CODE.match(str(item[0]))):
            problem(f"breakdown category {item!r} must be [\"code\", \"Label\"]")
            return None
        categories.append((item[0], item[1]))
    return Breakdown(raw["name"], tuple(categories))


def _check_across(catalogue: Catalogue, problems: list[CatalogueProblem]) -> None:
    seen: dict[str, str] = {}
    for spec in catalogue.indicators:
        if spec.code in seen:
            problems.append(CatalogueProblem(spec.theme + ".toml", spec.code,
                                             f"code also used in {seen[spec.code]}.toml"))
        seen[spec.code] = spec.theme
    for spec in catalogue.indicators:
        if spec.rate_of:
            base = catalogue.get(spec.rate_of)
            if base is None or base.unit != "count":
                problems.append(CatalogueProblem(spec.theme + ".toml", spec.code,
                                                 f"rate_of {spec.rate_of!r} is not a count "
                                                 "indicator in the catalogue"))
