"""The review app's accounts, sessions and login: logout and password resets end sessions, safe
redirects after login, and a throttle on password guessing."""
from __future__ import annotations

import datetime as dt

import pytest

from review import create_app
from storage import open_database
from tests.test_review_app import (EDITOR, PASSWORD, VIEWER, app, csrf, db_path, decide, fetched,  # noqa: F401
                                   ids, login)


def _replay(app, cookie: str):
    """A second browser holding a copy of someone's session cookie."""
    client = app.test_client()
    client.set_cookie("session", cookie)
    return client


def test_logout_ends_the_session_everywhere(app, ids):
    client = app.test_client()
    assert login(client, EDITOR).status_code == 303
    copy = _replay(app, client.get_cookie("session").value)
    assert copy.get("/api/articles").status_code == 200
    assert client.post("/logout", data={"csrf_token": csrf(client)}).status_code == 303
    assert copy.get("/api/articles").status_code == 401
    assert copy.get("/articles").status_code == 302
    assert decide(copy, ids["corruption"], "pctn", "0", token=None).status_code in (302, 400)
    assert login(client, EDITOR).status_code == 303  # logging in again works
    assert client.get("/api/articles").status_code == 200


def test_a_password_reset_ends_the_users_sessions(app, db_path):
    from review.accounts import create_user

    client = app.test_client()
    assert login(client, EDITOR).status_code == 303
    copy = _replay(app, client.get_cookie("session").value)
    db = open_database(db_path)
    try:
        create_user(db, EDITOR, "a-brand-new-password", "editor")
    finally:
        db.close()
    assert client.get("/api/articles").status_code == 401
    assert copy.get("/api/articles").status_code == 401
    assert login(client, EDITOR).status_code == 401  # the old password is gone
    assert login(client, EDITOR, "a-brand-new-password").status_code == 303
    assert client.get("/api/articles").status_code == 200


def test_a_session_without_the_version_is_not_accepted(app):
    """A cookie signed before session versions existed (only the user name) logs nobody in."""
    client = app.test_client()
    client.get("/login")
    with client.session_transaction() as session:
        session["user"] = EDITOR
    assert client.get("/api/articles").status_code == 401


def test_delete_user_ends_the_account_and_its_sessions(app, db_path):
    from click.testing import CliRunner

    import pipeline

    client = app.test_client()
    assert login(client, EDITOR).status_code == 303
    runner = CliRunner()
    result = runner.invoke(pipeline.cli, ["--db", db_path, "delete-user", EDITOR])
    assert result.exit_code == 0 and f"user {EDITOR} deleted" in result.output
    assert client.get("/api/articles").status_code == 401
    assert login(client, EDITOR).status_code == 401
    result = runner.invoke(pipeline.cli, ["--db", db_path, "delete-user", EDITOR])
    assert result.exit_code == 2 and result.output.startswith("error: no user")


def test_login_never_redirects_to_another_site(app):
    """Browsers drop tabs and newlines from a Location header, so "/\\t/evil.example" leads to
    //evil.example; a CR/LF must not reach the header either (it was a 500)."""
    client = app.test_client()
    client.get("/login")
    for target in ("/\t/evil.example", "/\n/evil.example", "/\r\n/x", "\t//evil.example",
                   " //evil.example", "/\\/evil.example", "///evil.example", "https:/evil.example",
                   "/articles\x00", "/\u2028/evil.example", "", "articles", "http://localhost/articles"):
        response = client.post("/login", data={"username": EDITOR, "password": PASSWORD, "next": target,
                                               "csrf_token": csrf(client)})
        assert response.status_code == 303 and response.location == "/articles", repr(target)
    for target in ("/counts?year=2020", "/articles/3", "/articles?q=tham%20nhung&page=2", "/%09/x"):
        response = client.post("/login", data={"username": EDITOR, "password": PASSWORD, "next": target,
                                               "csrf_token": csrf(client)})
        assert response.status_code == 303 and response.location == target


def test_the_login_page_does_not_carry_a_foreign_next(app):
    page = app.test_client().get("/login?next=/%09/evil.example").text
    assert 'name="next" value=""' in page


def test_resetting_a_password_keeps_the_role_unless_one_is_given(db_path):
    from click.testing import CliRunner

    import pipeline

    def cli(*args: str) -> str:
        result = CliRunner().invoke(pipeline.cli, ["--db", db_path, "create-user", *args])
        assert result.exit_code == 0, result.output
        return result.output

    def role(name: str) -> str:
        db = open_database(db_path)
        try:
            return db.user(name)["role"]
        finally:
            db.close()

    assert "user reader (viewer) saved" in cli("reader", "--role", "viewer", "--password", "first-password")
    assert "user reader (viewer) saved" in cli("reader", "--password", "forgotten-new-pass")
    assert role("reader") == "viewer"
    cli("reader", "--role", "editor", "--password", "forgotten-new-pass")
    assert role("reader") == "editor"
    assert "user newcomer (editor) saved" in cli("newcomer", "--password", "a-long-password")
    assert role("newcomer") == "editor"


class FakeClock:
    """The throttle's clock, moved by hand (tests never sleep)."""

    def __init__(self) -> None:
        self.now = dt.datetime(2024, 5, 1, 8, 0, tzinfo=dt.timezone.utc)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture()
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture()
def throttled_app(db_path, clock):
    return create_app(db_path, secret_key="test-secret", testing=True, clock=clock)


def _attempt(client, username: str, password: str, address: str = "10.0.0.1"):
    client.get("/login")
    return client.post("/login", data={"username": username, "password": password, "csrf_token": csrf(client)},
                       environ_base={"REMOTE_ADDR": address})


def test_password_guessing_is_throttled_per_account(throttled_app, clock):
    client = throttled_app.test_client()
    for i in range(5):
        assert _attempt(client, EDITOR, f"guess-{i}").status_code == 401
    refused = _attempt(client, EDITOR, PASSWORD)  # even the right password, now
    assert refused.status_code == 429
    assert "Đăng nhập sai quá nhiều lần" in refused.text and "15 phút" in refused.text
    assert int(refused.headers["Retry-After"]) == 15 * 60
    assert _attempt(client, EDITOR, PASSWORD, address="10.9.9.9").status_code == 429  # from elsewhere too
    clock.advance(minutes=10)
    assert "5 phút" in _attempt(client, EDITOR, PASSWORD).text
    clock.advance(minutes=5)
    assert _attempt(client, EDITOR, PASSWORD).status_code == 303


def test_a_successful_login_forgets_the_accounts_failures(throttled_app, clock):
    client = throttled_app.test_client()
    for _ in range(2):
        for i in range(4):
            assert _attempt(client, EDITOR, f"guess-{i}").status_code == 401
        assert _attempt(client, EDITOR, PASSWORD).status_code == 303
    # failures older than the window do not count either
    for i in range(4):
        assert _attempt(client, VIEWER, f"guess-{i}").status_code == 401
    clock.advance(minutes=16)
    assert _attempt(client, VIEWER, "guess-5").status_code == 401
    assert _attempt(client, VIEWER, PASSWORD).status_code == 303


def test_password_guessing_is_throttled_per_client_address(throttled_app, clock):
    client = throttled_app.test_client()
    for i in range(20):  # a few tries each on many names, from one address
        assert _attempt(client, f"name-{i // 4}", "guess").status_code == 401
    assert _attempt(client, EDITOR, PASSWORD).status_code == 429
    assert _attempt(client, EDITOR, PASSWORD, address="10.0.0.2").status_code == 303
