"""``wlitracker evaluate ID [--json]`` and the verdict column of ``experiment list``.

Commands run in-process through ``wlitracker.app.main`` with a clock stopped at
``today``; the journal is prepared through the core services on the same file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import pytest

from wlitracker import app
from wlitracker.core import schedules
from wlitracker.core.model.entities import (
    GUILT,
    SATISFACTION,
    Adherence,
    Experiment,
    Schedule,
    Target,
)
from wlitracker.core.services.journal import Journal
from wlitracker.storage.database import open_database
from wlitracker.storage.repository import SqliteRepository

BOTH = (Target(SATISFACTION, "higher"), Target(GUILT, "lower"))


@dataclass(frozen=True)
class Result:
    status: int
    out: str
    err: str

    def json(self) -> Any:
        def no_nan(constant: str) -> NoReturn:
            raise AssertionError(f"{constant} in JSON output")

        return json.loads(self.out, parse_constant=no_nan)


class Cli:
    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path

    def __call__(self, *args: str) -> Result:
        out, err = io.StringIO(), io.StringIO()
        status = app.main(["--db", str(self.db_path), *args], out=out, err=err)
        return Result(status, out.getvalue(), err.getvalue())

    def ok(self, *args: str) -> Result:
        result = self(*args)
        assert (result.status, result.err) == (0, ""), result
        return result


@pytest.fixture
def cli(db_path: Path) -> Cli:
    return Cli(db_path)


@contextlib.contextmanager
def journal_at(db_path: Path, today: dt.date) -> Iterator[Journal]:
    repo = SqliteRepository(open_database(db_path), db_path)
    try:
        yield Journal(repo, lambda: today)
    finally:
        repo.close()


def add_ab(
    journal: Journal,
    title: str,
    baseline: dict[str, Sequence[int]],
    trial: dict[str, Sequence[int]],
    *,
    ended_days_ago: int = 3,
    targets: Sequence[Target] = BOTH,
) -> int:
    """A finished A-B experiment with one rating per day and every trial day done."""
    a_days = max(len(v) for v in baseline.values())
    b_days = max(len(v) for v in trial.values())
    start = journal.today() - dt.timedelta(days=a_days + b_days - 1 + ended_days_ago)
    return add_filled(
        journal, title, schedules.ab(a_days, b_days, start), [baseline, trial], targets
    )


def add_filled(
    journal: Journal,
    title: str,
    schedule: Schedule,
    data: Sequence[dict[str, Sequence[int]]],
    targets: Sequence[Target] = BOTH,
) -> int:
    created = journal.experiments.create(Experiment(title, schedule, targets=tuple(targets)))
    assert created.id is not None
    for phase, series in zip(journal.experiments.view(created.id).phases, data, strict=True):
        for offset in range(phase.days):
            when = phase.start + dt.timedelta(days=offset)
            ratings = {name: values[offset] for name, values in series.items()}
            adherence = {created.id: Adherence.DONE} if phase.kind.value == "trial" else None
            journal.check_ins.update(when, ratings=ratings, adherence=adherence)
    return created.id


FLAT = [5, 4, 5, 4, 5, 4, 5]
HIGH = [7, 8, 7, 8, 7, 8, 7]
LOW = [2, 1, 2, 1, 2, 1, 2]


@pytest.fixture
def persisting(db_path: Path, today: dt.date) -> int:
    with journal_at(db_path, today) as journal:
        return add_ab(
            journal,
            "Walk at lunch",
            {SATISFACTION: FLAT, GUILT: FLAT},
            {SATISFACTION: HIGH, GUILT: FLAT},
        )


# --- evaluate, readable ------------------------------------------------------


def test_evaluate_prints_the_reason_first_then_the_numbers(
    cli: Cli, persisting: int, today: dt.date
) -> None:
    result = cli.ok("evaluate", str(persisting))

    lines = result.out.splitlines()
    assert lines[0] == "#1 Walk at lunch"
    assert lines[1] == ""
    assert lines[2].startswith("Persist: Satisfaction improved (by about 2.")
    assert lines[2].endswith(
        "a trial day was better than a baseline day in 100% of comparisons) "
        "and nothing got worse. This is a pattern in your data, not proof."
    )
    assert "Tried on 100% of scheduled trial days." in lines
    assert "  phase A   2026-02-28 to 2026-03-06: 7 usable days" in lines
    assert "  phase B   2026-03-07 to 2026-03-13: 7 usable days" in lines
    assert "Satisfaction (main target, higher is better): improved" in lines
    assert "Guilt (lower is better): unclear" in lines
    assert (
        "  baseline mean 4.6, trial mean 7.4 (+2.9); "
        "a trial day was better than a baseline day in 100% of comparisons" in lines
    )
    assert any(
        line.startswith("  change about +2.") and "(likely between +" in line for line in lines
    )
    assert any(line.startswith("  NAP 1.00 (95% CI 0.73 to 1.00), Tau +1.00") for line in lines)
    assert any(line.startswith("Note: One baseline and one trial") for line in lines)
    assert result.out.endswith("\n")


def test_evaluate_text_names_trade_offs_pairs_and_unusual_days(
    cli: Cli, db_path: Path, today: dt.date
) -> None:
    with journal_at(db_path, today) as journal:
        tradeoff = add_ab(
            journal,
            "Gym at noon",
            {SATISFACTION: FLAT, GUILT: FLAT},
            {SATISFACTION: HIGH, GUILT: HIGH},
            ended_days_ago=40,
        )
        blocks = [[5, 4, 5, 4, 5], [7, 8, 7, 8, 7], [4, 5, 4, 5, 4], [8, 7, 8, 7, 8]]
        start = today - dt.timedelta(days=22)
        abab = add_filled(
            journal,
            "Short breaks",
            schedules.abab(5, start),
            [{SATISFACTION: b, GUILT: [5] * 5} for b in blocks],
        )
        journal.check_ins.update(start, unusual="ill")

    tradeoff_text = cli.ok("evaluate", str(tradeoff)).out
    abab_text = cli.ok("evaluate", str(abab)).out

    assert "Trade-off: Satisfaction improved, but Guilt rose too, which is worse for you." in (
        tradeoff_text.splitlines()
    )
    assert (
        "  pair A->B: Satisfaction not enough data (NAP 1.00); Guilt not enough data (NAP 0.50)"
        in (abab_text.splitlines())
    )
    assert "  pair A2->B2: Satisfaction improved (NAP 1.00); Guilt unclear (NAP 0.50)" in (
        abab_text.splitlines()
    )
    assert "  phase A   2026-02-22 to 2026-02-26: 4 usable days, 1 unusual left out" in (
        abab_text.splitlines()
    )
    assert "Keep going: 1 more rated day is needed (1 in phase A)" in abab_text


def test_evaluate_an_experiment_that_starts_today(cli: Cli) -> None:
    cli.ok("experiment", "add", "--title", "Fresh start", "--baseline-days", "7")

    result = cli.ok("evaluate", "1")

    assert result.out.splitlines()[:3] == [
        "#1 Fresh start",
        "",
        "Keep going: 10 more rated days are needed (5 in phase A, 5 in phase B) before the "
        "app can say anything honest about this change.",
    ]
    assert "Tried on" not in result.out


# --- evaluate --json ------------------------------------------------------------


def test_evaluate_json_has_every_documented_field(cli: Cli, persisting: int) -> None:
    data = cli.ok("evaluate", str(persisting), "--json").json()

    assert data["verdict"] == "persist"
    assert data["reason"].startswith("Persist: Satisfaction improved")
    assert data["adherence"] == 1.0
    assert data["design"] == "ab"
    assert data["pairs"] == []
    assert data["confounders"] == []
    assert data["tradeoffs"] == []
    assert [
        (p["label"], p["kind"], p["start"], p["end"], p["usable_days"]) for p in data["phases"]
    ] == [
        ("A", "baseline", "2026-02-28", "2026-03-06", 7),
        ("B", "trial", "2026-03-07", "2026-03-13", 7),
    ]
    satisfaction, guilt = data["metrics"]
    expected_keys = {
        "metric",
        "improvement",
        "baseline_mean",
        "trial_mean",
        "difference",
        "nap",
        "nap_ci",
        "tau",
        "tau_bc",
        "smd",
        "n_baseline",
        "n_trial",
        "baseline_trend",
        "status",
        "judgement",
        "change",
        "change_ci",
        "autocorrelation",
    }
    assert expected_keys <= set(satisfaction)
    assert satisfaction["metric"] == "satisfaction"
    assert satisfaction["improvement"] == "increase"
    assert satisfaction["baseline_mean"] == pytest.approx(32 / 7)
    assert satisfaction["trial_mean"] == pytest.approx(52 / 7)
    assert satisfaction["difference"] == pytest.approx(20 / 7)
    assert satisfaction["nap"] == 1.0
    assert satisfaction["nap_ci"][0] == pytest.approx(0.7259959031182179)
    assert satisfaction["nap_ci"][1] == 1.0
    assert satisfaction["tau"] == 1.0
    assert (satisfaction["n_baseline"], satisfaction["n_trial"]) == (7, 7)
    assert satisfaction["status"] == "improved"
    assert satisfaction["baseline_trend"]["already_improving"] is False
    assert guilt["metric"] == "guilt"
    assert guilt["improvement"] == "decrease"
    assert guilt["status"] == "unclear"
    assert guilt["difference"] == 0.0
    # The decision rule's own figures, per target.
    assert (satisfaction["judgement"], guilt["judgement"]) == ("improved", "unclear")
    assert (satisfaction["primary"], guilt["primary"]) == (True, False)
    assert satisfaction["interim"] is False
    low, high = satisfaction["change_ci"]
    assert low < satisfaction["change"] < high
    assert satisfaction["change"] == pytest.approx(20 / 7, abs=0.5)
    assert 0.0 <= satisfaction["autocorrelation"] < 1.0
    assert 0.0 <= satisfaction["p_not_better"] < 0.045
    assert guilt["change"] == pytest.approx(0.0, abs=0.5)


def test_evaluate_json_for_abab_has_pairs_and_confounders(
    cli: Cli, db_path: Path, today: dt.date
) -> None:
    with journal_at(db_path, today) as journal:
        start = today - dt.timedelta(days=22)
        blocks = [[5, 4, 5, 4, 5], [7, 8, 7, 8, 7], [4, 5, 4, 5, 4], [8, 7, 8, 7, 8]]
        abab = add_filled(
            journal,
            "Short breaks",
            schedules.abab(5, start),
            [{SATISFACTION: b} for b in blocks],
            targets=(Target(SATISFACTION, "higher"),),
        )
        other = journal.experiments.create(
            Experiment("Phone on the way home", schedules.ab(2, 5, start))
        )

    data = cli.ok("evaluate", str(abab), "--json").json()

    assert data["design"] == "abab"
    assert data["pairs_agree"] is True
    assert data["verdict"] == "persist"
    assert data["reason"].endswith("The result repeated across both A-B pairs.")
    assert [(p["baseline"], p["trial"]) for p in data["pairs"]] == [("A", "B"), ("A2", "B2")]
    assert all(p["metrics"][0]["nap"] == 1.0 for p in data["pairs"])
    assert data["confounders"] == [
        {"experiment_id": other.id, "title": "Phone on the way home", "overlap_days": 5}
    ]
    (row,) = data["metrics"]
    assert (row["n_baseline"], row["n_trial"]) == (10, 10)
    assert row["nap"] == 1.0


def test_evaluate_json_of_an_experiment_without_data_has_no_nan(cli: Cli) -> None:
    cli.ok("experiment", "add", "--title", "Later", "--design", "abab", "--block-days", "5")

    data = cli.ok("evaluate", "1", "--json").json()  # fails on NaN or Infinity

    assert data["verdict"] == "keep_going"
    assert data["design"] == "abab"
    assert data["days_needed"] == 20
    assert data["adherence"] is None
    assert [p["usable_days"] for p in data["phases"]] == [0, 0, 0, 0]
    assert [(m["metric"], m["n_baseline"], m["n_trial"]) for m in data["metrics"]] == [
        ("satisfaction", 0, 0),
        ("guilt", 0, 0),
    ]
    for row in data["metrics"]:
        assert row["status"] == "not enough data"
        assert row["nap"] is row["nap_ci"] is row["baseline_mean"] is row["difference"] is None


# --- experiment list -------------------------------------------------------------


def test_experiment_list_shows_each_verdict(cli: Cli, db_path: Path, today: dt.date) -> None:
    with journal_at(db_path, today) as journal:
        persist = add_ab(
            journal,
            "Walk at lunch",
            {SATISFACTION: FLAT, GUILT: FLAT},
            {SATISFACTION: HIGH, GUILT: FLAT},
            ended_days_ago=40,
        )
        switch = add_ab(
            journal,
            "Late coffee",
            {SATISFACTION: FLAT, GUILT: FLAT},
            {SATISFACTION: LOW, GUILT: FLAT},
            ended_days_ago=20,
        )
        adjust = add_ab(
            journal,
            "Gym at noon",
            {SATISFACTION: FLAT, GUILT: FLAT},
            {SATISFACTION: HIGH, GUILT: HIGH},
            ended_days_ago=2,
        )
        planned = journal.experiments.create(Experiment("Later", schedules.ab(7, 7)))

    text = cli.ok("experiment", "list").out
    rows = json.loads(cli.ok("experiment", "list", "--json").out)

    header, *lines = text.splitlines()
    assert re.search(r"\bVERDICT\b", header)
    verdict_at = header.index("VERDICT")
    shown = {int(line[:3]): line[verdict_at : verdict_at + 24].strip() for line in lines}
    assert shown == {
        persist: "persist",
        switch: "try something different",
        adjust: "adjust",
        planned.id: "keep going",
    }
    by_id = {row["id"]: row for row in rows}
    assert {i: row["verdict"] for i, row in by_id.items()} == {
        persist: "persist",
        switch: "switch",
        adjust: "adjust",
        planned.id: "keep_going",
    }
    assert by_id[persist]["reason"].startswith("Persist: Satisfaction improved")


# --- errors --------------------------------------------------------------------------


def test_evaluate_an_unknown_id_is_one_line_and_exit_2(cli: Cli, persisting: int) -> None:
    result = cli("evaluate", "42")

    assert result.status == 2
    assert result.out == ""
    assert result.err == "wlitracker: error: experiment: no experiment with id 42\n"


@pytest.mark.parametrize("args", [["evaluate", "x"], ["evaluate"], ["evaluate", "1", "--csv"]])
def test_evaluate_bad_usage_is_one_line_and_exit_2(cli: Cli, args: list[str]) -> None:
    result = cli(*args)

    assert result.status == 2
    assert result.out == ""
    assert result.err.endswith("\n") and result.err.count("\n") == 1, result.err
    assert "Traceback" not in result.err


# --- deciding early, and undoing ----------------------------------------------


def test_deciding_early_says_what_the_data_shows_and_how_to_undo(cli: Cli) -> None:
    cli.ok("experiment", "add", "--title", "Walk", "--start", "2026-03-16")

    result = cli.ok("experiment", "decide", "1", "stop", "--reason", "Not for me")

    first, note = result.out.splitlines()
    assert first == "Recorded: stop (#1)"
    assert note.startswith(
        "Note: decided before the plan's end. It is day 1 of 14 of the baseline, with 28 "
        "days left in the plan. What the data shows so far: Keep going:"
    )
    assert note.endswith("To undo: wlitracker experiment undo 1")


def test_the_latest_decision_is_undone_from_the_command_line(cli: Cli, persisting: int) -> None:
    assert cli.ok("experiment", "decide", str(persisting), "persist", "--reason", "Yes").out == (
        f"Recorded: persist (#{persisting})\n"
    )

    undone = cli.ok("experiment", "undo", str(persisting))

    assert undone.out == f"Undone: persist of 2026-03-16 (#{persisting} is open again)\n"
    shown = cli.ok("experiment", "show", str(persisting), "--json").json()
    assert shown["decisions"] == []
    assert shown["status"] == "ready to review"
    again = cli("experiment", "undo", str(persisting))
    assert again.status == 2
    assert "no decision to undo" in again.err


# --- planning the length ------------------------------------------------------


def test_experiment_add_plans_the_length_from_the_main_targets_days(
    cli: Cli, db_path: Path, today: dt.date
) -> None:
    with journal_at(db_path, today) as journal:
        for offset in range(1, 61):
            value = (5, 6, 5, 4, 6, 5)[offset % 6]
            journal.check_ins.update(today - dt.timedelta(days=offset), ratings={GUILT: value})
        advice = journal.experiments.length_advice(GUILT, 1.5)

    result = cli.ok(
        "experiment", "add", "--title", "Calls home", "--target", GUILT, "--change", "1.5"
    )

    first, second = result.out.splitlines()
    assert first == "1"
    assert advice.from_history and advice.chance is not None and advice.chance >= 0.8
    assert second == f"Planned {advice.days} + {advice.days} days. {advice.text}"
    assert "(60 rated) your Guilt varied by about" in second
    assert "To notice a change of 1.5 points 4 times in 5, plan" in second
    shown = cli.ok("experiment", "show", "1", "--json").json()
    assert [p["days"] for p in shown["schedule"]["phases"]] == [advice.days, advice.days]


def test_lengths_given_on_the_command_line_are_kept(
    cli: Cli, db_path: Path, today: dt.date
) -> None:
    with journal_at(db_path, today) as journal:
        for offset in range(1, 61):
            journal.check_ins.update(
                today - dt.timedelta(days=offset), ratings={SATISFACTION: 5 + offset % 2}
            )

    result = cli.ok("experiment", "add", "--title", "Walk", "--trial-days", "30")

    assert result.out.startswith("1\nPlanned 14 + 30 days. Over the last 90 days (60 rated)")
