"""`myreview report --out DIR` on the demo, with no year: the last complete
year, every section with the year before beside it, printed to PDF by
LibreOffice as a council would open it, and two pages kept as pictures in
test-artifacts/ to look at."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from click.testing import CliRunner
from docx import Document
from sqlalchemy.orm import Session

from portal.cli import main
from portal.db import make_engine
from portal.demo import seed
from portal.report.model import last_complete_year, year_label

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
HEADINGS = [
    "The children the service looked after",
    "Reviews and their timeliness",
    "Participation in reviews",
    "Consultation before reviews",
    "What children and young people told us",
    "Child Protection conferences and parents' feedback",
    "You said, we did",
    "Safeguarding flags",
    "Records of reviews",
    "Dispute resolution",
    "Priorities",
]


def _run(*command: str) -> str:
    tool = shutil.which(command[0])
    assert tool, f"{command[0]} is needed (scripts/setup --test installs it)"
    return subprocess.run(
        [tool, *command[1:]], check=True, capture_output=True, text=True, timeout=300
    ).stdout


def test_the_demo_report_prints_every_section_beside_the_year_before(tmp_path, migrated_sqlite, monkeypatch):
    database = tmp_path / "demo.sqlite"
    shutil.copy(migrated_sqlite, database)
    engine = make_engine(f"sqlite:///{database}")
    with Session(engine) as db_session:
        seed(db_session, "http://localhost")
    engine.dispose()
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{database}")
    monkeypatch.setenv("MYREVIEW_INSTANCE_PATH", str(tmp_path))
    out = tmp_path / "report"
    result = CliRunner().invoke(main, ["report", "--out", str(out)])
    assert result.exit_code == 0, result.output

    year = last_complete_year()
    stem = f"annual-report-{year_label(year).replace('/', '-')}"
    document = Document(str(out / f"{stem}.docx"))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [f"{n}. {title}" for n, title in enumerate(HEADINGS, start=1)]
    before = year_label(year - 1)
    compared = [t for t in document.tables if any(before in cell.text for cell in t.rows[0].cells)]
    assert len(compared) >= 10  # the year before beside this one, section by section

    _run(
        "soffice",
        f"-env:UserInstallation=file://{tmp_path / 'office-profile'}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(out),
        str(out / f"{stem}.docx"),
    )
    pdf = out / f"{stem}.pdf"
    printed = " ".join(_run("pdftotext", "-layout", str(pdf), "-").split())
    for title in HEADINGS:
        assert title in printed
    assert "Children per full-time IRO" in printed and "Why reviews were late" in printed
    ARTIFACTS.mkdir(exist_ok=True)
    _run(
        "pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "2", str(pdf), str(ARTIFACTS / "annual-report-page")
    )
    pages = sorted(ARTIFACTS.glob("annual-report-page-*.png"))
    assert len(pages) == 2 and all(page.stat().st_size > 10_000 for page in pages)
