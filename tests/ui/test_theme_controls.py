"""Every control follows the theme: in dark, check boxes and radio buttons stay visible."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from wlitracker.ui.theme import apply_theme


@pytest.fixture
def app_theme(qapp: QApplication) -> Iterator[None]:
    """Themes change the whole application: put back what the other tests expect."""
    style, palette = qapp.style().name(), qapp.palette()
    yield
    QGuiApplication.styleHints().unsetColorScheme()
    qapp.setStyle(style)
    qapp.setPalette(palette)


def _indicator_contrast(control: QCheckBox | QRadioButton, image: QImage) -> int:
    """The spread of lightness inside the control's indicator: 0 means it cannot be seen."""
    option = QStyleOptionButton()
    control.initStyleOption(option)
    element = (
        QStyle.SubElement.SE_CheckBoxIndicator
        if isinstance(control, QCheckBox)
        else QStyle.SubElement.SE_RadioButtonIndicator
    )
    rect = control.style().subElementRect(element, option, control)
    origin = control.mapTo(control.window(), rect.topLeft())
    ratio = image.devicePixelRatio()
    values = [
        image.pixelColor(int((origin.x() + x) * ratio), int((origin.y() + y) * ratio)).lightness()
        for x in range(rect.width())
        for y in range(rect.height())
    ]
    return max(values) - min(values)


@pytest.mark.usefixtures("app_theme")
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_check_boxes_and_radio_buttons_show_in_both_themes(
    qtbot: QtBot, qapp: QApplication, theme: str
) -> None:
    apply_theme(qapp, theme)
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    controls: list[QCheckBox | QRadioButton] = [
        QCheckBox("Keep running in the tray"),
        QRadioButton("Agree"),
        QRadioButton("No"),
    ]
    for control in controls:
        layout.addWidget(control)
    window.show()
    qtbot.waitExposed(window)
    image = window.grab().toImage()

    background = image.pixelColor(2, 2).lightness()
    assert (background < 128) == (theme == "dark")  # the theme really changed the window
    for control in controls:
        assert _indicator_contrast(control, image) >= 60, (theme, control.text())


@pytest.mark.usefixtures("app_theme")
def test_rating_buttons_follow_a_change_of_theme(qtbot: QtBot, qapp: QApplication) -> None:
    from wlitracker.core.model.entities import Metric
    from wlitracker.ui.rating_input import RatingInput, RatingsGroup

    apply_theme(qapp, "light")
    group = RatingsGroup()
    qtbot.addWidget(group)
    rating = RatingInput(Metric("satisfaction", 0, 10, "higher", builtin=True), group)
    QVBoxLayout(group).addWidget(rating)
    rating.set_value(7)
    group.show()
    qtbot.waitExposed(group)

    def centre_lightness(value: int) -> int:
        button = rating.buttons.button(value)
        image = button.grab().toImage()
        return image.pixelColor(image.width() // 2, image.height() // 4).lightness()

    assert centre_lightness(3) > 128
    apply_theme(qapp, "dark")
    # an unchosen number turns dark in the dark theme (restyled in the next turn of the loop)
    qtbot.waitUntil(lambda: centre_lightness(3) < 128, timeout=2000)
    assert abs(centre_lightness(7) - centre_lightness(3)) > 40  # and the chosen one stands out
