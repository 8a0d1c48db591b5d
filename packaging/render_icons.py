"""Render resources/icons/fnnsim.svg to the PNG sizes desktops and PyInstaller want.

    python packaging/render_icons.py

Writes resources/icons/fnnsim-<N>.png for N in SIZES, and the 256 px image as fnnsim.ico
and fnnsim.icns for the Windows and macOS executables (PyInstaller would need Pillow to
convert a PNG itself). Offscreen with QtSvg and Qt's image writers — no display needed.
Rerun after editing the SVG and commit the images: they are resources, not build output.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SVG = ICONS / "fnnsim.svg"
SIZES = (16, 32, 48, 64, 128, 256)  # ascending: the last is also the .ico and .icns


def png_path(size: int) -> Path:
    return ICONS / f"fnnsim-{size}.png"


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"render_icons: cannot read {SVG}", file=sys.stderr)
        return 1
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()
        if not image.save(str(png_path(size))):
            print(f"render_icons: cannot write {png_path(size)}", file=sys.stderr)
            return 1
        print(f"wrote {png_path(size).relative_to(ICONS.parents[1])}")
    for suffix in ("ico", "icns"):
        target = ICONS / f"fnnsim.{suffix}"
        if not image.save(str(target), suffix):  # `image` is the largest size now
            print(f"render_icons: cannot write {target}", file=sys.stderr)
            return 1
        print(f"wrote {target.relative_to(ICONS.parents[1])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
