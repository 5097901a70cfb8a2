"""Atomic writes: a file appears complete or not at all, and an output folder is replaced as a whole, so a
failed or killed run never leaves half a table or a mix of two runs' tables.

Used only by `pipeline` and `plots`, the modules allowed to write, and by `fetch` for raw pages.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd

# Names of the temporaries, so that stale ones (left by a killed run) are recognised and removed, here and
# by `make clean`: ".NAME.XXXX.tmp" beside a file; ".FOLDER.staging-XXXX" and ".FOLDER.lock" beside a folder.
TMP_SUFFIX = ".tmp"
STAGING_INFIX = ".staging-"
LOCK_SUFFIX = ".lock"


def write_atomic(path: Path, write: Callable[[Path], None], mode: int = 0o644) -> None:
    """Call `write(tmp)` on a temporary file beside `path`, then rename it over `path` (with `mode`).

    An error names `path`, never the temporary file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TMP_SUFFIX, dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as err:
        if err.filename and str(err.filename) == str(tmp):
            raise OSError(err.errno, err.strerror, str(path)) from None
        raise
    finally:
        tmp.unlink(missing_ok=True)


@contextlib.contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on `folder` (a lock file beside it): concurrent builds publish one after the other."""
    folder = Path(folder).absolute()
    folder.parent.mkdir(parents=True, exist_ok=True)
    lock_path = folder.parent / f".{folder.name}{LOCK_SUFFIX}"
    with open(lock_path, "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def stale_temporaries(folder: Path) -> list[Path]:
    """Temporaries a killed run left: staging folders beside `folder`, temporary files inside it."""
    folder = Path(folder).absolute()
    found = sorted(folder.parent.glob(f".{folder.name}{STAGING_INFIX}*"))
    if folder.is_dir():
        found += sorted(p for p in folder.glob(f".*{TMP_SUFFIX}") if p.is_file())
    return found


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


_RENAME_EXCHANGE, _AT_FDCWD = 2, -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step (Linux renameat2 RENAME_EXCHANGE); False where it is unavailable."""
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(str(a)), _AT_FDCWD, os.fsencode(str(b)), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.EXDEV):
        return False
    raise OSError(code, os.strerror(code), str(b))


def publish_folder(folder: Path, write: Callable[[Path], None]) -> None:
    """Write a whole output set with `write(staging)` into a staging folder beside `folder`, then publish it in
    one step: the staging folder and `folder` are swapped atomically (renameat2), so a reader or a killed run
    sees the old set or the new one, never a mix. Files already in `folder` that the new set does not contain
    (a .gitkeep, a README) are carried over. Runs under `folder_lock`; stale temporaries are removed first."""
    folder = Path(folder).absolute()
    with folder_lock(folder):
        for stale in stale_temporaries(folder):
            _remove(stale)
        staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}{STAGING_INFIX}", dir=folder.parent))
        try:
            write(staging)
            if folder.is_dir():
                for entry in folder.iterdir():
                    target = staging / entry.name
                    if not target.exists() and entry.is_file():
                        shutil.copy2(entry, target)
            os.chmod(staging, 0o755)
            if not folder.exists():
                os.rename(staging, folder)
            elif not _exchange(staging, folder):
                # no atomic swap on this system: two renames, the old set kept until the new one is in place
                old = Path(tempfile.mkdtemp(prefix=f".{folder.name}{STAGING_INFIX}old-", dir=folder.parent))
                os.rmdir(old)
                os.rename(folder, old)
                os.rename(staging, folder)
                staging = old
        finally:
            _remove(staging)  # after the swap it holds the previous set
        dir_fd = os.open(folder.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


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
