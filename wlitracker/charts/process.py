"""The window's end of the chart process: what it asks, what it gets back, and the pipe.

matplotlib draws in C++ while holding the interpreter lock, for up to a tenth of a
second per call on ten years of days; on a thread of the window's process that froze
the window just as long. Drawn in a process of its own (``charts.server``), charts
cost the window nothing but the pictures' bytes, and matplotlib's import runs beside
the window's start instead of inside it.

One request at a time: ``ChartProcess.ask`` writes a pickled request and reads its
answer. The process starts on first use and again after it stopped (a crash, or killed):
the request that found it gone is answered with ``Failed``. Nothing here imports
matplotlib.
"""

from __future__ import annotations

import contextlib
import logging
import pickle
import subprocess
import sys
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

from ..core.model import errors
from . import SERVER_FLAG

if TYPE_CHECKING:
    from ..core.present.chart_specs import ChartSpec, ExperimentChartSpec, ReportSpec
    from .picture import Picture

log = logging.getLogger(__name__)
PROTOCOL = pickle.HIGHEST_PROTOCOL


# --- requests ------------------------------------------------------------------


@dataclass(frozen=True)
class Draw:
    """Draw ``spec`` at this size (nothing of it is kept there once the picture is sent)."""

    view: int
    number: int
    spec: ChartSpec
    theme: str  # "light" or "dark"
    width: int  # device pixels
    height: int
    dpi: float


@dataclass(frozen=True)
class Save:
    """Save ``spec`` to ``path``: drawn at ``shown`` (the size on screen, in device pixels,
    and the dots per inch), or else at the files' size."""

    spec: ChartSpec
    theme: str
    path: Path
    title: str
    journals: tuple[Path, ...]
    shown: tuple[int, int, float] | None = None


@dataclass(frozen=True)
class Report:
    """The one-page report of an experiment, as PDF or HTML (from the extension)."""

    spec: ReportSpec
    chart: ExperimentChartSpec
    path: Path
    journals: tuple[Path, ...]


# --- answers -------------------------------------------------------------------


@dataclass(frozen=True)
class Ready:
    warm_up_ms: float  # loading matplotlib and drawing a first text


@dataclass(frozen=True)
class Drawn:
    view: int
    number: int
    picture: Picture
    drawing_ms: float = 0.0  # in the process, from the spec to the pixels (for the log)


@dataclass(frozen=True)
class Written:
    path: Path


@dataclass(frozen=True)
class Refused:
    """A ``WliError`` (a file that may not be written...), sent as its parts: some of
    them take other arguments than their message, so they do not pickle as they are."""

    kind: str
    message: str
    field: str = ""
    detail: str = ""

    @classmethod
    def of(cls, error: errors.WliError) -> Refused:
        if isinstance(error, errors.ValidationError):
            return cls(type(error).__name__, str(error), error.field, error.detail)
        return cls(type(error).__name__, str(error))

    def error(self) -> errors.WliError:
        if self.kind == "ValidationError":
            return errors.ValidationError(self.field, self.detail)
        kind = getattr(errors, self.kind, errors.WliError)
        if not (isinstance(kind, type) and issubclass(kind, errors.WliError)):
            kind = errors.WliError
        return kind(self.message)


@dataclass(frozen=True)
class Failed:
    """A fault of ours, or the process gone: ``message`` for a person, ``details`` for the
    log (the traceback in the process)."""

    message: str
    details: str = ""


Answer = Ready | Drawn | Written | Refused | Failed


class _Gone:
    """The process was found stopped while asked."""


def command() -> list[str]:
    """How to start the process: this interpreter with the server module, or a bundled
    program with ``SERVER_FLAG``."""
    if getattr(sys, "frozen", False):
        return [sys.executable, SERVER_FLAG]
    # -P: the folder it was started from is not put first on its path, where a file
    # named like a module it imports would be read instead.
    return [sys.executable, "-P", "-m", "wlitracker.charts.server"]


def send(stream: IO[bytes], message: object) -> None:
    """One message: its length, then its pickle (a message that cannot be read is skipped
    whole, and the next one is read from its start)."""
    data = pickle.dumps(message, protocol=PROTOCOL)
    stream.write(len(data).to_bytes(8, "little"))
    stream.write(data)
    stream.flush()


