"""No personal data left behind by statutory returns (issue 14, finding 8).

Returns files are read from a private folder under LSCP_VAR_DIR and removed, even after a
crash; the stored validation report names a field and row, never a value; only real postcode
districts are kept; and after loads of hostile input no raw identifier, name, full postcode
or full date is found in any table, report, DuckDB store or file.
"""

from __future__ import annotations

import csv
import io
import os
import re
import signal
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client

from lscp.dataset.models import ReturnLoad
from lscp.returns.minimise import Minimiser
from lscp.returns.problems import ReturnProblem, report_csv

YEAR = "2024-25"
UPN = "A123456789012"
NAME = "Zebedee Quiltington"
POSTCODE = "SW1A 1AA"
ADDRESS = "FLAT 3 ROSE COURT"
QUOTED = 'O\'Brien "Zebedee"'
ALWAYS = [UPN, "Zebedee", "Quiltington", POSTCODE, "ROSE COURT", "2019-02-14", "14/02/2019"]


# --- units ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("given", "kept"), [
    ("BR1 3UH", "BR1"), ("br1 3uh", "BR1"), ("BR13UH", "BR1"), ("SW1A 1AA", "SW1A"),
    (" TN13  1AA ", "TN13"), ("M1 1AE", "M1"), ("BR1", "BR1"),
    ("JANE SMITH", None), ("FLAT 3 ROSE COURT", None), ("12 HIGH STREET", None), ("FLAT", None),
    ("A123456789012", None), ("", None), (None, None), ("=HYPERLINK(1)", None),
])
def test_only_a_real_postcode_district_is_kept(given: str | None, kept: str | None) -> None:
    assert Minimiser.outward(given) == kept


def test_the_stored_report_names_field_and_row_never_the_value() -> None:
    problems = [
        ReturnProblem("h.csv", 2, "k1", "ETHNIC", f"{NAME!r} is not a valid code"),
        ReturnProblem("h.csv", 3, "k2", "DOB", "'14/02/2019x' is not a date (dd/mm/YYYY)"),
        ReturnProblem("h.csv", 4, "k3", "DOB", "14/02/2030 is after the end of the collection "
                                               "year (31/03/2025)"),
        ReturnProblem("e.csv", 5, "k4", "DEC", "14/02/2019 is before the episode's start DECOM "
                                               "(15/02/2019)"),
        ReturnProblem("c.xml", 9, "k5", "Ethnicity", f"has stray text after it ({UPN + ' ' + NAME!r})",
                      "warning"),
        ReturnProblem("c.xml", 9, "k6", "CINclosureDate", "the episode closed on 2019-02-14, before "
                                                          "the collection year began (2024-04-01)"),
        ReturnProblem("c.xml", 9, "k7", "Sex", f"{QUOTED!r} is not a valid code"),
    ]
    text = report_csv(problems).decode("utf-8-sig")
    for value in [*ALWAYS, "14/02/2030", "15/02/2019", "O'Brien", "2030", "2019"]:
        assert value not in text, value
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["line"], r["field"], r["message"]) for r in rows[:4]] == [
        ("9", "Ethnicity", "has stray text after it"),
        ("9", "CINclosureDate", "the episode closed, before the collection year began"),
        ("9", "Sex", "is not a valid code"),
        ("5", "DEC", "is before the episode's start DECOM"),
    ]
    assert {r["message"] for r in rows[4:]} == {
        "is not a valid code", "is not a date (dd/mm/YYYY)",
        "is after the end of the collection year"}


# --- the private folder ---------------------------------------------------------------------

