"""Large buffers freed are handed back to the system, not kept as free space."""

from __future__ import annotations

import platform
import subprocess
import sys

import pytest

from wlitracker.charts.heap import return_large_buffers

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc",
    reason="the setting is glibc's",
)

# Images of a few MB made and freed, with small buffers made between them (as a
# chart's points are), after a larger one was freed once: what the chart threads do.
SCENARIO = """
import sys
from wlitracker.charts.heap import return_large_buffers

def resident_mb():
    with open("/proc/self/status") as status:
        return next(int(l.split()[1]) for l in status if l.startswith("VmRSS:")) / 1024

if sys.argv[1] == "set":
    assert return_large_buffers()
first = bytearray(4 << 20)
del first
before = resident_mb()
images, between = [], []
for _ in range(8):
    images.append(bytearray(3 << 20))
    between.append(bytearray(64 << 10))
del images
print(resident_mb() - before)
"""


def _kept_mb(mode: str) -> float:
    done = subprocess.run(
        [sys.executable, "-c", SCENARIO, mode], capture_output=True, text=True, check=True
    )
    return float(done.stdout)


def test_freed_images_stay_in_the_process_without_it_and_go_back_with_it() -> None:
    assert _kept_mb("default") > 16  # the problem is real here
    assert _kept_mb("set") < 4


def test_it_can_be_asked_again() -> None:
    assert return_large_buffers() and return_large_buffers()
