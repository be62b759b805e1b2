"""The audit log: every staff action, with who, when and what. Rows are only ever added."""

from ..crypto import vault
from ..models import AuditEvent, StaffUser, db


def record(action: str, actor: StaffUser | None = None, intake_id: int | None = None, detail: str = "",
           address: str | None = None, account: str | None = None) -> None:
    """`detail` must never hold health data: name what was done, not what the intake says."""
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
           per_page: int = 50) -> tuple[list[AuditEvent], int]:
    query = db.select(AuditEvent)
    if action:
        query = query.filter_by(action=action)
    if actor_id:
        query = query.filter_by(actor_id=actor_id)
    if intake_id:
        query = query.filter_by(intake_id=intake_id)
    total = db.session.scalar(db.select(db.func.count()).select_from(query.subquery()))
    rows = db.session.scalars(query.order_by(AuditEvent.id.desc()).limit(per_page).offset((page - 1) * per_page))
    return list(rows), total


# Actions on the intakes that need attention now (alerts/marks.py)
VIEW_ATTENTION = "view_attention"
ACKNOWLEDGE_ATTENTION = "acknowledge_attention"
