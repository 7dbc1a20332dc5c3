"""Signed-in users against the production server on PostgreSQL. Prints figures; asserts nothing.

    python benchmarks/load.py                        # 20 then 50 users, 30 s each
    python benchmarks/load.py --users 50 --duration 60 --think 1

It makes a database of its own (`lscp_bench`, dropped at the end) beside the one in
DATABASE_URL (or the one scripts/postgres.sh starts), loads the demo into it under the local
settings (production refuses `demo load`), adds synthetic users, starts `lscp serve` on
127.0.0.1 and drives the users over the main pages with a thread pool for a fixed time.
Bounded: at most MAX_USERS users and MAX_SECONDS per run, loopback only, and it stops the
server and drops its database however it ends.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import http.client
import os
import random
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

import psycopg

PROJECT = Path(__file__).resolve().parent.parent
LSCP = Path(sys.executable).with_name("lscp")
HOST = "127.0.0.1"
PAGES = ["/", "/dataset/", "/reports/yearly/2020-21/", "/learning/", "/groups/"]
GOAL_PAGES = {"/", "/dataset/", "/reports/yearly/2020-21/"}  # p95 under GOAL_MS (issue 8)
GOAL_MS = 300
MAX_USERS = 200
MAX_SECONDS = 600
DEMO_TODAY = "2021-06-30"  # the demo is a snapshot of 2020-21, as `make demo` shows it
PASSWORD = "demo-password-2021"  # the demo's published password; synthetic users share it
ROLES = ["business_unit", "chair", "board_member", "agency_contributor"]


# -- database ---------------------------------------------------------------------------------

def base_url() -> str:
    """The server's URL from DATABASE_URL, else from scripts/postgres.sh (which starts it)."""
    url = os.environ.get("DATABASE_URL") or subprocess.run(
        [str(PROJECT / "scripts" / "postgres.sh")], check=True, capture_output=True,
        text=True).stdout.strip()
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit(f"needs a PostgreSQL DATABASE_URL, got {url!r}")
    if urlsplit(url).hostname not in ("127.0.0.1", "localhost", "::1"):
        sys.exit("the load benchmark runs against a PostgreSQL on this machine only")
    return url


def with_name(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


@contextlib.contextmanager
def bench_database(url: str, name: str) -> Iterator[str]:
    """A fresh database of the benchmark's own, made and dropped as the same user, so no
    run starts from another's leftovers and none is left behind."""
    if not re.fullmatch(r"lscp_bench\w*", name):
        sys.exit("the benchmark only makes (and drops) databases named lscp_bench...")
    admin = with_name(url, "postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield with_name(url, name)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def backends(url: str) -> list[int]:
    """The processes serving connections to the benchmark database: the server should hold
    one per worker, however many users there are."""
    name = urlsplit(url).path.lstrip("/")
    with psycopg.connect(with_name(url, "postgres"), autocommit=True) as conn:
        rows = conn.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s AND "
                            "pid <> pg_backend_pid()", [name]).fetchall()
    return [int(r[0]) for r in rows]


# -- preparing and serving --------------------------------------------------------------------

USERS_SCRIPT = """
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from lscp.partnership.models import Membership, Partnership
p = Partnership.objects.get()
agency = p.agencies.get(code="met-police")
hashed = make_password({password!r})
roles = {roles!r}
for i in range({count}):
    user, _ = get_user_model().objects.update_or_create(
        username=f"bench-{{i:03d}}", defaults={{"password": hashed}})
    role = roles[i % len(roles)]
    Membership.objects.update_or_create(user=user, defaults={{
        "partnership": p, "role": role,
        "agency": agency if role == "agency_contributor" else None}})
"""


def lscp(env: dict[str, str], *args: str) -> None:
    subprocess.run([str(LSCP), *args], env=env, check=True, cwd=PROJECT,
                   stdout=subprocess.DEVNULL)


def prepare(env: dict[str, str], users: int) -> None:
    """Migrate, load the demo and add `users` synthetic sign-ins (local settings: the
    production ones refuse the demo, which has published passwords)."""
    local = {**env, "DJANGO_SETTINGS_MODULE": "lscp.settings.local"}
    lscp(local, "migrate", "--verbosity", "0")
    lscp(local, "demo", "load")
    script = USERS_SCRIPT.format(password=PASSWORD, roles=ROLES, count=users)
    lscp(local, "shell", "--command", script)


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def server(env: dict[str, str], workers: int, log: Path) -> Iterator[tuple[int, int]]:
    """`lscp serve` under the production settings on a free loopback port; stopped (and its
    workers with it) however the benchmark ends."""
    port = free_port()
    production = {**env, "DJANGO_SETTINGS_MODULE": "lscp.settings.production",
                  "LSCP_SECRET_KEY": secrets.token_urlsafe(64), "LSCP_ALLOWED_HOSTS": HOST,
                  "LSCP_SITE_URL": f"http://{HOST}:{port}",
                  "LSCP_SSL_REDIRECT": "0"}
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(LSCP), "serve", "--bind", f"{HOST}:{port}", "--workers", str(workers)],
            env=production, cwd=PROJECT, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True)
    try:
        wait_until_up(port, process, log)
        yield port, process.pid
    finally:
        stop(process)


