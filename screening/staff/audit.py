"""The audit log: every staff action, with who, when and what. Rows are only ever added, and only here."""

from ..crypto import vault
from ..models import AuditEvent, StaffUser, db

SIGN_IN = "sign_in"
SIGN_IN_FAILED = "sign_in_failed"
SIGN_IN_REFUSED = "sign_in_refused"
SIGN_OUT = "sign_out"
SIGN_OUT_IDLE = "sign_out_idle"  # STAFF_IDLE_MINUTES without a request: found at the next one
VIEW_QUEUE = "view_queue"
VIEW = "view"
PRINT = "print"
REVIEW = "review"
NOTE = "note"
EXPORT_FHIR = "export_fhir"
EXPORT_FHIR_BUNDLE = "export_fhir_bundle"
EXPORT_CSV = "export_csv"
ACCOUNT_CREATED = "account_created"
ACCOUNT_ACTIVATED = "account_activated"
ACCOUNT_DEACTIVATED = "account_deactivated"
PASSWORD_RESET = "password_reset"
PURGE = "purge"
ROTATE_KEYS = "rotate_keys"
VIEW_ATTENTION = "view_attention"  # an intake that needs attention now (alerts/marks.py)
ACKNOWLEDGE_ATTENTION = "acknowledge_attention"
ACTIONS = (
    SIGN_IN, SIGN_IN_FAILED, SIGN_IN_REFUSED, SIGN_OUT, SIGN_OUT_IDLE, VIEW_QUEUE, VIEW, PRINT, REVIEW, NOTE,
    EXPORT_FHIR, EXPORT_FHIR_BUNDLE, EXPORT_CSV, ACCOUNT_CREATED, ACCOUNT_ACTIVATED, ACCOUNT_DEACTIVATED,
    PASSWORD_RESET, PURGE, ROTATE_KEYS, VIEW_ATTENTION, ACKNOWLEDGE_ATTENTION,
)
# What each action was, for the log's filter: an admin picks what happened, not a name from the code.
LABELS = {
    SIGN_IN: "Signed in", SIGN_IN_FAILED: "Sign-in failed", SIGN_IN_REFUSED: "Sign-in refused: too many attempts",
    SIGN_OUT: "Signed out", SIGN_OUT_IDLE: "Signed out after a time without activity",
    VIEW_QUEUE: "Viewed the queue", VIEW: "Opened an intake", PRINT: "Opened the PDF",
    REVIEW: "Marked as reviewed", NOTE: "Added a note", EXPORT_FHIR: "FHIR export",
    EXPORT_FHIR_BUNDLE: "FHIR transaction Bundle", EXPORT_CSV: "Flags as CSV", ACCOUNT_CREATED: "Account created",
    ACCOUNT_ACTIVATED: "Account reactivated", ACCOUNT_DEACTIVATED: "Account deactivated",
    PASSWORD_RESET: "New password set", PURGE: "Old intakes deleted", ROTATE_KEYS: "Keys rotated",
    VIEW_ATTENTION: "Opened an attention record", ACKNOWLEDGE_ATTENTION: "Recorded what was done",
}
PER_PAGE = 50


def record(action: str, actor: StaffUser | None = None, intake_id: int | None = None, detail: str = "",
           address: str | None = None, account: str | None = None) -> None:
    """`detail` must never hold health data: name what was done, not what the intake says."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    db.session.add(
        AuditEvent(
            action=action,
            actor_id=actor.id if actor else None,
            intake_id=intake_id,
            detail=detail,
            address_hash=vault().lookup_hash("address:" + address) if address else None,
            account_hash=vault().lookup_hash("account:" + account.casefold()) if account else None,
        )
    )
    db.session.commit()


def events(action: str = "", actor_id: int | None = None, intake_id: int | None = None, page: int = 1,
           per_page: int = PER_PAGE) -> tuple[list[AuditEvent], int]:
    query = db.select(AuditEvent)
    if action:
        query = query.filter_by(action=action)
    if actor_id:
        query = query.filter_by(actor_id=actor_id)
    if intake_id:
        query = query.filter_by(intake_id=intake_id)
    total = db.session.scalar(db.select(db.func.count()).select_from(query.subquery()))
    page = min(max(page, 1), max(1, -(-total // per_page)))  # any number typed in the address is a real page
    rows = db.session.scalars(query.order_by(AuditEvent.id.desc()).limit(per_page).offset((page - 1) * per_page))
    return list(rows), total
