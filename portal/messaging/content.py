"""What each message says. A link and plain words; never a name, a date of
birth or anything a child wrote, because messages pass through other systems."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _


@dataclass(frozen=True)
class Content:
    subject: str
    body: str


def invitation(url: str, until: str, council: str) -> Content:
    return Content(
        _("Have your say before your meeting"),
        _(
            "You have been asked what you think before a meeting.\n\n"
            "Open this link to have your say: %(url)s\n\n"
            "The link works until %(until)s. You can save your answers and come back.\n\n"
            "If you did not expect this message, you can ignore it.\n\n%(council)s",
            url=url,
            until=until,
            council=council,
        ),
    )


def iro_profile(url: str, until: str, council: str) -> Content:
    return Content(
        _("Meet your Independent Reviewing Officer"),
        _(
            "Your Independent Reviewing Officer (IRO) would like to say hello.\n\n"
            "Open this link to meet them and say what you think: %(url)s\n\n"
            "The link works until %(until)s.\n\n%(council)s",
            url=url,
            until=until,
            council=council,
        ),
    )


def account(url: str, purpose: str, council: str) -> Content:
    if purpose == "set_password":
        return Content(
            _("Your My Review account"),
            _(
                "An account has been made for you on My Review.\n\n"
                "Set your password here (the link works for 7 days, once): %(url)s\n\n%(council)s",
                url=url,
                council=council,
            ),
        )
    return Content(
        _("Reset your My Review password"),
        _(
            "Someone asked to reset the password for this email address on My Review.\n\n"
            "Reset it here (the link works for 1 hour, once): %(url)s\n\n"
            "If it was not you, you can ignore this message.\n\n%(council)s",
            url=url,
            council=council,
        ),
    )


def alert(url: str, council: str) -> Content:
    return Content(
        _("My Review: a response needs a person to read it now"),
        _(
            "A response on My Review may disclose that a child is at risk.\n\n"
            "Read it and record what you have done: %(url)s\n\n"
            "This message does not contain the child's words. %(council)s",
            url=url,
            council=council,
        ),
    )
