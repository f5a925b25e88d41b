"""Every kind of personal link has its token cut from access-log lines."""

from portal.log_redaction import redact


def test_every_personal_links_token_is_cut_from_a_log_line():
    line = (
        '"GET /c/AbC123 HTTP/1.1" "GET /f/Qr-9_x?x=1 HTTP/1.1" '
        '"GET /l/Letter_Tok-3n/photo HTTP/1.1" "GET /account/password/P4ss HTTP/1.1"'
    )
    cleaned = redact(line)
    assert not any(token in cleaned for token in ("AbC123", "Qr-9_x", "Letter_Tok-3n", "P4ss"))
    assert "/l/…/photo" in cleaned and "/c/…" in cleaned
