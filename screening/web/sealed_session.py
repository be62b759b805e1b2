"""Values kept in the session cookie encrypted. The cookie is signed, not encrypted: whoever holds a copy reads it,
and what a save tells the next page (why the crisis page shows, which page's follow-ups opened, which table shows
one more row) says something of the answers.

A value is padded to a whole number of BLOCK bytes before it is encrypted, so the length of the token does not tell
which page it names or how many questions opened (up to BLOCK bytes of them, which holds nearly every save's).
"""

import json
from typing import Any

from cryptography.fernet import InvalidToken
from flask import session

from ..crypto import vault

BLOCK = 256


def seal(key: str, value: Any) -> None:
    text = json.dumps(value, ensure_ascii=False).encode()
    session[key] = vault().encrypt_bytes(text + b" " * (-len(text) % BLOCK))


def unseal(key: str, pop: bool = False) -> Any:
    """The value sealed under `key` (taken out of the session when `pop`), or None: nothing there, a value written in
    clear by an older version, or one sealed under a key no longer configured."""
    held = session.pop(key, None) if pop else session.get(key)
    if not isinstance(held, bytes):
        return None
    try:
        return json.loads(vault().decrypt_bytes(held))
    except InvalidToken:
        return None
