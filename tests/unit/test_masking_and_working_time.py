from datetime import datetime

from portal.insights.masking import mask
from portal.safeguarding import working_minutes_between


def test_known_and_other_names_schools_numbers_and_emails_are_hidden_wording_kept():
    text = "Me and Kyle went to see Sandra at Oakfield Primary School. Ring 07700 900123 or kyle@example.com!"
    assert mask(text, ["Kyle Martin", "Sandra Blake"]) == (
        "Me and [name] went to see [name] at [school]. Ring [number] or [email]!"
    )


def test_sentence_starts_and_ordinary_capitals_are_kept():
    assert mask("My IRO is great. On Saturday I see Mum.", []) == "My IRO is great. On Saturday I see Mum."
    assert mask("Jade is my best friend", ["Jade"]) == "[name] is my best friend"


def test_working_minutes_count_only_weekday_office_hours():
    # Friday 16:30 to Monday 09:45 (GMT): 30 minutes on Friday and 45 on Monday.
    assert working_minutes_between(datetime(2026, 11, 20, 16, 30), datetime(2026, 11, 23, 9, 45)) == 75
    # A bank holiday (Christmas Day 2026, a Friday) does not count.
    assert working_minutes_between(datetime(2026, 12, 25, 9, 0), datetime(2026, 12, 25, 17, 0)) == 0
    # In summer time, 08:30 UTC is 09:30 in London.
    assert working_minutes_between(datetime(2026, 7, 1, 8, 0), datetime(2026, 7, 1, 8, 30)) == 30


def test_joining_words_in_a_record_and_model_names_are_not_masked():
    from portal.insights.masking import mask

    masked = mask("Paul and Rita let me play my PS5, and the GP was kind", ["Paul and Rita Hughes"])
    assert masked == "[name] and [name] let me play my PS5, and the GP was kind"
