"""XFA320: a route path with three or more path parameters (``/a/{a}/b/{b}/c/{c}``)."""

from __future__ import annotations

import ast

from ...context import Context, RouteInfo
from ...registry import rule
from ._shared import ROUTE_HANDLERS, _PARAM, path_params, _PURE_PARAM

XFA320 = rule(
    "XFA320",
    "deep-resource-nesting",
    default=False,
    seeds=("002",),
    message="path {path} nests {count} path parameters",
    fix_hint="give the inner resource its own top-level path (e.g. /{resource}/{{{param}}})",
    what="Reports a route path with three or more `{param}` segments.",
    why="""
        Seed 002: "anchor at lowest owner that makes auth sense" and "3-level nesting —
        /patients/{id}/appts/{id}/notes — no global URL".
    """,
    bad="""
        from fastapi import APIRouter

        from app.schemas import NoteRead

        router = APIRouter()


        @router.get("/patients/{patient_id}/appointments/{appointment_id}/notes/{note_id}")
        async def read_note(patient_id: int, appointment_id: int, note_id: int) -> NoteRead:
            return await load_note(note_id)
    """,
    good="""
        from fastapi import APIRouter

        from app.schemas import NoteRead

        router = APIRouter()


        @router.get("/notes/{note_id}")
        async def read_note(note_id: int) -> NoteRead:
            return await load_note(note_id)
    """,
    not_flagged=(
        "Paths with one or two parameters.",
        "Scope: test files (the tests layer) are not checked; scripts and CI code are checked "
        "like application code (only route handlers are reported).",
    ),
    example_path="app/routes/notes.py",
)


def _resource_before_last_param(path: str) -> str:
    segments = [s for s in path.split("/") if s]
    for i in range(len(segments) - 1, 0, -1):
        if _PURE_PARAM.match(segments[i]) and not _PARAM.search(segments[i - 1]):
            return segments[i - 1]
    return "resource"


@ROUTE_HANDLERS.on("route", rules=(XFA320,))
def _route(node: ast.FunctionDef | ast.AsyncFunctionDef, r: RouteInfo, ctx: Context) -> None:
    if r.path and ctx.wants(XFA320):
        _check_nesting(r, ctx)


def _check_nesting(r: RouteInfo, ctx: Context) -> None:
    count = len(path_params(r.path))
    if count >= 3:
        inner = _PARAM.findall(r.path)[-1][0]
        resource = _resource_before_last_param(r.path)
        ctx.report(r.decorator, XFA320, path=r.path, count=count, resource=resource, param=inner)
