"""Render the master SVG icon to the PNG sizes desktops and bundles need.

Run: uv run python packaging/render_icons.py (uses Qt's SVG renderer; no display needed).
Writes resources/icons/wlitracker-<size>.png and the runtime copies in wlitracker/ui/assets/.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZES = (16, 32, 48, 64, 128, 256, 512)
RUNTIME_SIZES = (16, 32, 48, 64, 128, 256)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication(sys.argv[:1])
    source = ROOT / "resources" / "icons" / "wlitracker.svg"
    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {source}")
    assets = ROOT / "wlitracker" / "ui" / "assets"
    assets.mkdir(parents=True, exist_ok=True)
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        target = ROOT / "resources" / "icons" / f"wlitracker-{size}.png"
        image.save(str(target))
        if size in RUNTIME_SIZES:
            shutil.copyfile(target, assets / f"wlitracker-{size}.png")
    shutil.copyfile(source, assets / "wlitracker.svg")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
