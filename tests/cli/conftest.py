"""Command-line tests run with a clock stopped at ``today``."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _stopped_clock(stopped_clock: None) -> None:
    """Every command-line test sees the same today."""
