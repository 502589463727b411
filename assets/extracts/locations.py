"""Where extract files arrive, and where they go once read: the drop folder and its sub-folders.

OUTCOMES_DROP_DIR (default: <project>/drop) holds one folder per declared source (the
declaration's `arrives.folder`), plus:
  archive/<source id>/      every file read, loaded or already loaded, kept byte for byte;
  quarantine/<source id>/   files that failed, each beside its report (.report.txt, .report.json);
  reports/<source id>/      expectation-suite results (Data Docs HTML and JSON).
A drop folder therefore holds only files still waiting to be read.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# Sub-folders of the drop folder that are not drop folders themselves.
RESERVED_FOLDERS = ("archive", "quarantine", "reports")


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
