"""The charts' colours as plain strings, for the window too: importing this loads no matplotlib.

Each metric has its colour in a light and a dark tone (satisfaction blue, guilt rust...);
the window shows a metric in the same colour as its line on the charts.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

BASELINE = "#8fa7c4"
TRIAL = "#5fae7d"

METRIC_COLOURS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        "light": MappingProxyType(
            {
                "satisfaction": "#2f6fbf",
                "guilt": "#b5452f",
                "energy": "#a86c00",
                "stress": "#7a4b9a",
            }
        ),
        "dark": MappingProxyType(
            {
                "satisfaction": "#7fb2ff",
                "guilt": "#ff8f7a",
                "energy": "#ffc857",
                "stress": "#c9a0dc",
            }
        ),
    }
)
OTHER_COLOURS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "light": ("#1b8a8a", "#8a5a2b", "#5a6b1b", "#a33b73"),
        "dark": ("#5fd0d0", "#e0a96d", "#b8d46a", "#f08cc0"),
    }
)


def metric_colour(theme: str, metric: str, index: int = 0) -> str:
    """A metric's own colour in the ``light`` or ``dark`` tone; others take colours in turn."""
    own = METRIC_COLOURS[theme].get(metric)
    if own is not None:
        return own
    others = OTHER_COLOURS[theme]
    return others[index % len(others)]
