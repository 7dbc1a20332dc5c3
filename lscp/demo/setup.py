"""The demo partnership's logins: one per role, synthetic, with a shared demo password."""

from __future__ import annotations

import functools
import tomllib
from pathlib import Path

from django.contrib.auth import get_user_model

from lscp.partnership.models import Membership, Partnership, Role

DEMO_BUNDLE = Path(__file__).parent / "bundle"
DEMO_PASSWORD = "demo-password-2021"


@functools.cache
def demo_slug() -> str:
    """The demo partnership's slug, as its bundle's manifest gives it: the one partnership
    whose pages may say "Demo data" (a real partnership's never do)."""
    manifest = tomllib.loads((DEMO_BUNDLE / "manifest.toml").read_text(encoding="utf-8"))
    return str(manifest["partnership"]["slug"])


def is_demo(partnership: Partnership | None) -> bool:
    return partnership is not None and partnership.slug == demo_slug()


# username, role, agency code (for a contributor), staff (Django admin), description
DEMO_USERS = [
    ("manager", Role.BUSINESS_UNIT, None, False,
     "business unit: partnership manager, keeps every register"),
    ("chair", Role.CHAIR, None, False, "Independent Chair: reads all, approves reports"),
    ("police", Role.AGENCY_CONTRIBUTOR, "met-police", False,
     "agency contributor: Metropolitan Police"),
    ("board", Role.BOARD_MEMBER, None, False, "Board member: reads dashboards and registers"),
]


def create_demo_users(partnership: Partnership) -> list[tuple[str, str]]:
    User = get_user_model()
    made = []
    for username, role, agency_code, staff, description in DEMO_USERS:
        user, created = User.objects.get_or_create(username=username)
        if created:
            user.set_password(DEMO_PASSWORD)
        user.is_staff = staff  # every register is kept in the app: the admin is housekeeping
        user.is_superuser = False
        user.save()
        agency = partnership.agencies.get(code=agency_code) if agency_code else None
        Membership.objects.update_or_create(
            user=user, defaults={"partnership": partnership, "role": role, "agency": agency})
        made.append((username, description))
    return made


RETURNS_YEAR = "2021-22"
RETURNS_CHILDREN = 5300  # about the children open to Bromley's social care in a year
RETURNS_SEED = 2122


def add_returns_year(partnership: Partnership) -> str:
    """The illustrative 2021-22: children's social care values made by the synthetic return
    generator, read back by the readers and computed by the indicator SQL; none typed in."""
    import tempfile

    from lscp.dataset import submissions
    from lscp.dataset.models import Submission
    from lscp.dataset.returns import load_files, submit_load
    from lscp.returns.synth import generate

    if not partnership.years.filter(label=RETURNS_YEAR).exists():
        return f"no {RETURNS_YEAR} year in the bundle: skipped"
    done = Submission.objects.filter(partnership=partnership, period=RETURNS_YEAR,
                                     agency__sector="local_authority", status="approved")
    if done.exists():
        return f"{RETURNS_YEAR} returns already loaded"
    with tempfile.TemporaryDirectory(prefix="lscp-demo-returns-") as folder:
        out = Path(folder)
        generate(RETURNS_CHILDREN, RETURNS_SEED, RETURNS_YEAR, out)
        load = load_files(partnership, RETURNS_YEAR, next(out.glob("*.xml")),
                          sorted(out.glob("*.csv")))
    submission = submit_load(load, None, illustrative=True)
    submissions.submission_approve(submission=submission, by=None)
    return (f"{RETURNS_YEAR}: synthetic returns for {RETURNS_CHILDREN:,} children read, "
            f"{len(load.results)} indicator values computed and approved (illustrative)")


DEMO_TRAINING = Path(__file__).parent / "training"


def add_training(partnership: Partnership) -> str:
    """The training programme's synthetic exports (training/README.md), read through the
    same mappings and importer as a partnership's own: every training figure is computed."""
    from lscp.workforce.manifest import import_manifest

    done = import_manifest(partnership, DEMO_TRAINING / "imports.toml")
    return f"Training: {len(done)} mappings and exports imported (synthetic rows)"
