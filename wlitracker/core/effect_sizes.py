"""The effect sizes at their first public address (they live in ``core.stats.effect_sizes``)."""

from .stats.effect_sizes import *  # noqa: F403
from .stats.effect_sizes import __all__ as __all__  # noqa: PLC0414  (re-exported)
