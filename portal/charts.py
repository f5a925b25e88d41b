"""Charts drawn with matplotlib, always shown beside the table of the same
figures. SVG for web pages (as an image, so its ids never clash with the
page's), PNG for Word documents."""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")  # no display: draw to files only

from matplotlib import pyplot  # noqa: E402  (after choosing the backend)
from matplotlib.figure import Figure  # noqa: E402

TEAL, SUN = "#1d5c63", "#f9c440"
FONT = ["DejaVu Sans", "Arial", "sans-serif"]


def _bar_figure(labels: Sequence[str], values: Sequence[float], title: str, unit: str) -> Figure:
    pyplot.rcParams.update({"font.family": FONT, "font.size": 10, "svg.hashsalt": "myreview"})
    height = max(2.0, 0.45 * len(labels) + 1.0)
    figure = Figure(figsize=(6.4, height), dpi=100)
    axes = figure.subplots()
    positions = list(range(len(labels)))[::-1]
    axes.barh(positions, values, color=TEAL)
    axes.set_yticks(positions, labels=[label if len(label) <= 48 else label[:45] + "..." for label in labels])
    axes.set_title(title, loc="left", fontsize=11, fontweight="bold")
    axes.set_xlabel(unit)
    for spine in ("top", "right"):
        axes.spines[spine].set_visible(False)
    for position, value in zip(positions, values, strict=True):
        axes.text(value, position, f" {value:g}", va="center", fontsize=9)
    figure.tight_layout()
    return figure


def bar_svg_data_uri(labels: Sequence[str], values: Sequence[float], title: str, unit: str) -> str:
    out = io.StringIO()
    _bar_figure(labels, values, title, unit).savefig(out, format="svg", metadata={"Date": None})
    return "data:image/svg+xml;base64," + base64.b64encode(out.getvalue().encode("utf-8")).decode("ascii")


def bar_png(labels: Sequence[str], values: Sequence[float], title: str, unit: str) -> bytes:
    out = io.BytesIO()
    _bar_figure(labels, values, title, unit).savefig(out, format="png", dpi=150)
    return out.getvalue()
