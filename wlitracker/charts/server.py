"""The chart process: matplotlib draws here, never in the window's interpreter.

Started by the window (``charts.process.ChartProcess``) as ``python -m
wlitracker.charts.server``. It loads matplotlib and draws a first text (fonts), says
``Ready``, then answers one pickled request after another from its input until that
ends, which it does when the window closes or is killed. It keeps nothing of a chart
once its picture is sent (a score of megabytes for the figures of every view): saving
draws the spec again, at the size it had on screen. Answers go out on the output it was
started with; anything else printed goes to standard error, so a stray message cannot
break the stream.
"""

from __future__ import annotations

import os
import sys
import time
import traceback
from typing import IO, TYPE_CHECKING

from .picture import Picture
from .process import (
    Answer,
    Draw,
    Drawn,
    Failed,
    Ready,
    Refused,
    Report,
    Save,
    Written,
    receive,
    send,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure


class Server:
    def answer(self, request: object) -> Answer:
        from ..core.model.errors import WliError

        try:
            if isinstance(request, Draw):
                began = time.perf_counter()
                picture, figure = draw_picture(request)
                drawing_ms = (time.perf_counter() - began) * 1000
                figure.clear()  # its artists go now, not at the next collection
                return Drawn(request.view, request.number, picture, drawing_ms)
            if isinstance(request, Save):
                return self.save(request)
            if isinstance(request, Report):
                return self.report(request)
            return Failed(f"not a chart request: {type(request).__name__}")
        except WliError as error:
            return Refused.of(error)
        except Exception as error:
            return Failed(f"{error}; the log has the details", traceback.format_exc())

    def save(self, request: Save) -> Written:
        from .render import format_of, save_figure, write_chart
        from .theme import theme_named

        if request.shown is None:
            path = write_chart(
                request.spec,
                request.path,
                theme=theme_named(request.theme),
                journals=request.journals,
            )
            return Written(path)
        format_of(request.path)  # a wrong extension is said before anything is drawn
        width, height, dpi = request.shown
        _, figure = draw_picture(
            Draw(0, 0, request.spec, request.theme, width, height, dpi), pixels=False
        )
        path = save_figure(figure, request.path, title=request.title, journals=request.journals)
        figure.clear()
        return Written(path)

    def report(self, request: Report) -> Written:
        from .report import write_report

        return Written(write_report(request.spec, request.chart, request.path, request.journals))


def draw_picture(request: Draw, pixels: bool = True) -> tuple[Picture, Figure]:
    """The spec drawn at the size asked; a spec that cannot be drawn becomes its message.

    ``pixels``: whether the picture is wanted (not for a file: the figure is saved).
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.colors import to_rgba
    from matplotlib.figure import Figure

    from ..core.model.errors import WliError
    from .common import regions_of
    from .render import draw_spec
    from .theme import drawing, theme_named

    figure = Figure(
        figsize=(request.width / request.dpi, request.height / request.dpi), dpi=request.dpi
    )
    canvas = FigureCanvasAgg(figure)
    problem = ""
    with drawing():
        try:
            draw_spec(figure, request.spec, theme_named(request.theme))
        except WliError as error:
            problem = str(error)
        except Exception as error:  # a fault of ours: said on the chart, kept in the log
            traceback.print_exc()
            problem = f"This chart could not be drawn ({error}); the log has the details."
        if problem:
            figure.clear()
            figure.text(0.5, 0.5, problem, ha="center", va="center", wrap=True)
        if not pixels:
            return Picture(b"", 0, 0, problem=problem), figure
        canvas.draw()  # type: ignore[no-untyped-call]
    width, height = (int(v) for v in canvas.get_width_height())
    red, green, blue, *_ = to_rgba(figure.get_facecolor())
    picture = Picture(
        bytes(canvas.buffer_rgba()),  # type: ignore[no-untyped-call]
        width,
        height,
        _texts(figure),
        (float(red), float(green), float(blue)),
        () if problem else regions_of(figure),
        problem,
    )
    return picture, figure


def _texts(figure: Figure) -> tuple[str, ...]:
    """Every text on the chart, in reading order: the figure's, then each Axes' labels."""
    texts = [t.get_text() for t in figure.texts]
    for ax in figure.axes:
        texts += [ax.get_title(), ax.get_ylabel(), ax.get_xlabel()]
        texts += [t.get_text() for t in ax.texts]
    return tuple(t for t in texts if t)


def warm_up() -> float:
    """Load matplotlib and draw a text once (its fonts), before the first chart is asked."""
    began = time.perf_counter()
    from .render import new_figure
    from .theme import drawing

    figure = new_figure((2, 1), 50)
    figure.text(0.5, 0.5, "0123 Mon Jan")
    with drawing():
        figure.canvas.draw()
    return (time.perf_counter() - began) * 1000


def serve(requests: IO[bytes], answers: IO[bytes]) -> int:
    send(answers, Ready(warm_up()))
    server = Server()
    while True:
        try:
            request = receive(requests)
        except EOFError:
            return 0  # the window is gone
        except Exception as error:  # a request this process cannot read: said, not fatal
            send(answers, Failed(f"the chart request could not be read ({error})"))
            continue
        send(answers, server.answer(request))


def main() -> int:
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    sys.stdout = sys.stderr
    try:
        return serve(sys.stdin.buffer, answers)
    except (BrokenPipeError, KeyboardInterrupt):
        return 0


if __name__ == "__main__":
    sys.exit(main())
