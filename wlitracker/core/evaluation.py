"""The evaluation at its first public address (it lives in ``core.services.evaluation``).

``wlitracker.core.evaluation.judge`` is the decision rule, as published.
"""

from .services.evaluation import *  # noqa: F403
from .services.evaluation import __all__ as __all__  # noqa: PLC0414  (re-exported)
