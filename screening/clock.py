"""The app's one clock, and the clinic's wall clock read from it.

Times are stored in UTC; staff, the clinician and the patient live by the clinic's clock (CLINIC_TIMEZONE), so a
form sent at 22:08 in New York reads "22:08 EST", not "03:08 UTC", and "today" turns at the clinic's midnight,
not the server's. Read from time.time(), the clock the session cookies and the idle sign-out read too, so that one
clock moves them all (as the tests move it).
"""

import time
from datetime import UTC, date, datetime, tzinfo
from zoneinfo import ZoneInfo

from flask import current_app


def utcnow() -> datetime:
    return datetime.fromtimestamp(time.time(), UTC)


def clinic_zone() -> tzinfo:
    """UTC by default needs no time zone database (a slim server may have none)."""
    name = current_app.config["CLINIC_TIMEZONE"]
    return UTC if name == "UTC" else ZoneInfo(name)


def clinic_time(moment: datetime) -> datetime:
    """A stored (UTC) moment on the clinic's clock."""
    return moment.astimezone(clinic_zone())


def clinic_today() -> date:
    """The clinic's date now: a visit "today", an age on the day a form is filled or sent."""
    return clinic_time(utcnow()).date()
