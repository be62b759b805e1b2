"""The session cookie with one lifetime per audience.

Flask gives every signed cookie one age limit, `permanent_session_lifetime`. Staff sessions are permanent and
end after STAFF_IDLE_MINUTES; a patient's session is a browser session whose draft stays open for
PATIENT_IDLE_MINUTES, so its cookie must not be refused at the staff limit.
"""

import time
from datetime import timedelta

from flask import Flask
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import BadSignature


class AudienceSessionInterface(SecureCookieSessionInterface):
    def __init__(self, patient_lifetime: timedelta):
        self.patient_lifetime = patient_lifetime

    def open_session(self, app: Flask, request):
        value = request.cookies.get(self.get_cookie_name(app))
        if not value:
            return self.session_class()
        longest = max(app.permanent_session_lifetime, self.patient_lifetime)
        try:
            data, signed_at = self.get_signing_serializer(app).loads(
                value, max_age=int(longest.total_seconds()), return_timestamp=True
            )
        except BadSignature:
            return self.session_class()
        lifetime = app.permanent_session_lifetime if data.get("_permanent") else self.patient_lifetime
        if time.time() - signed_at.timestamp() > lifetime.total_seconds():
            return self.session_class()
        return self.session_class(data)
