"""A real SMTP server on a loopback port (aiosmtpd), for the tests of alerts by email, and the settings that point
the app at it."""

import time
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller

ON_CALL = "oncall@clinic.test"


class Inbox:
    """aiosmtpd's handler: every message the SMTP server accepts, with its envelope recipients."""

    def __init__(self) -> None:
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((list(envelope.rcpt_tos), message_from_bytes(envelope.content, policy=policy.default)))
        return "250 Message accepted"

    def wait_for(self, count: int, seconds: float = 60):
        deadline = time.monotonic() + seconds
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.messages


class MailServer:
    def __init__(self, port: int) -> None:
        self.port, self.inbox, self.controller = port, Inbox(), None

    def start(self) -> None:
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller:
            self.controller.stop()
            self.controller = None


def alert_settings(port: int, **more) -> dict:
    return {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": port, "MAIL_USE_TLS": False, "ALERT_EMAILS": ON_CALL,
            "CLINIC_NAME": "Lakeside Clinic", "CLINIC_PHONE": "555 010 0100",
            "APP_URL": "https://screening.lakeside.test", **more}
