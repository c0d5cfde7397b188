"""Writing files people keep: complete or absent, readable by the owner only, errors naming the path.

Every file mutualis writes goes through :func:`written` (one file) or :func:`written_folder` (a set of
files that belong together, such as a month's statements): the content is written under a temporary
name in the same folder and renamed when complete, so a crash never leaves a truncated file under its
final name. Files are created ``0600`` (statements and bids carry confidential rates); pass ``mode`` for
a file meant to be shared on the machine. Office files (``.xlsx``) are made byte-stable: the same content
gives the same bytes (zip entry times fixed, the document's creation and modification dates set to
``stamp`` or left out), so writing the same statement twice changes nothing.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from consortium.errors import MutualisError

__all__ = ["FileProblem", "PRIVATE", "stabilise_zip", "written", "written_folder", "write_text", "write_bytes"]

PRIVATE = 0o600
PRIVATE_DIR = 0o700


class FileProblem(MutualisError):
    """A file or folder that cannot be written or read: the message names the path and the cause."""


def _why(error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        return "the folder does not exist"
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, IsADirectoryError):
        return "it is a folder, not a file"
    if isinstance(error, NotADirectoryError):
        return "a part of the path is a file, not a folder"
    if isinstance(error, FileExistsError):
        return "a file of that name is in the way"
    return error.strerror or type(error).__name__


def describe(path: Path | str, error: OSError) -> FileProblem:
    """The one-line error for ``error`` raised while writing or reading ``path``."""
    return FileProblem(f"{path}: {_why(error)}")


def _parent(path: Path) -> Path:
    parent = path.parent
    if parent.exists() and not parent.is_dir():
        raise FileProblem(f"{path}: {parent} is a file, not a folder")
    if path.is_dir():
        raise FileProblem(f"{path}: it is a folder, not a file")
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise describe(parent, error) from None
    return parent


_CORE_DATE = re.compile(r"<dcterms:(created|modified)([^>]*)>[^<]*</dcterms:\1>")


def stabilise_zip(path: Path, stamp: datetime | None = None) -> None:
    """Rewrite an Office zip so that its bytes depend on its content only (and on ``stamp``)."""
    with zipfile.ZipFile(path) as source:
        entries = [(info, source.read(info.filename)) for info in source.infolist()]
    when = stamp.strftime("%Y-%m-%dT%H:%M:%SZ") if stamp else None
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, content in entries:
            data = content
            if info.filename == "docProps/core.xml":
                text = data.decode("utf-8")
                # the element keeps its attributes: openpyxl declares the namespaces there when lxml is installed
                def dated(m: re.Match[str]) -> str:
                    return f"<dcterms:{m.group(1)}{m.group(2)}>{when}</dcterms:{m.group(1)}>"

                text = _CORE_DATE.sub(dated, text) if when else _CORE_DATE.sub("", text)
                data = text.encode("utf-8")
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            target.writestr(fixed, data)


@contextlib.contextmanager
def written(path: Path | str, mode: int = PRIVATE, stamp: datetime | None = None) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it becomes ``path`` (with ``mode``), else is removed.

    Missing parent folders are created. ``OSError`` from the caller's writing is turned into a
    :class:`FileProblem` naming ``path``. An ``.xlsx`` file is made byte-stable (:func:`stabilise_zip`).
    """
    path = Path(path)
    parent = _parent(path)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=parent)
    except OSError as error:
        raise describe(path, error) from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        if path.suffix.lower() in (".xlsx", ".docx") and zipfile.is_zipfile(tmp):
            stabilise_zip(tmp, stamp)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as error:
        tmp.unlink(missing_ok=True)
        raise describe(path, error) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_text(path: Path | str, text: str, mode: int = PRIVATE) -> Path:
    """Write ``text`` (UTF-8) to ``path`` atomically; return the path."""
    with written(path, mode) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return Path(path)


def write_bytes(path: Path | str, data: bytes, mode: int = PRIVATE) -> Path:
    """Write ``data`` to ``path`` atomically; return the path."""
    with written(path, mode) as tmp:
        tmp.write_bytes(data)
    return Path(path)


@contextlib.contextmanager
def written_folder(folder: Path | str, mode: int = PRIVATE_DIR) -> Iterator[Path]:
    """Yield a temporary folder; on success its files are moved into ``folder`` (created if missing).

    Until every file is written nothing appears in ``folder``; the move itself renames file by file
    inside one file system, so a crash during it leaves whole files only.
    """
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise FileProblem(f"{folder}: it is a file, not a folder")
    try:
        created = not folder.exists()
        folder.mkdir(parents=True, exist_ok=True)
        if created:
            os.chmod(folder, mode)
        staging = Path(tempfile.mkdtemp(prefix=".mutualis-", dir=folder))
    except OSError as error:
        raise describe(folder, error) from None
    try:
        yield staging
        for item in sorted(staging.rglob("*")):
            if item.is_file():
                if item.suffix.lower() in (".xlsx", ".docx") and zipfile.is_zipfile(item):
                    stabilise_zip(item)
                target = folder / item.relative_to(staging)
                target.parent.mkdir(parents=True, exist_ok=True)
                os.chmod(item, PRIVATE)
                os.replace(item, target)
    except OSError as error:
        raise describe(folder, error) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
