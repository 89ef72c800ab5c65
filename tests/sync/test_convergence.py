"""Property tests: random edits on three computers, random sync orders, files delivered
twice; every journal ends the same, and every value a computer held when it synced is
shown or kept in the history. (A value replaced on one computer before it ever synced is
an edit like any other in a journal that does not sync: it was never anyone else's.)"""

from __future__ import annotations

import datetime as dt
import itertools
import shutil
import sqlite3
from pathlib import Path
from random import Random
from tempfile import TemporaryDirectory
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from wlitracker.core.sync.clock import HybridClock, Stamp
from wlitracker.core.sync.merge import Version, resolve

from .conftest import Device

DAYS = [dt.date(2026, 3, 10) + dt.timedelta(days=i) for i in range(3)]
NOTES = ["", "tired", "good walk", "deadline"]
TAGS = ["gym", "rain"]

edit = st.one_of(
    st.tuples(
        st.just("rate"),
        st.sampled_from(DAYS),
        st.sampled_from(["satisfaction", "guilt"]),
        st.one_of(st.none(), st.integers(0, 10)),
    ),
    st.tuples(st.just("note"), st.sampled_from(DAYS), st.sampled_from(NOTES), st.none()),
    st.tuples(st.just("tag"), st.sampled_from(DAYS), st.sampled_from(TAGS), st.booleans()),
    st.tuples(st.just("clear"), st.sampled_from(DAYS), st.none(), st.none()),
    st.tuples(st.just("sync"), st.none(), st.none(), st.none()),
    st.tuples(st.just("redeliver"), st.none(), st.none(), st.none()),
)
steps = st.lists(st.tuples(st.integers(0, 2), edit), min_size=1, max_size=12)


def _state(device: Device) -> list[Any]:
    return [
        (c.date, dict(c.ratings), c.note, tuple(sorted(c.tags)), c.unusual)
        for c in device.journal.check_ins.history()
    ]


def _values(device: Device) -> list[tuple[str, str, str, str, object]]:
    """What the person has on this computer as it syncs: each rating and note."""
    out: list[tuple[str, str, str, str, object]] = []
    for check_in in device.journal.check_ins.history():
        day = check_in.date.isoformat()
        out += [("ratings", day, m, "value", v) for m, v in check_in.ratings.items()]
        if check_in.note:
            out.append(("check_ins", day, "", "note", check_in.note))
    return out


def _kept(path: Path) -> dict[tuple[str, str, str, str], set[Any]]:
    with sqlite3.connect(path) as conn:
        out: dict[tuple[str, str, str, str], set[Any]] = {}
        for tbl, k1, k2, col, value, raw in conn.execute(
            "SELECT tbl, k1, k2, col, value, raw FROM sync_registers"
        ):
            out.setdefault((tbl, k1, k2, col), set()).update({value, raw})
        for tbl, k1, k2, col, value in conn.execute(
            "SELECT tbl, k1, k2, col, value FROM sync_history"
        ):
            out.setdefault((tbl, k1, k2, col), set()).add(value)
        return out


@settings(max_examples=40)
@given(steps)
def test_three_computers_converge_and_lose_nothing(plan: list[Any]) -> None:
    today = dt.date(2026, 3, 16)
    with TemporaryDirectory() as root:
        folder = Path(root) / "Sync"
        folder.mkdir()
        names = ["laptop", "desktop", "tablet"]
        devices = [Device(Path(root), name, folder, today) for name in names]
        saved: list[tuple[str, str, str, str, object]] = []
        try:
            for index, (kind, day, what, value) in plan:
                device = devices[index]
                if kind == "rate":
                    device.journal.check_ins.update(day, ratings={what: value})
                elif kind == "note":
                    device.journal.check_ins.update(day, note=what)
                elif kind == "tag":
                    device.journal.check_ins.update(
                        day, add_tags=[what] if value else [], remove_tags=[] if value else [what]
                    )
                elif kind == "clear":  # the day emptied: a tombstone
                    empty = dict.fromkeys(device.day(day).ratings)
                    device.journal.check_ins.update(
                        day, ratings=empty, note="", remove_tags=device.day(day).tags
                    )
                elif kind == "sync":
                    saved += _values(device)
                    device.sync(None, encrypt=False)
                else:  # a file-sync tool delivers every file again, as conflict copies
                    for n, path in enumerate(sorted(folder.rglob("0*.chg"))):
                        if "conflict" not in path.name:
                            copy = path.with_name(f"{path.stem}.sync-conflict-{n}.chg")
                            if not copy.exists():
                                shutil.copy(path, copy)
            for device in devices:
                saved += _values(device)
            for device in itertools.chain(devices, devices):
                report = device.sync(None, encrypt=False)
                assert report.warnings == ()
            states = [_state(d) for d in devices]
            assert states[0] == states[1] == states[2]
            for device in devices:
                kept = _kept(device.path)
                for tbl, k1, k2, col, value in saved:
                    assert value in kept.get((tbl, k1, k2, col), set()), (device.name, value)
        finally:
            for device in devices:
                device.close()


stamps = st.builds(Stamp, st.integers(0, 5), st.integers(0, 3), st.sampled_from("abc"))
versions = st.lists(
    st.builds(Version, st.sampled_from(["x", "y", "z", ""]), stamps, st.just(())),
    min_size=1,
    max_size=6,
    unique_by=lambda v: v.stamp,  # a stamp names one change
)


@given(versions, st.randoms(), st.booleans())
def test_resolving_ignores_order_and_repeats(
    found: list[Version], random: Random, text: bool
) -> None:
    shuffled = list(found) * 2
    random.shuffle(shuffled)
    one = resolve(found, text, {"a": "A"})
    two = resolve(shuffled, text, {"a": "A"})
    assert (one.value, one.winner, set(one.others)) == (two.value, two.winner, set(two.others))


def test_the_clock_orders_after_what_it_has_seen_even_when_the_wall_is_behind() -> None:
    wall = [1_000]
    clock = HybridClock("a", wall=lambda: wall[0])
    first = clock.tick()
    clock.receive(Stamp(5_000_000, 3, "b"))  # another computer hours ahead
    after = clock.tick()
    assert after > Stamp(5_000_000, 3, "b") > first
    wall[0] = 500  # the wall clock jumps back
    assert clock.tick() > after
