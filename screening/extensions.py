"""The Flask extensions, made once here and bound to an app by create_app, so that views and stores can use
them without importing the app factory."""

from pathlib import Path

from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_wtf.csrf import CSRFProtect

from .models import StaffUser, db

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"

csrf = CSRFProtect()
migrate = Migrate(directory=str(MIGRATIONS))
# Limits are kept in RATELIMIT_STORAGE_URI: memory for one process, Redis when several share the load.
limiter = Limiter(key_func=get_remote_address, default_limits=[])
login_manager = LoginManager()
login_manager.login_view = "staff.sign_in"
login_manager.login_message = "Please sign in to see this page."
login_manager.session_protection = "strong"


@login_manager.user_loader
def load_staff(user_id: str) -> StaffUser | None:
    """The account named by the session, only while its session version is the one signed in with."""
    account, _, version = user_id.partition(":")
    if not (account.isdigit() and version.isdigit()):
        return None
    user = db.session.get(StaffUser, int(account))
    return user if user is not None and user.session_version == int(version) else None
