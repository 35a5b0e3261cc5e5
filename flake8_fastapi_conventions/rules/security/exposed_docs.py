"""XFA706: ``FastAPI(...)`` that serves its docs and OpenAPI schema in production."""

from __future__ import annotations

import ast

from ...context import Context, FASTAPI_APP_FACTORIES, has_kwargs_splat, keyword, string_value
from ...registry import rule, visitor


XFA706 = rule(
    "XFA706",
    "docs-exposed",
    default=False,
    seeds=("004",),
    message="FastAPI() serves /docs, /redoc and /openapi.json to everyone",
    fix_hint="set openapi_url (or docs_url and redoc_url) from settings, e.g. openapi_url=settings.OPENAPI_URL (None in production)",
    what="""
        Reports `FastAPI(...)` that sets neither `openapi_url` nor both `docs_url` and
        `redoc_url` to something other than a string literal (a settings value,
        an expression, or `None`). Test files (the tests layer) are not checked; scripts
        (the scripts layer) are, though they rarely build the application.
    """,
    why="""
        Seed 004: "Exposing /docs and /redoc in production without authentication. Disable
        or restrict access to API documentation in deployed environments." The schema maps
        every endpoint and parameter for an attacker.
    """,
    bad="""
        from fastapi import FastAPI

        app = FastAPI(title="Orders")
    """,
    good="""
        from fastapi import FastAPI

        from app.core.config import settings

        app = FastAPI(title="Orders", openapi_url=settings.OPENAPI_URL)
    """,
    not_flagged=(
        "`FastAPI(openapi_url=None)`, `openapi_url=\"\"` or `openapi_url=settings.X` (no schema, so no docs pages).",
        "`docs_url` and `redoc_url` both set from settings or `None`.",
        "`FastAPI(**config)` (the keys are not known here), and test files.",
    ),
)


@visitor(ast.Call, codes=(XFA706,))
def docs_exposed(node: ast.Call, ctx: Context) -> None:
    func = node.func
    if not (isinstance(func, ast.Name) and func.id == "FastAPI" or isinstance(func, ast.Attribute) and func.attr == "FastAPI"):
        return
    if ctx.call_name(node) not in FASTAPI_APP_FACTORIES or not ctx.imported_from(func, "fastapi"):
        return
    if ctx.is_test or has_kwargs_splat(node):
        return

    def configured(name: str) -> bool:
        kw = keyword(node, name)
        if kw is None:
            return False
        text = string_value(kw.value)
        return text is None or text == ""  # FastAPI treats "" like None: the page is off

    if configured("openapi_url") or (configured("docs_url") and configured("redoc_url")):
        return
    ctx.report(node, XFA706)
