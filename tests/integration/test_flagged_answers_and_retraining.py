"""Safety first where codes travel: an answer that raised a safeguarding flag
is never a quote anywhere; and a council's corrections retrain its coder."""

from __future__ import annotations

from datetime import date

from click.testing import CliRunner
from sqlalchemy import delete, select, update

from portal import coding
from portal.consult import service
from portal.insights import explorer
from portal.models import AnswerCoding, CoderModel, CodingCorrection, ReportQuote, SafeguardingFlag
from portal.report import sections
from tests.support import factories
from tests.support.staff import sign_in

SAFE = "I want to see my brother more, every week {n}"
DISCLOSURE = "I want to see my brother more but my stepdad hits me when mum is out ({n})"


def reporting_year() -> int:
    today = date.today()
    return today.year if today.month >= 4 else today.year - 1


def send(db_session, chair, text):  # type: ignore[no-untyped-def]
    invitation, _ = factories.consultation(db_session, age=10, chair=chair)
    service.save_page(db_session, invitation, "wishes", {"wishes": text})
    return service.submit(db_session, service.progress(db_session, invitation), "en")


def cli(app, monkeypatch, tmp_path, *args):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DATABASE_URL", app.config["DATABASE_URL"])
    monkeypatch.setenv("MYREVIEW_INSTANCE_PATH", str(tmp_path))
    from portal.cli import main

    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_flagged_answers_are_never_proposed_shown_or_printed_as_quotes(app, client, db_session):
    chair = factories.iro(db_session)
    for n in range(5):
        send(db_session, chair, SAFE.format(n=n))
    for n in range(3):
        send(db_session, chair, DISCLOSURE.format(n=n))
    assert len(db_session.scalars(select(SafeguardingFlag)).all()) == 3
    year = reporting_year()
    with app.test_request_context():
        report = sections.build(db_session, year)
    group = next(g for g in report.section("children").quotes if g.theme == "family_time")
    assert group.candidates and all("hits" not in q.text for q in group.candidates)
    assert all("hits" not in q for q in group.quotes)
    sign_in(client, db_session, factories.staff(db_session, "participation_officer"))
    chooser = client.soup(f"/reports/quotes?year={year}").get_text()
    assert "stepdad" not in chooser and "never proposed or printed as quotes" in chooser
    start, end = date(year, 4, 1), date(year + 1, 3, 31)
    rows = explorer.load_rows(db_session, explorer.Filters(start=start, end=end))
    assert sum(r.flagged for r in rows) == 3
    assert all("hits" not in q.text for q in explorer.quotes(rows, "family_time", 10))


def test_a_recode_that_newly_flags_a_chosen_quote_takes_it_out_and_says_so(
    app, client, db_session, monkeypatch, tmp_path
):
    chair = factories.iro(db_session)
    for n in range(5):
        send(db_session, chair, SAFE.format(n=n))
    missed = send(db_session, chair, DISCLOSURE.format(n=9))
    # As an older coder would have left it: not flagged, so it could be chosen as a quote.
    db_session.execute(delete(SafeguardingFlag))
    db_session.execute(
        update(AnswerCoding)
        .where(AnswerCoding.response_id == missed.id)
        .values(safeguarding=False, coder="1.0+older", evidence={"themes": {"family_time": ["brother"]}})
    )
    year = reporting_year()
    officer = factories.staff(db_session, "participation_officer")
    db_session.add(
        ReportQuote(
            year=year,
            theme="family_time",
            response_id=missed.id,
            question_id="wishes",
            chosen_by_id=officer.id,
        )
    )
    db_session.commit()

    output = cli(app, monkeypatch, tmp_path, "recode")
    assert "1 newly flagged" in output
    db_session.expire_all()
    with app.test_request_context():
        report = sections.build(db_session, year)
    assert all("hits" not in q for g in report.section("children").quotes for q in g.quotes)
    sign_in(client, db_session, officer)
    page = client.soup(f"/reports/quotes?year={year}").get_text()
    assert "1 quote chosen earlier was taken out of the report" in page


def test_retrain_then_recode_uses_the_new_model_keeps_corrections_and_can_roll_back(
    app, db_session, monkeypatch, tmp_path
):
    chair = factories.iro(db_session)
    response = send(db_session, chair, "The staff never sort my hair out properly and it makes me sad")
    officer = factories.staff(db_session, "participation_officer")
    db_session.add(
        CodingCorrection(
            response_id=response.id,
            question_id="wishes",
            themes=["identity", "home_carers"],
            sentiment="negative",
            corrected_by_id=officer.id,
        )
    )
    db_session.commit()
    shipped_version = db_session.scalar(select(AnswerCoding.coder))

    output = cli(app, monkeypatch, tmp_path, "retrain")
    assert "1 corrections used" in output
    assert "theme micro-F1" in output and "before" in output and "after" in output
    model = db_session.scalar(select(CoderModel).where(CoderModel.active))
    assert model is not None and model.corrections == 1

    cli(app, monkeypatch, tmp_path, "recode")
    db_session.expire_all()
    answer = db_session.scalar(select(AnswerCoding).where(AnswerCoding.response_id == response.id))
    assert answer.coder.endswith(model.version) and answer.coder != shipped_version
    latest = coding.corrections_for(db_session, [response.id])[(response.id, "wishes")]
    assert coding.effective(answer, latest).themes == ("identity", "home_carers")  # the person still wins

    assert "the shipped model" in cli(app, monkeypatch, tmp_path, "retrain", "--rollback")
    db_session.expire_all()
    assert db_session.scalar(select(CoderModel).where(CoderModel.active)) is None
