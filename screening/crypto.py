"""Encryption at rest for health data, and keyed hashes for lookups that must not store secrets.

Answers are encrypted with Fernet (AES + HMAC). Several keys may be configured, newest first:
new writes use the first, reads try them all, so a key can be rotated without downtime.
"""

import hashlib
import hmac
import json
import secrets
from typing import Any

from cryptography.fernet import Fernet, MultiFernet

# No 0/O, 1/I/L or U: nothing that is misheard or misread when a code is read aloud.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_GROUPS = 4
CODE_GROUP_LENGTH = 4


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


def new_key() -> str:
    return Fernet.generate_key().decode()


def new_resume_code() -> str:
    """About 78 bits of randomness, in groups of four letters and digits: K7QM-3XTR-9PWD-H2FN."""
    groups = (
        "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUP_LENGTH)) for _ in range(CODE_GROUPS)
    )
    return "-".join(groups)


def normalise_code(typed: str) -> str:
    """Accept the code however it was typed: any case, with or without spaces and dashes."""
    return "".join(character for character in typed.upper() if character.isalnum())
