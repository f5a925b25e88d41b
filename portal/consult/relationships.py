"""Relationships as the case management system writes them ("mum", "foster
carer"), shown to a child in their own language. A relationship not listed here
is shown as it was written."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

KNOWN = {
    "mum": _l("mum"),
    "dad": _l("dad"),
    "parent": _l("parent"),
    "foster carer": _l("foster carer"),
    "foster carers": _l("foster carers"),
    "carer": _l("carer"),
    "nan": _l("nan"),
    "grandad": _l("grandad"),
    "brother": _l("brother"),
    "sister": _l("sister"),
    "aunt": _l("aunt"),
    "uncle": _l("uncle"),
    "social worker": _l("social worker"),
    "teacher": _l("teacher"),
}


def relationship_label(written: str) -> str:
    known = KNOWN.get(" ".join(written.lower().split()))
    return str(known) if known is not None else written
