"""Throttling password guesses: too many failed logins for one account, or from one client
address, within a window, and further attempts are refused until the window has passed."""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from storage import Database

MAX_NAME_LENGTH = 64


@dataclass(frozen=True)
class ThrottlePolicy:
    """How many failures within ``window`` lock an account, or a client address, out.

    A newsroom behind one address (a NAT, a proxy) shares the address's allowance, so it
    is larger than an account's: it stops one client trying a few passwords on many names.
    """

    per_account: int = 5
    per_address: int = 20
    window: dt.timedelta = dt.timedelta(minutes=15)


class LoginThrottledError(Exception):
    """Too many failed logins: ``retry_after`` seconds until the next attempt is heard."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"too many failed logins; retry in {retry_after} s")
        self.retry_after = retry_after


def _keys(username: str, address: str | None) -> tuple[str, str]:
    return f"user:{username[:MAX_NAME_LENGTH]}", f"addr:{address or 'unknown'}"


def check_login_allowed(db: Database, username: str, address: str | None, now: dt.datetime,
                        policy: ThrottlePolicy = ThrottlePolicy()) -> None:
    """Raise LoginThrottledError when the account or the address has used up its failures."""
    now_s, window = now.timestamp(), policy.window.total_seconds()
    waits = []
    for key, limit in zip(_keys(username, address), (policy.per_account, policy.per_address)):
        failures = db.login_failures(key, now_s - window)
        if len(failures) >= limit:  # free again when the oldest of the last `limit` leaves the window
            waits.append(failures[-limit] + window - now_s)
    if waits:
        raise LoginThrottledError(max(1, math.ceil(max(waits))))


def record_failed_login(db: Database, username: str, address: str | None, now: dt.datetime,
                        policy: ThrottlePolicy = ThrottlePolicy()) -> None:
    db.record_login_failure(_keys(username, address), now.timestamp(),
                            forget_before=now.timestamp() - policy.window.total_seconds())


def record_successful_login(db: Database, username: str) -> None:
    """The account's failures are forgotten (the address's are not: one's own account
    must not reset the allowance for guessing others')."""
    db.clear_login_failures(_keys(username, None)[0])
