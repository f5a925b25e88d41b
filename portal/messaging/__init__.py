"""Email and text messages: an outbox in the database, senders for SMTP and
GOV.UK Notify, and message content that carries a link and no personal details."""