@pytest.fixture
def var_dir(settings, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    """LSCP_VAR_DIR for this test: the private folder is made by the start-up hook."""
    var = tmp_path / "var"
    settings.PRIVATE_DIR = var / "private"
    settings.FILE_UPLOAD_TEMP_DIR = str(var / "private" / "uploads")
    settings.REPORT_OUTPUT_DIR = var / "reports"
    apps.get_app_config("dataset").sweep_private_files()  # type: ignore[attr-defined]
    return var


def test_uploads_are_read_from_a_private_folder_and_removed(  # type: ignore[no-untyped-def]
        manager: Client, var_dir: Path, settings, tmp_path: Path, monkeypatch) -> None:
    import lscp.dataset.returns as dataset_returns
    from lscp.returns.synth import generate

    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0  # every upload goes through a temporary file
    system_tmp = tmp_path / "system-tmp"
    system_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_tmp))
    generate(50, 3, YEAR, tmp_path / "synth")
    seen: dict[str, object] = {}
    real = dataset_returns.process

    def spy(year, cin, lac, secret, **options):  # type: ignore[no-untyped-def]
        paths = ([cin] if cin else []) + list(lac)
        seen["folders"] = {p.parent for p in paths}
        seen["modes"] = {stat.S_IMODE(folder.stat().st_mode) for folder in
                         {settings.PRIVATE_DIR, *(p.parent for p in paths)}}
        seen["system tmp"] = sorted(p.name for p in system_tmp.iterdir())
        return real(year, cin, lac, secret, **options)

    monkeypatch.setattr(dataset_returns, "process", spy)
    uploads = []
    for path in sorted((tmp_path / "synth").iterdir()):
        handle = io.BytesIO(path.read_bytes())
        handle.name = path.name
        uploads.append(handle)
    response = manager.post("/dataset/returns/", {"year": YEAR, "files": uploads})

    assert response.status_code == 302
    folders = seen["folders"]
    assert isinstance(folders, set) and len(folders) == 1
    assert next(iter(folders)).parent == settings.PRIVATE_DIR
    assert seen["modes"] == {0o700}
    assert seen["system tmp"] == []
    assert list(system_tmp.iterdir()) == []
    left = [p for p in settings.PRIVATE_DIR.rglob("*") if not p.is_dir()]
    assert left == [] and [p.name for p in settings.PRIVATE_DIR.iterdir()] == ["uploads"]


HOLDER = """
import sys, time
from pathlib import Path
from lscp.returns.safety import workspace
with workspace(Path(sys.argv[1])) as folder:
    (folder / "cin.xml").write_text("<UPN>A123456789012</UPN>")
    print(folder, flush=True)
    time.sleep(120)
"""


def test_what_a_killed_load_left_is_swept_at_start_up(tmp_path: Path) -> None:
    from lscp.returns.safety import workspace

    var = tmp_path / "var"
    root = var / "private"
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(root)], stdout=subprocess.PIPE,
                              text=True)
    assert holder.stdout is not None
    crashed = Path(holder.stdout.readline().strip())
    assert (crashed / "cin.xml").exists()
    assert stat.S_IMODE(root.stat().st_mode) == 0o700
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    hour_ago = time.time() - 3600
    os.utime(crashed, (hour_ago, hour_ago))
    (root / "uploads").mkdir(exist_ok=True)
    stale = root / "uploads" / "tmpold.upload.xml"
    stale.write_text(UPN)
    os.utime(stale, (hour_ago, hour_ago))
    fresh = root / "uploads" / "tmpnew.upload.xml"
    fresh.write_text("an upload arriving now")

    with workspace(root) as live:
        (live / "cin.xml").write_text("a load in progress")
        os.utime(live, (hour_ago, hour_ago))
        started = subprocess.run(
            [str(Path(sys.executable).parent / "lscp"), "check"], capture_output=True, text=True,
            env={**os.environ, "LSCP_VAR_DIR": str(var)}, timeout=120)
        assert started.returncode == 0, started.stderr
        assert (live / "cin.xml").exists()  # held by a running process: kept
    assert not crashed.exists()
    assert not stale.exists() and fresh.exists()
    assert not live.exists()


# --- the scan -------------------------------------------------------------------------------

