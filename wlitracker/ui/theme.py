"""Light, dark or the system's colours, applied to the whole application."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QGuiApplication, QPalette

if TYPE_CHECKING:
    from PySide6.QtGui import QPainter
    from PySide6.QtWidgets import QApplication, QStyle, QStyleOption, QWidget

PHASE_COLOURS = {"baseline": "#8fa7c4", "trial": "#5fae7d"}
_forced: list[str] = []  # the theme last forced, so "system" can undo it


def _dark_palette() -> QPalette:
    palette = QPalette()
    base, window, text = QColor("#1f2124"), QColor("#2a2d31"), QColor("#e6e6e6")
    roles = {
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: QColor("#26292d"),
        QPalette.ColorRole.ToolTipBase: window,
        QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: QColor("#33373c"),
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.BrightText: QColor("#ff6b6b"),
        QPalette.ColorRole.Link: QColor("#7fb2ff"),
        QPalette.ColorRole.Highlight: QColor("#3d7bd9"),
        QPalette.ColorRole.HighlightedText: QColor("#ffffff"),
        QPalette.ColorRole.PlaceholderText: QColor("#8a8f96"),
    }
    for role, colour in roles.items():
        palette.setColor(role, colour)
    disabled = QColor("#7a7f86")
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette


_INDICATOR_OUTLINE = QColor("#a3a9b0")  # Fusion outlines an indicator with this, darkened


def _dark_fusion() -> QStyle:
    """Fusion with check boxes and radio buttons that show on a dark window.

    Fusion outlines an indicator in the window colour made darker, which on a dark
    window is about the colour of the box itself: the controls were invisible.
    """
    # Imported here, like the Qt namespace below: PySide6 makes a class's enums when the
    # class is first imported, and QStyle has dozens the system theme never needs.
    from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleFactory

    indicators = {
        QStyle.PrimitiveElement.PE_IndicatorCheckBox,
        QStyle.PrimitiveElement.PE_IndicatorRadioButton,
        QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck,
    }

    class DarkFusion(QProxyStyle):
        def drawPrimitive(  # noqa: N802
            self,
            element: QStyle.PrimitiveElement,
            option: QStyleOption,
            painter: QPainter,
            widget: QWidget | None = None,
        ) -> None:
            if element in indicators:
                option = type(option)(option)  # a copy, with an outline that shows
                option.palette.setColor(QPalette.ColorRole.Window, _INDICATOR_OUTLINE)
            super().drawPrimitive(element, option, painter, widget)

    fusion = QStyleFactory.create("Fusion")
    return DarkFusion(fusion)


def apply_theme(app: QApplication, theme: str) -> None:
    """``system`` keeps the desktop's own style and colours; the others force one.

    Forcing uses Fusion, the style whose palette Qt applies the same everywhere.
    """
    hints = QGuiApplication.styleHints()
    if theme in ("dark", "light"):
        # Imported here: PySide6 makes the Qt namespace's hundred enums on first use,
        # a cost the system theme (the default) need not pay at start-up.
        from PySide6.QtCore import Qt

        if theme == "dark":
            app.setStyle(_dark_fusion())
            hints.setColorScheme(Qt.ColorScheme.Dark)
            app.setPalette(_dark_palette())
        else:
            app.setStyle("Fusion")
            hints.setColorScheme(Qt.ColorScheme.Light)
            app.setPalette(app.style().standardPalette())
    elif _forced:
        hints.unsetColorScheme()
        app.setPalette(app.style().standardPalette())
    _forced.clear()
    if theme in ("dark", "light"):
        _forced.append(theme)


def palette_is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128
