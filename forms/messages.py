"""Every default message the engine shows, in one place, all translatable.

Placeholders are the ones WTForms fills in (``%(max)d``), so a council can
override a message in a definition without code.
"""

from flask_babel import lazy_gettext as _l

REQUIRED = _l("Answer this question, or choose \u201cI don\u2019t want to say\u201d")
REQUIRED_TEXT = _l("Write an answer to this question")
TOO_LONG = _l("Your answer must be %(max)d characters or fewer")
NOT_A_CHOICE = _l("Choose one of the answers shown")
PREFER_NOT = _l("I don\u2019t want to say")
OR = _l("or")
SOMEONE_ELSE = _l("Someone else")
SOMETHING_ELSE = _l("Something else")
TELL_US = _l("Tell us more (if you want to)")
WHO_ELSE = _l("Who? (if you want to say)")
NOT_ANSWERED = _l("Not answered")

# Five points, best first; each is shown with a drawn face beside its words.
EMOJI_SCALE = (
    ("5", _l("Really good")),
    ("4", _l("Good")),
    ("3", _l("OK")),
    ("2", _l("Not good")),
    ("1", _l("Really bad")),
)
YES_NO = (
    ("yes", _l("Yes")),
    ("no", _l("No")),
    ("not_sure", _l("Not sure")),
)
AGREEMENT = (
    ("strongly_agree", _l("Strongly agree")),
    ("agree", _l("Agree")),
    ("disagree", _l("Disagree")),
    ("strongly_disagree", _l("Strongly disagree")),
)
NOT_APPLICABLE = ("not_applicable", _l("Not applicable"))
DAYS = (
    ("monday", _l("Monday")),
    ("tuesday", _l("Tuesday")),
    ("wednesday", _l("Wednesday")),
    ("thursday", _l("Thursday")),
    ("friday", _l("Friday")),
    ("saturday", _l("Saturday")),
    ("sunday", _l("Sunday")),
)
TIMES = (
    ("morning", _l("Morning")),
    ("school_day", _l("During the school day")),
    ("after_school", _l("After school")),
    ("evening", _l("Evening")),
)
DAYS_LABEL = _l("Which days are good?")
TIMES_LABEL = _l("What time of day is good?")
WHEN_NOTE = _l("Anything else about when? For example, not on club nights")
