"""The one-page experiment report: an A4 PDF page, or a self-contained HTML file.

Both are made from the same ``ReportSpec`` (the words, built in core) and the
same experiment chart. The PDF lays text out by hand (wrapped with textwrap,
shortened when it would not fit) so the page is always exactly one; the HTML
escapes every piece of user text and embeds the chart as a base64 SVG image,
so it has no outside files and nothing in it can run.
"""

from __future__ import annotations

import base64
import html
import io
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .. import APP_DISPLAY_NAME
from ..core.files import write_private_text
from ..core.model.record import replace
from ..core.present.chart_specs import ExperimentChartSpec, ReportSpec
from .experiment import draw_experiment
from .render import format_of, new_figure, save_figure
from .theme import LIGHT, ChartTheme, drawing

if TYPE_CHECKING:
    from matplotlib.figure import Figure

A4 = (8.27, 11.69)  # inches, portrait
MARGIN = 0.6
LABEL_WIDTH = 1.15  # the left column with "Intention", "Results"...
BODY_SIZE = 8.8
LINE = 1.32  # line spacing
CHAR_WIDTH = 0.5  # average glyph width in ems (DejaVu Sans), for wrapping
MIN_CHART = 2.7  # inches
MAX_CHART = 4.6
REPORT_FORMATS = ("pdf", "html")


@dataclass
class _Block:
    label: str
    lines: list[str]
    size: float = BODY_SIZE
    weight: str = "normal"
    colour: str = ""
    gap: float = 0.09  # inches after the block

    def height(self) -> float:
        return len(self.lines) * self.size * LINE / 72 + self.gap


def _wrap(text: str, width_in: float, size: float, bullet: bool = False) -> list[str]:
    chars = max(int(width_in * 72 / (size * CHAR_WIDTH)), 20)
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        wrapped = textwrap.wrap(
            paragraph,
            chars,
            initial_indent="• " if bullet else "",
            subsequent_indent="  " if bullet else "",
            break_long_words=True,
        )
        lines.extend(wrapped or [""])
    return lines


def _trim(block: _Block) -> None:
    """Drop the block's last line, marking the cut with an ellipsis."""
    block.lines.pop()
    if block.lines:
        last = block.lines[-1].rstrip()
        block.lines[-1] = (last[:-1] if len(last) > 60 else last) + " …"


def _blocks(spec: ReportSpec, width_in: float) -> tuple[list[_Block], list[_Block], list[_Block]]:
    """Text above the chart, below it, and the footer; before any shortening."""
    body = width_in - LABEL_WIDTH
    head = [
        _Block("", _wrap(spec.title, width_in, 16)[:3], 16, "bold", gap=0.05),
        _Block("", _wrap(spec.meta, width_in, 8.5), 8.5, colour="muted", gap=0.16),
    ]
    for label, text in (
        ("Intention", spec.intention),
        ("The shift", spec.shift),
        ("Hypothesis", spec.hypothesis),
    ):
        head.append(_Block(label, _wrap(text or "-", body, BODY_SIZE)))
    head.append(_Block("Schedule", [line for s in spec.schedule for line in _wrap(s, body, 8.5)]))
    head.append(_Block("Adherence", _wrap(spec.adherence, body, BODY_SIZE), gap=0.05))
    tail = [
        _Block("Results", [line for r in spec.results for line in _wrap(r, body, 8.5, True)], 8.5),
        _Block(
            "Caveats",
            [line for c in spec.caveats for line in _wrap(c, body, 8.5, True)],
            8.5,
        ),
        _Block("Decision", _wrap(spec.decision, body, BODY_SIZE)),
    ]
    footer = [
        _Block(
            "",
            [
                f"{APP_DISPLAY_NAME} report for experiment #{spec.experiment_id}, made on "
                f"{spec.made_on.isoformat()}. Numbers come from your own check-ins; "
                "unusual days are left out."
            ],
            7.5,
            colour="muted",
            gap=0,
        )
    ]
    return head, tail, footer


def _fit(blocks: list[_Block], budget: float) -> None:
    """Shorten the longest blocks (never the title) until their height fits ``budget``."""
    while sum(b.height() for b in blocks) > budget:
        candidates = [b for b in blocks[1:] if len(b.lines) > 1]
        if not candidates:
            break
        _trim(max(candidates, key=lambda b: len(b.lines)))


def _place(fig: Figure, blocks: list[_Block], top: float, theme: ChartTheme) -> float:
    """Draw blocks from ``top`` (inches from the page top); returns where they end."""
    width, height = fig.get_size_inches()
    y = top
    for block in blocks:
        colour = theme.muted if block.colour == "muted" else theme.foreground
        if block.label:
            fig.text(
                MARGIN / width,
                1 - y / height,
                block.label,
                ha="left",
                va="top",
                fontsize=block.size,
                fontweight="bold",
                color=theme.foreground,
            )
        if block.lines:
            fig.text(
                (MARGIN + (LABEL_WIDTH if block.label else 0)) / width,
                1 - y / height,
                "\n".join(block.lines),
                ha="left",
                va="top",
                fontsize=block.size,
                fontweight=block.weight,
                color=colour,
                linespacing=LINE,
            )
        y += block.height()
    return y


