"""How long the demo yearly report takes to build, per format. Prints figures; asserts nothing.

Run with `make benchmark`. Uses a throwaway SQLite database in a temporary folder.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lscp.settings.test")
os.environ["LSCP_VAR_DIR"] = tempfile.mkdtemp(prefix="lscp-bench-")
os.environ.pop("DATABASE_URL", None)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from lscp.demo.setup import DEMO_BUNDLE  # noqa: E402
from lscp.partnership.bundle.importer import import_bundle_folder  # noqa: E402
from lscp.reports.cache import rendered  # noqa: E402
from lscp.reports.documents.yearly import build_yearly_report  # noqa: E402
from lscp.reports.render import RENDERERS  # noqa: E402

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 5


def timed(fn, runs: int = RUNS) -> tuple[float, float, int]:  # type: ignore[no-untyped-def]
    times = []
    tracemalloc.start()
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return statistics.median(times), min(times), peak


def main() -> None:
    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    result = import_bundle_folder(DEMO_BUNDLE)
    print(f"import demo bundle: {time.perf_counter() - start:.3f} s "
          f"({sum(result.created.values())} records)")
    partnership = result.partnership
    assert partnership is not None
    year = partnership.years.get(label="2020-21")
    median, best, peak = timed(lambda: build_yearly_report(partnership, year))
    print(f"build content tree: median {median * 1000:.1f} ms, best {best * 1000:.1f} ms, "
          f"peak {peak / 1e6:.1f} MB Python heap ({RUNS} runs)")
    document = build_yearly_report(partnership, year)
    for fmt, (_, render) in RENDERERS.items():
        render(document)  # warm caches (fonts, chart renderer)
        median, best, peak = timed(lambda render=render: render(document))
        size = len(render(document))
        print(f"render {fmt:>4}: median {median * 1000:.1f} ms, best {best * 1000:.1f} ms, "
              f"peak {peak / 1e6:.1f} MB Python heap, {size / 1024:.0f} KiB ({RUNS} runs)")
    median, best, _ = timed(
        lambda: [r(build_yearly_report(partnership, year)) for _, r in RENDERERS.values()], 3)
    print(f"end to end, all three formats: median {median:.2f} s (3 runs)")
    folder = Path(os.environ["LSCP_VAR_DIR"]) / "report-cache"
    rendered(build_yearly_report(partnership, year), "pdf", folder)
    median, best, _ = timed(lambda: rendered(build_yearly_report(partnership, year), "pdf", folder))
    print(f"PDF download when nothing changed (tree rebuilt, file from the cache): "
          f"median {median * 1000:.1f} ms, best {best * 1000:.1f} ms ({RUNS} runs)")


if __name__ == "__main__":
    main()
