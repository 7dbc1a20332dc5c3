"""The partnership's report cover: its logo and whom readers contact, kept by the business unit.

An uploaded logo is read with Pillow and drawn again as PNG, at most 1,200 pixels a side:
what is kept is pixels only (no metadata, nothing but an image), whatever was uploaded. Only
PNG and JPEG files are taken, told by their first bytes, not their names.
"""

from __future__ import annotations

import hashlib
import io
from typing import Any

from django.db import transaction
from django.utils import timezone
from PIL import Image, UnidentifiedImageError

from lscp.audit.history import acts_as
from lscp.partnership.models import Logo, Partnership

MAX_UPLOAD = 2 * 1024 * 1024  # bytes
MAX_SIDE = 1200  # pixels kept on the longer side
MAX_PIXELS = 40_000_000  # refused before decoding: a small file can claim a huge picture
SIGNATURES = {b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG"}


class LogoRefused(ValueError):
    """The upload cannot be a logo; the message says why, for the person uploading it."""


def logo_png(data: bytes) -> tuple[bytes, int, int]:
    """The upload as PNG no larger than MAX_SIDE, with its width and height."""
    if len(data) > MAX_UPLOAD:
        raise LogoRefused("The logo must be smaller than 2 MB")
    kind = next((k for magic, k in SIGNATURES.items() if data.startswith(magic)), None)
    if kind is None:
        raise LogoRefused("The logo must be a PNG or JPEG image")
    try:
        with Image.open(io.BytesIO(data), formats=[kind]) as image:
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise LogoRefused("The logo must be smaller than 40 million pixels")
            image.load()
            drawn = image.convert("RGBA" if "A" in image.getbands() or
                                  "transparency" in image.info else "RGB")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise LogoRefused(f"The logo could not be read as a {kind} image") from exc
    drawn.thumbnail((MAX_SIDE, MAX_SIDE))
    out = io.BytesIO()
    drawn.save(out, format="PNG")
    return out.getvalue(), drawn.width, drawn.height


@transaction.atomic
@acts_as("by")
def logo_set(*, partnership: Partnership, data: bytes, by: Any) -> Logo:
    png, width, height = logo_png(data)
    logo, _ = Logo.objects.update_or_create(partnership=partnership, defaults={
        "image": png, "width": width, "height": height,
        "sha256": hashlib.sha256(png).hexdigest(), "uploaded_at": timezone.now(),
        "uploaded_by": by if getattr(by, "is_authenticated", False) else None})
    return logo


@transaction.atomic
@acts_as("by")
def logo_remove(*, partnership: Partnership, by: Any) -> bool:
    logo = Logo.objects.filter(partnership=partnership).first()
    if logo is None:
        return False
    logo.delete()
    return True


CONTACT_FIELDS = ("contact_team", "contact_email", "contact_phone", "contact_address",
                  "website")


@transaction.atomic
@acts_as("by")
def contact_set(*, partnership: Partnership, values: dict[str, str], by: Any) -> Partnership:
    """Only the contact fields change; the save replaces the data version, so the cached
    report (and its cover) is built again."""
    for name in CONTACT_FIELDS:
        setattr(partnership, name, values.get(name, "").strip())
    partnership.save(update_fields=list(CONTACT_FIELDS))
    return partnership
