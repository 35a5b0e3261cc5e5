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


@pytest.mark.parametrize(
    "path, where",
    [
        ("app/services/report.py", "a function of a services module"),
        ("app/services/report_service.py", "a function of a services module"),
        ("app/repositories/report.py", "a function of a repositories module"),
        ("app/crud.py", "a function of a repositories module"),
        ("app/api/routes/report.py", "a function of a routes module"),
    ],
)
def test_xfa511_names_the_layer_of_the_file(path, where):
    source = """
        from sqlalchemy.ext.asyncio import create_async_engine


        async def build_report(url: str):
            return create_async_engine(url)
    """
    [message] = _messages(source, path, code="XFA511")
    assert message.startswith(f"XFA511 create_async_engine() inside {where} builds a new engine and connection pool per call")


@pytest.mark.parametrize("path", ["app/services/views.py", "app/user_service.py", "app/repositories/views.py"])
def test_xfa511_a_file_that_defines_routes_is_a_routes_module(path):
    source = """
        from fastapi import APIRouter
        from sqlalchemy.ext.asyncio import async_sessionmaker

        router = APIRouter()


        def helper(engine):
            return async_sessionmaker(engine, expire_on_commit=False)


        @router.get("/")
        async def root():
            return {}
    """
    [message] = _messages(source, path, code="XFA511")
    assert "inside a function of a routes module builds a new session factory per call" in message


def test_xfa511_route_handler_and_dependency_wording():
    source = """
        from fastapi import APIRouter, Depends
        from sqlalchemy.ext.asyncio import create_async_engine

        router = APIRouter()


        def get_engine():
            return create_async_engine("postgresql+asyncpg://app@db/app")


        @router.get("/")
        async def root(engine=Depends(get_engine)):
            return create_async_engine("postgresql+asyncpg://app@db/app")
    """
    found = _messages(source, "app/main.py", code="XFA511")
    assert [m.split(" builds")[0] for m in found] == [
        "XFA511 create_async_engine() inside a dependency",
        "XFA511 create_async_engine() inside a route handler",
    ]
