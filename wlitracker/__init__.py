"""wlitracker: a lab notebook for small work-life integration experiments."""

__version__ = "0.1.0"
APP_ID = "io.github.wlitracker.WLITracker"
APP_NAME = "wlitracker"
APP_DISPLAY_NAME = "WLI Tracker"
