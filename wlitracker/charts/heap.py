"""Freed chart images go back to the system (glibc on Linux; elsewhere nothing changes).

A chart's image and its pickle are megabytes each, received and freed on the window's
chart thread. glibc raises its threshold for mapping a buffer on its own to the size
of the largest one freed so far, so after the first chart every image is carved out of
that thread's heap instead, and once freed it stays in the process as scattered free
space: about 5 MB after a visit of every page of a ten-year journal. Fixing the
threshold (and the one for trimming a heap's top) at glibc's own starting value keeps
each such buffer mapped alone, returned when freed.

Not in the chart process: there matplotlib's large temporary arrays would be mapped and
unmapped for every chart, and a calendar took a quarter longer to draw.
"""

from __future__ import annotations

import sys

M_TRIM_THRESHOLD = -1  # glibc's mallopt parameters (malloc.h)
M_MMAP_THRESHOLD = -3
THRESHOLD = 128 * 1024  # glibc's default before it starts to adjust it


def return_large_buffers() -> bool:
    """Whether the C library took the setting (only glibc has it); call before the first chart."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        mallopt = ctypes.CDLL(None).mallopt  # the C library the interpreter uses
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return all(mallopt(p, THRESHOLD) == 1 for p in (M_MMAP_THRESHOLD, M_TRIM_THRESHOLD))
