"""Password hashing with stdlib scrypt: slow, salted, and self-describing.

A stored hash reads `scrypt$n=16384,r=8,p=1$<salt b64>$<hash b64>`: the cost parameters live
with the hash, so they can be raised later (`needs_rehash`) without locking anyone out. Pure
computation: no I/O.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

# n=2**14, r=8 uses 16 MiB and about 50 ms per check on a school PC: slow enough to make a
# stolen copy of the users table expensive to attack, quick enough for a sign-in.
DEFAULT_N, DEFAULT_R, DEFAULT_P = 2**14, 8, 1
SALT_BYTES, HASH_BYTES = 16, 32


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=256 * 1024 * 1024, dklen=HASH_BYTES
    )


def hash_password(password: str, *, n: int = DEFAULT_N, r: int = DEFAULT_R, p: int = DEFAULT_P) -> str:
    salt = os.urandom(SALT_BYTES)
    return f"scrypt$n={n},r={r},p={p}${_b64(salt)}${_b64(_scrypt(password, salt, n, r, p))}"


def _parse(stored: str) -> tuple[dict[str, int], bytes, bytes] | None:
    try:
        scheme, params, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return None
        values = {k: int(v) for k, v in (part.split("=") for part in params.split(","))}
        if set(values) != {"n", "r", "p"}:
            return None
        return values, base64.b64decode(salt), base64.b64decode(digest)
    except (ValueError, TypeError):
        return None


def verify_password(password: str, stored: str | None) -> bool:
    """True if `password` matches. A blank or malformed stored hash (or None: no account) never
    matches, but costs the same scrypt run as a real check, so the time a refusal takes does not
    tell a wrong password from a user name that does not exist or cannot sign in."""
    parsed = _parse(stored or "")
    if parsed is None:
        _scrypt(password, os.urandom(SALT_BYTES), DEFAULT_N, DEFAULT_R, DEFAULT_P)
        return False
    params, salt, digest = parsed
    return hmac.compare_digest(_scrypt(password, salt, params["n"], params["r"], params["p"]), digest)


def needs_rehash(stored: str) -> bool:
    """True when the hash was made with weaker settings than today's (re-hash at next sign-in)."""
    parsed = _parse(stored)
    if parsed is None:
        return True
    params = parsed[0]
    return (params["n"], params["r"], params["p"]) < (DEFAULT_N, DEFAULT_R, DEFAULT_P)
