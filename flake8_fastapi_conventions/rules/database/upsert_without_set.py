"""XFA509: ``on_conflict_do_update()`` without ``set_``."""

from __future__ import annotations

import ast

from ...context import Context, has_kwargs_splat, keyword
from ...registry import rule
from ._shared import DATABASE_METHODS


XFA509 = rule(
    "XFA509",
    "upsert-without-set",
    default=True,
    seeds=("001",),
    message="on_conflict_do_update() without set_=",
    fix_hint="pass set_={{...}} naming every column to update (stmt.excluded.<col>, updated_at included)",
    what="Reports `.on_conflict_do_update(...)` calls without a `set_` argument (or with `set_={}`).",
    why="""
        The update half of an upsert needs the columns to overwrite; without `set_`
        SQLAlchemy raises at statement construction, and Python-side defaults such as
        `updated_at` are not applied on the conflict path. Seed 001: "Upserts:
        `pg_insert().on_conflict_do_update()` with explicit `set_`".
    """,
    bad="""
        from sqlalchemy.dialects.postgresql import insert

        from app.models import User


        def upsert_user(values: dict):
            stmt = insert(User).values(**values)
            return stmt.on_conflict_do_update(index_elements=[User.email])
    """,
    good="""
        from sqlalchemy.dialects.postgresql import insert

        from app.models import User


        def upsert_user(values: dict):
            stmt = insert(User).values(**values)
            return stmt.on_conflict_do_update(
                index_elements=[User.email], set_={"name": stmt.excluded.name}
            )
    """,
    not_flagged=("Calls with a `**kwargs` splat, or with `set_` passed positionally (4th argument).",),
)


# -- XFA509 ----------------------------------------------------------------------------


@DATABASE_METHODS.on("on_conflict_do_update", rules=(XFA509,))
def _upsert(node: ast.Call, method: str, receiver: ast.expr, ctx: Context) -> None:
    if has_kwargs_splat(node) or len(node.args) >= 4 or any(isinstance(a, ast.Starred) for a in node.args):
        return
    set_ = keyword(node, "set_")
    if set_ is None or (isinstance(set_.value, ast.Dict) and not set_.value.keys):
        ctx.report(node, XFA509)
