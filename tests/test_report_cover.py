"""The report cover page: the business unit uploads the logo and keeps the contact that every
report's cover prints; what is kept of an upload is pixels only."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import lxml.html
import pytest
from django.test import Client
from PIL import Image, PngImagePlugin

from lscp.demo.setup import DEMO_BUNDLE
from lscp.partnership.bundle.importer import load_bundle
from lscp.partnership.cover import LogoRefused, logo_png
from lscp.partnership.models import Logo, Partnership

PAGE = "/report-cover/"
DOWNLOAD = "/reports/yearly/2020-21/download.html"


def picture(kind: str = "PNG", size: tuple[int, int] = (300, 150), **info: str) -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", size, "#1d70b8")
    if info:
        text = PngImagePlugin.PngInfo()
        for key, value in info.items():
            text.add_text(key, value)
        image.save(out, format=kind, pnginfo=text)
    else:
        image.save(out, format=kind)
    return out.getvalue()


def upload(client: Client, data: bytes, name: str = "logo.png") -> object:
    file = io.BytesIO(data)
    file.name = name
    return client.post(PAGE, {"action": "logo", "file": file})


# Reading an upload: pure, no database ---------------------------------------------------------


def test_a_png_is_kept_as_pixels_only() -> None:
    png, width, height = logo_png(picture(Author="someone@example.org"))
    assert png.startswith(b"\x89PNG") and (width, height) == (300, 150)
    assert b"someone@example.org" not in png


def test_a_jpeg_becomes_png_and_a_large_one_is_made_smaller() -> None:
    png, width, height = logo_png(picture("JPEG", (2400, 600)))
    assert png.startswith(b"\x89PNG") and (width, height) == (1200, 300)


@pytest.mark.parametrize(("data", "message"), [
    (b"%PDF-1.7 not a picture", "must be a PNG or JPEG"),
    (b"\x89PNG\r\n\x1a\n broken", "could not be read as a PNG"),
    (b"\xff\xd8\xff" + b"0" * (3 * 1024 * 1024), "smaller than 2 MB"),
])
def test_what_is_not_a_logo_is_refused_in_words(data: bytes, message: str) -> None:
    with pytest.raises(LogoRefused, match=message):
        logo_png(data)


# The page -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_only_the_business_unit_keeps_the_cover(manager: Client, chair: Client,
                                                 contributor: Client,
                                                 board_member: Client) -> None:
    assert manager.get(PAGE).status_code == 200
    for other in (chair, contributor, board_member):
        assert other.get(PAGE).status_code == 403
        assert other.post(PAGE, {"action": "remove"}).status_code == 403


@pytest.mark.django_db
def test_the_home_page_links_the_business_unit_to_it(manager: Client, board_member: Client) -> None:
    assert PAGE.encode() in manager.get("/").content
    assert PAGE.encode() not in board_member.get("/").content


@pytest.mark.django_db
def test_an_uploaded_logo_is_on_the_next_report_cover(manager: Client,
                                                      demo: Partnership) -> None:
    response = upload(manager, picture())
    assert response.status_code == 302
    logo = Logo.objects.get(partnership=demo)
    assert bytes(logo.image).startswith(b"\x89PNG")
    assert manager.get(PAGE + "logo.png")["Content-Type"] == "image/png"
    cover = lxml.html.fromstring(manager.get(DOWNLOAD).content).xpath(
        "//header[@class='report-cover']")[0]
    image = cover.xpath(".//img")[0]
    assert image.get("alt") == f"Logo of the {demo.name}"
    assert image.get("src").startswith("data:image/png;base64,")

    assert manager.post(PAGE, {"action": "remove"}).status_code == 302
    assert not Logo.objects.filter(partnership=demo).exists()
    assert not lxml.html.fromstring(manager.get(DOWNLOAD).content).xpath(
        "//header[@class='report-cover']//img")


@pytest.mark.django_db
def test_a_file_that_is_not_a_picture_is_refused_on_the_page(manager: Client,
                                                             demo: Partnership) -> None:
    response = upload(manager, b"%PDF-1.7", "logo.png")
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and "The logo must be a PNG or JPEG image" in page
    assert not Logo.objects.filter(partnership=demo).exists()


@pytest.mark.django_db
def test_the_contact_is_saved_and_printed_on_the_cover(manager: Client,
                                                       demo: Partnership) -> None:
    response = manager.post(PAGE, {
        "action": "contact", "contact_team": "Safeguarding partnership team",
        "contact_email": "team@example.org", "contact_phone": "01632 960000",
        "contact_address": "Civic Centre\nHigh Street", "website": "https://example.org"})
    assert response.status_code == 302
    demo.refresh_from_db()
    assert demo.contact_lines() == ["Safeguarding partnership team", "Civic Centre",
                                    "High Street", "01632 960000", "team@example.org",
                                    "https://example.org"]
    cover = lxml.html.fromstring(manager.get(DOWNLOAD).content).xpath(
        "//header[@class='report-cover']")[0]
    assert "team@example.org" in cover.text_content()


@pytest.mark.django_db
def test_a_wrong_email_is_refused_in_words(manager: Client, demo: Partnership) -> None:
    response = manager.post(PAGE, {"action": "contact", "contact_email": "not an address"})
    assert response.status_code == 200
    assert "Enter an email address in the correct format" in response.content.decode()
    demo.refresh_from_db()
    assert demo.contact_email == "BSCP@bromley.gov.uk"  # the demo's, unchanged


# The bundle ----------------------------------------------------------------------------------


def test_the_bundle_refuses_a_wrong_contact_naming_where(tmp_path: Path) -> None:
    folder = tmp_path / "bundle"
    shutil.copytree(DEMO_BUNDLE, folder)
    manifest = folder / "manifest.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(
        'contact_email = "BSCP@bromley.gov.uk"', 'contact_email = "not an address"'),
        encoding="utf-8")
    _, problems = load_bundle(folder)
    assert [str(p) for p in problems if "contact" in str(p)] == [
        "manifest.toml:0:partnership.contact_email: 'not an address' is not an email address, "
        "like name@example.org"]
