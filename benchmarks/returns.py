"""Statutory returns, end to end: generate, then read + validate + minimise, store, compute.

Prints wall time per stage and the peak memory (resident set) of the process for each size,
each size in its own process so one does not inherit the other's memory. Asserts nothing.

    python benchmarks/returns.py            # 5,000 children and a national-size year
    python benchmarks/returns.py 5000       # one size
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

NATIONAL = 650_000  # children in need in England in a year; about 85,000 are looked after


def one(children: int) -> dict[str, float]:
    from lscp.returns.pipeline import process
    from lscp.returns.synth import generate

    figures: dict[str, float] = {"children": children}
    with tempfile.TemporaryDirectory(prefix="lscp-bench-") as folder:
        out = Path(folder)
        clock = time.perf_counter()
        counts = generate(children, 1, "2024-25", out)
        figures["generate_s"] = time.perf_counter() - clock
        figures["looked_after"] = max((v for k, v in counts.items() if "header" in k), default=0)
        cin = next(out.glob("*.xml"))
        lac = sorted(out.glob("*.csv"))
        clock = time.perf_counter()
        # A national CIN census is larger than the default upload limit (500 MB).
        outcome = process("2024-25", cin, lac, b"benchmark-secret-0123456789",
                          cin_max_bytes=4_000_000_000)
        figures["load_and_compute_s"] = time.perf_counter() - clock
        for stage, seconds in outcome.seconds.items():
            figures[f"{stage}_s"] = seconds
        figures["problems"] = len(outcome.problems)
        figures["indicator_rows"] = len(outcome.results)
    figures["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return figures


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        print(json.dumps(one(int(sys.argv[2]))))
        return
    sizes = [int(a) for a in sys.argv[1:]] or [5_000, NATIONAL]
    for size in sizes:
        result = subprocess.run([sys.executable, __file__, "--one", str(size)],
                                capture_output=True, text=True)
        if result.returncode:
            print(result.stderr)
            raise SystemExit(result.returncode)
        f = json.loads(result.stdout.strip().splitlines()[-1])
        end_to_end = f["generate_s"] + f["load_and_compute_s"]
        print(f"{int(f['children']):>8,} CIN children ({int(f['looked_after']):,} in the SSDA903 header): "
              f"generate {f['generate_s']:.2f} s; read+validate+minimise {f['read_s']:.2f} s; "
              f"store {f['store_s']:.2f} s; indicators {f['indicators_s']:.2f} s; "
              f"load+compute {f['load_and_compute_s']:.2f} s; end to end {end_to_end:.2f} s; "
              f"peak memory {f['peak_rss_mb']:.0f} MB; {int(f['problems'])} problems")


if __name__ == "__main__":
    main()
