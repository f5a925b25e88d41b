"""Charts for the report: no text cut off or outside the picture, long labels
wrapped rather than shortened, shares drawn on a 0 to 100% axis."""

from __future__ import annotations

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.text import Text

from portal.charts import _bar_figure

LONG = [
    "Child does not attend but conveys their views another way",
    "Reports were shared with me in time to read them before the conference",
    "Second reviews (within 3 months of the first)",
    "PN1",
]


def texts_outside(figure) -> list[str]:  # type: ignore[no-untyped-def]
    canvas = FigureCanvasAgg(figure)  # the PNG the Word file holds is drawn by Agg
    canvas.draw()
    renderer = canvas.get_renderer()
    box = figure.bbox
    low, high = figure.axes[0].get_xlim()
    hidden = {
        tick.label1 for tick in figure.axes[0].xaxis.get_major_ticks() if not low <= tick.get_loc() <= high
    }
    outside = []
    for text in figure.findobj(Text):
        if (
            not text.get_visible() or not text.get_text().strip() or text in hidden
        ):  # ticks off the axis aren't drawn
            continue
        extent = text.get_window_extent(renderer)
        if (
            extent.x0 < box.x0 - 1
            or extent.x1 > box.x1 + 1
            or extent.y0 < box.y0 - 1
            or extent.y1 > box.y1 + 1
        ):
            outside.append(text.get_text())
    return outside


def test_long_labels_and_titles_wrap_and_stay_inside_the_picture():
    figure = _bar_figure(
        LONG,
        [100, 87.5, 42, 3],
        "How parents rated the conference: agreement with each statement, 2025/26, all conference types",
        "% who agreed",
        percent=True,
    )
    assert texts_outside(figure) == []
    labels = [t.get_text() for t in figure.axes[0].get_yticklabels()]
    assert [label.replace("\n", " ") for label in labels] == LONG  # every word kept, none cut to "..."
    assert figure.axes[0].get_xlim() == (0.0, 100.0)


def test_a_count_chart_keeps_its_own_scale():
    figure = _bar_figure(
        ["Under 1", "1 to 4"], [5, 160], "Children in care on 31 March 2026, by age", "children"
    )
    assert texts_outside(figure) == []
    assert figure.axes[0].get_xlim()[1] > 160
    assert figure.texts[0].get_text() == "Children in care on 31 March 2026, by age"  # the title, whole
