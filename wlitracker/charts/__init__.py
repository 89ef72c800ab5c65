"""Charts drawn with matplotlib's Figure API (never pyplot) from specs built in ``core``.

Importing this package loads nothing heavy; the modules import matplotlib.

- ``wlitracker.core.present.chart_specs`` builds the specs (pure Python).
- ``experiment.draw_experiment``, ``compare.draw_compare``, ``trend.draw_trend``,
  ``calendar.draw_calendar``, ``weekday.draw_weekday``, ``scatter.draw_scatter``
  draw a spec into a Figure (or SubFigure) they are given, with a ``theme.ChartTheme``.
- ``render.draw_spec`` draws any spec by its type; ``render`` also makes Agg figures
  and saves PNG, SVG and PDF; ``report`` writes the one-page experiment report (PDF
  or HTML). Saving is given the journal's files (``journals``) so it never writes
  over them; nothing here reads the journal.
- ``common.item_at(ax, x, y=y)`` maps a position back to the spec's day, for hover.
- ``ticks`` draws axis ticks, labels and grid lines as a few plain artists.
"""

# How a bundled program (no ``-m``) is started as the chart process; here, not in
# ``process``, so that the command line reads it without importing the pipe's modules.
SERVER_FLAG = "--draw-charts"