def receive(stream: IO[bytes]) -> object:
    """The next message; EOFError when the stream has ended, even midway through one."""
    head = stream.read(8)
    if len(head) < 8:
        raise EOFError("the stream ended")
    size = int.from_bytes(head, "little")
    data = stream.read(size)
    if len(data) < size:
        raise EOFError("the stream ended within a message")
    return pickle.loads(data)


class ChartProcess:
    """Starts the chart process when first asked, and again if it has stopped."""

    def __init__(self, argv: Iterable[str] | None = None) -> None:
        self.argv = list(argv) if argv is not None else command()
        self._process: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()
        self._ready = False
        self._closed = False  # let go for good: nothing starts it again
        self.warm_up_ms = 0.0
        self.started = 0  # how many times it was started

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def launch(self) -> None:
        """Start it if it is not running, without waiting for it to be ready."""
        with self._lock:
            self._launched()

    def start(self) -> None:
        """Start it (if not running) and wait until matplotlib is loaded there."""
        with self._lock:
            self._running()

    def ask(self, request: Draw | Save | Report) -> Answer:
        """The answer to ``request``; if the process is found gone, it is started again and
        asked once more (a process that was killed), then the request fails."""
        with self._lock:
            answer = self._ask(request)
            if isinstance(answer, _Gone):
                answer = self._ask(request)
            if isinstance(answer, _Gone):
                return Failed("the drawing process stopped; it starts again for the next chart")
            if isinstance(answer, Failed) and answer.details:
                log.error("the chart process failed: %s", answer.details)
            return answer

    def _ask(self, request: Draw | Save | Report) -> Answer | _Gone:
        try:
            process = self._running()
            assert process.stdin is not None and process.stdout is not None
            send(process.stdin, request)
            answer = receive(process.stdout)
        except (OSError, EOFError) as error:
            self._lost(error)
            return _Gone()
        except Exception as error:  # one message whole, so the stream is still in step
            log.exception("a chart request or its answer did not pickle")
            return Failed(f"the chart could not be sent or read back ({error})")
        if not isinstance(answer, (Drawn, Written, Refused, Failed)):
            return Failed(f"not an answer: {type(answer).__name__}")
        return answer

    def close(self, timeout: float = 5.0) -> None:
        """Let the process finish (its input ends) and wait for it; killed if it will not.
        Requests after this are answered ``Failed`` (the window is closing)."""
        self._closed = True
        locked = self._lock.acquire(timeout=timeout)
        try:
            process, self._process = self._process, None
            if process is None:
                return
            if process.stdin is not None:
                with contextlib.suppress(OSError):  # already broken: nothing to let go
                    process.stdin.close()
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            if process.stdout is not None:
                process.stdout.close()
        finally:
            if locked:
                self._lock.release()

    def _launched(self) -> subprocess.Popen[bytes]:
        if self._closed:
            raise OSError("the drawing process was let go")
        if self._process is not None:
            if self._process.poll() is None:
                return self._process
            self._lost(ChildProcessError(f"it ended with {self._process.returncode}"))
        flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # no console window on Windows
        self._process = subprocess.Popen(
            self.argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, creationflags=flags
        )
        self._ready = False
        self.started += 1
        return self._process

    def _running(self) -> subprocess.Popen[bytes]:
        process = self._launched()
        if self._ready:
            return process
        assert process.stdout is not None
        try:
            ready = receive(process.stdout)
        except Exception as error:
            self._lost(error)
            raise OSError("the drawing process did not start") from error
        if isinstance(ready, Ready):
            self.warm_up_ms = ready.warm_up_ms
        self._ready = True
        return process

    def _lost(self, error: BaseException) -> None:
        process, self._process = self._process, None
        log.warning("the chart process stopped (%s)", error)
        if process is not None:
            process.kill()
            process.wait()
            for stream in (process.stdin, process.stdout):
                if stream is not None:
                    with contextlib.suppress(OSError):
                        stream.close()
