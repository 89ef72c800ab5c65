"""One identity everywhere: the desktop entry, the metainfo, the icon and the package agree."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from wlitracker import APP_ID, __version__

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"


def test_desktop_entry_names_the_app_id_icon_and_command() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment, method-assign]
    entry.read(DESKTOP, encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Icon"] == APP_ID
    assert section["Exec"] == "wlitracker"
    assert section["Type"] == "Application"


def test_metainfo_matches_the_package() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.find("launchable").text == f"{APP_ID}.desktop"  # type: ignore[union-attr]
    releases = [r.get("version") for r in root.iter("release")]
    assert releases[0] == __version__
    assert root.find("content_rating") is not None
    shots = [s.findtext("image") or "" for s in root.iter("screenshot")]
    for shot in shots:
        assert (ROOT / "resources" / "screenshots" / Path(shot).name).exists()


def test_icons_exist_in_every_size_and_ship_in_the_package() -> None:
    for size in (16, 32, 48, 64, 128, 256, 512):
        assert (ROOT / "resources" / "icons" / f"wlitracker-{size}.png").exists()
    assets = ROOT / "wlitracker" / "ui" / "assets"
    assert (assets / "wlitracker.svg").exists()
    assert (assets / "wlitracker-256.png").exists()


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils")
def test_desktop_entry_validates() -> None:
    result = subprocess.run(
        ["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstream")
def test_metainfo_validates() -> None:
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(METAINFO)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_window_uses_the_app_icon(qapp: object) -> None:
    from wlitracker.ui.icons import app_icon

    icon = app_icon()
    assert not icon.isNull()
    assert {s.width() for s in icon.availableSizes()} >= {16, 32, 256}
