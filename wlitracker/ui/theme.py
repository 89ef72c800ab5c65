"""Light, dark or the system's colours, applied to the whole application.

The window has one accent colour, ``ACCENT``: the highlight of selections and chosen
things in the light and the dark theme alike (the system theme keeps the desktop's).
Secondary text is drawn in the palette's placeholder colour, made to read at 4.5:1 or
better on the window and in fields whatever the theme (WCAG's level for body text).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QGuiApplication, QPalette

from ..charts.colours import BASELINE, TRIAL, metric_colour

if TYPE_CHECKING:
    from PySide6.QtGui import QPainter
    from PySide6.QtWidgets import QApplication, QStyle, QStyleOption, QWidget

ACCENT = "#2a65b0"  # a calm blue of the satisfaction line's family; white on it reads at 5.8:1
READABLE = 4.5  # the least contrast of text on its background
VISIBLE = 3.0  # the least contrast of a mark that is not text (WCAG's for graphics)
PHASE_COLOURS = {"baseline": BASELINE, "trial": TRIAL}
PROBLEM = "#c0392b"  # what went wrong (a day not saved, a field refused), made readable
BETTER = "#2e8b57"  # a change for the better, in the small charts of the window
WORSE = "#d35400"  # for the worse; also a day a routine went unmarked
_forced: list[str] = []  # the theme last forced, so "system" can undo it


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(first: QColor, second: QColor) -> float:
    """The WCAG contrast ratio of two colours, from 1 (the same) to 21 (black on white)."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def readable(colour: QColor, backgrounds: Iterable[QColor], ratio: float = READABLE) -> QColor:
    """``colour``, moved toward black or white (whichever the backgrounds are not) until it
    reads at ``ratio`` on every one of them."""
    grounds = list(backgrounds)
    dark_ground = sum(_luminance(g) for g in grounds) / max(len(grounds), 1) < 0.18
    target = QColor("#ffffff" if dark_ground else "#000000")
    # (Not QColor(colour): resolving that overload makes PySide6 build the Qt namespace's
    # enums, some 40 ms the system theme need not pay at start-up.)
    shade = QColor.fromRgbF(colour.redF(), colour.greenF(), colour.blueF())
    for step in range(21):
        if all(contrast(shade, ground) >= ratio for ground in grounds):
            break
        share = step / 20
        shade = QColor.fromRgbF(
            colour.redF() + (target.redF() - colour.redF()) * share,
            colour.greenF() + (target.greenF() - colour.greenF()) * share,
            colour.blueF() + (target.blueF() - colour.blueF()) * share,
        )
    return shade


def secondary_colour(palette: QPalette) -> QColor:
    """Text that steps back (hints, descriptions), yet reads at 4.5:1 on the window and fields."""
    text = palette.color(QPalette.ColorRole.WindowText)
    window = palette.color(QPalette.ColorRole.Window)
    base = palette.color(QPalette.ColorRole.Base)
    mixed = QColor.fromRgbF(
        0.6 * text.redF() + 0.4 * window.redF(),
        0.6 * text.greenF() + 0.4 * window.greenF(),
        0.6 * text.blueF() + 0.4 * window.blueF(),
    )
    return readable(mixed, (window, base))


def problem_colour(palette: QPalette) -> QColor:
    """Red for what went wrong, readable on the window and in fields of this palette."""
    grounds = (palette.color(QPalette.ColorRole.Window), palette.color(QPalette.ColorRole.Base))
    return readable(QColor(PROBLEM), grounds)


def show_as_problem(label: QWidget, problem: bool) -> None:
    """A label's text in the problem colour, or back in the one it inherits."""
    palette = QPalette()  # no role of its own: every other one is inherited
    if problem:
        palette.setColor(QPalette.ColorRole.WindowText, problem_colour(label.palette()))
    label.setPalette(palette)


def metric_tone(metric: str, index: int = 0, *, palette: QPalette) -> QColor:
    """A metric's colour as its charts draw it in this palette (light or dark)."""
    return QColor(metric_colour("dark" if palette_is_dark(palette) else "light", metric, index))


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
        QPalette.ColorRole.HighlightedText: QColor("#ffffff"),
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


def _with_accent(palette: QPalette) -> QPalette:
    """The accent as the highlight, and links in its tone that read on the window."""
    accent = QColor(ACCENT)
    palette.setColor(QPalette.ColorRole.Highlight, accent)
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    grounds = (palette.color(QPalette.ColorRole.Window), palette.color(QPalette.ColorRole.Base))
    palette.setColor(QPalette.ColorRole.Link, readable(accent, grounds))
    return palette


def _with_secondary(palette: QPalette) -> QPalette:
    palette.setColor(QPalette.ColorRole.PlaceholderText, secondary_colour(palette))
    return palette


def apply_theme(app: QApplication, theme: str) -> None:
    """``system`` keeps the desktop's own style and colours; the others force one.

    Forcing uses Fusion, the style whose palette Qt applies the same everywhere, with the
    accent. Every theme gets secondary text that reads (the desktop's placeholder colour
    is often paler than 4.5:1).
    """
    hints = QGuiApplication.styleHints()
    if theme in ("dark", "light"):
        # Imported here: PySide6 makes the Qt namespace's hundred enums on first use,
        # a cost the system theme (the default) need not pay at start-up.
        from PySide6.QtCore import Qt

        if theme == "dark":
            app.setStyle(_dark_fusion())
            hints.setColorScheme(Qt.ColorScheme.Dark)
            palette = _dark_palette()
        else:
            app.setStyle("Fusion")
            hints.setColorScheme(Qt.ColorScheme.Light)
            palette = app.style().standardPalette()
        app.setPalette(_with_secondary(_with_accent(palette)))
    else:
        if _forced:
            hints.unsetColorScheme()
            app.setPalette(app.style().standardPalette())
        # Only the placeholder role is set: the others follow the desktop as it changes.
        secondary = QPalette()
        secondary.setColor(QPalette.ColorRole.PlaceholderText, secondary_colour(app.palette()))
        app.setPalette(secondary)
    _forced.clear()
    if theme in ("dark", "light"):
        _forced.append(theme)


def palette_is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128