def _once(text: str, pattern: str) -> list[str]:
    found = re.findall(pattern, text)
    return [value for value in found if found.count(value) == 1]


def hostile_clean(synth: Path, out: Path) -> list[str]:
    """Synthetic returns with identifying values in the fields that are dropped or cut down;
    they are warnings at most. Returns the values that must never be stored."""
    out.mkdir()
    secret = list(ALWAYS)
    xml = (synth / f"cin_census_{YEAR}.xml").read_text(encoding="utf-8")
    xml = re.sub(r"<UPN>[^<]*</UPN>", f"<UPN>{UPN}</UPN>", xml)
    xml = xml.replace("</Ethnicity>", f"</Ethnicity>{NAME} {POSTCODE} 14/02/2019", 1)
    xml = xml.replace("<PersonBirthDate>", f"<PersonName>{NAME}</PersonName><PersonBirthDate>", 1)
    events = set()
    for path in sorted(synth.glob("*.csv")):
        rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
        head = rows[0]
        for row in rows[1:]:
            events.update(cell for name, cell in zip(head, row, strict=True)
                          if name not in ("DOB", "MC_DOB"))
    born = [d for d in _once(xml, r"<PersonBirthDate>(\d{4}-\d{2}-(?:0[2-9]|[12]\d|3[01]))<")
            if xml.count(d) == 1 and f"{d[8:]}/{d[5:7]}/{d[:4]}" not in events][:3]
    assert born
    secret += born + [f"{d[8:]}/{d[5:7]}/{d[:4]}" for d in born]
    (out / "cin.xml").write_text(xml, encoding="utf-8")
    for path in sorted(synth.glob("*.csv")):
        rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
        head = rows[0]
        for n, row in enumerate(rows[1:]):
            cells = dict(zip(head, row, strict=True))
            for name, value in {"UPN": UPN, "MC_DOB": "14/02/2019", "HOME_POST": POSTCODE,
                                "URN": UPN, "PL_POST": (NAME, ADDRESS, POSTCODE)[n % 3]}.items():
                if name in cells:
                    cells[name] = value
            dob = cells.get("DOB", "")
            if path.name == "header.csv" and dob and not dob.startswith("01/") \
                    and dob not in events and dob[6:] + "-" + dob[3:5] + "-" + dob[:2] not in xml:
                secret += [dob, f"{dob[6:]}-{dob[3:5]}-{dob[:2]}"]
            row[:] = [cells[name] for name in head]
        with open(out / path.name, "w", newline="", encoding="utf-8") as handle:
            csv.writer(handle, lineterminator="\n").writerows(rows)
    return secret


def hostile_errors(out: Path) -> list[str]:
    """Returns whose errors would echo identifying values, if the report echoed values."""
    out.mkdir()
    (out / "header.csv").write_text(
        "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"
        f"{UPN},1,14/02/2019x,{NAME},{UPN},,\n"
        f"9002,2,14/02/2030,WBRI,,,\n"
        f"9003,2,14/02/2019,{ADDRESS},,,\n", encoding="utf-8")
    (out / "reviews.csv").write_text(
        f"CHILD,DOB,REVIEW,REVIEW_CODE\n9003,14/02/2019,14/02/2019,{UPN}\n"
        f'9003,14/02/2019,"{POSTCODE}",PN1\n', encoding="utf-8")
    (out / "cin.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<Message><Header><CollectionDetails>'
        "<Collection>CIN</Collection><Year>2025</Year><ReferenceDate>2025-03-31</ReferenceDate>"
        "</CollectionDetails></Header><Children><Child><ChildIdentifiers>"
        f"<LAchildID>{UPN}</LAchildID><UPN>{UPN}</UPN><PersonBirthDate>2030-02-14</PersonBirthDate>"
        f"<Sex>{NAME}</Sex></ChildIdentifiers><ChildCharacteristics><Ethnicity>{POSTCODE}"
        "</Ethnicity></ChildCharacteristics><CINdetails><CINreferralDate>2019-02-14x"
        f"</CINreferralDate><ReferralSource>{ADDRESS}</ReferralSource></CINdetails></Child>"
        "</Children></Message>\n", encoding="utf-8")
    return [*ALWAYS, "2030-02-14", "14/02/2030", ADDRESS]


