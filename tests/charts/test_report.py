"""The one-page report (PDF and HTML) and saving charts as PNG, SVG and PDF."""

from __future__ import annotations

import base64
import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from matplotlib.figure import Figure
from pypdf import PdfReader

from wlitracker.charts import render
from wlitracker.charts.report import report_figure, report_html, write_report
from wlitracker.charts.theme import solid
from wlitracker.core.model.entities import DecisionKind
from wlitracker.core.model.errors import ValidationError, WliError
from wlitracker.core.model.record import replace
from wlitracker.core.present import chart_specs as cs
from wlitracker.core.services.journal import Journal
from wlitracker.core.validation import MAX_TEXT_CHARS

AddAB = Callable[..., int]
DAY = dt.timedelta(days=1)
EVIL = '<script>alert(1)</script> & "x"'


@pytest.fixture
def decided(memory: Journal, today: dt.date, add_ab: AddAB) -> int:
    start = today - 20 * DAY
    experiment_id = add_ab(memory, start, [5, 4, 5, 4, 5, 4, 5], [7, 8, 7, 8, 7, 8, 7])
    memory.experiments.update(
        replace(
            memory.experiments.get(experiment_id),
            intention="More patience with the kids in the evening",
            shift="Walk for twenty minutes at lunch instead of eating at the desk",
            hypothesis="My satisfaction will rise and my evening guilt will drop",
        )
    )
    memory.check_ins.update(start + 2 * DAY, unusual="ill")
    memory.experiments.decide(experiment_id, DecisionKind.PERSIST, "Calmer afternoons; keeping it.")
    return experiment_id


def write_report_of(journal: Journal, experiment_id: int, path: Path) -> Path:
    """The report as the command line and the Review panel write it: specs, then the file."""
    spec, chart = cs.report(journal, experiment_id), cs.experiment_chart(journal, experiment_id)
    return write_report(spec, chart, path, journal.protected)


def pdf_text(path: Path) -> tuple[int, str]:
    reader = PdfReader(path)
    return len(reader.pages), " ".join(page.extract_text() for page in reader.pages)


def test_the_pdf_report_is_one_page_with_everything_on_it(
    memory: Journal, decided: int, tmp_path: Path
) -> None:
    path = write_report_of(memory, decided, tmp_path / "report.pdf")

    pages, text = pdf_text(path)
    flat = " ".join(text.split())
    assert pages == 1
    assert PdfReader(path).metadata.title == "Walk at lunch"  # type: ignore[union-attr]
    for expected in (
        "Walk at lunch",
        "Intention",
        "More patience with the kids in the evening",
        "The shift",
        "Hypothesis",
        "Schedule",
        "A-B schedule",
        "Adherence",
        "Results",
        "Persist: Satisfaction",
        "in 100% of comparisons",
        "Caveats",
        "not proof",
        "1 unusual day left out",
        "Decision",
        "Calmer afternoons; keeping it.",
        "Satisfaction",  # the chart's axis label
    ):
        assert expected in flat, expected
    page = PdfReader(path).pages[0]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    assert (round(width / 72, 2), round(height / 72, 2)) == (8.27, 11.69)  # A4 portrait


def test_long_texts_still_fit_on_one_page(
    memory: Journal, decided: int, tmp_path: Path, today: dt.date
) -> None:
    long = ("a very long intention that goes on and on " * 60)[:MAX_TEXT_CHARS]
    memory.experiments.update(
        replace(memory.experiments.get(decided), intention=long, shift=long, hypothesis=long)
    )
    spec = cs.report(memory, decided)
    chart = cs.experiment_chart(memory, decided)

    fig = report_figure(spec, chart)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    for text in fig.texts:
        box = text.get_window_extent(renderer)
        assert box.y0 >= 0 and box.y1 <= fig.bbox.height + 1, text.get_text()[:40]
        assert box.x1 <= fig.bbox.width + 1, text.get_text()[:40]
    assert any(t.get_text().endswith("…") for t in fig.texts)  # shortened, and says so
    path = tmp_path / "long.pdf"
    render.save_figure(fig, path)
    assert pdf_text(path)[0] == 1


def test_the_html_report_escapes_every_piece_of_user_text(
    memory: Journal, decided: int, tmp_path: Path
) -> None:
    memory.experiments.update(
        replace(
            memory.experiments.get(decided),
            title=EVIL,
            intention=EVIL,
            shift="<img src=x onerror=alert(2)>",
            hypothesis="'quoted' & <b>bold</b>",
        )
    )

    path = write_report_of(memory, decided, tmp_path / "report.html")

    page = path.read_text(encoding="utf-8")
    assert "<script>" not in page and "<img src=x" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;" in page
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page
    assert "&#x27;quoted&#x27; &amp; &lt;b&gt;bold&lt;/b&gt;" in page
    assert "Calmer afternoons; keeping it." in page


