from __future__ import annotations

import io

from forms.babel_extract import extract_questionnaire
from forms.registry import SHIPPED


def extracted(name: str) -> list[tuple[int, str, str, list[str]]]:
    data = (SHIPPED / name).read_bytes()
    return list(extract_questionnaire(io.BytesIO(data), None, None, {}))


def test_every_label_hint_and_option_is_extracted_with_where_it_came_from():
    found = extracted("my-review-8-12.v1.toml")
    messages = {message for _, _, message, _ in found}
    assert "How are things where you live?" in messages  # a label
    assert "Choose all that apply." in messages  # a hint
    assert "Anywhere but school" in messages  # an option
    assert "My Review" in messages  # the title
    line, _, _, comments = next(f for f in found if f[2] == "Anywhere but school")
    text = (SHIPPED / "my-review-8-12.v1.toml").read_text().splitlines()
    assert "Anywhere but school" in text[line - 1]
    assert comments[0].startswith("questionnaire my-review-8-12: pages[")
