"""Senders. Each takes an address, a subject and a body, and raises SendFailed."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from typing import Any, Protocol


class SendFailed(RuntimeError):
    pass


class Sender(Protocol):
    def send(self, to: str, subject: str, body: str) -> None: ...


class SmtpSender:
    def __init__(self, config: dict[str, Any]) -> None:
        self.host = config["SMTP_HOST"]
        self.port = int(config["SMTP_PORT"])
        self.user = config.get("SMTP_USER") or ""
        self.password = config.get("SMTP_PASSWORD") or ""
        self.starttls = bool(config.get("SMTP_STARTTLS"))
        self.sender = config["MAIL_FROM"]
        self.timeout = float(config.get("SMTP_TIMEOUT_SECONDS", 5))

    def send(self, to: str, subject: str, body: str) -> None:
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = self.sender, to, subject
        message.set_content(body)
        try:
            with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
                if self.starttls:
                    smtp.starttls(context=ssl.create_default_context())
                if self.user:
                    smtp.login(self.user, self.password)
                smtp.send_message(message)
        except (OSError, smtplib.SMTPException) as error:
            raise SendFailed(f"SMTP {self.host}:{self.port}: {error}") from error


class NotifySender:
    """GOV.UK Notify through its official client. The council's Notify templates
    take ``subject`` and ``body`` as personalisation."""

    def __init__(self, config: dict[str, Any], channel: str) -> None:
        self.api_key = config.get("NOTIFY_API_KEY") or ""
        self.base_url = config.get("NOTIFY_BASE_URL") or "https://api.notifications.service.gov.uk"
        self.template_id = (
            config.get("NOTIFY_EMAIL_TEMPLATE_ID" if channel == "email" else "NOTIFY_SMS_TEMPLATE_ID") or ""
        )
        self.channel = channel

    def send(self, to: str, subject: str, body: str) -> None:
        if not (self.api_key and self.template_id):
            raise SendFailed(
                f"GOV.UK Notify is not set up for {self.channel} (NOTIFY_API_KEY and template id)"
            )
        from notifications_python_client.errors import APIError
        from notifications_python_client.notifications import NotificationsAPIClient

        client = NotificationsAPIClient(self.api_key, base_url=self.base_url)
        personalisation = {"subject": subject, "body": body}
        try:
            if self.channel == "email":
                client.send_email_notification(
                    email_address=to, template_id=self.template_id, personalisation=personalisation
                )
            else:
                client.send_sms_notification(
                    phone_number=to, template_id=self.template_id, personalisation=personalisation
                )
        except (APIError, OSError) as error:
            raise SendFailed(f"GOV.UK Notify: {error}") from error


def sender_for(channel: str, config: dict[str, Any]) -> Sender:
    if channel == "sms":
        return NotifySender(config, "sms")
    if config.get("EMAIL_BACKEND") == "notify":
        return NotifySender(config, "email")
    return SmtpSender(config)
