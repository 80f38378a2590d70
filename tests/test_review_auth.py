"""The review app's accounts, sessions and login: logout and password resets end sessions, safe
redirects after login, and a throttle on password guessing."""
from __future__ import annotations

from storage import open_database
from tests.test_review_app import (EDITOR, PASSWORD, app, csrf, db_path, decide, fetched, ids,  # noqa: F401
                                   login)


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
