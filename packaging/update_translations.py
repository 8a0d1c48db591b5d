#!/usr/bin/env python3
"""Bring the Chinese translation up to date with the sources, and compile it.

    python packaging/update_translations.py          # update .ts, compile .qm, list to-dos
    python packaging/update_translations.py --check  # change nothing; exit 1 if anything
                                                     # is missing, unfinished or stale

1. pyside6-lupdate reads every fnnsim/**/*.py into resources/i18n/fnnsim_zh_CN.ts: new
   strings are added as "unfinished", existing translations are kept, strings no longer
   in the sources are dropped (-no-obsolete). No source locations are stored, so the .ts
   changes only when a text does (branches merge cleanly).
2. pyside6-lrelease compiles it to fnnsim_zh_CN.qm beside it.
3. It prints every unfinished message (context and source text): translate those in
   Qt Linguist (`pyside6-linguist`) or any text editor, then run this script again.

Works on Linux, Windows and macOS with PySide6 (or PySide6-Essentials) installed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "i18n" / "fnnsim_zh_CN.ts"
QM = TS.with_suffix(".qm")

Message = tuple[str, str]  # (context, source text)


def tool(name: str) -> list[str] | None:
    """The command that runs Qt's `lupdate` / `lrelease` as PySide6 ships it, or None."""
    found = shutil.which(f"pyside6-{name}")
    if found:
        return [found]
    try:
        import PySide6
    except ImportError:
        return None
    folder = Path(PySide6.__file__).parent
    for candidate in (folder / name, folder / f"{name}.exe", folder / "Qt" / "bin" / name):
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return [str(candidate)]
    return None


def sources(root: Path | None = None) -> list[Path]:
    folder = (root or ROOT) / "fnnsim"
    return sorted(p for p in folder.rglob("*.py") if "__pycache__" not in p.parts)


def run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"update_translations: error: {Path(command[0]).name} failed "
                 f"({done.returncode}): {(done.stderr or done.stdout).strip()}")


def lupdate(ts: Path, root: Path | None = None) -> None:
    """Extract every translatable string of the sources into `ts` (merging with what it
    already holds; obsolete strings dropped)."""
    command = tool("lupdate")
    if command is None:
        sys.exit("update_translations: error: pyside6-lupdate not found (pip install "
                 "PySide6-Essentials)")
    # a list file keeps the command line short (Windows limits it to 32k characters)
    with tempfile.NamedTemporaryFile("w", suffix=".lst", delete=False,
                                     encoding="utf-8") as lst:
        lst.write("\n".join(str(p) for p in sources(root)))
    try:
        run([*command, f"@{lst.name}", "-ts", str(ts), "-no-obsolete", "-locations",
             "none", "-source-language", "en", "-target-language", "zh_CN", "-silent"])
    finally:
        os.unlink(lst.name)


def lrelease(ts: Path, qm: Path) -> None:
    command = tool("lrelease")
    if command is None:
        sys.exit("update_translations: error: pyside6-lrelease not found (pip install "
                 "PySide6-Essentials)")
    run([*command, "-silent", str(ts), "-qm", str(qm)])


def messages(ts: Path) -> dict[Message, str | None]:
    """Every message of a .ts file: (context, source) → translation, None if unfinished
    or empty (obsolete and vanished entries are left out)."""
    found: dict[Message, str | None] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type") if translation is not None else "unfinished"
            if kind in ("obsolete", "vanished"):
                continue
            text = translation.text if translation is not None else None
            done = kind != "unfinished" and bool(text and text.strip())
            found[(name, message.findtext("source") or "")] = text if done else None
    return found


def todo(current: Path, committed: Path) -> list[Message]:
    """The messages in `current` (fresh from the sources) that `committed` does not
    translate: missing there, or unfinished."""
    have = messages(committed) if committed.exists() else {}
    return [key for key in messages(current) if have.get(key) is None]


def report(missing: list[Message]) -> None:
    print(f"{len(missing)} unfinished message(s) in {TS.relative_to(ROOT)}")
    for context, source in missing:
        print(f"  [{context or '(no context)'}] {source}")


def check() -> int:
    """Change nothing: is the committed .ts complete and the .qm compiled from it?"""
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / TS.name
        if TS.exists():
            shutil.copy(TS, fresh)
        lupdate(fresh)
        missing = todo(fresh, TS)
        qm = Path(tmp) / QM.name
        lrelease(TS, qm)
        stale = not QM.exists() or QM.read_bytes() != qm.read_bytes()
    report(missing)
    if stale:
        print(f"{QM.relative_to(ROOT)} is not compiled from the current .ts")
    return 1 if missing or stale else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="change nothing; exit 1 if anything is untranslated or stale")
    args = parser.parse_args(argv)
    if args.check:
        return check()
    TS.parent.mkdir(parents=True, exist_ok=True)
    lupdate(TS)
    lrelease(TS, QM)
    report([key for key, text in messages(TS).items() if text is None])
    print(f"compiled {QM.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