def test_the_html_report_is_self_contained(memory: Journal, decided: int) -> None:
    page = report_html(cs.report(memory, decided), cs.experiment_chart(memory, decided))

    (image,) = re.findall(r'src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)"', page)
    svg = base64.b64decode(image).decode("utf-8")
    assert "<svg" in svg
    assert not re.search(r'(src|href)="(?!data:)', page)  # nothing fetched from elsewhere
    assert "Content-Security-Policy" in page
    for heading in ("Intention", "The shift", "Hypothesis", "Schedule", "Adherence"):
        assert f"<dt>{heading}</dt>" in page
    for heading in ("Results", "Caveats", "Decision"):
        assert f"<h2>{heading}</h2>" in page


def test_report_formats_are_checked_before_any_drawing(
    memory: Journal, decided: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_drawing(*_args: object) -> None:
        raise AssertionError("drawn before the format was checked")

    monkeypatch.setattr("wlitracker.charts.report.report_figure", no_drawing)
    monkeypatch.setattr("wlitracker.charts.report.report_html", no_drawing)
    with pytest.raises(ValidationError, match=r"must end in \.pdf or \.html"):
        write_report_of(memory, decided, tmp_path / "report.docx")
    assert list(tmp_path.iterdir()) == []


def test_a_report_reads_in_black_and_white(memory: Journal, decided: int) -> None:
    fig = report_figure(cs.report(memory, decided), cs.experiment_chart(memory, decided))
    sub_axes = [ax for sub in fig.subfigs for ax in sub.axes]
    spans = [c for ax in sub_axes for c in ax.collections if c.get_gid() == "phase trial"]
    assert spans and all(p.get_hatch() for p in spans)  # trial phases hatched, not only green
    for span in spans:  # a PDF paints hatching at its area's transparency, in its own colour
        face, hatch = (
            np.asarray(c, dtype=float)[0] for c in (span.get_facecolor(), span.get_hatchcolor())
        )
        assert face[3] == hatch[3] == 1.0
        assert tuple(hatch[:3]) != tuple(face[:3])
    strip = sub_axes[-1]
    styles = {line.get_gid(): line.get_fillstyle() for line in strip.lines}
    assert styles["done"] == "full"  # adherence told apart by fill, not colour


# --- saving charts ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "magic"),
    [("chart.png", b"\x89PNG"), ("chart.svg", b"<?xml"), ("chart.PDF", b"%PDF")],
)
def test_figures_are_saved_in_the_format_of_their_extension(
    fig: Figure, tmp_path: Path, name: str, magic: bytes
) -> None:
    fig.text(0.5, 0.5, "hello")

    path = render.save_figure(fig, tmp_path / name, title="A chart")

    assert path.read_bytes().startswith(magic)


def test_unknown_extensions_and_unwritable_paths_are_user_errors(
    fig: Figure, tmp_path: Path
) -> None:
    with pytest.raises(ValidationError, match=r"chart\.jpg has \.jpg; the file must end in"):
        render.format_of(tmp_path / "chart.jpg")
    with pytest.raises(ValidationError, match="has no extension"):
        render.format_of(tmp_path / "chart")
    with pytest.raises(WliError, match="does not exist"):
        render.save_figure(fig, tmp_path / "missing" / "chart.png")


def test_write_chart_draws_the_spec_of_each_kind(demo_journal: Journal, tmp_path: Path) -> None:
    for kind in cs.CHART_KINDS:
        spec = cs.build(
            demo_journal, kind, experiment_id=1 if kind in ("experiment", "compare") else None
        )
        path = render.write_chart(spec, tmp_path / f"{kind}.svg", journals=demo_journal.protected)
        assert path.stat().st_size > 5000, kind
        assert cs.kind_of(spec) == kind


def test_write_chart_never_writes_over_the_journal(tmp_path: Path) -> None:
    journal_file = tmp_path / "journal.png"  # a journal named like a chart, for the test
    journal_file.write_bytes(b"the journal")
    spec = cs.TrendSpec("empty", dt.date(2026, 1, 1), dt.date(2026, 1, 2), "day", (), ())

    with pytest.raises(WliError):
        render.write_chart(spec, journal_file, journals=(journal_file,))
    assert journal_file.read_bytes() == b"the journal"


def test_solid_colours_are_what_a_translucent_colour_looks_like_over_its_background() -> None:
    assert solid("#ff0000", 0.25, "#ffffff") == pytest.approx((1.0, 0.75, 0.75))
    assert solid((0.0, 0.0, 1.0, 0.3), 1.0, "black") == (0.0, 0.0, 1.0)  # its own alpha ignored
    assert solid("white", 0.0, "#336699") == pytest.approx((0.2, 0.4, 0.6))
