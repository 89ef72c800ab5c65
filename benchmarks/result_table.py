"""Printing ``results.Result`` figures as a table: value, range, reference, ratio, budget."""

from __future__ import annotations

from collections.abc import Sequence

from benchmarks.results import Result


def _amount(value: float | None, unit: str) -> str:
    if value is None:
        return ""
    return f"{value:.1f} {unit}" if unit else f"{value:.2f}"


def table(results: Sequence[Result]) -> str:
    width = max(len(r.label) for r in results) + 2
    lines = [
        f"{'':<{width}}{'median':>12}{'min':>12}{'max':>12}{'reference':>12}{'ratio':>8}  budget"
    ]
    for r in results:
        verdict = "" if r.met is None else ("  ok" if r.met else "  MISSED")
        ratio = f"{r.ratio:.2f}x" if r.ratio is not None else ""
        lines.append(
            f"{r.label:<{width}}{_amount(r.value, r.unit):>12}{_amount(r.low, r.unit):>12}"
            f"{_amount(r.high, r.unit):>12}{_amount(r.reference, r.unit):>12}{ratio:>8}"
            f"  {r.budget}{verdict}"
        )
    keys = ", ".join(r.key for r in results)
    return "\n".join([*lines, f"keys: {keys}"])
