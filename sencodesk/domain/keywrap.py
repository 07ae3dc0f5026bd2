"""Wrapping the database key: one random key, locked separately by each secret that may open it.

The SQLCipher key is 32 random bytes. It is never derived from a password; instead each secret
(the school passphrase, the one-time recovery key, each staff member's password) derives its
own key-encryption key with scrypt and wraps the database key with AES-256-GCM. Any one secret
opens the school; losing one never loses the data; changing one re-wraps one slot only.
The slot label is bound in as associated data, so a slot cannot be swapped to another name.
Pure computation: the key file itself is read and written by store.keyfile.
"""

from __future__ import annotations

import base64
import hashlib
import os
import secrets
from typing import Any

# cryptography is imported where a key is wrapped or unwrapped (sign-in to an encrypted school,
# setting up encryption), not when the app starts: a plain school's start never needs it.

KEY_BYTES = 32
N, R, P = 2**14, 8, 1
RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread on paper


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def new_db_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def _kek(secret: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        secret.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=256 * 1024 * 1024, dklen=32
    )


def wrap(db_key: bytes, secret: str, label: str, *, n: int = N) -> dict[str, str | int]:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt, nonce = os.urandom(16), os.urandom(12)
    sealed = AESGCM(_kek(secret, salt, n, R, P)).encrypt(nonce, db_key, label.encode("utf-8"))
    return {
        "kdf": "scrypt",
        "n": n,
        "r": R,
        "p": P,
        "salt": _b64(salt),
        "nonce": _b64(nonce),
        "wrapped": _b64(sealed),
    }


def unwrap(slot: dict[str, Any], secret: str, label: str) -> bytes | None:
    """The database key, or None when the secret is wrong (or the slot was tampered with)."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        kek = _kek(secret, base64.b64decode(slot["salt"]), int(slot["n"]), int(slot["r"]), int(slot["p"]))
        return AESGCM(kek).decrypt(
            base64.b64decode(slot["nonce"]), base64.b64decode(slot["wrapped"]), label.encode("utf-8")
        )
    except (InvalidTag, KeyError, ValueError, TypeError):
        return None


def new_recovery_key() -> str:
    """25 characters (about 125 bits) in five groups, to print and keep in the school safe."""
    chars = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(25))
    return "-".join(chars[i : i + 5] for i in range(0, 25, 5))


def normalise_recovery_key(text: str) -> str:
    """Accept what a person types from the printout: any case, spaces or dashes, O for 0."""
    chars = "".join(c for c in text.upper() if c.isalnum()).replace("0", "O").replace("1", "I")
    return "-".join(chars[i : i + 5] for i in range(0, len(chars), 5))
