"""A screenshot of a rendered report in headless Chromium: what a reader's browser would show.

Chromium runs with a fresh profile and with every background network feature off, so the check
needs no network and leaves nothing behind. Set CHROMIUM to use a browser other than Debian's.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

DEFAULT_CHROMIUM = "/usr/bin/chromium"
WINDOW_SIZE = (1280, 2000)
TIMEOUT_SECONDS = 60.0

_FLAGS = (
    "--headless",
    # Containers run as root, where Chromium's sandbox cannot start.
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)


class ChromiumNotFoundError(FileNotFoundError):
    """No Chromium executable where CHROMIUM (or the default path) says."""


def chromium_path() -> Path:
    """The Chromium executable: $CHROMIUM, else /usr/bin/chromium; raises if it is missing."""
    configured = os.environ.get("CHROMIUM", "").strip() or DEFAULT_CHROMIUM
    found = shutil.which(configured)
    if found is None:
        raise ChromiumNotFoundError(
            f"Chromium not found at {configured!r}: install it (apt-get install chromium) "
            "or set CHROMIUM to the browser's executable"
        )
    return Path(found)


def screenshot(html_path: Path, png_path: Path) -> None:
    """Render `html_path` in headless Chromium at 1280×2000 and save the viewport as `png_path`."""
    html_path, png_path = Path(html_path).resolve(), Path(png_path).resolve()
    if not html_path.is_file():
        raise FileNotFoundError(f"no page to screenshot at {html_path}")
    executable = chromium_path()
    png_path.parent.mkdir(parents=True, exist_ok=True)
    png_path.unlink(missing_ok=True)
    width, height = WINDOW_SIZE
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        command = [
            str(executable),
            *_FLAGS,
            f"--user-data-dir={profile}",
            f"--screenshot={png_path}",
            f"--window-size={width},{height}",
            html_path.as_uri(),
        ]
        try:
            finished = subprocess.run(
                command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False
            )
        except subprocess.TimeoutExpired as error:
            raise RuntimeError(
                f"Chromium did not finish a screenshot of {html_path} in {TIMEOUT_SECONDS:g} s"
            ) from error
    if finished.returncode != 0 or not png_path.is_file():
        raise RuntimeError(
            f"Chromium exited with code {finished.returncode} without writing {png_path}:\n"
            + finished.stderr[-2000:]
        )