def report_figure(
    spec: ReportSpec, chart: ExperimentChartSpec, theme: ChartTheme = LIGHT
) -> Figure:
    """The report as one A4 portrait Figure: text above and below the experiment chart."""
    fig = new_figure(A4)
    fig.set_facecolor(theme.background)
    width, height = A4
    text_width = width - 2 * MARGIN
    head, tail, footer = _blocks(spec, text_width)
    available = height - 2 * MARGIN - sum(b.height() for b in footer) - 0.15
    chart_height = MAX_CHART
    text = head + tail
    over = sum(b.height() for b in text) + chart_height - available
    if over > 0:
        chart_height = max(MIN_CHART, chart_height - over)
        _fit(text, available - chart_height)
    y = _place(fig, head, MARGIN, theme)
    # SubFigures ignore a GridSpec's margins: place the chart with height and width ratios.
    side = MARGIN * 0.5
    slots = fig.add_gridspec(
        3,
        3,
        height_ratios=[y, chart_height, height - y - chart_height],
        width_ratios=[side, width - 2 * side, side],
        left=0,
        right=1,
        top=1,
        bottom=0,
        hspace=0,
        wspace=0,
    )
    sub = fig.add_subfigure(slots[1, 1])
    draw_experiment(sub, replace(chart, title="", subtitle=""), theme)
    _place(fig, tail, y + chart_height + 0.1, theme)
    _place(fig, footer, height - MARGIN - footer[0].height(), theme)
    return fig


def write_pdf(
    spec: ReportSpec, chart: ExperimentChartSpec, path: Path | str, journals: Iterable[Path] = ()
) -> Path:
    return save_figure(report_figure(spec, chart), path, "pdf", title=spec.title, journals=journals)


# --- HTML --------------------------------------------------------------------------

_CSS = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2124;
       background: #fff; margin: 0; }
main { max-width: 48rem; margin: 2rem auto; padding: 0 1.2rem; }
h1 { font-size: 1.6rem; margin: 0 0 .2rem; overflow-wrap: anywhere; }
h2 { font-size: 1.05rem; margin: 1.2rem 0 .3rem; border-bottom: 1px solid #999; }
.meta, footer { color: #555; font-size: .9rem; }
dl { display: grid; grid-template-columns: 8rem 1fr; gap: .25rem 1rem; margin: 1rem 0; }
dt { font-weight: bold; }
dd { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
figure { margin: 1rem 0; }
figure img { width: 100%; height: auto; border: 1px solid #ddd; }
ul { padding-left: 1.2rem; }
li { overflow-wrap: anywhere; }
footer { margin-top: 2rem; border-top: 1px solid #ccc; padding-top: .5rem; }
@page { size: A4; margin: 14mm; }
@media print { main { margin: 0; max-width: none; } h2 { break-after: avoid; }
               figure { break-inside: avoid; } }
"""


def _chart_svg(chart: ExperimentChartSpec, theme: ChartTheme = LIGHT) -> bytes:
    fig = new_figure((9.0, 5.2))
    draw_experiment(fig, replace(chart, title="", subtitle=""), theme)
    buffer = io.BytesIO()
    with drawing():
        fig.savefig(buffer, format="svg", facecolor=fig.get_facecolor(), metadata={"Date": None})
    return buffer.getvalue()


def report_html(spec: ReportSpec, chart: ExperimentChartSpec) -> str:
    """The report as one self-contained HTML page; all user text is escaped."""

    def e(text: str) -> str:
        return html.escape(text, quote=True)

    def items(lines: tuple[str, ...]) -> str:
        return "\n".join(f"<li>{e(line)}</li>" for line in lines)

    image = base64.b64encode(_chart_svg(chart)).decode("ascii")
    alt = (
        f"Chart of {spec.title}: each target metric day by day, baseline and trial "
        "phases shaded, with adherence and notes below"
    )
    fields = "\n".join(
        f"<dt>{label}</dt><dd>{e(text or '-')}</dd>"
        for label, text in (
            ("Intention", spec.intention),
            ("The shift", spec.shift),
            ("Hypothesis", spec.hypothesis),
            ("Schedule", "\n".join(spec.schedule)),
            ("Adherence", spec.adherence),
        )
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy"
      content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<meta name="generator" content="{APP_DISPLAY_NAME}">
<title>{e(spec.title)} - experiment report</title>
<style>{_CSS}</style>
</head>
<body>
<main>
<h1>{e(spec.title)}</h1>
<p class="meta">{e(spec.meta)}</p>
<dl>
{fields}
</dl>
<figure>
<img alt="{e(alt)}"
     src="data:image/svg+xml;base64,{image}">
</figure>
<h2>Results</h2>
<ul>
{items(spec.results)}
</ul>
<h2>Caveats</h2>
<ul>
{items(spec.caveats)}
</ul>
<h2>Decision</h2>
<p>{e(spec.decision)}</p>
<footer>{APP_DISPLAY_NAME} report for experiment #{spec.experiment_id}, made on
{spec.made_on.isoformat()}. Numbers come from your own check-ins; unusual days are left out.
</footer>
</main>
</body>
</html>
"""


def write_html(
    spec: ReportSpec, chart: ExperimentChartSpec, path: Path | str, journals: Iterable[Path] = ()
) -> Path:
    return write_private_text(Path(path), report_html(spec, chart), journals, "-o")


def write_report(
    spec: ReportSpec, chart: ExperimentChartSpec, path: Path | str, journals: Iterable[Path]
) -> Path:
    """Write the report as PDF or HTML, chosen by the file's extension.

    ``journals``: the files of the journal the specs were built from, never written over.
    """
    if format_of(path, REPORT_FORMATS) == "pdf":
        return write_pdf(spec, chart, path, journals)
    return write_html(spec, chart, path, journals)