def found_in(text: str, secrets: list[str]) -> list[str]:
    lowered = text.lower()
    return [s for s in secrets if s in text or (s.isalpha() and s.lower() in lowered)]


def scan_database(secrets: list[str]) -> list[tuple[str, str]]:
    hits = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT * FROM "{table}"')
            for row in cursor.fetchall():
                for value in row:
                    if isinstance(value, bytes | memoryview):
                        value = bytes(value).decode("utf-8", "replace")
                    hits += [(table, s) for s in found_in(str(value), secrets)]
    return hits


def scan_files(folder: Path, secrets: list[str]) -> list[tuple[str, str]]:
    hits = []
    for path in folder.rglob("*"):
        if path.is_file():
            hits += [(str(path), s) for s in found_in(path.read_bytes().decode("latin-1"), secrets)]
            if path.suffix == ".duckdb":
                hits += scan_duckdb(path, secrets)
    return hits


def scan_duckdb(path: Path, secrets: list[str]) -> list[tuple[str, str]]:
    hits = []
    con = duckdb.connect(str(path), read_only=True)
    tables = con.execute("SELECT table_name FROM information_schema.tables "
                         "WHERE table_name <> 'calendar'").fetchall()  # every day 2000-2035
    for (table,) in tables:
        for row in con.execute(f'SELECT * FROM "{table}"').fetchall():
            for value in row:
                text = value.isoformat() if hasattr(value, "isoformat") else str(value)
                hits += [(f"{path.name}:{table}", s) for s in found_in(text, secrets)]
    con.close()
    return hits


def upload(client: Client, folder: Path):  # type: ignore[no-untyped-def]
    files = []
    for path in sorted(folder.iterdir()):
        handle = io.BytesIO(path.read_bytes())
        handle.name = path.name
        files.append(handle)
    return client.post("/dataset/returns/", {"year": YEAR, "files": files})


def test_no_identifying_value_is_stored_anywhere_after_hostile_loads(  # type: ignore[no-untyped-def]
        manager: Client, demo, var_dir: Path, settings, tmp_path: Path) -> None:
    from lscp.returns.synth import generate

    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0
    generate(200, 5, YEAR, tmp_path / "synth")
    clean = tmp_path / "clean"
    secrets = hostile_clean(tmp_path / "synth", clean)
    broken = tmp_path / "broken"
    secrets += hostile_errors(broken)
    given = "\n".join(p.read_text() for p in (*clean.iterdir(), *broken.iterdir()))
    assert not [s for s in ALWAYS if s not in given]  # each is really in the input

    call_command("returns", "load", year=YEAR, cin=clean / "cin.xml",
                 lac=sorted(clean.glob("*.csv")), store=var_dir / "returns.duckdb",
                 report=var_dir / "clean-report.csv", submit=True, stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("returns", "load", year=YEAR, cin=broken / "cin.xml",
                     lac=sorted(broken.glob("*.csv")), store=var_dir / "broken.duckdb",
                     report=var_dir / "broken-report.csv", stdout=io.StringIO())
    assert upload(manager, clean).status_code == 302
    assert upload(manager, broken).status_code == 302
    loads = list(ReturnLoad.objects.order_by("pk"))
    assert [load.errors > 0 for load in loads] == [False, True, False, True]
    assert all(load.warnings for load in loads if not load.errors)
    assert (var_dir / "returns.duckdb").exists()

    assert scan_database(secrets) == []
    assert scan_files(var_dir, secrets) == []
