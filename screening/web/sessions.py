"""The session cookie with one lifetime per audience.

Flask gives every signed cookie one age limit, `permanent_session_lifetime`. Staff sessions are permanent and
end after STAFF_IDLE_MINUTES; a patient's session is a browser session whose draft stays open for
PATIENT_IDLE_MINUTES, so its cookie must not be refused at the staff limit.
"""

import time
from datetime import timedelta

from flask import Flask
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface
from itsdangerous import BadSignature


class AudienceSession(SecureCookieSession):
    """`outlived`: what a genuine cookie held when it came in past its lifetime. It opens nothing, but the intake lets
    go of the draft it named on the server, so that a copy of the cookie kept in use elsewhere stops opening it."""

    outlived: dict | None = None


class AudienceSessionInterface(SecureCookieSessionInterface):
    session_class = AudienceSession

    def __init__(self, patient_lifetime: timedelta):
        self.patient_lifetime = patient_lifetime

    def open_session(self, app: Flask, request):
        value = request.cookies.get(self.get_cookie_name(app))
        if not value:
            return self.session_class()
        try:  # the age is checked below, against the lifetime of the cookie's audience
            data, signed_at = self.get_signing_serializer(app).loads(value, return_timestamp=True)
        except BadSignature:
            return self.session_class()
        lifetime = app.permanent_session_lifetime if data.get("_permanent") else self.patient_lifetime
        if time.time() - signed_at.timestamp() > lifetime.total_seconds():
            ended = self.session_class()
            ended.outlived = data
            ended.modified = True  # the response tells the browser to forget the cookie
            return ended
        return self.session_class(data)
