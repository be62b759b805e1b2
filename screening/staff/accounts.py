"""Staff accounts: creating them, signing in with limits on attempts, and admins' changes.

Passwords are hashed with scrypt (memory-hard; Werkzeug's default). Failed sign-ins are counted in
the audit log (per account and address, per address, per account), with the checks under way (sign_in_check), so the
limits hold across processes and servers and for attempts sent at the same moment.
"""

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from typing import NoReturn

from flask import current_app
from werkzeug.security import check_password_hash, generate_password_hash

from ..crypto import vault
from ..models import AuditEvent, SignInCheck, StaffUser, db, utcnow
from . import audit

ROLES = ("staff", "admin")
MIN_PASSWORD_LENGTH = 12
# Checked when the email is unknown, so a wrong email takes as long as a wrong password.
UNKNOWN_ACCOUNT_HASH = generate_password_hash("no such account")
# A password check lasts well under a second: one left by a process stopped mid-check stops counting after this.
CHECK_MINUTES = 1
# Each limit as the audit log names a sign-in it refused.
LIMIT_FOR_ACCOUNT_HERE = "too many attempts for this account from this address"
LIMIT_FOR_ACCOUNT = "too many attempts for this account"
LIMIT_FOR_ADDRESS = "too many attempts from this address"
SIGNED_IN_PAST_THE_ADDRESS_LIMIT = "from an address over its limit, which this account signed in from lately"


class TooManyAttempts(Exception):
    """Refused before the password counts, or any wrong password at an address over its limit. `from_address`: the
    address is over its limit (staff who signed in from it lately still get in there, with the right password)."""

    def __init__(self, from_address: bool):
        super().__init__()
        self.from_address = from_address


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


@dataclass(frozen=True)
class Attempt:
    """One sign-in: the account asked for and the address it came from, as typed and as counted (keyed hashes)."""

    email: str
    address: str
    account_key: str
    address_key: str

    @classmethod
    def of(cls, email: str, address: str) -> "Attempt":
        email = normalise_email(email)
        return cls(email, address, vault().lookup_hash("account:" + email), vault().lookup_hash("address:" + address))


def failures(account_key: str | None = None, address_key: str | None = None) -> int:
    """Failed sign-ins in the window for this account, this address or both, with the checks under way (each may yet
    fail), so that attempts sent at the same moment count each other."""
    def matching(model) -> list:
        return [column == key for column, key in ((model.account_hash, account_key), (model.address_hash, address_key))
                if key]

    under_way = db.session.scalar(db.select(db.func.count()).where(
        SignInCheck.started_at >= utcnow() - timedelta(minutes=CHECK_MINUTES), *matching(SignInCheck)))
    return recent_events(audit.SIGN_IN_FAILED, *matching(AuditEvent)) + under_way


def signed_in_here_lately(attempt: Attempt) -> bool:
    days = current_app.config["SIGN_IN_KNOWN_ADDRESS_DAYS"]
    return bool(recent_events(audit.SIGN_IN, AuditEvent.account_hash == attempt.account_key,
                              AuditEvent.address_hash == attempt.address_key, minutes=days * 24 * 60))


def limit_met(attempt: Attempt, known_here: bool, own: int = 0) -> str | None:
    """The limit this attempt meets, as the audit log names it, or None (`own`: this attempt's check, counted already).

    Failures lock an account only for the address they came from, so whoever knows a staff email cannot keep its
    owner out from another one. Guessing spread over many addresses meets the limit for the account; guessing many
    accounts from one address (password spraying) meets the limit for the address. Neither holds at an address the
    account signed in from lately (the clinic's own, often one address for the whole office), so that one person
    guessing there does not keep everyone out; the limit for the account at that address still does."""
    config = current_app.config
    if failures(attempt.account_key, attempt.address_key) >= config["SIGN_IN_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS"] + own:
        return LIMIT_FOR_ACCOUNT_HERE
    if known_here:
        return None
    if failures(account_key=attempt.account_key) >= config["SIGN_IN_ATTEMPTS_PER_ACCOUNT"] + own:
        return LIMIT_FOR_ACCOUNT
    if failures(address_key=attempt.address_key) >= config["SIGN_IN_ATTEMPTS_PER_ADDRESS"] + own:
        return LIMIT_FOR_ADDRESS
    return None


@contextmanager
def checking(attempt: Attempt):
    """This attempt counted as a check under way while the block runs, which records its failure, if any, first."""
    check = SignInCheck(account_hash=attempt.account_key, address_hash=attempt.address_key)
    db.session.add(check)
    db.session.flush()
    check_id = check.id
    db.session.commit()
    try:
        yield
    finally:
        left = SignInCheck.started_at < utcnow() - timedelta(minutes=CHECK_MINUTES)  # by a process stopped mid-check
        db.session.execute(db.delete(SignInCheck).where(db.or_(SignInCheck.id == check_id, left)))
        db.session.commit()


def authenticate(email: str, password: str, address: str) -> StaffUser | None:
    """The active account with this email and password, or None; raises TooManyAttempts first.

    At an address over its limit every answer is TooManyAttempts but the way in with the right password, for every
    email, after a password check as long: were the clinic's own staff told "do not match" there, and the others
    "too many attempts", a guesser there could tell which emails sign in from it."""
    attempt = Attempt.of(email, address)
    known_here = signed_in_here_lately(attempt)
    address_over = failures(address_key=attempt.address_key) >= current_app.config["SIGN_IN_ATTEMPTS_PER_ADDRESS"]
    limit = limit_met(attempt, known_here)
    if limit is None:
        with checking(attempt):
            limit = limit_met(attempt, known_here, own=1)
            if limit is None:
                return checked(attempt, password, address_over)
    refuse(attempt, limit, password, address_over or limit == LIMIT_FOR_ADDRESS)


def checked(attempt: Attempt, password: str, address_over: bool) -> StaffUser | None:
    user = find(attempt.email)
    valid = check_password_hash(user.password_hash if user else UNKNOWN_ACCOUNT_HASH, password)
    if not (user and valid and user.active):
        audit.record(audit.SIGN_IN_FAILED, actor=user, address=attempt.address, account=attempt.email)
        if address_over:
            raise TooManyAttempts(from_address=True)
        return None
    audit.record(audit.SIGN_IN, actor=user, address=attempt.address, account=attempt.email,
                 detail=SIGNED_IN_PAST_THE_ADDRESS_LIMIT if address_over else "")
    return user


def refuse(attempt: Attempt, limit: str, password: str, from_address: bool) -> NoReturn:
    """Refusals are audited once per window for an address or account, so a script hammering the form cannot fill
    the log."""
    if from_address:
        check_password_hash(UNKNOWN_ACCOUNT_HASH, password)  # as long as the check the clinic's own staff get there
    if not (recent_events(audit.SIGN_IN_REFUSED, AuditEvent.address_hash == attempt.address_key)
            or recent_events(audit.SIGN_IN_REFUSED, AuditEvent.account_hash == attempt.account_key)):
        audit.record(audit.SIGN_IN_REFUSED, detail=limit, address=attempt.address, account=attempt.email)
    raise TooManyAttempts(from_address)


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
