"""Write README's Performance table from ``benchmarks/results.json``.

Run: uv run python -m benchmarks.readme [--results PATH] [--readme PATH]

The table sits between two markers in README.md; everything else is left as it is. A
figure without a budget is shown for context; a missed budget says so.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
START = "<!-- performance table: made by python -m benchmarks.readme -->"
END = "<!-- end of performance table -->"


def number(value: float | None, unit: str) -> str:
    if value is None:
        return ""
    if unit == "ms" and value >= 1000:
        return f"{value / 1000:.2f} s"
    digits = 1 if value < 100 else 0
    return f"{value:.{digits}f} {unit}"


def row(figure: dict[str, Any]) -> str:
    met = figure.get("met")
    verdict = "" if met is None else ("met" if met else "**missed**")
    ratio = figure.get("ratio")
    reference = ""
    if figure.get("reference") is not None:
        reference = f"{number(figure['reference'], figure['unit'])} ({figure['reference_label']})"
    cells = [
        figure["label"],
        f"`{figure['key']}`",
        number(figure["value"], figure["unit"]),
        reference,
        "" if ratio is None else f"{ratio:.2f}x",
        figure.get("budget", ""),
        verdict,
    ]
    return "| " + " | ".join(cells) + " |"


def render(data: dict[str, Any]) -> str:
    figures = data["figures"]
    missed = [f["label"] for f in figures if f.get("met") is False]
    lines = [
        START,
        f"One run on {data['machine']} (offscreen Qt), medians;"
        " references measured in the same run.",
        "",
        "| measure | key | value | reference | ratio | budget | |",
        "|---|---|---|---|---|---|---|",
        *(row(f) for f in figures),
        "",
        (
            "Budgets missed in this run: " + "; ".join(missed) + "."
            if missed
            else "Every budget was met in this run."
        ),
        END,
    ]
    return "\n".join(lines)


def update(readme: Path, results: Path) -> bool:
    """Rewrite the table in ``readme``; whether it changed."""
    data = json.loads(results.read_text())
    if data.get("quick"):
        raise SystemExit("these are the figures of a quick smoke run: run the full benchmarks")
    text = readme.read_text(encoding="utf-8")
    if START not in text or END not in text:
        raise SystemExit(f"{readme.name} has no performance table markers")
    before, rest = text.split(START, 1)
    _, after = rest.split(END, 1)
    new = before + render(data) + after
    if new == text:
        return False
    readme.write_text(new, encoding="utf-8")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results", type=Path, default=ROOT / "benchmarks" / "results.json")
    parser.add_argument("--readme", type=Path, default=ROOT / "README.md")
    args = parser.parse_args(argv)
    changed = update(args.readme, args.results)
    print("README's performance table " + ("rewritten" if changed else "already current"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
