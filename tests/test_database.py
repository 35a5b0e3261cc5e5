"""Messages of the XFA5xx rules that depend on the pattern (the eval files check codes,
lines and columns only)."""

from __future__ import annotations

import textwrap

import pytest

from harness import messages


def _messages(source: str, path: str = "app/repositories/x.py", code: str = "XFA5") -> list[str]:
    found = messages(textwrap.dedent(source), path, select=[code])
    return [message for _, _, message in found if message.startswith(code)]


@pytest.mark.parametrize(
    "statement, advice",
    [
        ("SELECT * FROM users WHERE email = '{email}'", 'use bound parameters: text("... WHERE id = :id").bindparams(id=value)'),
        ("SET LOCAL app.tenant_id = '{email}'", "SET cannot take bound parameters; bind the value through set_config()"),
        ("CREATE ROLE {email} LOGIN", "CREATE cannot take bound parameters; quote what you interpolate: dialect.identifier_preparer.quote(name)"),
        ("  comment on table users is '{email}'", "COMMENT cannot take bound parameters; quote"),
        ("PRAGMA user_version = {email}", "PRAGMA cannot take bound parameters; quote"),
        ("DO $$ BEGIN RAISE NOTICE '{email}'; END $$", "DO cannot take bound parameters; quote"),
    ],
)
def test_xfa512_advice_fits_the_statement(statement, advice):
    source = f"""
        from sqlalchemy import text


        def run(session, email: str):
            session.execute(text(f"{statement}"))
    """
    [message] = _messages(source, code="XFA512")
    assert message.startswith("XFA512 SQL built with an f-string; " + advice)


def test_xfa512_server_default_advises_quoting():
    source = """
        from sqlalchemy import Column, String, text


        def column(default: str):
            return Column(String, server_default=text(f"'{default}'"))
    """
    [message] = _messages(source, code="XFA512")
    assert message.startswith("XFA512 SQL built with an f-string; a server default cannot take bound parameters; quote")
    assert 'literal(value).compile(dialect=dialect, compile_kwargs={"literal_binds": True}) for values' in message
