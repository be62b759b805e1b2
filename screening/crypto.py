"""Encryption at rest for health data, and keyed hashes for lookups that must not store secrets.

Answers are encrypted with Fernet (AES + HMAC). Several keys may be configured, newest first:
new writes use the first, reads try them all, so a key can be rotated without downtime.
"""

import hashlib
import hmac
import json
from typing import Any

from cryptography.fernet import Fernet, MultiFernet
from flask import current_app


class Vault:
    def __init__(self, encryption_keys: list[str], lookup_key: str):
        self._fernet = MultiFernet([Fernet(key.strip()) for key in encryption_keys])
        self._lookup_key = lookup_key.encode()

    def encrypt(self, value: Any) -> bytes:
        return self._fernet.encrypt(json.dumps(value, ensure_ascii=False).encode())

    def decrypt(self, token: bytes) -> Any:
        return json.loads(self._fernet.decrypt(token))

    def encrypt_bytes(self, value: bytes) -> bytes:
        return self._fernet.encrypt(value)

    def decrypt_bytes(self, token: bytes) -> bytes:
        return self._fernet.decrypt(token)

    def rotate(self, token: bytes) -> bytes:
        """The same secret, encrypted again under the newest key."""
        return self._fernet.rotate(token)

    def lookup_hash(self, value: str) -> str:
        return hmac.new(self._lookup_key, value.encode(), hashlib.sha256).hexdigest()


def vault() -> Vault:
    """The app's vault, made by create_app from ENCRYPTION_KEYS and LOOKUP_KEY."""
    return current_app.extensions["screening.vault"]


def new_key() -> str:
    return Fernet.generate_key().decode()
