"""The report as a Word document (real headings, tables with header rows,
charts with alt text) and as CSV files, one for every table."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from flask_babel import format_date
from flask_babel import gettext as _

from portal import charts
from portal.report.model import Report, Table


def so_far_warning(report: Report) -> str:
    """For a year still running: its figures cover part of a year."""
    assert report.so_far_to is not None
    return _(
        "%(year)s is still running: its figures are so far, to %(day)s, and compare part of a year "
        "with whole years. The report is written on the last complete year.",
        year=report.label,
        day=format_date(report.so_far_to, "d MMMM yyyy"),
    )


def chart_alt(table: Table) -> str:
    return _("Bar chart: %(title)s. The same figures are in the table beside it.", title=table.title)


def _header_row(row: object) -> None:
    """Mark a table's first row as its header, so it repeats and screen readers announce it."""
    properties = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _alt_text(picture_run: object, text: str) -> None:
    for element in picture_run._r.iter(qn("wp:docPr")):  # type: ignore[attr-defined]
        element.set("descr", text)
        element.set("title", text)


TEXT_WIDTH_CM = 16.0


def _column_widths(table: Table) -> list[float]:
    """Widths in cm in proportion to each column's longest word and text, so no
    word is broken across lines ("arrangement s") and numbers take little room."""
    columns = list(zip(table.headers, *table.rows, strict=True))
    need = []
    for column in columns:
        texts = [str(value) for value in column]
        longest_word = max((len(w) for t in texts for w in t.split()), default=1)
        need.append(max(longest_word, min(max(len(t) for t in texts), 40) / 2))
    total = sum(need)
    return [max(1.6, TEXT_WIDTH_CM * n / total) for n in need]


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def word(report: Report, council: str) -> bytes:
    document = Document()
    title = _(
        "%(council)s: IRO service annual report %(year)s (draft sections)",
        council=council,
        year=report.label,
    )
    # The document's own properties, not python-docx's template's (author "python-docx", 2013, en-US).
    properties = document.core_properties
    properties.title, properties.author, properties.last_modified_by = title, council, council
    properties.language, properties.comments = "en-GB", ""
    properties.created = properties.modified = datetime.now(UTC).replace(tzinfo=None)
    document.add_heading(title, level=0)
    document.add_paragraph(_("Drafted by the My Review portal from its own data. Edit before publishing."))
    if report.so_far_to is not None:
        document.add_paragraph(so_far_warning(report)).runs[0].bold = True
    for section in report.sections:
        document.add_heading(f"{section.number}. {section.title}", level=1)
        for sentence in section.sentences:
            document.add_paragraph(sentence)
        for table in section.tables:
            document.add_heading(table.title, level=2)
            grid = document.add_table(rows=1, cols=len(table.headers))
            grid.style = "Table Grid"
            grid.autofit = False
            for cell, header in zip(grid.rows[0].cells, table.headers, strict=True):
                cell.text = str(header)
                for run in cell.paragraphs[0].runs:
                    run.bold = True
            _header_row(grid.rows[0])
            for values in table.rows:
                for cell, value in zip(grid.add_row().cells, values, strict=True):
                    cell.text = str(value)
                    if _is_number(value):  # figures line up on the right, as in any report
                        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            for column, width in zip(grid.columns, _column_widths(table), strict=True):
                for cell in column.cells:
                    cell.width = Cm(width)
            if table.has_chart:
                png = charts.bar_png(
                    table.chart_labels, table.chart_values, table.title, table.chart_unit, table.chart_percent
                )
                run = document.add_paragraph().add_run()
                run.add_picture(io.BytesIO(png), width=Cm(15))
                _alt_text(run, chart_alt(table))
        for group in section.quotes:
            if group.quotes:
                document.add_heading(_("In their own words: %(theme)s", theme=group.label), level=2)
                for quote in group.quotes:
                    document.add_paragraph(f"“{quote}”", style="Quote")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: Any) -> Any:
    """Text a spreadsheet would run as a formula is written with a leading
    apostrophe, so it shows as typed. Numbers stay numbers."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def csv_files(report: Report) -> dict[str, str]:
    files = {}
    for section in report.sections:
        for table in section.tables:
            out = io.StringIO()
            writer = csv.writer(out)
            writer.writerow([spreadsheet_safe(cell) for cell in table.headers])
            writer.writerows([spreadsheet_safe(cell) for cell in row] for row in table.rows)
            files[f"{section.number}-{table.key}-{report.label.replace('/', '-')}.csv"] = out.getvalue()
    return files


def write_all(report: Report, council: str, html: str, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"annual-report-{report.label.replace('/', '-')}"
    written = [folder / f"{stem}.docx", folder / f"{stem}.html"]
    written[0].write_bytes(word(report, council))
    written[1].write_text(html, encoding="utf-8")
    for name, content in csv_files(report).items():
        path = folder / name
        path.write_text(content, encoding="utf-8")
        written.append(path)
    return written
