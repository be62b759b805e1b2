"""The Flask extensions, made once here and bound to an app by create_app, so that views and stores can use
them without importing the app factory."""

import ipaddress
from pathlib import Path

from flask import request
from flask_limiter import Limiter
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_wtf.csrf import CSRFProtect

from .models import StaffUser, db

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"

csrf = CSRFProtect()
migrate = Migrate(directory=str(MIGRATIONS))
# An IPv6 client is counted by its /64 network: a home or a phone is given a whole /64 and may change the rest of
# its address at will.
IPV6_PREFIX = 64


def network_of(address: str) -> str:
    """Who a rate limit or a sign-in count is kept for: an IPv4 address, or an IPv6 address's /64 network."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 4:
        return str(ip)
    if ip.ipv4_mapped:  # an IPv4 client seen through an IPv6 socket
        return str(ip.ipv4_mapped)
    return str(ipaddress.ip_network(f"{ip}/{IPV6_PREFIX}", strict=False))


def client_network() -> str:
    return network_of(request.remote_addr or "unknown")


# Limits are kept in RATELIMIT_STORAGE_URI: memory for one process, Redis when several share the load.
limiter = Limiter(key_func=client_network, default_limits=[])
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
