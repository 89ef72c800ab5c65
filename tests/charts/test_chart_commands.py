"""``wlitracker chart KIND ... -o FILE`` and ``wlitracker report ID -o FILE``, run in-process."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from wlitracker import app
from wlitracker.core.services import demo
from wlitracker.storage.database import open_database
from wlitracker.storage.repository import SqliteRepository

pytestmark = pytest.mark.usefixtures("stopped_clock")


@pytest.fixture
def db(db_path: Path, today: dt.date) -> Path:
    repo = SqliteRepository(open_database(db_path), db_path)
    try:
        demo.fill(repo, today)
    finally:
        repo.close()
    return db_path


def run(db: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = app.main(["--db", str(db), *args], out=out, err=err)
    return status, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    ("args", "name", "magic"),
    [
        (["experiment", "--experiment", "1"], "experiment.png", b"\x89PNG"),
        (["compare", "--experiment", "3"], "compare.svg", b"<?xml"),
        (["trend", "--from", "2025-12-01", "--to", "2026-03-01"], "trend.pdf", b"%PDF"),
        (["trend", "--metric", "energy", "--theme", "dark"], "energy.png", b"\x89PNG"),
        (["calendar", "--metric", "guilt", "--from", "2026-01-01"], "calendar.png", b"\x89PNG"),
        (["weekday"], "weekday.svg", b"<?xml"),
        (["weekday", "--metric", "stress"], "stress.pdf", b"%PDF"),
        (["scatter", "--to", "2026-03-10"], "scatter.png", b"\x89PNG"),
    ],
)
def test_chart_writes_the_format_of_its_extension(
    db: Path, tmp_path: Path, args: list[str], name: str, magic: bytes
) -> None:
    target = tmp_path / name

    status, out, err = run(db, "chart", *args, "-o", str(target))

    assert (status, err) == (0, "")
    assert out == f"Wrote the {args[0]} chart to {target}\n"
    assert target.read_bytes().startswith(magic)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["chart", "experiment", "-o", "x.png"], "--experiment: the experiment chart needs"),
        (["chart", "compare", "-o", "x.png"], "--experiment: the compare chart needs"),
        (["chart", "trend", "-o", "x.jpg"], "-o: x.jpg has .jpg; the file must end in"),
        (["chart", "trend", "-o", "x"], "-o: x has no extension"),
        (["chart", "trend", "--metric", "joy", "-o", "x.png"], "no metric called 'joy'"),
        (["chart", "calendar", "--metric", "joy", "-o", "x.png"], "no metric called 'joy'"),
        (["chart", "compare", "--experiment", "99", "-o", "x.png"], "no experiment with id 99"),
        (["chart", "trend", "--experiment", "1", "-o", "x.png"], "--experiment: applies to"),
        (["chart", "trend", "--from", "2026-02-30", "-o", "x.png"], "--from: '2026-02-30'"),
        (
            ["chart", "weekday", "--from", "2026-03-10", "--to", "2026-03-01", "-o", "x.png"],
            "is after the last day asked for",
        ),
        (["chart", "pie", "-o", "x.png"], "invalid choice: 'pie'"),
        (["chart", "trend"], "the following arguments are required: -o/--output"),
        (["report", "1", "-o", "report.docx"], "-o: report.docx has .docx; the file must end in"),
        (["report", "42", "-o", "report.pdf"], "no experiment with id 42"),
        (["report", "-o", "report.pdf"], "the following arguments are required: id"),
    ],
)
def test_errors_are_one_line_and_exit_2(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    here = tmp_path / "out"
    here.mkdir()
    monkeypatch.chdir(here)

    status, out, err = run(db, *args)

    assert status == 2
    assert out == ""
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert message in err
    assert "Traceback" not in err
    assert not list(here.iterdir())  # nothing half written


def test_an_unwritable_output_is_a_user_error(db: Path, tmp_path: Path) -> None:
    status, _, err = run(db, "chart", "trend", "-o", str(tmp_path / "no" / "such" / "x.png"))

    assert status == 2
    assert err.startswith("wlitracker: error: -o: the folder ") and err.count("\n") == 1
    assert err.rstrip().endswith("does not exist")


def test_report_writes_a_one_page_pdf_and_an_html_page(db: Path, tmp_path: Path) -> None:
    pdf, html = tmp_path / "report.pdf", tmp_path / "report.html"

    first = run(db, "report", "1", "-o", str(pdf))
    second = run(db, "report", "1", "-o", str(html))

    assert first == (0, f"Wrote the report of #1 to {pdf}\n", "")
    assert second == (0, f"Wrote the report of #1 to {html}\n", "")
    reader = PdfReader(pdf)
    assert len(reader.pages) == 1
    assert "No work email after 9 p.m." in reader.pages[0].extract_text()
    page = html.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "No work email after 9 p.m." in page


def test_the_command_line_stays_light() -> None:
    code = (
        "import sys, wlitracker.cli; "
        "wlitracker.cli.build_parser(); "
        "print('matplotlib' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.stdout.strip() == "False", result.stderr
