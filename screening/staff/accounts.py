"""Staff accounts: creating them, signing in with limits on attempts, and admins' changes.

Passwords are hashed with scrypt (memory-hard; Werkzeug's default). Failed sign-ins are counted in
the audit log (per account and address, per address, per account), so the limits hold across processes and servers.
"""

from datetime import timedelta

from flask import current_app
from werkzeug.security import check_password_hash, generate_password_hash

from ..crypto import vault
from ..models import AuditEvent, StaffUser, db, utcnow
from . import audit

ROLES = ("staff", "admin")
MIN_PASSWORD_LENGTH = 12
# Checked when the email is unknown, so a wrong email takes as long as a wrong password.
UNKNOWN_ACCOUNT_HASH = generate_password_hash("no such account")


class TooManyAttempts(Exception):
    pass


class AccountError(ValueError):
    pass


def normalise_email(email: str) -> str:
    return email.strip().casefold()


def find(email: str) -> StaffUser | None:
    return db.session.execute(db.select(StaffUser).filter_by(email=normalise_email(email))).scalar_one_or_none()


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"Use a password of at least {MIN_PASSWORD_LENGTH} characters.")


def create(email: str, password: str, role: str = "staff", by: StaffUser | None = None) -> StaffUser:
    """A new account, audited as made by `by`, or from the command line when no one is signed in."""
    if role not in ROLES:
        raise AccountError(f"The role must be one of {', '.join(ROLES)}.")
    if find(email):
        raise AccountError(f"There is already an account for {normalise_email(email)}.")
    check_password(password)
    user = StaffUser(email=normalise_email(email), password_hash=generate_password_hash(password), role=role)
    db.session.add(user)
    db.session.commit()
    audit.record(audit.ACCOUNT_CREATED, actor=by,
                 detail=f"account {user.id} ({role})" + ("" if by else " from the command line"))
    return user


def recent_events(action: str, *conditions, minutes: float | None = None) -> int:
    """How many `action` rows matching `conditions` the audit log holds from the last `minutes` (by default the
    sign-in window)."""
    minutes = current_app.config["SIGN_IN_WINDOW_MINUTES"] if minutes is None else minutes
    since = utcnow() - timedelta(minutes=minutes)
    return db.session.scalar(db.select(db.func.count()).where(AuditEvent.action == action, AuditEvent.at >= since,
                                                              *conditions))


def too_many_failures(account_key: str, address_key: str) -> bool:
    """Failures lock an account only for the address they came from, so whoever knows a staff email cannot keep its
    owner out from another one. Guessing spread over many addresses meets the limit for the account, which spares an
    address the account signed in from lately (the clinic's own), so the owner still gets in from there."""
    config = current_app.config
    mine, here = AuditEvent.account_hash == account_key, AuditEvent.address_hash == address_key
    if (recent_events(audit.SIGN_IN_FAILED, mine, here) >= config["SIGN_IN_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS"]
            or recent_events(audit.SIGN_IN_FAILED, here) >= config["SIGN_IN_ATTEMPTS_PER_ADDRESS"]):
        return True
    return (recent_events(audit.SIGN_IN_FAILED, mine) >= config["SIGN_IN_ATTEMPTS_PER_ACCOUNT"]
            and not recent_events(audit.SIGN_IN, mine, here, minutes=config["SIGN_IN_KNOWN_ADDRESS_DAYS"] * 24 * 60))


def authenticate(email: str, password: str, address: str) -> StaffUser | None:
    """The active account with this email and password, or None; raises TooManyAttempts first. Refusals are
    audited once per window for an address or account, so a script hammering the form cannot fill the log."""
    account_key = vault().lookup_hash("account:" + normalise_email(email))
    address_key = vault().lookup_hash("address:" + address)
    if too_many_failures(account_key, address_key):
        if not (recent_events(audit.SIGN_IN_REFUSED, AuditEvent.address_hash == address_key)
                or recent_events(audit.SIGN_IN_REFUSED, AuditEvent.account_hash == account_key)):
            audit.record(audit.SIGN_IN_REFUSED, detail="too many attempts", address=address,
                         account=normalise_email(email))
        raise TooManyAttempts()
    user = find(email)
    valid = check_password_hash(user.password_hash if user else UNKNOWN_ACCOUNT_HASH, password)
    if not (user and valid and user.active):
        audit.record(audit.SIGN_IN_FAILED, actor=user, address=address, account=normalise_email(email))
        return None
    audit.record(audit.SIGN_IN, actor=user, address=address, account=normalise_email(email))
    return user


def end_sessions(user: StaffUser) -> None:
    """Every session of this account, on any device and in any copied cookie, stops working."""
    db.session.execute(db.update(StaffUser).where(StaffUser.id == user.id)
                       .values(session_version=StaffUser.session_version + 1))
    db.session.commit()


def set_password(user: StaffUser, password: str, by: StaffUser | None = None) -> None:
    check_password(password)
    user.password_hash = generate_password_hash(password)
    db.session.commit()
    end_sessions(user)
    audit.record(audit.PASSWORD_RESET, actor=by or user, detail=f"account {user.id}")


def set_active(user: StaffUser, active: bool, by: StaffUser) -> None:
    if user.id == by.id and not active:
        raise AccountError("You cannot deactivate your own account.")
    user.active = active
    db.session.commit()
    if not active:
        end_sessions(user)
    action = audit.ACCOUNT_ACTIVATED if active else audit.ACCOUNT_DEACTIVATED
    audit.record(action, actor=by, detail=f"account {user.id}")
