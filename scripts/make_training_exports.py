"""Make the demo's synthetic training exports (lscp/demo/training/README.md).

    .venv/bin/python scripts/make_training_exports.py

The totals are the ones the Bromley annual report 2020-21 publishes: 40 live webinar sessions
attended by 604 people (59 sessions and 967 people in 2019-20), about 17% of attendees from
health, 7,831 e-learning completions of 26 courses (3,197 of 17 in 2019-20). Everything
below the totals (which agency, which session, which person, which month, the evaluations)
is made up, reproducibly: the same seed writes the same files.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

from openpyxl import Workbook

OUT = Path(__file__).resolve().parents[1] / "lscp" / "demo" / "training"
SEED = 2021

COURSES = {
    "safeguarding-core": "Safeguarding children: core multi-agency training",
    "safeguarding-advanced": "Advanced safeguarding: working together",
    "professional-curiosity": "Professional curiosity and respectful uncertainty",
    "neglect": "Recognising and responding to neglect",
    "exploitation": "Child exploitation: sexual and criminal",
    "harmful-sexual-behaviour": "Harmful sexual behaviour",
    "da-coercive-control": "Domestic abuse and coercive control",
    "da-impact-children": "Domestic abuse and the impact on children",
    "online-harm": "Online harm and safety",
    "adolescent-mental-health": "Adolescent mental health and self-harm",
    "non-accidental-injury": "Non-accidental injuries in babies and young children",
    "chronologies": "Chronologies and recording",
    "lado": "Allegations against people who work with children: the LADO",
    "thresholds": "Thresholds and the MASH: making a good referral",
    "fgm": "Female genital mutilation and harmful practices",
    "safer-recruitment": "Safer recruitment",
}

# Sessions per course: 40 webinars in 2020-21, 59 classroom sessions in 2019-20.
SESSIONS = {
    "2020-21": {"safeguarding-core": 8, "safeguarding-advanced": 3, "professional-curiosity": 4,
                "neglect": 3, "exploitation": 3, "harmful-sexual-behaviour": 2,
                "da-coercive-control": 4, "da-impact-children": 4, "online-harm": 2,
                "adolescent-mental-health": 2, "non-accidental-injury": 1, "chronologies": 1,
                "lado": 2, "thresholds": 1},
    "2019-20": {"safeguarding-core": 14, "safeguarding-advanced": 6, "neglect": 6,
                "exploitation": 6, "harmful-sexual-behaviour": 4, "online-harm": 4,
                "adolescent-mental-health": 4, "lado": 4, "thresholds": 5, "fgm": 3,
                "safer-recruitment": 3},
}
FORMAT = {"2020-21": ("Webinar", 25, 350_00), "2019-20": ("Classroom", 25, 600_00)}

# People attended, by the organisation they chose in the LMS. Health (Bromley Healthcare,
# Oxleas, King's, the CCG, GP practices) is 103 of 604 (17.1%) and 164 of 967 (17.0%).
ATTENDED = {
    "2020-21": {"LBB Children's Social Care": 140, "LBB Education": 38, "LBB Housing": 18,
                "LBB Public Health": 9, "LBB Adult Social Care": 14, "Primary school": 118,
                "Secondary school": 56, "Bethlem and Maudsley Hospital School": 4,
                "Early years setting": 27, "Bromley Healthcare": 44,
                "Oxleas NHS Foundation Trust": 24, "King's College Hospital": 13,
                "South East London CCG": 5, "GP practice": 17, "Metropolitan Police": 3,
                "National Probation Service": 2, "LBB Youth Offending Service": 4,
                "Children & Family Voluntary Sector Forum": 14, "Change Grow Live": 9,
                "Voluntary organisation": 12, "Foster carer": 28, "Cafcass": 5},
    "2019-20": {"LBB Children's Social Care": 250, "LBB Education": 60, "LBB Housing": 22,
                "LBB Public Health": 14, "LBB Adult Social Care": 16, "Primary school": 190,
                "Secondary school": 95, "Bethlem and Maudsley Hospital School": 6,
                "Early years setting": 42, "Bromley Healthcare": 70,
                "Oxleas NHS Foundation Trust": 40, "King's College Hospital": 22,
                "South East London CCG": 9, "GP practice": 23, "Metropolitan Police": 4,
                "National Probation Service": 4, "London CRC": 2,
                "LBB Youth Offending Service": 7, "Children & Family Voluntary Sector Forum": 25,
                "Change Grow Live": 16, "Voluntary organisation": 22, "Foster carer": 14,
                "Cafcass": 12, "London Fire Brigade": 2},
}
WASTED = {"2020-21": {"DNA": 46, "Late cancellation": 21, "Cancelled": 30},
          "2019-20": {"DNA": 88, "Late cancellation": 35, "Cancelled": 60}}

ELEARNING = [
    "Safeguarding Children Level 1", "Safeguarding Children Level 2",
    "Safeguarding Children Level 3", "Child Sexual Exploitation",
    "Child Criminal Exploitation and County Lines", "Prevent: Radicalisation Awareness",
    "Female Genital Mutilation", "Domestic Abuse Awareness", "Online Safety for Practitioners",
    "Self-harm and Suicide Prevention", "Neglect Awareness",
    "Modern Slavery and Human Trafficking", "Substance Misuse",
    "Information Sharing in Safeguarding", "Mental Capacity Act",
    "Safer Recruitment in Education",
    "Private Fostering Awareness",
    # New in 2020-21, the first five as the report names them.
    "Unconscious Bias", "Honour Based Violence and Forced Marriage",
    "Domestic Abuse and Intimate Partner Violence", "Coronavirus Awareness",
    "Loneliness and Isolation", "Adverse Childhood Experiences", "Trauma-informed Practice",
    "Perinatal Mental Health", "Youth Violence and Knife Crime",
]
COMPLETIONS = {"2020-21": (26, 7831), "2019-20": (17, 3197)}
LEARNERS = {  # organisation -> weight; London CRC and the fire brigade never in 2020-21
    "LBB Children's Social Care": 14, "LBB Education": 5, "LBB Housing": 4,
    "LBB Adult Social Care": 6, "Primary school": 18, "Secondary school": 12,
    "Early years setting": 8, "Bromley Healthcare": 7, "Oxleas NHS Foundation Trust": 5,
    "King's College Hospital": 4, "GP practice": 3, "Metropolitan Police": 1,
    "National Probation Service": 1, "Children & Family Voluntary Sector Forum": 5,
    "Voluntary organisation": 4, "Foster carer": 3,
}

EVALUATED = ["da-coercive-control", "da-impact-children", "professional-curiosity"]
EXAMPLES = [
    "Asked about coercive control at a home visit and referred the mother to the IDVA service.",
    "Now records what the child says about home in their own words in every assessment.",
    "Challenged a closure decision at a strategy meeting and escalated it to a manager.",
    "Used the local services list to refer a family to the domestic abuse outreach team.",
    "Plans visits so that the non-abusing parent can be seen alone.",
    "Checks what a parent says against school and health information before closing a case.",
    "Added questions about controlling behaviour to the team's initial assessment template.",
    "Raised a MARAC referral after using the risk checklist with a pregnant woman.",
    "Shared the session's materials at a team meeting and the team now discusses curiosity "
    "in supervision.",
]


USED: set[str] = set()


def new_id(rng: random.Random) -> str:
    """A delegate id as the LMS writes them, never the same for two people."""
    while True:
        found = f"D{rng.randrange(100000, 999999)}"
        if found not in USED:
            USED.add(found)
            return found


def year_days(label: str) -> tuple[dt.date, dt.date]:
    first = int(label[:4])
    return dt.date(first, 4, 1), dt.date(first + 1, 3, 31)


def weekdays(start: dt.date, end: dt.date) -> list[dt.date]:
    days = [start + dt.timedelta(n) for n in range((end - start).days + 1)]
    return [d for d in days if d.weekday() < 5]


def split(total: int, parts: int, rng: random.Random, low: int = 1) -> list[int]:
    """`total` in `parts` positive shares, roughly even."""
    cuts = sorted(rng.sample(range(1, total - parts * (low - 1)), parts - 1))
    sizes = [b - a for a, b in zip([0, *cuts], [*cuts, total - parts * (low - 1)], strict=True)]
    return [s + low - 1 for s in sizes]


def bookings(label: str, rng: random.Random) -> list[dict[str, str]]:
    start, end = year_days(label)
    fmt, places, cost = FORMAT[label]
    runs = [code for code, n in SESSIONS[label].items() for _ in range(n)]
    if label == "2020-21":  # classroom courses stopped in March 2020; webinars from June
        start = dt.date(2020, 6, 1)
    days = sorted(rng.sample(weekdays(start, end - dt.timedelta(10)), len(runs)))
    rng.shuffle(runs)
    # Evaluated courses run by January, so their follow-ups fall inside the year.
    for i, code in enumerate(runs):
        if code in EVALUATED and days[i] > dt.date(2021, 1, 20) and label == "2020-21":
            early = next(j for j, c in enumerate(runs) if c not in EVALUATED
                         and days[j] <= dt.date(2021, 1, 20))
            runs[i], runs[early] = runs[early], runs[i]
    people = [org for org, n in ATTENDED[label].items() for _ in range(n)]
    rng.shuffle(people)
    sizes = split(len(people), len(runs), rng, low=6)
    pool: dict[str, list[str]] = {}
    rows = []
    taken = 0
    for number, (code, day, size) in enumerate(zip(runs, days, sizes, strict=True), start=1):
        event = f"EV-{label[2:4]}-{number:03d}"
        seats = people[taken: taken + size]
        taken += size
        seen: set[str] = set()
        for org in seats:
            delegate = _delegate(org, pool, seen, rng)
            rows.append(_row(event, code, day, fmt, places, cost, delegate, org, "Attended"))
    events = sorted({(r["Event ID"], r["Course"], r["Event date"]) for r in rows})
    for status, n in WASTED[label].items():
        for _ in range(n):
            event, title, day_text = rng.choice(events)
            org = rng.choice(list(ATTENDED[label]))
            delegate = new_id(rng)
            rows.append({"Event ID": event, "Course": title, "Event date": day_text,
                         "Format": fmt, "Places": str(places), "Event cost": f"{cost // 100}",
                         "Delegate ID": delegate, "Organisation": org, "Attendance": status})
    rows.sort(key=lambda r: (r["Event ID"], r["Delegate ID"]))
    return rows


def _delegate(org: str, pool: dict[str, list[str]], seen: set[str], rng: random.Random) -> str:
    """About one place in ten goes to someone from the same organisation who came before."""
    known = [d for d in pool.get(org, []) if d not in seen]
    if known and rng.random() < 0.1:
        delegate = rng.choice(known)
    else:
        delegate = new_id(rng)
        pool.setdefault(org, []).append(delegate)
    seen.add(delegate)
    return delegate


def _row(event: str, code: str, day: dt.date, fmt: str, places: int, cost: int, delegate: str,
         org: str, status: str) -> dict[str, str]:
    return {"Event ID": event, "Course": COURSES[code], "Event date": day.strftime("%d/%m/%Y"),
            "Format": fmt, "Places": str(places), "Event cost": f"{cost // 100}",
            "Delegate ID": delegate, "Organisation": org, "Attendance": status}


def completions(label: str, rng: random.Random) -> list[tuple[str, str, dt.date, int]]:
    courses, total = COMPLETIONS[label]
    start, _ = year_days(label)
    months = [dt.date(start.year + (start.month + i - 1) // 12, (start.month + i - 1) % 12 + 1, 1)
              for i in range(12)]
    per_course = split(total, courses, rng, low=20)
    organisations = list(LEARNERS)
    weights = list(LEARNERS.values())
    rows = []
    for module, count in zip(ELEARNING[:courses], per_course, strict=True):
        cells: dict[tuple[str, dt.date], int] = {}
        for _ in range(count):
            key = (rng.choices(organisations, weights)[0], rng.choice(months))
            cells[key] = cells.get(key, 0) + 1
        rows += [(module, org, month, n) for (org, month), n in cells.items()]
    rows.sort(key=lambda r: (r[0], r[2], r[1]))
    return rows


def evaluations(booked: list[dict[str, str]], rng: random.Random) -> list[dict[str, str]]:
    rows = []
    titles = {COURSES[c]: c for c in EVALUATED}
    # Per course: replies before, straight after, at the follow-up, and changes in practice.
    counts = [(18, 16, 11, 8), (15, 13, 9, 6), (20, 18, 12, 10)]
    for title, (before, after, later, changes) in zip(titles, counts, strict=True):
        attended = {r["Delegate ID"]: r for r in booked
                    if r["Course"] == title and r["Attendance"] == "Attended"}
        chosen = [attended[d] for d in rng.sample(sorted(attended), before)]
        for i, r in enumerate(chosen):
            day = dt.datetime.strptime(r["Event date"], "%d/%m/%Y").date()
            stages = [("Pre-course", day - dt.timedelta(7), 0)]
            if i < after:
                stages.append(("Post-course", day, 1))
            if i < later:
                stages.append(("Follow-up", day + dt.timedelta(rng.randint(42, 56)), 2))
            base = rng.randint(2, 3)
            for form, when, step in stages:
                scores = [min(5, max(1, base + step + rng.choice((-1, 0, 0, 1)) - (step == 2)))
                          for _ in range(3)]
                follow = form == "Follow-up"
                changed = follow and i < changes
                rows.append({
                    "Course": title, "Delegate ID": r["Delegate ID"], "Form": form,
                    "Submitted": when.strftime("%d/%m/%Y"),
                    "Completed with line manager": "Yes" if follow else "",
                    "Outcome 1 confidence": str(scores[0]), "Outcome 2 confidence": str(scores[1]),
                    "Outcome 3 confidence": str(scores[2]),
                    "Practice changed": ("Yes" if changed else "No") if follow else "",
                    "Example of change": rng.choice(EXAMPLES) if changed else ""})
    return rows


def write_csv(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def write_xlsx(path: Path, rows: list[tuple[str, str, dt.date, int]]) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Completions"
    sheet.append(["Module", "Organisation", "Month", "Completions"])
    for module, org, month, n in rows:
        sheet.append([module, org, month, n])
        sheet.cell(row=sheet.max_row, column=3).number_format = "mmm yyyy"
    book.properties.creator = "LSCP Insight demo"
    book.properties.created = book.properties.modified = dt.datetime(2021, 4, 30)
    book.save(path)


def main() -> None:
    rng = random.Random(SEED)
    for label in ("2019-20", "2020-21"):
        booked = bookings(label, rng)
        write_csv(OUT / f"lms-bookings-{label}.csv", booked)
        write_xlsx(OUT / f"elearning-completions-{label}.xlsx", completions(label, rng))
        if label == "2020-21":
            write_csv(OUT / "evaluations-2020-21.csv", evaluations(booked, rng))


if __name__ == "__main__":
    main()