def wait_until_up(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"the server stopped:\n{log.read_text()[-3000:]}")
        with contextlib.suppress(OSError):
            if request(port, "GET", "/health/").status == 200:
                return
        time.sleep(0.5)
    sys.exit(f"the server did not answer within a minute:\n{log.read_text()[-3000:]}")


def stop(process: subprocess.Popen[bytes]) -> None:
    """Gunicorn's master stops its workers on SIGTERM; a kill of its group if it hangs."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


# -- where the CPU went (Linux /proc) ----------------------------------------------------------

TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def process_cpu() -> dict[int, tuple[int, float]]:
    """Every process: its parent and the CPU seconds it has used."""
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            found[int(stat.parent.name)] = (int(fields[1]),
                                            (int(fields[11]) + int(fields[12])) / TICK)
    return found


def machine_busy() -> float:
    """CPU seconds the whole machine has spent busy since boot, all CPUs together."""
    with contextlib.suppress(OSError):
        ticks = [int(x) for x in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
        return (sum(ticks) - ticks[3] - ticks[4]) / TICK  # less idle and I/O wait
    return 0.0


@dataclass
class Cpu:
    """A snapshot: the server (gunicorn master and workers), the benchmark database's
    backends, this client, and the machine as a whole, which runs other work too."""

    server: float
    database: dict[int, float]
    client: float
    machine: float

    @classmethod
    def now(cls, master: int, backends: list[int]) -> Cpu:
        procs = process_cpu()
        server = sum(cpu for pid, (parent, cpu) in procs.items() if master in (pid, parent))
        return cls(server, {b: procs[b][1] for b in backends if b in procs},
                   time.process_time(), machine_busy())

    def since(self, before: Cpu, requests: int, seconds: float) -> str:
        server = self.server - before.server
        database = sum(cpu - before.database.get(pid, 0.0) for pid, cpu in self.database.items())
        client = self.client - before.client
        other = max(0.0, self.machine - before.machine - server - database - client)
        return (f"CPU: server {server:.1f} s ({1000 * server / max(requests, 1):.1f} ms a "
                f"request), PostgreSQL ~{database:.1f} s, this client {client:.1f} s, other "
                f"processes ~{other:.1f} s; of {seconds * (os.cpu_count() or 1):.0f} s")


# -- HTTP -------------------------------------------------------------------------------------

@dataclass
class Reply:
    status: int
    body: bytes
    cookies: dict[str, str]
    location: str = ""


def request(port: int, method: str, path: str, cookies: dict[str, str] | None = None,
            form: dict[str, str] | None = None) -> Reply:
    """One request on its own connection (sync workers close each one), cookies by hand:
    production marks them Secure, which a cookie jar would not send over plain HTTP."""
    conn = http.client.HTTPConnection(HOST, port, timeout=120)
    headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in (cookies or {}).items())}
    body = urlencode(form) if form is not None else None
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        data = response.read()
        jar = {c.split("=", 1)[0]: c.split("=", 1)[1].split(";", 1)[0]
               for c in response.headers.get_all("Set-Cookie") or []}
        return Reply(response.status, data, jar, response.headers.get("Location", ""))
    finally:
        conn.close()


def sign_in(port: int, username: str) -> dict[str, str]:
    page = request(port, "GET", "/sign-in/")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.body)
    if token is None:
        raise RuntimeError("no CSRF token on the sign-in page")
    cookies = dict(page.cookies)
    done = request(port, "POST", "/sign-in/", cookies, {
        "username": username, "password": PASSWORD,
        "csrfmiddlewaretoken": token.group(1).decode()})
    if done.status != 302 or "sessionid" not in done.cookies:
        raise RuntimeError(f"{username} could not sign in ({done.status})")
    return {**cookies, **done.cookies}


def sign_in_all(port: int, count: int) -> list[dict[str, str]]:
    """Each user signs in once, before the clock starts (a password check costs ~1 s of
    CPU on purpose)."""
    names = [f"bench-{i:03d}" for i in range(count)]
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(lambda name: sign_in(port, name), names))


# -- driving ----------------------------------------------------------------------------------

@dataclass
class Results:
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, page: str, seconds: float, ok: bool) -> None:
        with self.lock:
            self.times[page].append(seconds)
            if not ok:
                self.errors[page] += 1


def one_user(port: int, cookies: dict[str, str], until: float, think: float,
             results: Results, seed: int) -> None:
    """Round the main pages, starting at a random one so the users do not march in step;
    a page counts as an error unless it comes back 200 (a redirect to sign in included)."""
    rng = random.Random(seed)
    start = rng.randrange(len(PAGES))
    for n in range(10**9):
        if time.monotonic() >= until:
            return
        page = PAGES[(start + n) % len(PAGES)]
        clock = time.perf_counter()
        try:
            ok = request(port, "GET", page, cookies).status == 200
        except OSError:
            ok = False
        results.add(page, time.perf_counter() - clock, ok)
        if think:
            time.sleep(rng.uniform(0.5 * think, 1.5 * think))


def drive(port: int, sessions: list[dict[str, str]], seconds: float, think: float) -> Results:
    results = Results()
    until = time.monotonic() + seconds
    with concurrent.futures.ThreadPoolExecutor(max_workers=len(sessions)) as pool:
        futures = [pool.submit(one_user, port, cookies, until, think, results, i)
                   for i, cookies in enumerate(sessions)]
        for future in futures:
            future.result()
    return results


def warm(port: int, sessions: list[dict[str, str]], workers: int) -> str:
    """Each page `workers` times at once before the clock starts, so that every worker has
    served each page once: the table is then the steady state. What the first views cost,
    as after any restart, is said beside it."""
    def timed(page: str, cookies: dict[str, str]) -> float:
        clock = time.perf_counter()
        request(port, "GET", page, cookies)
        return time.perf_counter() - clock

    slowest = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        for page in PAGES:
            times = pool.map(timed, [page] * workers, (sessions * workers)[:workers])
            slowest[page] = max(times)
    return "first views (warm-up, not in the table), slowest: " + ", ".join(
        f"{page} {1000 * seconds:.0f} ms" for page, seconds in slowest.items())


# -- report -----------------------------------------------------------------------------------

def quantiles(times: list[float]) -> tuple[float, float, float]:
    if len(times) < 2:
        value = times[0] * 1000 if times else 0.0
        return value, value, value
    cuts = statistics.quantiles(times, n=100, method="inclusive")
    return cuts[49] * 1000, cuts[94] * 1000, cuts[98] * 1000


def table(users: int, seconds: float, results: Results) -> str:
    rows = [f"{'page':<26}{'requests':>9}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}"
            f"{'p99 ms':>9}{'errors':>8}"]
    everything: list[float] = []
    for page in PAGES:
        times = results.times.get(page, [])
        everything += times
        rows.append(line(page, times, seconds, results.errors.get(page, 0)))
    rows.append(line("all", everything, seconds, sum(results.errors.values())))
    missed = [p for p in GOAL_PAGES if quantiles(results.times.get(p, []))[1] > GOAL_MS]
    verdict = "met" if not missed and not results.errors else "NOT met"
    return (f"\n{users} users, {seconds:.0f} s\n" + "\n".join(rows)
            + f"\ngoal (0 errors; p95 < {GOAL_MS} ms on /, /dataset/, the report): {verdict}")


def line(name: str, times: list[float], seconds: float, errors: int) -> str:
    p50, p95, p99 = quantiles(times)
    return (f"{name:<26}{len(times):>9}{len(times) / seconds:>8.1f}{p50:>9.0f}{p95:>9.0f}"
            f"{p99:>9.0f}{errors:>8}")


# -- main -------------------------------------------------------------------------------------

def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, nargs="+", default=[20, 50])
    parser.add_argument("--duration", type=float, default=30, help="seconds per run")
    parser.add_argument("--think", type=float, default=0,
                        help="mean seconds a user waits between pages (0: none)")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--database", default="lscp_bench")
    args = parser.parse_args()
    if max(args.users) > MAX_USERS or min(args.users) < 1:
        parser.error(f"users: 1 to {MAX_USERS}")
    if not 0 < args.duration <= MAX_SECONDS:
        parser.error(f"duration: up to {MAX_SECONDS} seconds")
    return args


def main() -> None:
    args = arguments()
    url = base_url()
    with tempfile.TemporaryDirectory(prefix="lscp-load-") as var, \
            bench_database(url, args.database) as db:
        env = {**os.environ, "DATABASE_URL": db, "LSCP_VAR_DIR": var, "LSCP_TODAY": DEMO_TODAY}
        print(f"preparing {args.database}: migrate, demo load, {max(args.users)} users",
              flush=True)
        prepare(env, max(args.users))
        with server(env, args.workers, Path(var) / "server.log") as (port, pid):
            print(f"lscp serve: gunicorn, {args.workers} sync workers, {os.cpu_count()} CPUs, "
                  f"PostgreSQL {server_version(db)}; think time {args.think} s; machine load "
                  f"before: {os.getloadavg()[0]:.1f}", flush=True)
            for users in args.users:
                run(port, pid, db, users, args)


def run(port: int, pid: int, db: str, users: int, args: argparse.Namespace) -> None:
    """One run: sign in, warm, drive; then the table, where the CPU went, connections."""
    sessions = sign_in_all(port, users)
    print(warm(port, sessions, args.workers))
    before = Cpu.now(pid, backends(db))
    results = drive(port, sessions, args.duration, args.think)
    after = Cpu.now(pid, backends(db))
    print(table(users, args.duration, results))
    print(after.since(before, sum(len(t) for t in results.times.values()), args.duration))
    print(f"database connections open: {len(backends(db))}", flush=True)


def server_version(url: str) -> str:
    with psycopg.connect(url) as conn:
        return str(conn.info.server_version)


if __name__ == "__main__":
    main()
