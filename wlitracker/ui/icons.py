"""The app icon, loaded from the package's assets so wheels and bundles carry it."""

from __future__ import annotations

from importlib import resources

from PySide6.QtGui import QIcon, QPixmap

SIZES = (16, 32, 48, 64, 128, 256)


def app_icon() -> QIcon:
    icon = QIcon()
    assets = resources.files("wlitracker.ui") / "assets"
    for size in SIZES:
        data = (assets / f"wlitracker-{size}.png").read_bytes()
        pixmap = QPixmap()
        pixmap.loadFromData(data, "PNG")
        icon.addPixmap(pixmap)
    return icon
