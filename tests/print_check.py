"""A rendered report printed to PDF by headless Chromium (A4, as a board paper is printed), and
the number of pages it came to."""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

from tests.browser_check import _FLAGS, TIMEOUT_SECONDS, chromium_path

# One page object per printed page ("/Type /Pages" is the tree that holds them).
_PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?!s)")


def print_to_pdf(html_path: Path, pdf_path: Path) -> int:
    """Print `html_path` to `pdf_path` without browser headers and footers; its page count."""
    html_path, pdf_path = Path(html_path).resolve(), Path(pdf_path).resolve()
    pdf_path.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        finished = subprocess.run(
            [
                str(chromium_path()),
                *_FLAGS,
                f"--user-data-dir={profile}",
                "--no-pdf-header-footer",
                f"--print-to-pdf={pdf_path}",
                html_path.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    if finished.returncode != 0 or not pdf_path.is_file():
        raise RuntimeError(
            f"Chromium exited with code {finished.returncode} without writing {pdf_path}:\n"
            + finished.stderr[-2000:]
        )
    return len(_PAGE_OBJECT.findall(pdf_path.read_bytes()))
