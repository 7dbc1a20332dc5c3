"""Statutory returns into the dataset: upload, review, submit with provenance; refusals."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from lscp.dataset.models import ReturnLoad, Submission, Value

PEER = Path(__file__).resolve().parents[2] / "shared" / "reference" / "peer-data"


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    from lscp.returns.synth import generate

    out = tmp_path_factory.mktemp("synth")
    generate(600, 7, "2024-25", out)
    return out


def files(folder: Path) -> list[tuple[str, bytes]]:
    return [(p.name, p.read_bytes()) for p in sorted(folder.iterdir())]


def post_upload(client: Client, year: str, named: list[tuple[str, bytes]]):  # type: ignore[no-untyped-def]
    uploads = []
    for name, data in named:
        handle = io.BytesIO(data)
        handle.name = name
        uploads.append(handle)
    return client.post("/dataset/returns/", {"year": year, "files": uploads})


def test_upload_review_and_submit_with_provenance(manager: Client, demo, synthetic) -> None:  # type: ignore[no-untyped-def]
    demo.years.create(label="2024-25")
    response = post_upload(manager, "2024-25", files(synthetic))
    assert response.status_code == 302, response.content.decode()[:2000]
    load = ReturnLoad.objects.get()
    review = manager.get(response["Location"]).content.decode()
    assert "Review the computed values" in review
    assert "sha256:" in load.provenance
    assert load.rows["cin_children"] == 600
    report = manager.get(f"/dataset/returns/{load.pk}/report.csv")
    assert report.content.decode("utf-8-sig").startswith("file,line,child,field,severity")

    response = manager.post(f"/dataset/returns/{load.pk}/")
    assert response.status_code == 302
    submission = Submission.objects.get(agency__code="lbb-csc", period="2024-25")
    assert submission.status == "submitted"
    value = Value.objects.get(indicator__code="cin", period="2024-25", category="")
    assert value.submission == submission
    assert value.provenance.startswith("returns 2024-25: cin_census_2024-25.xml sha256:")
    assert "LSCP Insight" in value.provenance
    # No raw child identifier, UPN or full postcode reached the database.
    raw = (synthetic / "header.csv").read_text().splitlines()[1].split(",")
    assert raw[0] not in str(list(ReturnLoad.objects.values_list("results", "report")))


@pytest.mark.parametrize(("name", "content", "message"), [
    ("bomb.xml", b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                 b'<!ENTITY lol2 "&lol;&lol;&lol;">]><Message>&lol2;</Message>', "refused"),
    ("xxe.xml", b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
                b"<Message>&e;</Message>", "refused"),
    ("cut.xml", b'<?xml version="1.0"?><Message><Header><CollectionDetails>', "refused"),
    ("zip.xml", b"PK\x03\x04\x14\x00\x00\x00binary", "refused"),
])
def test_malicious_or_broken_uploads_are_refused_and_nothing_stored(  # type: ignore[no-untyped-def]
        manager: Client, demo, name: str, content: bytes, message: str) -> None:
    response = post_upload(manager, "2020-21", [(name, content)])
    html = response.content.decode()
    assert response.status_code == 400
    assert f"{name} was refused" in html and "Nothing was stored" in html
    assert ReturnLoad.objects.count() == 0


@pytest.mark.parametrize(("chosen", "refused", "message"), [
    (["header.csv", "episodes.csv", "header.csv"], "header.csv", "two of the files chosen"),
    (["a/header.csv", "b/HEADER.csv"], "HEADER.csv", "two of the files chosen"),
    (["cin_census_2024-25.xml", "second.xml"], "second.xml", "only one CIN census XML"),
])
def test_files_that_would_hide_each_other_are_refused(  # type: ignore[no-untyped-def]
        manager: Client, demo, synthetic, chosen: list[str], refused: str, message: str) -> None:
    """Two files of one name once overwrote each other and the load went on without one."""
    demo.years.create(label="2024-25")
    sources = {p.name: p.read_bytes() for p in synthetic.iterdir()}
    picked = [(name, sources.get(Path(name).name.lower(), sources["cin_census_2024-25.xml"]
                                  if name.endswith(".xml") else sources["header.csv"]))
              for name in chosen]
    response = post_upload(manager, "2024-25", picked)
    html = response.content.decode()
    assert response.status_code == 400
    assert f"{refused} was refused" in html and message in html and "Nothing was stored" in html
    assert ReturnLoad.objects.count() == 0


def test_only_the_business_unit_loads_returns(contributor: Client, chair: Client) -> None:
    for client in (contributor, chair):
        assert client.get("/dataset/returns/").status_code == 403


@pytest.mark.skipif(not PEER.exists(), reason="the peer samples in ../shared are absent")
@pytest.mark.django_db
def test_the_command_reads_the_peer_samples_and_reports_their_errors(demo, tmp_path) -> None:  # type: ignore[no-untyped-def]
    report = tmp_path / "report.csv"
    out = io.StringIO()
    # The samples carry deliberate errors: the load is a validation report, never figures.
    with pytest.raises(CommandError, match="validation report"):
        call_command("returns", "load", year="2023-24", cin=PEER / "cin" / "fake_CIN_data.xml",
                     lac=sorted((PEER / "ssda903").glob("*.csv")), report=report, stdout=out)
    assert "errors" in out.getvalue()
    lines = report.read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) > 100
    assert ReturnLoad.objects.get().results == []


@pytest.mark.django_db
def test_the_command_can_keep_the_minimised_tables_for_analysts(demo, synthetic, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import duckdb

    store = tmp_path / "returns.duckdb"
    call_command("returns", "load", year="2024-25", cin=next(synthetic.glob("*.xml")),
                 lac=sorted(synthetic.glob("*.csv")), store=store, stdout=io.StringIO())
    con = duckdb.connect(str(store), read_only=True)
    assert con.execute("SELECT count(*) FROM cin_children").fetchone() == (600,)
    columns = {row[0] for row in con.execute("DESCRIBE lac_header").fetchall()}
    assert columns == {"child", "sex", "birth_month", "ethnicity"}  # no UPN, no full DOB
    assert con.execute("SELECT count(*) FROM lac_header WHERE day(birth_month) <> 1").fetchone() \
        == (0,)


def test_the_demo_2021_22_comes_from_synthetic_returns(demo) -> None:  # type: ignore[no-untyped-def]
    from lscp.dataset.models import Indicator
    from lscp.dataset.selectors import year_point
    from lscp.demo.setup import add_returns_year

    assert not Value.objects.filter(period="2021-22").exists()  # nothing typed in the bundle
    message = add_returns_year(demo)
    assert "indicator values computed and approved" in message
    values = Value.objects.filter(period="2021-22")
    assert values.count() > 20
    assert all(v.illustrative and v.provenance.startswith("returns 2021-22:") for v in values)
    cin = year_point(demo, Indicator.objects.get(code="cin"), "2021-22")
    assert cin is not None and cin.figure and cin.figure > 1000
    rate = year_point(demo, Indicator.objects.get(code="cin-rate"), "2021-22")
    assert rate is not None and rate.figure is not None  # computed from the count
    assert add_returns_year(demo) == "2021-22 returns already loaded"


def test_the_synth_command_writes_the_same_files_for_the_same_seed(tmp_path: Path) -> None:
    out = io.StringIO()
    call_command("returns", "synth", year="2024-25", children=200, seed=3, out=tmp_path / "a",
                 stdout=out)
    call_command("returns", "synth", year="2024-25", children=200, seed=3, out=tmp_path / "b",
                 stdout=io.StringIO())
    assert out.getvalue().splitlines()[0] == "cin_children: 200"
    for path in sorted((tmp_path / "a").iterdir()):
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes(), path.name
