"""A folder of exports imported together, as its `imports.toml` lists them: each source's
mapping first, then each export for its year. The demo loads its training this way, and
`lscp training import --manifest FILE` does the same for a partnership's own folder."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from django.db import transaction

from lscp.partnership.models import Partnership
from lscp.workforce.importer import TrainingImportResult, import_export
from lscp.workforce.services import Refused, mapping_save


class ManifestRefused(Exception):
    """Something in the folder is wrong: nothing of it was imported."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@transaction.atomic
def import_manifest(partnership: Partnership, manifest: Path, *, by: Any = None) -> list[str]:
    """Every mapping and export the manifest lists, all or nothing; what each came to."""
    folder = manifest.parent
    try:
        listed = tomllib.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ManifestRefused([f"{manifest.name}: {exc}"]) from None
    done = []
    for entry in listed.get("mapping", []):
        try:
            mapping_save(partnership=partnership, by=by, source=entry["source"],
                         text=(folder / entry["file"]).read_text(encoding="utf-8"))
        except Refused as exc:
            raise ManifestRefused([f"{entry['file']}: {exc}"]) from None
        done.append(f"mapping {entry['source']} from {entry['file']}")
    for entry in listed.get("export", []):
        path = folder / entry["file"]
        result: TrainingImportResult = import_export(
            partnership, year=entry["year"], source=entry["source"], name=path.name,
            data=path.read_bytes(), by=by, illustrative=bool(entry.get("illustrative")))
        if not result.ok:
            raise ManifestRefused(result.listed_problems())
        done.append(f"{path.name}: {result.summary()}")
    return done
