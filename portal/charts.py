"""Charts drawn with matplotlib, always shown beside the table of the same
figures. SVG for web pages (as an image, so its ids never clash with the
page's), PNG for Word documents."""

from __future__ import annotations

import base64
import io
import textwrap
from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")  # no display: draw to files only

from matplotlib import pyplot  # noqa: E402  (after choosing the backend)
from matplotlib.figure import Figure  # noqa: E402

TEAL, SUN = "#1d5c63", "#f9c440"
FONT = ["DejaVu Sans", "Arial", "sans-serif"]


LABEL_WIDTH, TITLE_WIDTH = 28, 64  # characters per line: long words wrap, never cut


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)) or text


def _bar_figure(
    labels: Sequence[str], values: Sequence[float], title: str, unit: str, percent: bool = False
) -> Figure:
    pyplot.rcParams.update({"font.family": FONT, "font.size": 10, "svg.hashsalt": "myreview"})
    wrapped = [_wrap(label, LABEL_WIDTH) for label in labels]
    heading = _wrap(title, TITLE_WIDTH)
    lines = sum(label.count("\n") + 1 for label in wrapped)
    height = max(2.0, 0.3 * lines + 0.2 * len(labels) + 0.25 * (heading.count("\n") + 1) + 1.0)
    figure = Figure(figsize=(6.4, height), dpi=100)
    axes = figure.subplots()
    positions = list(range(len(labels)))[::-1]
    axes.barh(positions, values, color=TEAL)
    axes.set_yticks(positions, labels=wrapped)
    # From the picture's left edge, not the axes': a title beside long labels would run off the right.
    figure.suptitle(heading, x=0.01, ha="left", fontsize=11, fontweight="bold")
    axes.set_xlabel(unit)
    if percent:  # a share is read against the whole: the axis always runs 0 to 100%
        axes.set_xlim(0, 100)
        axes.xaxis.set_major_formatter(lambda x, _pos: f"{x:g}%")
    else:  # room after the longest bar for its figure
        axes.set_xlim(0, max([*values, 1]) * 1.15)
    for spine in ("top", "right"):
        axes.spines[spine].set_visible(False)
    for position, value in zip(positions, values, strict=True):
        axes.text(value, position, f" {value:g}{'%' if percent else ''}", va="center", fontsize=9)
    figure.tight_layout()
    return figure


def bar_svg_data_uri(
    labels: Sequence[str], values: Sequence[float], title: str, unit: str, percent: bool = False
) -> str:
    out = io.StringIO()
    _bar_figure(labels, values, title, unit, percent).savefig(out, format="svg", metadata={"Date": None})
    return "data:image/svg+xml;base64," + base64.b64encode(out.getvalue().encode("utf-8")).decode("ascii")


def bar_png(
    labels: Sequence[str], values: Sequence[float], title: str, unit: str, percent: bool = False
) -> bytes:
    out = io.BytesIO()
    _bar_figure(labels, values, title, unit, percent).savefig(out, format="png", dpi=150)
    return out.getvalue()
