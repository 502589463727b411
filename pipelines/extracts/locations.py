"""Where extract files arrive, and where they go once read: the drop folder and its sub-folders.

OUTCOMES_DROP_DIR (default: <project>/drop) holds one folder per declared source (the
declaration's `arrives.folder`), plus:
  archive/<source id>/      every file read, loaded or already loaded, kept byte for byte;
  quarantine/<source id>/   files that failed, each beside its report (.report.txt, .report.json);
  reports/<source id>/      expectation-suite results (Data Docs HTML and JSON).
A drop folder therefore holds only files still waiting to be read.

OUTCOMES_LSOA_LOOKUP (optional) names the ONS LSOA 2011 → 2021 lookup CSV, so LSOA codes can be
checked against the code list of the vintage a source declares.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from pipelines.settings import PROJECT_ROOT

DROP_DIR_VARIABLE = "OUTCOMES_DROP_DIR"
LSOA_LOOKUP_VARIABLE = "OUTCOMES_LSOA_LOOKUP"
# Sub-folders of the drop folder that are not drop folders themselves.
RESERVED_FOLDERS = ("archive", "quarantine", "reports")


def drop_dir_from_env() -> Path:
    """OUTCOMES_DROP_DIR, or <project>/drop."""
    configured = os.environ.get(DROP_DIR_VARIABLE, "").strip()
    return Path(configured) if configured else PROJECT_ROOT / "drop"


def lsoa_lookup_from_env() -> Path | None:
    """OUTCOMES_LSOA_LOOKUP, or None: LSOA codes are then checked by the code ranges alone."""
    configured = os.environ.get(LSOA_LOOKUP_VARIABLE, "").strip()
    return Path(configured) if configured else None


@dataclass(frozen=True)
class DropFolders:
    root: Path

    def incoming(self, folder: str) -> Path:
        return self.root / folder

    def archive(self, source_id: str) -> Path:
        return self.root / "archive" / source_id

    def quarantine(self, source_id: str) -> Path:
        return self.root / "quarantine" / source_id

    def reports(self, source_id: str) -> Path:
        return self.root / "reports" / source_id
