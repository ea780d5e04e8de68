"""Writing output files: whole or not at all (a temporary file in the same folder, then a rename)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from summarizer.errors import OutputError


def write_atomic(path: str | Path, text: str) -> None:
    """Write text to path via a temporary file in the same folder, so no half-written file is ever left."""
    path = Path(path)
    if path.is_dir():
        raise OutputError(f"-o {path}: is a directory")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent if str(path.parent) else ".")
    except OSError as exc:
        raise OutputError(f"-o {path}: cannot write there ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
