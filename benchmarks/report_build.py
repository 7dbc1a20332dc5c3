"""How long the demo yearly report takes to build. Prints figures; asserts nothing.

Run with `make benchmark`, or `.venv/bin/python benchmarks/report_build.py [RUNS]` (default 3).
It loads the demo (as `lscp demo load` does) into a throwaway SQLite database, then:

- **Cold build**: RUNS fresh processes, each building the content tree once and writing all
  three formats from it (`write_document`, as `lscp report yearly --format html,pdf,docx`
  does), with nothing drawn or laid out before: no chart, no font, no template. The clock
  starts once Django is set up; each step's wall time and CPU time (`time.process_time`, this
  process's threads: it stays honest when other work shares the machine) is printed, the
  median of the runs. Then the whole command as a user types it, Python's start included.
- **Warm**: each format again in one process (charts drawn, fonts found), median of RUNS.
- **Memory**: the peak of the Python heap per format, on a pass of its own. tracemalloc
  slows Python several times over, so it is never on while a clock runs (before issue 10 it
  was, and the PDF seemed to take 11 s).
- **A download when nothing changed**: the page's tree (kept by data version) and the
  rendered file (kept by content) are both there: nothing is built.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lscp.settings.test")
os.environ.setdefault("LSCP_VAR_DIR", tempfile.mkdtemp(prefix="lscp-bench-"))
os.environ.pop("DATABASE_URL", None)
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from lscp.partnership.models import Partnership, ReportingYear  # noqa: E402
from lscp.reports.cache import rendered  # noqa: E402
from lscp.reports.documents.yearly import build_yearly_report  # noqa: E402
from lscp.reports.render import RENDERERS, render_html, render_pdf  # noqa: E402

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 3
STEPS = ("tree", "html", "pdf", "docx", "total")


def clocks() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def since(start: tuple[float, float]) -> tuple[float, float]:
    wall, cpu = clocks()
    return wall - start[0], cpu - start[1]


def demo_year() -> tuple[Partnership, ReportingYear]:
    partnership = Partnership.objects.get(slug="bromley")
    return partnership, partnership.years.get(label="2020-21")


def cold_run() -> dict[str, tuple[float, float]]:
    """One cold build, in this (fresh) process: the steps `write_document` takes (the HTML
    laid out once, for the HTML file and the PDF), each timed."""
    partnership, year = demo_year()
    times: dict[str, tuple[float, float]] = {}
    start = clocks()
    document = build_yearly_report(partnership, year)
    times["tree"] = since(start)
    step = clocks()
    html = render_html(document)
    times["html"] = since(step)
    step = clocks()
    render_pdf(document, html)
    times["pdf"] = since(step)
    step = clocks()
    RENDERERS["docx"][1](document)
    times["docx"] = since(step)
    times["total"] = since(start)
    return times


def cold() -> None:
    runs = []
    for _ in range(RUNS):
        out = subprocess.run([sys.executable, __file__, "--cold-run"], capture_output=True,
                             text=True, check=True, env=os.environ.copy())
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    print(f"cold build of all three formats, a fresh process each ({RUNS} runs, median):")
    for name in STEPS:
        wall = statistics.median(r[name][0] for r in runs)
        cpu = statistics.median(r[name][1] for r in runs)
        print(f"  {name:>5}: {wall:6.2f} s wall, {cpu:6.2f} s CPU")
    command = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run([str(Path(sys.executable).parent / "lscp"), "report", "yearly",
                        "--year", "2020-21", "--format", "html,pdf,docx", "--out",
                        tempfile.mkdtemp(prefix="lscp-bench-cmd-")],
                       check=True, capture_output=True, env=os.environ.copy())
        command.append(time.perf_counter() - start)
    print(f"  `lscp report yearly --format html,pdf,docx`, Python's start included: "
          f"{statistics.median(command):.2f} s wall (median of {RUNS})")


def warm(document: Any) -> None:
    print(f"warm, in one process ({RUNS} runs, median):")
    for fmt, (_, render) in RENDERERS.items():
        render(document)
        walls, cpus = [], []
        for _ in range(RUNS):
            start = clocks()
            size = len(render(document))
            wall, cpu = since(start)
            walls.append(wall)
            cpus.append(cpu)
        print(f"  {fmt:>5}: {statistics.median(walls):6.2f} s wall, "
              f"{statistics.median(cpus):6.2f} s CPU, {size / 1024:.0f} KiB")


def memory(document: Any, partnership: Partnership, year: ReportingYear) -> None:
    def peak(work: Callable[[], object]) -> float:
        tracemalloc.start()
        work()
        found = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return found / 1e6

    parts = [("tree", lambda: build_yearly_report(partnership, year))]
    parts += [(fmt, lambda render=render: render(document))
              for fmt, (_, render) in RENDERERS.items()]
    print("peak Python heap (tracemalloc, untimed): " + ", ".join(
        f"{name} {peak(work):.1f} MB" for name, work in parts))


def download(document: Any) -> None:
    folder = Path(os.environ["LSCP_VAR_DIR"]) / "report-cache"
    rendered(document, "pdf", folder)
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        rendered(document, "pdf", folder)
        times.append(time.perf_counter() - start)
    print(f"PDF download when nothing changed (the page's tree, the file kept): median "
          f"{statistics.median(times) * 1000:.1f} ms")


def main() -> None:
    from lscp.demo.setup import DEMO_BUNDLE, add_training
    from lscp.partnership.bundle.importer import import_bundle_folder

    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    result = import_bundle_folder(DEMO_BUNDLE)
    assert result.partnership is not None
    add_training(result.partnership)
    print(f"load the demo: {time.perf_counter() - start:.2f} s "
          f"({sum(result.created.values())} records and the training exports)")
    cold()
    partnership, year = demo_year()
    document = build_yearly_report(partnership, year)
    warm(document)
    memory(document, partnership, year)
    download(document)


if __name__ == "__main__":
    if "--cold-run" in sys.argv:
        print(json.dumps(cold_run()))
    else:
        main()
