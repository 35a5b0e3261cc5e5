"""XFA514: a lazy-loading ``relationship()`` in an async project."""

from __future__ import annotations

import ast

from ...context import Context, has_kwargs_splat, keyword, string_value
from ...registry import rule
from ._shared import _SA_MODULES, DATABASE_CALLEES


XFA514 = rule(
    "XFA514",
    "lazy-relationship-in-async",
    default=False,
    seeds=("004",),
    message="relationship() without lazy= lazy-loads on access, which AsyncSession cannot do",
    fix_hint='choose the loading explicitly: lazy="selectin" (or "joined", "raise")',
    what="""
        Reports `relationship(...)` (from `sqlalchemy.orm`) without `lazy=`, and SQLModel
        `Relationship(...)` whose `sa_relationship_kwargs` has no `"lazy"`, in a file that
        shows the project uses `AsyncSession`: it imports from `sqlalchemy.ext.asyncio` or
        `sqlmodel.ext.asyncio` (models declared next to the async engine/session, or a
        models module that imports `AsyncSession` for its helpers). One file cannot see
        the whole project, and sync projects (most `relationship()` calls in the wild)
        must stay clean, so a models file without that import is not reported.

        Scope: every file is checked, tests and scripts (CI scripts included) too: models
        are shared by the app and its tests.
    """,
    why="""
        The default `lazy="select"` loads a relationship on first attribute access; under
        `AsyncSession` that implicit I/O raises `MissingGreenlet`. Seed 004: "Never rely
        on lazy loading in async code — it causes implicit I/O and will raise errors."
    """,
    bad="""
        from sqlalchemy.ext.asyncio import AsyncSession
        from sqlalchemy.orm import DeclarativeBase, relationship


        class Base(DeclarativeBase):
            pass


        class User(Base):
            __tablename__ = "users"
            posts = relationship("Post", back_populates="author")
    """,
    good="""
        from sqlalchemy.ext.asyncio import AsyncSession
        from sqlalchemy.orm import DeclarativeBase, relationship


        class Base(DeclarativeBase):
            pass


        class User(Base):
            __tablename__ = "users"
            posts = relationship("Post", back_populates="author", lazy="selectin")
    """,
    not_flagged=(
        "Files that import nothing from `sqlalchemy.ext.asyncio`/`sqlmodel.ext.asyncio` "
        "(a sync project, or a models module that does not show it).",
        "Files that use `AsyncAttrs` (relationships are then loaded explicitly with "
        "`await obj.awaitable_attrs.<name>`).",
        "Calls with a `**kwargs` splat.",
    ),
    example_path="app/models.py",
)


# -- XFA514 ----------------------------------------------------------------------------


def _file_uses_async_session(ctx: Context) -> bool:
    """This file shows the project is async: it imports from ``sqlalchemy.ext.asyncio``
    or ``sqlmodel.ext.asyncio``."""
    return ctx.memo(
        "xfa5.async_import",
        lambda: any(".ext.asyncio" in q and q.split(".", 1)[0] in _SA_MODULES for q in ctx.imports.values()),
    )


def _uses_async_attrs(ctx: Context) -> bool:
    return any(q.endswith("AsyncAttrs") for q in ctx.imports.values())


@DATABASE_CALLEES.on("relationship", "Relationship", rules=(XFA514,))
def _relationship(node: ast.Call, name: str, ctx: Context) -> None:
    if not ctx.wants(XFA514):
        return
    if has_kwargs_splat(node):
        return
    if name == "relationship":
        if not ctx.imported_from(node.func, "sqlalchemy"):
            return
        if keyword(node, "lazy") is not None:
            return
    else:
        if not ctx.imported_from(node.func, "sqlmodel"):
            return
        kwargs = keyword(node, "sa_relationship_kwargs")
        if kwargs is not None:
            if not isinstance(kwargs.value, ast.Dict):
                return
            if any(k is None or string_value(k) == "lazy" for k in kwargs.value.keys):
                return
        if keyword(node, "sa_relationship") is not None:
            return
    if not _file_uses_async_session(ctx) or _uses_async_attrs(ctx):
        return
    ctx.report(node, XFA514)
