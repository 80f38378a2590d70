"""Editor and viewer accounts: creation with validation, and password checks."""
from __future__ import annotations

import functools
import re

from werkzeug.security import check_password_hash, generate_password_hash

from storage.db import Database

ROLES = ("editor", "viewer")
DEFAULT_ROLE = "editor"  # of a new account created without a role
MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 1024
_USERNAME = re.compile(r"^[\w.@-]{1,64}$")


class AccountError(ValueError):
    """A user that cannot be created as asked."""


def create_user(db: Database, username: str, password: str, role: str | None = None, *,
                replace: bool = True) -> str:
    """Store a user with a hashed password (scrypt, via werkzeug); return the role stored.

    An existing user's password is reset (and the role changed when *role* is given; kept
    when it is None), unless ``replace=False``, which refuses to touch an existing name.
    A new user without a role is an editor.
    """
    if not _USERNAME.match(username or ""):
        raise AccountError("username: 1-64 letters, digits, '.', '_', '@' or '-'")
    if role is not None and role not in ROLES:
        raise AccountError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
    if not MIN_PASSWORD_LENGTH <= len(password or "") <= MAX_PASSWORD_LENGTH:
        raise AccountError(f"the password needs at least {MIN_PASSWORD_LENGTH} characters")
    existing = db.user(username)
    if not replace and existing is not None:
        raise AccountError(f"user {username!r} exists already")
    if role is None and existing is not None:
        role = existing["role"]
        if role not in ROLES:
            raise AccountError(f"user {username!r} has the unknown role {role!r}: give a role ({', '.join(ROLES)})")
    role = role or DEFAULT_ROLE
    db.put_user(username, generate_password_hash(password), role)
    return role


def delete_user(db: Database, username: str) -> None:
    """Remove an account: its sessions end at once, its past decisions keep its name."""
    if not db.delete_user(username):
        raise AccountError(f"no user {username!r}")


@functools.lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return generate_password_hash("not a password of anyone")


def authenticate(db: Database, username: str, password: str) -> dict | None:
    """The user row when the password matches and the role is known, else None.

    An unknown name costs one hash check too, so timing does not reveal names.
    """
    user = db.user(username) if username and len(username) <= 64 else None
    if user is None or len(password) > MAX_PASSWORD_LENGTH:
        check_password_hash(_dummy_hash(), password[:MAX_PASSWORD_LENGTH])
        return None
    if not check_password_hash(user["password_hash"] or "", password) or user["role"] not in ROLES:
        return None
    return user
