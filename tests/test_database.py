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
    "path",
    ["app/services/report.py", "app/services/report_service.py", "app/repositories/report.py", "app/crud.py", "app/api/routes/report.py"],
)
def test_xfa511_a_function_no_route_or_dependency_calls_is_not_per_request(path):
    # third precision reading: "any function of a services file" was the root cause of 11
    # false positives (service objects owning their engine, start-up and migration helpers)
    source = """
        from sqlalchemy.ext.asyncio import create_async_engine


        async def build_report(url: str):
            return create_async_engine(url)
    """
    assert _messages(source, path, code="XFA511") == []


@pytest.mark.parametrize("path", ["app/services/views.py", "app/user_service.py", "app/repositories/views.py", "app/main.py"])
def test_xfa511_names_the_route_handler_that_calls_the_helper(path):
    source = """
        from fastapi import APIRouter
        from sqlalchemy.ext.asyncio import async_sessionmaker

        router = APIRouter()


        def helper(engine):
            return async_sessionmaker(engine, expire_on_commit=False)


        @router.get("/")
        async def root():
            return helper(None)
    """
    [message] = _messages(source, path, code="XFA511")
    assert "async_sessionmaker() inside helper() (called by the route handler root()) builds a new session factory per call" in message


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


def test_xfa501_advice_follows_the_session_type():
    """Fourth reading: ``await`` is advised only for an AsyncSession; a sync Session in an
    ``async def`` gets no ``await`` (a sync Result is not awaitable) but the way off it."""
    source = textwrap.dedent(
        """
        from sqlalchemy.ext.asyncio import async_sessionmaker
        from sqlalchemy.orm import Session, sessionmaker

        from app.db import engine, get_session
        from app.models import Order

        SyncLocal = sessionmaker(bind=engine)
        AsyncLocal = async_sessionmaker(engine)


        async def sync_in_async():
            with SyncLocal() as session:
                return session.query(Order).count()


        async def async_in_async():
            async with AsyncLocal() as session:
                return session.query(Order).count()


        def sync_in_sync(db: Session):
            return db.query(Order).count()


        async def unknown(db=get_session()):
            return db.query(Order).count()
        """
    )
    found = [m for m in _messages(source, code="XFA501")]
    assert len(found) == 4, found
    sync_async, async_async, sync_sync, unknown = found
    assert "await" not in sync_async.split("(a sync Session")[0]
    assert "a sync Session, not awaitable" in sync_async and "AsyncSession" in sync_async
    assert async_async.endswith("use select(): await session.execute(select(Model).where(...))")
    assert sync_sync.endswith("use select(): db.execute(select(Model).where(...))")
    assert "await it when the session is an AsyncSession" in unknown
    assert "use select(): await" not in unknown


def test_xfa501_session_entered_with_plain_with_is_sync():
    """Whatever made it, a session entered with a plain ``with`` is no AsyncSession."""
    source = """
        from app.models import Order


        async def check(store):
            with store.session_maker() as session:
                return session.query(Order).first()
        """
    found = _messages(source, code="XFA501")
    assert len(found) == 1, found
    assert "(a sync Session, not awaitable" in found[0]
    assert "use select(): await" not in found[0]


def test_xfa504_offers_its_fix_only_where_the_rewritten_line_keeps_to_the_line_length(tmp_path_factory):
    from flake8_fastapi_conventions.fixer import fix_text
    from harness import at_line_length, settings_for

    source = "from sqlalchemy.ext.asyncio import async_sessionmaker\n\nSessionLocal = async_sessionmaker(engine)\n"
    # `SessionLocal = async_sessionmaker(engine)` (41 characters) gets `, expire_on_commit=False`
    # (2 + 22) before its `)`: 41 + 24 = 65
    reason = "the rewritten line would be 65 characters, over the project's line length of 64 (setup.cfg)"
    found = {}
    for limit in (64, 65):
        path = at_line_length(tmp_path_factory, limit, "app/db.py")
        [(_, _, found[limit])] = messages(source, path, select=["XFA504"])
        if limit == 64:  # the fixer gives the same reason
            result = fix_text(source, path, settings_for(["XFA504"]), unsafe=True)
            assert [m.reason for m in result.manual] == [reason]
    assert found[64] == f"XFA504 async_sessionmaker() without expire_on_commit=False; pass expire_on_commit=False so objects stay readable after commit [no automatic fix: {reason}]"
    assert found[65].endswith("(unsafe fix: fastapi-conventions fix --unsafe-fixes)")
