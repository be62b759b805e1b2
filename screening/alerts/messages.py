"""What an alert says. Email and chat tools are no place for health data (reference "Alerts"): an alert holds the
clinic's name, "An intake needs attention now", the intake's number and a link to sign in, and the reason's
category only when the clinic opts in (ALERT_INCLUDE_REASON). Never a name, never an answer."""

from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from ..rules.attention import labels
from .marks import ESCALATION

HEADLINE = "An intake needs attention now"


@dataclass(frozen=True)
class Alert:
    clinic: str
    intake_id: int
    link: str
    kind: str
    minutes: float  # ALERT_ESCALATE_MINUTES, said in an escalation
    reasons: tuple[str, ...] = ()  # only when the clinic opts in

    @property
    def subject(self) -> str:
        still = "Still not acknowledged: " if self.kind == ESCALATION else ""
        return f"{self.clinic}: {still}{HEADLINE.lower()} (intake {self.intake_id})"

    @property
    def text(self) -> str:
        lines = [self.clinic, "", f"{HEADLINE}."]
        if self.kind == ESCALATION:
            lines.append(f"Nobody has recorded what was done after {self.minutes:g} minutes.")
        lines.append(f"Intake number: {self.intake_id}")
        if self.reasons:
            lines.append("Reason: " + ", ".join(labels(self.reasons)))
        lines += ["", f"Sign in to see it: {self.link}"]
        return "\n".join(lines) + "\n"

    def email(self, sender: str, to: list[str]) -> EmailMessage:
        message = EmailMessage()
        message["Subject"] = self.subject
        message["From"] = sender
        message["To"] = ", ".join(to)
        # Required by RFC 5322 (Date) or by some mail services (Message-ID), which refuse a message without them.
        message["Date"] = formatdate(usegmt=True)
        message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or "localhost")
        message.set_content(self.text)
        return message

    def payload(self) -> dict:
        """For paging and chat tools: `text` is what Slack-style webhooks show."""
        body = {"text": self.text, "clinic": self.clinic, "summary": HEADLINE, "intake": self.intake_id,
                "kind": self.kind, "link": self.link}
        if self.reasons:
            body["reasons"] = list(self.reasons)
        return body
