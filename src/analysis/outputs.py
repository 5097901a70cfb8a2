"""Atomic writes: a file appears complete or not at all, so a failed run never leaves half a table.

Used only by `pipeline` and `plots`, the modules allowed to write, and by `fetch` for raw pages.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd


def write_atomic(path: Path, write: Callable[[Path], None], mode: int = 0o644) -> None:
    """Call `write(tmp)` on a temporary file beside `path`, then rename it over `path` (with `mode`)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_text(path: Path, text: str) -> None:
    write_atomic(path, lambda tmp: tmp.write_text(text, encoding="utf-8", newline="\n"))


def write_table(frame: pd.DataFrame, path: Path) -> None:
    """CSV (UTF-8, '\\n' line ends) or Parquet, chosen by the file's suffix; byte-identical on rerun."""
    path = Path(path)
    if path.suffix == ".csv":
        write_atomic(path, lambda tmp: frame.to_csv(tmp, index=False, lineterminator="\n", encoding="utf-8"))
    elif path.suffix == ".parquet":
        write_atomic(path, lambda tmp: frame.to_parquet(tmp, index=False, engine="pyarrow", compression="zstd"))
    else:
        raise ValueError(f"{path}: output must end in .csv or .parquet")
