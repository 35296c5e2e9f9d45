"""The report's charts drawn by matplotlib: SVG for the PDF, PNG for Word. No pyplot, so no global figure state."""

import io
from decimal import Decimal

from ..document import Chart
from .cells import number

# Okabe and Ito's palette: told apart by people with the common kinds of colour blindness.
COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
RC = {
    "font.family": "DejaVu Sans",  # the family the PDF ships (static/fonts); matplotlib has it too for measuring
    "font.size": 9,
    "svg.fonttype": "none",  # text stays text, drawn with the PDF's embedded font
    "svg.hashsalt": "intl-portal-report",  # the same chart gives the same SVG
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def has_figures(chart: Chart) -> bool:
    """Whether there is anything to draw (an empty year shows only its table's empty text)."""
    return bool(chart.labels) and any(any(value for value in series.values) for series in chart.series)


def svg(chart: Chart, language: str) -> bytes:
    """The chart as an SVG document."""
    return _save(chart, language, "svg", metadata={"Date": None, "Creator": None})


def png(chart: Chart, language: str) -> bytes:
    """The chart as a PNG picture (150 dpi), for Word, which shows no SVG everywhere."""
    return _save(chart, language, "png", dpi=150, metadata={"Software": None})


def _save(chart, language, file_format, **options) -> bytes:
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    with rc_context(RC):
        figure = Figure(figsize=(6.3, 3.2), layout="constrained")
        axes = figure.add_subplot()
        _draw(axes, chart, language)
        buffer = io.BytesIO()
        figure.savefig(buffer, format=file_format, **options)
    return buffer.getvalue()


def _draw(axes, chart, language):
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    values = [[float(Decimal(value or 0)) for value in series.values] for series in chart.series]
    positions = list(range(len(chart.labels)))
    if chart.kind == "pie":
        axes.pie(values[0], labels=chart.labels, colors=COLOURS, startangle=90, counterclock=False)
        axes.set_aspect("equal")
        return
    if chart.kind == "line":
        for index, (series, points) in enumerate(zip(chart.series, values, strict=True)):
            axes.plot(positions, points, marker="o", color=COLOURS[index % len(COLOURS)], label=series.name)
    elif chart.kind == "stacked_bar":
        bottom = [0.0] * len(positions)
        for index, (series, heights) in enumerate(zip(chart.series, values, strict=True)):
            axes.bar(positions, heights, bottom=bottom, color=COLOURS[index % len(COLOURS)], label=series.name)
            bottom = [low + height for low, height in zip(bottom, heights, strict=True)]
    else:
        width = 0.8 / max(len(values), 1)
        for index, (series, heights) in enumerate(zip(chart.series, values, strict=True)):
            offsets = [position - 0.4 + width * (index + 0.5) for position in positions]
            axes.bar(offsets, heights, width=width, color=COLOURS[index % len(COLOURS)], label=series.name)
    slanted = len(chart.labels) > 6 or sum(len(label) for label in chart.labels) > 48  # long names would overlap
    axes.set_xticks(positions, chart.labels, rotation=30 if slanted else 0, ha="right" if slanted else "center")
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))  # counts and kronor: no half steps
    axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: number(Decimal(str(value)), 0, language)))
    axes.grid(axis="y", color="#dddddd", linewidth=0.6)
    axes.set_axisbelow(True)
    if len(chart.series) > 1:  # beside the plot, so it never hides a bar
        axes.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small")
