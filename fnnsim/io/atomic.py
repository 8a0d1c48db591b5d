"""Atomic file writes: a reader sees the old file or the whole new one, never half of one."""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import IO

NEW_FILE_MODE = 0o666  # what open() asks for; the kernel takes the umask off it


@contextlib.contextmanager
def atomic_open(path: str | Path, mode: str = "w", **kwargs: object) -> Iterator[IO]:
    """Open a temporary file beside `path`; on success fsync it and rename it over `path`.

    The file ends with the mode a program's new file gets (0666 less the umask), or, when
    it replaces one, that file's mode: not tempfile.mkstemp's private 0600."""
    path = Path(path)
    try:
        fd, tmp = _create_beside(path)
    except OSError as exc:  # name the file the learner chose, not our temporary one
        raise OSError(exc.errno, exc.strerror, str(path)) from exc
    try:
        _keep_mode(fd, path)
        with os.fdopen(fd, mode, **kwargs) as f:  # type: ignore[call-overload]
            yield f
            f.flush()
            os.fsync(f.fileno())
        try:
            os.replace(tmp, path)
        except OSError as exc:  # e.g. `path` is a folder: name it, not the temporary file
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _create_beside(path: Path) -> tuple[int, str]:
    """A new, empty, hidden file in `path`'s folder, created as open() creates any file
    (mode 0666 less the umask, which the kernel applies: reading the umask would mean
    setting it, for every thread at once)."""
    for _ in range(100):
        tmp = str(path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(tmp, _create_flags(), NEW_FILE_MODE), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {path}")


def _create_flags() -> int:
    """As tempfile.mkstemp opens: exclusively, not through a link, and binary on Windows
    (where a descriptor opened without O_BINARY turns every LF written into CRLF)."""
    return (os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
            | getattr(os, "O_BINARY", 0))


def _keep_mode(fd: int, path: Path) -> None:
    """Give the new file the mode of the file it will replace, if there is one."""
    fchmod = getattr(os, "fchmod", None)
    if fchmod is None:  # Windows before Python 3.13: no Unix modes to keep
        return
    try:
        old = os.stat(path)
    except OSError:  # nothing there yet (or unreadable: the rename will say so)
        return
    if stat.S_ISREG(old.st_mode):
        # a file system without Unix modes (FAT, some network shares) refuses: the
        # new file then has the folder's default mode, as any new file there would
        with contextlib.suppress(OSError):
            fchmod(fd, stat.S_IMODE(old.st_mode))


def write_text(path: str | Path, text: str) -> None:
    with atomic_open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)
