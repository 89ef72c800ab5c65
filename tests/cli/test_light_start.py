"""A command starts light: it loads the module defining it and nothing it does not use,
and says exactly what the whole parser would say."""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from wlitracker import cli
from wlitracker.cli.common import UsageError

HEAVY = ("sqlite_utils", "matplotlib", "numpy", "logging", "platformdirs", "PySide6")
# Loaded by what a day's command does not do: making dataclasses (which compiles methods
# and loads inspect), asking shutil for the terminal's width, making paths (pathlib brings
# urllib.parse and ipaddress) or type hints at run time, importing json's package (its
# decoder compiles patterns; history --json writes with json's C string encoder alone).
NOT_NEEDED = ("dataclasses", "inspect", "shutil", "pathlib", "typing", "json")
UNUSED = (
    "wlitracker.core.present.chart_specs",
    "wlitracker.core.services.evaluation",
    "wlitracker.core.stats.decision_rule",
    "wlitracker.interop.native",
    "wlitracker.cli.experiments",
    "wlitracker.cli.files",
    "wlitracker.charts.process",
    "subprocess",
    "pickle",
)


def names_in(parser: cli.Parser) -> list[str]:
    action = next(a for a in parser._actions if a.dest == "command")
    return list(action.choices)  # type: ignore[arg-type]


def test_the_groups_name_the_commands_their_modules_define() -> None:
    every: list[str] = []
    for group, commands in cli.GROUPS.items():
        assert names_in(cli.build_parser((group,))) == list(commands)
        every += commands
    assert names_in(cli.build_parser()) == every


@pytest.mark.parametrize(
    "argv",
    [
        ["log", "--help"],
        ["--db", "x.db", "history", "--help"],
        ["log", "--satisfaction", "high"],
        ["log", "--usual", "--unusual", "ill"],
        ["show", "extra"],
        ["--db=x.db", "show", "--date"],
        ["history", "--bogus"],
        ["--db", "x.db", "log", "--sat", "4", "--frob"],
    ],
)
def test_a_light_parser_says_what_the_whole_one_says(argv: list[str]) -> None:
    assert cli.command_group(argv) == "checkins"

    def outcome(parser: cli.Parser) -> tuple[str, str]:
        out = io.StringIO()
        try:
            with contextlib.redirect_stdout(out):
                return "parsed", repr(sorted(vars(parser.parse_args(argv)).items()))
        except UsageError as error:
            return "error", str(error)
        except SystemExit:
            return "help", out.getvalue()

    assert outcome(cli.build_parser(("checkins",))) == outcome(cli.build_parser())


@pytest.mark.parametrize(
    "argv", [[], ["--help"], ["--version"], ["--db", "x.db"], ["logs"], ["--d", "x", "log"]]
)
def test_no_known_command_builds_the_whole_parser(argv: list[str]) -> None:
    assert cli.command_group(argv) is None


@pytest.mark.parametrize(
    ("command", "unused"),
    [
        (
            ["log", "--date", "2026-03-01", "--satisfaction", "6", "--tag", "gym"],
            HEAVY + UNUSED + NOT_NEEDED,
        ),
        (["show", "--date", "2026-03-01"], HEAVY + UNUSED + NOT_NEEDED),
        (["history", "--json"], HEAVY + UNUSED + NOT_NEEDED),
    ],
)
def test_check_in_commands_load_no_library_or_module_they_do_not_use(
    tmp_path: Path, command: list[str], unused: tuple[str, ...]
) -> None:
    db = tmp_path / "journal.db"
    from wlitracker import app

    # The journal exists and is up to date: no migration is pending.
    assert app.main(["--db", str(db), "log", "--date", "2026-03-01", "--guilt", "2"]) == 0
    # As the console script runs it: through ``app.run``, output to a file of its own.
    code = (
        "import sys, io, contextlib\n"
        f"sys.argv = ['wlitracker', '--db', {str(db)!r}, *{command!r}]\n"
        "from wlitracker import app\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        "        app.run()\n"
        "    except SystemExit as end:\n"
        "        status = end.code\n"
        f"print(status, [m for m in {unused!r} if m in sys.modules])\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    status, loaded = result.stdout.split(" ", 1)
    assert (status, json.loads(loaded.replace("'", '"'))) == ("0", []), result.stderr
