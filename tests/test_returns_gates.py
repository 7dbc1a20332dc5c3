"""Quality gates on statutory returns (issue 14, findings 1 and 2).

A load with errors is a validation report, never figures; only measures whose source tables
were in the load are computed and submitted; every refusal is a plain message.
"""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from django.test import Client

from lscp.dataset import submissions
from lscp.dataset.models import ReturnLoad, Submission, Value
from lscp.returns.measures import load_measures

YEAR = "2024-25"
EPISODES_HEADER = ("CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,"
                   "HOME_POST,PL_POST,URN\n")
GOOD_EPISODE = "1001,01/05/2024,S,C2,N1,U1,PR1,,,,,,\n"


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    from lscp.returns.synth import generate

    out = tmp_path_factory.mktemp("synth")
    generate(300, 11, YEAR, out)
    return out


def cin_of(folder: Path) -> Path:
    return next(folder.glob("*.xml"))


def csvs_of(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.csv"))


def csvs_to_submit(folder: Path) -> list[Path]:
    """The 903 tables but the adoption ones, whose synthetic timings are not all plausible
    (days cannot be negative): these tests are about which measures are submitted."""
    return [p for p in csvs_of(folder) if p.name not in ("ad1.csv", "placed_for_adoption.csv")]


def lscp(monkeypatch: pytest.MonkeyPatch, *args: object) -> tuple[int, str, str]:
    """Run `lscp ...` as a user would, in this process: (exit code, stdout, stderr)."""
    from django.db import connections

    from lscp.cli import main

    monkeypatch.setattr(connections, "close_all", lambda: None)  # keep the test's database
    out, err = io.StringIO(), io.StringIO()
    code: int | str | None = 0
    with redirect_stdout(out), redirect_stderr(err):
        try:
            main(["lscp", *(str(a) for a in args)])
        except SystemExit as exc:
            code = exc.code
    return int(code or 0), out.getvalue(), err.getvalue()


def plain_refusal(code: int, err: str) -> None:
    assert code != 0
    assert "CommandError:" in err
    assert "Traceback" not in err


# --- finding 1: a load with errors is a validation report ----------------------------------

BAD_FILES = {
    "header matching no table": "ID,NAME,WHEN\n1,Jo,01/01/2024\n",
    "impossible date": EPISODES_HEADER + GOOD_EPISODE + "1002,31/02/2025,S,C2,N1,U1,PR1,,,,,,\n",
    "row split by a formula cell": EPISODES_HEADER + GOOD_EPISODE
    + "1003,01/06/2024,S,C2,N1,=IF(A1>0,U1,U2),PR1,,,,,,\n",
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_a_return_with_errors_exits_non_zero_and_adds_no_figures(  # type: ignore[no-untyped-def]
        demo, synthetic, tmp_path, monkeypatch, case: str) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(BAD_FILES[case], encoding="utf-8")
    store = tmp_path / "returns.duckdb"
    values, loads = Value.objects.count(), Submission.objects.count()

    code, out, err = lscp(monkeypatch, "returns", "load", "--year", YEAR, "--cin", cin_of(synthetic),
                          "--903", *csvs_of(synthetic), bad, "--store", store, "--submit")

    plain_refusal(code, err)
    assert "validation report" in err
    load = ReturnLoad.objects.get()
    assert load.errors > 0 and load.results == []
    assert bytes(load.report).decode("utf-8-sig").count("\n") > load.errors  # the report is kept
    assert (Value.objects.count(), Submission.objects.count()) == (values, loads)
    assert not store.exists()  # no child-level store built from a return with errors
    assert "children-in-need" not in out


def test_warnings_alone_exit_zero_with_figures(demo, synthetic, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    reviews = tmp_path / "reviews.csv"
    text = (synthetic / "reviews.csv").read_text(encoding="utf-8").splitlines()
    reviews.write_text("\n".join([text[0] + ",NOTES", *(line + "," for line in text[1:])]) + "\n")
    files = [p for p in csvs_of(synthetic) if p.name != "reviews.csv"] + [reviews]

    code, out, err = lscp(monkeypatch, "returns", "load", "--year", YEAR, "--903", *files)

    assert code == 0, err
    load = ReturnLoad.objects.get()
    assert load.errors == 0 and load.warnings > 0
    assert "looked-after-at-31-march" in out


def test_the_review_page_offers_the_report_not_submit_for_a_load_with_errors(  # type: ignore[no-untyped-def]
        manager: Client, demo) -> None:
    upload = io.BytesIO(BAD_FILES["impossible date"].encode())
    upload.name = "episodes.csv"
    response = manager.post("/dataset/returns/", {"year": YEAR, "files": [upload]})
    assert response.status_code == 302
    load = ReturnLoad.objects.get()
    page = manager.get(response["Location"]).content.decode()

    assert "Submit as the local authority" not in page
    assert "download the validation report" in page.lower() and "fix" in page
    refused = manager.post(f"/dataset/returns/{load.pk}/", follow=True)
    assert "errors" in refused.content.decode() and not Submission.objects.exists()
    assert not Value.objects.filter(period=YEAR).exists()


def test_submit_load_refuses_a_load_with_errors_in_plain_words(demo) -> None:  # type: ignore[no-untyped-def]
    from lscp.dataset.returns import submit_load
    from lscp.partnership.workflow import WorkflowError

    load = ReturnLoad.objects.create(partnership=demo, year=YEAR, errors=3, report=b"",
                                     provenance="returns", results=[
                                         {"measure": "children-in-need", "indicator": "cin",
                                          "category": "", "value": "0", "numerator": None,
                                          "denominator": None}])
    with pytest.raises(WorkflowError, match="3 errors"):
        submit_load(load, None)
    assert not Value.objects.filter(period=YEAR).exists()


def test_a_bad_year_or_missing_file_is_a_plain_refusal(demo, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    plain_refusal(*lscp(monkeypatch, "returns", "load", "--year", "24-25", "--903",
                        tmp_path / "x.csv")[::2])
    plain_refusal(*lscp(monkeypatch, "returns", "load", "--year", YEAR, "--903",
                        tmp_path / "missing.csv")[::2])
    assert not ReturnLoad.objects.exists()


# --- finding 2: only measures whose sources were loaded ------------------------------------

def test_every_measure_knows_the_tables_it_reads() -> None:
    from lscp.returns.pipeline import tables_read

    read = {m.code: tables_read(m) for m in load_measures()}
    assert all(read.values()), [code for code, tables in read.items() if not tables]
    assert read["children-in-need"] == {"cin_episodes"}
    assert read["looked-after-at-31-march"] == {"lac_episodes"}
    assert read["long-term-stability"] == {"lac_episodes", "lac_header"}
    assert read["care-leavers-in-touch"] == {"lac_care_leavers"}


def test_a_903_only_submit_keeps_the_cin_values(demo, synthetic, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    code, _, err = lscp(monkeypatch, "returns", "load", "--year", YEAR, "--cin", cin_of(synthetic),
                        "--903", *csvs_to_submit(synthetic), "--submit")
    assert code == 0, err
    cin = Value.objects.get(indicator__code="cin", period=YEAR, category="")
    assert cin.value and cin.value > 0
    submission = Submission.objects.get(period=YEAR, agency__sector="local_authority")
    submissions.submission_approve(submission=submission, by=None)
    submissions.submission_reopen(submission=submission, by=None, reason="903 resent")

    code, out, err = lscp(monkeypatch, "returns", "load", "--year", YEAR,
                          "--903", *csvs_to_submit(synthetic), "--submit")

    assert code == 0, err
    second = ReturnLoad.objects.order_by("pk").last()
    assert second is not None
    assert {r["measure"] for r in second.results} & {"children-in-need", "referrals"} == set()
    assert "children-in-need" in {s["measure"] for s in second.skipped}
    after = Value.objects.get(pk=cin.pk)
    assert (after.value, after.provenance) == (cin.value, cin.provenance)
    assert second.submission is not None and second.submission.status == "submitted"
    assert Value.objects.get(indicator__code="cla", period=YEAR, category="").value
    assert "Not computed" in out


def test_a_903_load_without_the_oc3_table_does_not_compute_care_leaver_measures(  # type: ignore[no-untyped-def]
        demo, synthetic) -> None:
    from lscp.dataset.returns import load_files

    files = [p for p in csvs_of(synthetic) if p.name != "oc3.csv"]
    load = load_files(demo, YEAR, None, files)
    measures = {r["measure"] for r in load.results}
    assert "looked-after-at-31-march" in measures
    assert not measures & {"care-leavers-in-touch", "care-leavers-eet", "children-in-need"}
    skipped = {s["measure"]: s["needs"] for s in load.skipped}
    assert "lac_care_leavers" in skipped["care-leavers-in-touch"]


def test_the_review_page_of_a_903_only_load_says_what_was_not_computed(  # type: ignore[no-untyped-def]
        manager: Client, demo, synthetic) -> None:
    uploads = []
    for path in csvs_of(synthetic):
        handle = io.BytesIO(path.read_bytes())
        handle.name = path.name
        uploads.append(handle)
    response = manager.post("/dataset/returns/", {"year": YEAR, "files": uploads})
    assert response.status_code == 302
    page = manager.get(response["Location"]).content.decode()
    assert "Not computed" in page
    skipped = page.split("Not computed", 1)[1].split("</ul>", 1)[0]
    assert "Children in need at 31 March: needs cin_episodes" in skipped  # its title, not code
    assert "children-in-need" not in skipped
    assert "Submit as the local authority" in page


def test_a_second_submit_without_reopening_is_a_plain_refusal(demo, synthetic, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    args = ("returns", "load", "--year", YEAR, "--903", *csvs_to_submit(synthetic), "--submit")
    assert lscp(monkeypatch, *args)[0] == 0
    code, _, err = lscp(monkeypatch, *args)
    plain_refusal(code, err)
    assert "reopen" in err


# --- the size limit is a flag ---------------------------------------------------------------

def test_the_size_limit_is_a_documented_flag(demo, synthetic, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    cin = cin_of(synthetic)
    size_mb = cin.stat().st_size / 1_000_000
    code, _, err = lscp(monkeypatch, "returns", "load", "--year", YEAR, "--cin", cin,
                        "--max-mb", f"{size_mb / 2:.3f}")
    plain_refusal(code, err)
    assert "over the limit" in err and "--max-mb" in err
    code, _, err = lscp(monkeypatch, "returns", "load", "--year", YEAR, "--cin", cin,
                        "--max-mb", f"{size_mb * 2:.3f}")
    assert code == 0, err
    doc = (Path(__file__).resolve().parent.parent / "docs" / "returns.md").read_text()
    assert "--max-mb" in doc
