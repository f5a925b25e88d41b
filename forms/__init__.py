"""Questionnaires as data, and the engine that turns them into WTForms.

This package knows nothing of Flask or the database: it reads definition
files, validates them, and builds plain WTForms classes. The portal supplies
the base form class (for CSRF) and stores what comes back.
"""

from forms.definition import (
    DefinitionError,
    Option,
    Page,
    Question,
    Questionnaire,
)
from forms.registry import (
    age_on,
    all_questionnaires,
    get_questionnaire,
    questionnaire_for,
)

__all__ = [
    "DefinitionError",
    "Option",
    "Page",
    "Question",
    "Questionnaire",
    "age_on",
    "all_questionnaires",
    "get_questionnaire",
    "questionnaire_for",
]
