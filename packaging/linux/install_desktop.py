"""Put fnnsim in the desktop's application menu: the .desktop file, the icons and the
AppStream metadata, for the current user (no root needed).

    python packaging/linux/install_desktop.py                 # runs `fnnsim` from PATH
    python packaging/linux/install_desktop.py --exec "$PWD/dist/fnnsim/fnnsim"  # the bundle
    python packaging/linux/install_desktop.py --uninstall

Installs under ~/.local/share (or $XDG_DATA_HOME, or --prefix):
  applications/io.github.fnnsim.Fnnsim.desktop
  icons/hicolor/<N>x<N>/apps/io.github.fnnsim.Fnnsim.png and scalable/apps/….svg
  metainfo/io.github.fnnsim.Fnnsim.metainfo.xml
  mime/packages/io.github.fnnsim.Fnnsim.xml (the .fnnsession type: sessions open in fnnsim)
then refreshes the desktop, MIME and icon databases if their tools are installed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
APP_ID = "io.github.fnnsim.Fnnsim"
ICONS = ROOT / "resources" / "icons"
SIZES = (16, 32, 48, 64, 128, 256)  # as packaging/render_icons.py renders them


def data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def targets(prefix: Path) -> dict[Path, Path]:
    """Installed file → source file."""
    files = {
        prefix / "applications" / f"{APP_ID}.desktop": HERE / f"{APP_ID}.desktop",
        prefix / "metainfo" / f"{APP_ID}.metainfo.xml": HERE / f"{APP_ID}.metainfo.xml",
        prefix / "mime" / "packages" / f"{APP_ID}.xml": HERE / f"{APP_ID}.mime.xml",
        prefix / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg":
            ICONS / "fnnsim.svg",
    }
    for size in SIZES:
        files[prefix / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"] = (
            ICONS / f"fnnsim-{size}.png")
    return files


def exec_value(command: str) -> str:
    """`command` as one quoted Exec= argument (Desktop Entry spec: quoting, then the
    string escape of backslashes, which readers undo first; % is doubled)."""
    quoted = command.replace("\\", "\\\\")
    for char in '"`$':
        quoted = quoted.replace(char, "\\" + char)
    return ('"' + quoted.replace("%", "%%") + '"').replace("\\", "\\\\")


def desktop_text(command: str | None) -> str:
    text = (HERE / f"{APP_ID}.desktop").read_text(encoding="utf-8")
    if command is None:
        return text
    return text.replace("\nExec=fnnsim open %f\n", f"\nExec={exec_value(command)} open %f\n")


def refresh(prefix: Path) -> None:
    """Let running desktops notice (both tools are optional)."""
    for command in (["update-desktop-database", "-q", str(prefix / "applications")],
                    ["update-mime-database", str(prefix / "mime")],
                    ["gtk-update-icon-cache", "-q", "-t", "-f", str(prefix / "icons" / "hicolor")]):
        if shutil.which(command[0]):
            subprocess.run(command, check=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prefix", type=Path, default=None,
                        help="data folder (default: $XDG_DATA_HOME or ~/.local/share)")
    parser.add_argument("--exec", dest="command", default=None,
                        help="the program the menu entry runs (default: fnnsim on PATH)")
    parser.add_argument("--uninstall", action="store_true", help="remove what was installed")
    args = parser.parse_args(argv)
    prefix = args.prefix or data_home()
    if args.command is not None and not Path(args.command).is_file():
        print(f"install_desktop: error: --exec {args.command}: no such file", file=sys.stderr)
        return 2
    for target, source in targets(prefix).items():
        if args.uninstall:
            target.unlink(missing_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.suffix == ".desktop":
            target.write_text(desktop_text(args.command), encoding="utf-8")
        else:
            shutil.copyfile(source, target)
    refresh(prefix)
    print(f"{'removed' if args.uninstall else 'installed'} {APP_ID} under {prefix}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
