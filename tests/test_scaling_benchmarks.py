"""The scaling and command-line benchmarks run in their quick mode, so they cannot rot."""

from __future__ import annotations

import pytest

from benchmarks import command_line, scaling
from benchmarks.result_table import table


@pytest.mark.parametrize(
    ("module", "keys"),
    [
        (command_line, ["cli.log", "cli.show", "cli.history"]),
        (
            scaling,
            [
                "scale.evaluate_all_400_vs_40",
                "scale.startup_states_400_vs_40",
                "scale.history_json_30y_vs_10y",
                "scale.history_json_10y",
                "scale.import_time_1m_vs_250k",
                "scale.import_peak_memory_1m_vs_250k",
                "scale.import_1m_seconds",
            ],
        ),
    ],
)
def test_quick_run_gives_every_figure_with_its_budget(module: object, keys: list[str]) -> None:
    results = module.measure(1, quick=True)  # type: ignore[attr-defined]
    assert [r.key for r in results] == keys
    for result in results:
        assert result.value > 0
        if result.budget:
            assert result.met is not None
        if result.ratio is not None:
            assert result.reference is not None and result.reference > 0
    assert "median" in table(results) and keys[0] in table(results)
