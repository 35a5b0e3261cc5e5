"""XFA3xx: routes and the HTTP contract.

Most rules read the route decorators :meth:`Context.routes_of` found on a handler.
Facts that need the handler's body (its ``return`` statements, ``try`` blocks, calls)
are collected in ``frame.data`` while the body is walked and judged when the walk
leaves the function; XFA304 (shadowed routes) and the dependency half of XFA310 are
judged when it leaves the module.
"""

from __future__ import annotations

import ast
import copy
import re
from dataclasses import dataclass
from http import HTTPStatus
from typing import Callable

from .. import lazy_re
from ..context import FUNCTION_TYPES, Context, Frame, RouteInfo, dotted_name, has_kwargs_splat, keyword, string_value
from ..project import factory_default
from ..registry import moved_off, rule, visitor

# -- declarations ---------------------------------------------------------------------

XFA301 = rule(
    "XFA301",
    "missing-response-model",
    default=False,
    precision=moved_off("9 of 20"),
    seeds=("001", "003", "004"),
    message="route {name}() declares no response model; add response_model=<Schema> to the decorator or a return annotation -> <Schema>",
    what="""
        Reports a route handler whose decorator has no `response_model=` and whose `def`
        has no return annotation, so the response shape is neither validated nor in the
        OpenAPI schema.
    """,
    why="""
        Seed 003: "`response_model` on every route"; seed 004: "Always declare a
        response_model or return type annotation with a Pydantic model" and "Not setting
        response_model on endpoints — OpenAPI docs won't show the response schema".
    """,
    bad="""
        from fastapi import APIRouter

        router = APIRouter()


        @router.get("/users/{user_id}")
        async def read_user(user_id: int):
            return await load_user(user_id)
    """,
    good="""
        from fastapi import APIRouter

        from app.schemas import UserRead

        router = APIRouter()


        @router.get("/users/{user_id}", response_model=UserRead)
        async def read_user(user_id: int) -> UserRead:
            return await load_user(user_id)
    """,
    not_flagged=(
        "`response_model=None` written explicitly (a deliberate choice).",
        "`response_class=` anything but a JSON response (HTML, Redirect, Streaming, File, PlainText, ...).",
        "`status_code=204` (also `status.HTTP_204_NO_CONTENT`, `HTTPStatus.NO_CONTENT`).",
        "Websocket routes and routes with `include_in_schema=False`.",
        "Handlers that return a non-JSON response object (`RedirectResponse`, `HTMLResponse`, "
        "`StreamingResponse`, `FileResponse`, `PlainTextResponse`, `Response`, a template response).",
        "Decorators with a `**kwargs` splat (the keywords are unknown).",
        "Handlers that never return a value (no `return`, or only a bare `return`/`return None`, "
        "outside the functions nested in them): the reply is `null`, there is no response shape "
        "to declare.",
        "A success body documented with `responses={200: {\"model\": X}}` (or the route's own "
        "`status_code=`): it is in the OpenAPI schema.",
        "Handlers that return what a project function annotated `-> Response` (or another "
        "non-JSON response class) builds, here or in another module, directly or through a name; "
        "also a method of a project class annotated so, called on an instance "
        "(`helper = FormHelper(...)`, `return await helper.get_response()` with "
        "`-> _TemplateResponse`), and project subclasses of a non-JSON response class "
        "(`class HXRedirectResponse(RedirectResponse)`), and an unannotated function of this "
        "file (another route handler) that returns a non-JSON response itself "
        "(`return await recording_clip(...)`).",
        "Routes outside any OpenAPI schema: on an app declared `FastAPI(openapi_url=None)` or a "
        "router declared `APIRouter(include_in_schema=False)` in this file (also as a local of "
        "an app factory), or a router this "
        "file includes only with `include_router(..., include_in_schema=False)`.",
        "Health and liveness probes: a path whose last segment is `health`, `healthz`, `alive`, "
        "`livez`, `ping`, `ready`... (no path parameter).",
        "Not told apart: `openapi_url=None` or `include_in_schema=False` set in another module "
        "(the app that mounts the router); a delegate of another module with no return "
        "annotation; webhook receivers and mock or debug servers. They are flagged.",
        "Scope: test files (the tests layer) are not checked; scripts and CI code are checked "
        "like application code (only route handlers are reported).",
    ),
    example_path="app/routes/users.py",
)

XFA302 = rule(
    "XFA302",
    "raw-dict-response",
    default=False,
    precision=moved_off("16 of 20", reading="sixth"),
    seeds=("004",),
    message="route {name}() returns a raw dict; return an instance of a Pydantic response model and declare it (response_model= or -> Model)",
    what="""
        Reports `return {...}`, `return {k: v for ...}` or `return dict(...)` in a route
        handler that declares no Pydantic response model: no `response_model=` (or one
        that is `dict`/`Dict[...]`/`Any`) and no return annotation (or a `dict`-like one).
    """,
    why="""
        Seed 004: "Never return raw dictionaries from endpoints. Always declare a
        response_model or return type annotation with a Pydantic model." A dict has no
        schema: nothing validates or documents what clients receive.
    """,
    bad="""
        from fastapi import APIRouter

        router = APIRouter()


        @router.get("/status")
        async def read_status() -> dict:
            return {"status": "ok"}
    """,
    good="""
        from fastapi import APIRouter
        from pydantic import BaseModel

        router = APIRouter()


        class StatusOut(BaseModel):
            status: str


        @router.get("/status")
        async def read_status() -> StatusOut:
            return StatusOut(status="ok")
    """,
    not_flagged=(
        "Returning a Pydantic model or an ORM object.",
        "A dict returned under a Pydantic `response_model=` or model return annotation: "
        "FastAPI validates it against the model, so the contract holds.",
        "A mapping of models declared as the response (`-> dict[str, list[LimitRead]]`, "
        "`response_model=dict[str, ItemRead]`): dynamic keys whose values FastAPI validates and "
        "documents; no model could describe the keys better. `dict[str, str]` or `dict[str, Any]` "
        "is still reported.",
        "Dicts returned by nested functions inside the handler.",
        "An empty dict (`return {}`, `return dict()`): an acknowledgement with no data, nothing "
        "a model would describe (a route that also returns a dict with data is reported there).",
        "Health and liveness probes (a path ending in `health`, `healthz`, `alive`, `livez`, "
        "`ping`, `ready`...) and routes outside any OpenAPI schema (`include_in_schema=False` "
        "on the route or its router, an app with `openapi_url=None` in this file, a router this "
        "file includes with `include_in_schema=False`). A path given by a constant is read from "
        "this file (`HEALTH = \"/healthz\"`); a constant of another module counts as a probe "
        "when its name or the handler's says so (`@app.get(SIDECAR_HEALTH_PATH)`, `READY_PATH`, "
        "`def health()`).",
        "The application's root banner: `@app.get(\"/\")` on a `FastAPI(...)` of this file "
        "returning a dict of constants only (`{\"message\": \"API is running\"}`). A router's "
        "`\"/\"` or a root answering data is reported.",
        "Webhook receivers that verify the provider's signature (`stripe.Webhook.construct_event"
        "(...)`, `Webhook(secret).verify(...)`): the provider is the only client and reads the status "
        "code, not a schema. A webhook route that verifies nothing is reported.",
        "Modules under an `examples/` (`demos/`, `samples/`, `tutorials/`) directory: a demo's "
        "backend shows the library to a developer running it, it is not an API the project "
        "serves.",
        "Not told apart: `openapi_url=None` set on the app of another module, mock servers and "
        "debug-only routers. They are flagged.",
        "Scope: test files (the tests layer) are not checked; scripts and CI code are checked "
        "like application code (only route handlers are reported).",
    ),
    example_path="app/routes/status.py",
)

XFA303 = rule(
    "XFA303",
    "bare-list-response",
    default=False,
    precision=moved_off("10 of 20"),
    seeds=("004",),
    message="route {name}() responds with a bare list {shape}; wrap it in an envelope model (class {item}Page(BaseModel): items: list[{item}]; total: int) so pagination fields can be added later",
    what="""
        Reports a route whose `response_model=` is `list[X]`, `List[X]` or `Sequence[X]`,
        or, without `response_model=`, whose return annotation is one of them.
    """,
    why="""
        Seed 004: "Returning bare lists from list endpoints without an envelope/wrapper.
        Once clients depend on a bare array, you cannot add pagination metadata (total,
        next_cursor, has_more) without a breaking change. Always wrap list responses in an
        object from day one."
    """,
    bad="""
        from fastapi import APIRouter

        from app.schemas import ItemRead

        router = APIRouter()


        @router.get("/items", response_model=list[ItemRead])
        async def list_items() -> list[ItemRead]:
            return await load_items()
    """,
    good="""
        from fastapi import APIRouter

        from app.schemas import ItemPage

        router = APIRouter()


        @router.get("/items", response_model=ItemPage)
        async def list_items() -> ItemPage:
            items = await load_items()
            return ItemPage(items=items, total=len(items))
    """,
    not_flagged=(
        "Lists of optional items (`list[Item | None]`): a batch get answering one entry per "
        "requested id, `None` for a missing one, bounded by the request.",
        "Routes outside any OpenAPI schema (as for XFA301).",
        "Not told apart: a batch get whose ids come as one comma-separated string split in the "
        "handler (`ids.split(\",\")`), and a series computed over a requested time window. "
        "They are flagged.",
        "A list wrapped in an envelope model (`response_model=ItemPage`).",
        "A `list[...]` return annotation when `response_model=` names something else "
        "(FastAPI uses the decorator's model).",
        "Websocket routes, and routes that do not answer GET (a POST upload or bulk create "
        "returning what it created).",
        "Catalogs fixed in code: every `return` builds the list from module-level values or "
        "enums of the project (`[P(key=k) for k in PROVIDERS]`, `list(REGISTRY.values())`), "
        "through locals assigned once, never from a parameter or a call that could read storage; "
        "also through a (not async) project function of this module or another whose every "
        "`return` is built so, its parameters at most picking from the table "
        "(`for r in roles_for(\"team\")` with `return _ROLES[scope]`, `return sorted(THEMES)`).",
        "Not told apart: a catalog read from a bundled file, fetched and cached, built through a "
        "class (`VoiceCatalog(...).for_provider(p)`) or returned by a method of an object "
        "(`manager.get_roles()`) looks like any list read from storage, and is flagged.",
        "Scope: test files (the tests layer) are not checked; scripts and CI code are checked "
        "like application code (only route handlers are reported).",
    ),
    example_path="app/routes/items.py",
)

XFA304 = rule(
    "XFA304",
    "shadowed-route",
    default=True,
    seeds=("001", "002"),
    message="route {method} {path} is unreachable: {method} {earlier} (line {line}) on the same router matches it first; register {path} before {earlier}",
    what="""
        Reports a route that an earlier route of the same router object (or app) in the
        same file always matches first, as Starlette matches routes in registration
        order: same method (or overlapping `methods=`), same number of path segments,
        every segment of the later path equal to the earlier one's or matched by a
        `{param}` of the earlier one, at least one literal segment taken by a parameter.
        `{param:path}` matches the rest of the path; `{id:int}`, `{x:float}` and
        `{x:uuid}` only match literals of their shape.
    """,
    why="""
        Seed 001: "Route ordering: literal paths (`/items/stats`) BEFORE parameterized
        (`/items/{id}`)"; seed 002: "/me before /{id} — registration order matters ...
        'me' passed as patient_id → nonsense 404".
    """,
    bad="""
        from fastapi import APIRouter

        from app.schemas import UserRead

        router = APIRouter()


        @router.get("/users/{user_id}")
        async def read_user(user_id: str) -> UserRead:
            return await load_user(user_id)


        @router.get("/users/me")
        async def read_me() -> UserRead:
            return await load_current_user()
    """,
    good="""
        from fastapi import APIRouter

        from app.schemas import UserRead

        router = APIRouter()


        @router.get("/users/me")
        async def read_me() -> UserRead:
            return await load_current_user()


        @router.get("/users/{user_id}")
        async def read_user(user_id: str) -> UserRead:
            return await load_user(user_id)
    """,
    not_flagged=(
        "Different methods (`GET /items/{id}` before `DELETE /items/stats`).",
        "A different number of segments (`/items/{id}` before `/items/stats/today`), unless "
        "the earlier parameter is `{param:path}`.",
        "Typed converters that cannot match the literal (`/items/{id:int}` before `/items/stats`).",
        "Routes on different router objects, and paths that are not string literals.",
        "Scope: test files (the tests layer) are not checked; scripts and CI code are checked "
        "like application code (only route handlers are reported).",
    ),
    example_path="app/routes/users.py",
)

XFA305 = rule(
    "XFA305",
    "manual-422",
    default=False,
    precision=moved_off("0 of 9", third="6 of 20"),
    seeds=("002", "004"),
    message="HTTPException with status 422 raised by hand; 422 is FastAPI's request-shape error: raise 400 (invalid meaning) or 409 (conflict) for a business rule, or a domain exception mapped by a handler",
    what="""
        Reports `HTTPException(status_code=422)` (also `422` positional,
        `status.HTTP_422_UNPROCESSABLE_ENTITY`/`_CONTENT`, `HTTPStatus.UNPROCESSABLE_ENTITY`)
        constructed in application code, unless it answers a request-shape problem the code
        checks itself: a malformed identifier of the request that failed to decode, or an
        empty, oversized or missing input.
    """,
    why="""
        Seed 002: "422 = wrong shape · 400 = wrong meaning" and "never raise 422 for
        business rule violations": clients treat 422 as a malformed request they must fix
        field by field. Seed 000 maps its own ValidationError to 422; a project that follows
        it can `extend-ignore = XFA305`.
    """,
    bad="""
        from fastapi import APIRouter, HTTPException, status

        from app.schemas import BookingRead

        router = APIRouter()


        @router.post("/slots/{slot_id}/booking", status_code=status.HTTP_201_CREATED)
        async def book_slot(slot_id: int) -> BookingRead:
            if await slot_taken(slot_id):
                raise HTTPException(status_code=status.HTTP_422_UNPROCESSABLE_ENTITY, detail="slot taken")
            return await book(slot_id)
    """,
    good="""
        from fastapi import APIRouter, HTTPException, status

        from app.schemas import BookingRead

        router = APIRouter()


        @router.post("/slots/{slot_id}/booking", status_code=status.HTTP_201_CREATED)
        async def book_slot(slot_id: int) -> BookingRead:
            if await slot_taken(slot_id):
                raise HTTPException(status_code=status.HTTP_409_CONFLICT, detail="slot taken")
            return await book(slot_id)
    """,
    not_flagged=(
        "Exception-handler mapping tables (an `HTTPException(422)` as a value of a dict literal) "
        "and code in functions registered with `@app.exception_handler(...)`.",
        "`JSONResponse(status_code=422)` built by an exception handler.",
        "A 422 raised in an `except` of a validation or parse error (`ValidationError`, "
        "`yaml.YAMLError`, `JSONDecodeError`...).",
        "A 422 for a malformed identifier: raised in an `except ValueError`/`TypeError`/"
        "`binascii.Error`/`InvalidId` whose `try` decodes request input, a parameter that is not "
        "a dependency (`UUID(item_id)`, `int(cursor)`, `ObjectId(doc_id)`, `base64.b64decode(token)`, "
        "`json.loads(...)`, `await request.json()`, `int(request.query_params[\"offset\"])`).",
        "A 422 for an empty or oversized input: raised under `if not ids:` (a list-typed "
        "parameter), `if len(ids) > MAX_IDS:` or `if not 1 <= len(key) <= 64:` on a parameter or "
        "a field of one (`len(payload.ids) == 0`), compared with a number or a limit-like name.",
        "A 422 for a missing input: under `if payload.name is None:`, `if not payload.name:`, "
        "`if not payload.name.strip():`, `if \"name\" not in payload.model_fields_set:`, or in the "
        "final `else` of `if a: ... elif b is not None: ... else:` whose tests only check that "
        "parameters or their fields are present.",
        "A 422 for a combination of inputs: `if payload.a is not None and payload.b is not None:` "
        "(mutually exclusive), `if not a and not b:` (either A or B must be provided).",
        "A 422 for an input of the wrong type or format: any `isinstance(...)` test (also on "
        "decoded upload content, and in a function that maps exception types to statuses), "
        "`re.fullmatch(...)`/`SLUG_RE.match(...)` (a `re.compile` value) or `.isalnum()`-like "
        "predicates on request input, `if fmt not in SUPPORTED:` with a fixed collection "
        "(a literal of constants, a module-level value or an enum).",
        "A 422 in an `except ValueError` whose `try` calls a synchronous project function with "
        "request input only (a normaliser: `normalise_window(start, end)`); an awaited service "
        "call or one that also takes a session is still flagged.",
        "Request input reached through a loop or a comprehension (`[UUID(s) for s in "
        "ids.split(\",\")]`, `for value in values: if not PARAM_RE.match(value):`), and a "
        "number of items counted from the parsed input (`total = len(parsed) + len(keys)`, "
        "`parsed` filled only from the input) compared with a limit (`if max_keys is not None "
        "and total > max_keys:`).",
        "The checks above through a local that only holds request input, assigned once: "
        "`title = payload.title` then `if title is not None and not title.strip():`, "
        "`sid = session_id or (body.scope.sid if body.scope else None)` then `if not sid:`, "
        "`paging = body.paging` then `if paging.cursor is not None and paging.after is None:`. "
        "A local that went through a call (`row = await repo.get(payload.id)`) is not input.",
        "A 422 whose `detail` is a list of validation errors in FastAPI's own format, built in "
        "the function (`[{\"loc\": [...], \"msg\": ..., \"type\": ...}]`, as from a JSON "
        "schema's `iter_errors`): the request validated by hand, answered as FastAPI answers it.",
        "Not told apart: a `KeyError` from a project function looking the input up in a "
        "registry (`get_provider(payload.kind)` in `except KeyError`): the registry may be a "
        "fixed table of built-ins (an unsupported value, 422 is right) or data (a missing "
        "resource, 404); it is flagged.",
        "Not told apart: a 422 in an `except` of a project exception (`except SlugInvalid:`, "
        "often in a decorator translating domain errors) or of a `ValueError` from an awaited "
        "service: whether the project raises it for a malformed input or a business rule is not "
        "followed into the raising code; it is flagged.",
        "Not told apart: a 422 when a parser of uploaded content returns `None` "
        "(`if parse_archive(data) is None:` reads like a lookup that found nothing, which "
        "deserves a 404, and is flagged).",
        "Scope: test files (the tests layer) are not checked; scripts and CI code are checked "
        "like application code.",
    ),
    example_path="app/routes/bookings.py",
)

XFA306 = rule(
    "XFA306",
    "response-bypasses-model",
    default=False,
    precision=moved_off("16 of 20"),
    seeds=("004",),
    message="route {name}() returns {cls}(...) directly, bypassing its response model {model}; return the data and let the model serialise it, or drop the model and declare response_class={cls}",
    what="""
        Reports `return JSONResponse(...)` / `ORJSONResponse(...)` / `UJSONResponse(...)` /
        `Response(...)` in a route handler that declares a response model: a
        `response_model=` other than `None`, or a return annotation that is a Pydantic model
        of this file (or a list of one).
    """,
    why="""
        Seed 004: "Returning a Response object directly bypasses FastAPI's validation and
        serialization entirely. The response_model is ignored, no filtering happens, and
        OpenAPI docs will not reflect the actual data."
    """,
    bad="""
        from fastapi import APIRouter
        from fastapi.responses import JSONResponse
        from pydantic import BaseModel

        router = APIRouter()


        class ItemRead(BaseModel):
            id: int
            name: str


        @router.get("/items/{item_id}", response_model=ItemRead)
        async def read_item(item_id: int) -> ItemRead:
            item = await load_item(item_id)
            return JSONResponse(content={"id": item.id, "name": item.name})
    """,
    good="""
        from fastapi import APIRouter
        from pydantic import BaseModel

        router = APIRouter()


        class ItemRead(BaseModel):
            id: int
            name: str


        @router.get("/items/{item_id}", response_model=ItemRead)
        async def read_item(item_id: int) -> ItemRead:
            item = await load_item(item_id)
            return ItemRead(id=item.id, name=item.name)
    """,
    not_flagged=(
        "A `response_model=` that is a container of primitives or untyped dicts (`dict[str, str]`, "
        "`list[dict]`, `list[str]`, directly or through a module-level alias here or in another "
        "module): it has no fields the content could bypass.",
        "Routes with `response_class=` and no model.",
        "Responses with an explicit error or empty status (`status_code=` 204 or >= 300): "
        "the documented `responses={404: ...}` pattern.",
        "A response whose literal status is a key of the route's `responses={...}` "
        "(e.g. `Response(status_code=202)` documented as `responses={202: ...}`).",
        "Return annotations that are a union (`Item | JSONResponse`), which FastAPI requires "
        "`response_model=None` for anyway.",
        "Content negotiation: `Response(..., media_type=\"text/plain\")` (any media type that is "
        "not JSON, or one computed at run time) is another representation, not the model's JSON.",
        "Scope: test files (the tests layer) are not checked; scripts and CI code are checked "
        "like application code (only route handlers are reported).",
    ),
    example_path="app/routes/items.py",
)

XFA307 = rule(
    "XFA307",
    "post-without-201",
    default=False,
    seeds=("002",),
    message="POST route {name}() creates a resource but answers 200; add status_code=status.HTTP_201_CREATED to the decorator",
    what="""
        Reports a POST route that creates a resource — its handler name starts with
        `create`, `add` or `register`, or its path is a collection (`""`, `"/"`, or a last
        segment that is a plural literal such as `/items`) — whose decorator has no
        `status_code=`.
    """,
    why="""Seed 002: "201 POST created · 204 DELETE no content"."""
    ,
    bad="""
        from fastapi import APIRouter

        from app.schemas import ItemCreate, ItemRead

        router = APIRouter()


        @router.post("/items")
        async def create_item(payload: ItemCreate) -> ItemRead:
            return await save_item(payload)
    """,
    good="""
        from fastapi import APIRouter, status

        from app.schemas import ItemCreate, ItemRead

        router = APIRouter()


        @router.post("/items", status_code=status.HTTP_201_CREATED)
        async def create_item(payload: ItemCreate) -> ItemRead:
            return await save_item(payload)
    """,
    not_flagged=(
        "Any explicit `status_code=` (202 for accepted jobs, 200 chosen on purpose).",
        "Action endpoints (`/login`, `/token`, `/search`, `/items/{id}/archive`) whose handler "
        "name does not say it creates something.",
        "Scope: test files (the tests layer) are not checked; scripts and CI code are checked "
        "like application code (only route handlers are reported).",
    ),
    example_path="app/routes/items.py",
)

XFA308 = rule(
    "XFA308",
    "delete-status",
    default=False,
    seeds=("001", "002"),
    message="DELETE route {name}() has no explicit status_code; add status_code=status.HTTP_204_NO_CONTENT (or 200 when it returns the deleted resource)",
    what="Reports a DELETE route whose decorator has no `status_code=`.",
    why="""
        Seed 001: "DELETE → 204 or 200"; seed 002: "204 DELETE no content". Writing the
        status down makes the choice visible in the code and in the OpenAPI schema.
    """,
    bad="""
        from fastapi import APIRouter

        router = APIRouter()


        @router.delete("/items/{item_id}")
        async def delete_item(item_id: int) -> None:
            await remove_item(item_id)
    """,
    good="""
        from fastapi import APIRouter, status

        router = APIRouter()


        @router.delete("/items/{item_id}", status_code=status.HTTP_204_NO_CONTENT)
        async def delete_item(item_id: int) -> None:
            await remove_item(item_id)
    """,
    not_flagged=(
        "Any explicit `status_code=` on the decorator.",
        "Scope: test files (the tests layer) are not checked; scripts and CI code are checked "
        "like application code (only route handlers are reported).",
    ),
    example_path="app/routes/items.py",
)

XFA309 = rule(
    "XFA309",
    "raw-depends-default",
    default=True,
    seeds=("001", "003", "004"),
    message="parameter {name} uses a default {marker}; declare it as {name}: Annotated[{type}, {annotated}]{default}",
    what="""
        Reports a parameter whose default is a FastAPI marker — `Depends`, `Security`,
        `Query`, `Path`, `Body`, `Header`, `Cookie`, `Form`, `File` imported from
        `fastapi` — in any function: a function with such a default is a route handler or a
        dependency by construction. The message gives the `Annotated[...]` form, with a
        `Query`/`Body`/... default moved out of the marker.
    """,
    why="""
        Seed 001: "These wrap `Annotated[T, Depends(...)]`—use them instead of raw
        `Depends()` calls"; seed 003: "`Annotated` type aliases for DI"; seed 004: "Use
        Annotated type aliases to reduce repetitive Depends() boilerplate". `Annotated`
        keeps the real default usable when the function is called directly and lets an
        alias (`DbSession`) be reused.
    """,
    bad="""
        from typing import Annotated

        from fastapi import APIRouter, Depends
        from sqlalchemy.ext.asyncio import AsyncSession

        from app.db import get_db
        from app.schemas import ItemRead

        router = APIRouter()


        @router.get("/items/{item_id}")
        async def read_item(item_id: int, db: AsyncSession = Depends(get_db)) -> ItemRead:
            return await load_item(db, item_id)
    """,
    good="""
        from typing import Annotated

        from fastapi import APIRouter, Depends
        from sqlalchemy.ext.asyncio import AsyncSession

        from app.db import get_db
        from app.schemas import ItemRead

        router = APIRouter()
        DbSession = Annotated[AsyncSession, Depends(get_db)]


        @router.get("/items/{item_id}")
        async def read_item(item_id: int, db: DbSession) -> ItemRead:
            return await load_item(db, item_id)
    """,
    not_flagged=(
        "Parameters already declared with `Annotated[...]` or a project alias of it.",
        "Markers of other libraries (`typer.Option`, ...) and project functions named like FastAPI's.",
        "Plain defaults (`limit: int = 10`).",
        "Scope: test files (the tests layer) are not checked; scripts and CI code are checked "
        "like application code (only route handlers are reported).",
    ),
    example_path="app/routes/items.py",
    fix="safe",
)

XFA310 = rule(
    "XFA310",
    "unbounded-pagination",
    default=False,
    precision=moved_off("17 of 20", reading="sixth"),
    seeds=("004",),
    message="query parameter {name}: {type} has no {missing}; bound it: {name}: Annotated[{type}, Query({bounds})]{default}",
    what="""
        Reports an `int` query parameter of a route handler, or of a dependency used with
        `Depends(...)` in the same file, named `limit`, `page_size`, `per_page` or `size`
        without an upper bound (`le=`/`lt=`), or named `offset`, `skip` or `page` without
        any bound. Bounds are read from `Query(...)`/`Field(...)` keywords (as default or in
        `Annotated`), `conint(...)`, `annotated_types` (`Le(100)`), and module aliases. The
        suggested bounds fit the parameter: `ge=0` for `offset`/`skip` and for a `page` that
        defaults to 0 or that the handler multiplies as it is (`offset = page * page_size`,
        pages counted from 0), `ge=1` for other pages; `ge=1, le=100` for a size (`ge=0` when it
        defaults to 0, `le=` the default when that is larger, an existing lower bound kept);
        the suggested declaration keeps the parameter's type as written (`int | None`,
        `Optional[int]`), its default and its other `Query(...)` keywords (`alias=`).
    """,
    why="""
        Seed 004: "Not validating pagination parameters. Allow negative page numbers or
        absurdly large page sizes and you invite abuse. Constrain with Pydantic
        Field(ge=1, le=100)." A page size needs a maximum; an offset or page number only
        needs a floor (`ge=0`/`ge=1`), since its upper end is the data.
    """,
    bad="""
        from fastapi import APIRouter

        from app.schemas import ItemPage

        router = APIRouter()


        @router.get("/items")
        async def list_items(skip: int = 0, limit: int = 100) -> ItemPage:
            return await load_items(skip, limit)
    """,
    good="""
        from typing import Annotated

        from fastapi import APIRouter, Query

        from app.schemas import ItemPage

        router = APIRouter()


        @router.get("/items")
        async def list_items(
            skip: Annotated[int, Query(ge=0)] = 0,
            limit: Annotated[int, Query(ge=1, le=100)] = 100,
        ) -> ItemPage:
            return await load_items(skip, limit)
    """,
    not_flagged=(
        "Bounded parameters (`Query(le=100)`, `Annotated[int, Field(ge=1, le=100)]`, `conint(le=100)`, an alias of them).",
        "`offset`/`skip`/`page` with only a lower bound.",
        "Parameters the handler clamps or checks itself (`min(limit, 100)`, `if limit > 100:`), "
        "or passes to a project function (here or in another module, through the project index) "
        "that compares or clamps the parameter it receives the value as (`validate_limit(limit)` "
        "with `if limit > MAX: raise ...`, a shared `paginate(query, page=page)` rejecting `page < 1`).",
        "Parameters the handler (or dependency) never reads, not even in a nested function or "
        "through `locals()`: a leftover `page_size: int = Query(20, ge=1)` whose value reaches nothing.",
        "Not told apart: a method reached through a runtime attribute chain "
        "(`app.DATABASE.runs.list(page_size=page_size)`) cannot be followed, even when it clamps "
        "the value; it is reported.",
        "Scope: test files (the tests layer) are not checked; scripts and CI code are checked "
        "like application code (only route handlers and their dependencies are reported).",
        "Path parameters, `Depends`/`Body`/`Header`/`Cookie`/`Form` parameters, and names "
        "whose type is not `int` or comes from an alias this file cannot see.",
        "Metadata this file cannot read (`AfterValidator(...)`, custom markers).",
        "A size (`limit`, `page_size`, ...) that defaults to `None` or `0` and that the handler "
        "leaves as it is (`page_size: int | None = None`, paged only `if page_size and page:`): "
        "absent, it asks for the whole list by design, and an upper bound on a given size bounds "
        "nothing. A handler that gives the absent size one of its own (`limit or 10`, "
        "`if limit is None: limit = 20`) is reported.",
    ),
    example_path="app/routes/items.py",
)

XFA311 = rule(
    "XFA311",
    "same-model-in-and-out",
    default=True,
    seeds=("002", "004"),
    message="route {name}() uses {model} as both request body and response model; declare a separate response schema (e.g. {suggest}) for the output",
    what="""
        Reports a route handler with a request-body parameter whose model (a Pydantic
        model known from this file or the project index, or any class passed with `Body()`)
        is also the route's `response_model=` or, without one, its return annotation —
        unless every field of the model can be seen (here or through the project index,
        bases and nested models included) and none looks server-managed or secret.
    """,
    why="""
        Seed 004: "Using the same Pydantic model for both request input and response
        output. Always separate them — input models may have passwords or write-only
        fields." Seed 002: "Create / Update / Response — never mix them".
    """,
    bad="""
        from fastapi import APIRouter
        from pydantic import BaseModel

        router = APIRouter()


        class User(BaseModel):
            username: str
            password: str


        @router.post("/users")
        async def create_user(user: User) -> User:
            return await save_user(user)
    """,
    good="""
        from fastapi import APIRouter
        from pydantic import BaseModel

        router = APIRouter()


        class UserCreate(BaseModel):
            username: str
            password: str


        class UserRead(BaseModel):
            id: int
            username: str


        @router.post("/users")
        async def create_user(user: UserCreate) -> UserRead:
            return await save_user(user)
    """,
    not_flagged=(
        "Different models in and out.",
        "Classes this file does not show to be Pydantic models (set `fastapi-schema-modules` "
        "so that imported schemas are known).",
        "A model of this file that is harmless to echo back (a settings or toggle form): every "
        "field is visible here, through bases and nested models of this file, of builtin, "
        "stdlib, typing, pydantic or enum types, and no field name looks server-managed or "
        "secret (`id`, `uuid`, `*_id`, `*_at`, `owner`, `version`, `role`, `is_superuser`, "
        "`password`, `token`, `secret`, `api_key`, `hashed_*`...). A model of another module of "
        "the project is read from the project index the same way (its fields, bases and every "
        "type its fields mention); one whose module, base or a field type cannot be followed is "
        "still reported.",
        "Not told apart: a representation a standard prescribes for both directions (SCIM "
        "resources, RFC 7643) still has `id`/`meta` fields that look server-managed, and is "
        "reported; silence it with `# noqa: XFA311` on the parameter.",
        "Scope: test files (the tests layer) are not checked; scripts and CI code are checked "
        "like application code (only route handlers are reported).",
    ),
    example_path="app/routes/users.py",
)

XFA312 = rule(
    "XFA312",
    "patch-overwrites-unset",
    default=False,
    precision=moved_off("1 of 15", reading="sixth"),
    seeds=("002",),
    message="{call} in {context} {what}, and {sink}; dump with {fix} and set only those fields{rebuild}",
    what="""
        In a PATCH route handler, or a function named `update*`/`patch*` (a PUT-only route
        excepted), reports `x.model_dump()`/`x.dict()` without `exclude_unset=True` where `x`
        is a parameter annotated with a Pydantic model of this file or of another module of
        the project (or a request-body parameter of the route), when the dump is written back: iterated by a `setattr` loop,
        splatted into `Model(**dump)` (rebuilding the row), `.update(**dump)` or
        `update(T).values(**dump)`, passed to `x.update(dump)`, `model_copy(update=dump)`,
        `Model.model_validate(dump)` or a function named `update*`/`patch*`/`save*`/`apply*`...
        — directly or through the names it is assigned to. `exclude_none=True` (or dropping
        None values in a comprehension or around the `setattr`) is reported only when the
        model (of this file, or of another module through the project index) has a field
        whose default is not `None`; a model whose fields are all required is not reported.
    """,
    why="""
        Seed 002: "only fields client sent — prevents null overwrite" and "safe update —
        never OrmModel(**dict) in PATCH": a partial update must apply only the fields the
        client sent.
    """,
    bad="""
        from fastapi import APIRouter
        from pydantic import BaseModel

        router = APIRouter()


        class ItemUpdate(BaseModel):
            name: str | None = None
            quantity: int | None = None


        @router.patch("/items/{item_id}", status_code=200)
        async def patch_item(item_id: int, payload: ItemUpdate) -> None:
            await apply_changes(item_id, payload.model_dump())
    """,
    good="""
        from fastapi import APIRouter
        from pydantic import BaseModel

        router = APIRouter()


        class ItemUpdate(BaseModel):
            name: str | None = None
            quantity: int | None = None


        @router.patch("/items/{item_id}", status_code=200)
        async def patch_item(item_id: int, payload: ItemUpdate) -> None:
            await apply_changes(item_id, payload.model_dump(exclude_unset=True))
    """,
    not_flagged=(
        "`model_dump(exclude_unset=True)` (also `exclude_defaults=True`) and calls with a `**kwargs` splat.",
        "A plain dump in a function that also dumps with `exclude_unset=True`: that one is of the "
        "stored row (`existing = row.dict()`), the partial update is done right.",
        "`.dict()`/`.model_dump()` on receivers that are not known Pydantic model parameters.",
        "PUT-only route handlers (a full replacement sends every field) even when named `update*`, "
        "also when the function is registered by a call that names it with its methods "
        "(`route(\"/items/{id}\", update_item, [\"PUT\"])`, `add_api_route(..., methods=[\"PUT\"])`).",
        "Outside a route handler, dumps of ORM rows (a SQLModel `table=True` class, a "
        "SQLAlchemy model): a repository's `update(row)` copying a whole row onto the stored "
        "one saves an entity, not a client's payload. An ORM row received by a PATCH handler is "
        "reported.",
        "`exclude_unset=False` written out in an `update*` function that is not a PATCH handler: "
        "the full dump is chosen on purpose.",
        "Dumps handed to a function that records the change rather than makes it "
        "(`_audit_config_update(after=dump)`, `notify_*`, `publish_*`, `log_*`), or to a function "
        "of this file that only serialises the parameter whole (`value=json.dumps(data)`): one "
        "stored document replaced as a whole, where `exclude_unset` would only drop the defaults "
        "from it.",
        "`model_dump(exclude_none=True)` when every defaulted field of the model (known from this "
        "file) defaults to `None` (an `Optional` field without a default counts as `None`: "
        "pydantic v1 gives it one), or when the model's defaults are not visible here. "
        "`ClassVar` annotations (here or inherited from a project base) are not fields. A "
        "`setattr` loop whose first step is `if value is None: <clear a field>; continue` drops "
        "None values the same way.",
        "Models of this file with no defaulted field: the client sent every field, "
        "`exclude_unset` changes nothing.",
        "Dumps that are not written back: returned, logged, put in an error body "
        "(`HTTPException(detail=...)`), a response (`JSONResponse(content=...)`, "
        "`ItemRead(**dump)`, a Pydantic schema of this file) or passed to other functions.",
        "Outside a PATCH handler (an `update*` function), a dump put under a key of a dict "
        "(`values = {\"status\": status.model_dump()}` then `.values(**values)`): it is the whole "
        "value of one column, a value object replaced as a whole, not spread over the row's "
        "fields. In a PATCH handler it is still reported: it is what the client sent, partially.",
        "Dumps restricted to the fields the client sent: `model_dump(include=fields)` with "
        "`fields` built from `model_fields_set` (or `__fields_set__`), a `setattr` loop or "
        "comprehension over a dump whose key is tested against such a set "
        "(`if key in fields_to_update:`); both are `exclude_unset` written another way.",
        "Scope: test files (the tests layer) are not checked; scripts and CI code are checked "
        "like application code.",
    ),
    example_path="app/routes/items.py",
)

XFA313 = rule(
    "XFA313",
    "unannotated-route-param",
    default=True,
    seeds=("004",),
    message="route parameter {name} has no type annotation: {consequence}; annotate it ({fix})",
    what="""
        Reports a route handler parameter without a type annotation. The message says what
        is lost: for a path or query parameter (also `Query()`/`Header()`/... defaults)
        FastAPI passes the raw string on, unconverted and untyped in the OpenAPI schema; for
        `Body()` it accepts any JSON; for a `Depends(...)`/`Security(...)` default FastAPI
        injects the dependency's result without needing the annotation, but editors and type
        checkers see `Any` and a reader cannot tell what the parameter holds.
    """,
    why="""
        FastAPI derives validation, conversion and the OpenAPI schema from the annotation;
        without one a request value arrives as an unvalidated string (seed 004: use Pydantic
        and type hints for every input). A dependency parameter keeps working, but its type
        is only known by reading the dependency.
    """,
    bad="""
        from fastapi import APIRouter

        from app.schemas import ItemRead

        router = APIRouter()


        @router.get("/items/{item_id}")
        async def read_item(item_id) -> ItemRead:
            return await load_item(item_id)
    """,
    good="""
        from fastapi import APIRouter

        from app.schemas import ItemRead

        router = APIRouter()


        @router.get("/items/{item_id}")
        async def read_item(item_id: int) -> ItemRead:
            return await load_item(item_id)
    """,
    not_flagged=(
        "`self` and `cls`; `*args` and `**kwargs` (separate issues).",
        "Functions that are not route handlers (dependencies included).",
        "A path parameter (of the route's path or its router's `prefix=`) that the handler never "
        "reads, such as the `_` of a hidden `/{_:path}` catch-all that only answers 404.",
        "A `Depends(...)`/`Security(...)` parameter (or a module-level alias of one) that the handler "
        "never reads: a guard such as `rate_limiter=Depends(RateLimiter(...))` or a permission check, "
        "run for its effect; no one reads its value, so its type tells no one anything.",
        "The message says what is lost: a `Depends(...)`/`Security(...)` default, or a module-level "
        "alias of one (`user=CurrentUser` with `CurrentUser = Depends(get_user)`, here or in another "
        "module), is injected without the annotation; a parameter of the router's `prefix=` is a "
        "path parameter; on a router that may be included with a prefix this file does not show, "
        "the message does not claim it is a query parameter.",
        "Scope: test files (the tests layer) are not checked; scripts and CI code are checked "
        "like application code (only route handlers are reported).",
    ),
    example_path="app/routes/items.py",
)

XFA314 = rule(
    "XFA314",
    "websocket-disconnect-unhandled",
    default=True,
    seeds=("004",),
    message="websocket route {name}() receives without handling WebSocketDisconnect; wrap the receive loop in try/except WebSocketDisconnect and release resources in finally",
    what="""
        Reports a websocket route whose handler receives from its socket (`receive*()`,
        `iter_*()`) but has no `except WebSocketDisconnect` (or a broader `except
        Exception`/`BaseException`/bare `except`), no `try/finally` and no
        `contextlib.suppress(WebSocketDisconnect)`. A name in the `except` clause is followed
        to its value at the top of this module (a tuple, also `A + (B,)`, or an alias) or,
        through the imports, in another module of the project (a tuple, a re-export, a
        project exception class deriving `WebSocketDisconnect`).
    """,
    why="""
        Seed 004: "Not handling WebSocket disconnect exceptions. Clients can disconnect at any
        time — your handler must catch WebSocketDisconnect" and "Always use try/finally
        blocks to ensure connections are closed on error or disconnect."
    """,
    bad="""
        from fastapi import APIRouter, WebSocket

        router = APIRouter()


        @router.websocket("/ws")
        async def echo(websocket: WebSocket) -> None:
            await websocket.accept()
            while True:
                text = await websocket.receive_text()
                await websocket.send_text(text)
    """,
    good="""
        from fastapi import APIRouter, WebSocket, WebSocketDisconnect

        router = APIRouter()


        @router.websocket("/ws")
        async def echo(websocket: WebSocket) -> None:
            await websocket.accept()
            try:
                while True:
                    text = await websocket.receive_text()
                    await websocket.send_text(text)
            except WebSocketDisconnect:
                await release(websocket)
    """,
    not_flagged=(
        "Handlers that delegate the socket to another function and never receive themselves.",
        "`try/finally` without an `except`.",
        "`except DISCONNECT_ERRORS:` (or `suppress(*DISCONNECT_ERRORS)`) where this module, or "
        "the project module it is imported from, assigns `DISCONNECT_ERRORS = "
        "(WebSocketDisconnect, ...)`, or an alias of it; an imported name the project index "
        "cannot follow is taken as handled.",
        "Scope: test files (the tests layer) are not checked; scripts and CI code are checked "
        "like application code (only route handlers are reported).",
    ),
    example_path="app/routes/ws.py",
)

XFA315 = rule(
    "XFA315",
    "readiness-check-static",
    default=True,
    seeds=("002",),
    message="readiness route {path} checks nothing; ping its dependencies (e.g. await db.execute(text(\"SELECT 1\")), await redis.ping()) and answer 503 when one fails",
    what="""
        Reports a route whose path ends with `/ready`, `/readiness`, `/readyz` or
        `/health/ready` and whose handler neither awaits anything nor calls anything except
        response builders (`dict`, response classes, models of this file).
    """,
    why="""
        Seed 002: "SELECT 1 · Redis ping — never just return 200" and "/health/live =
        process alive · /health/ready = deps ok ... lies to infra: load balancer routes
        traffic to dead pod".
    """,
    bad="""
        from fastapi import APIRouter
        from fastapi.responses import JSONResponse

        router = APIRouter()


        @router.get("/health/ready", response_model=None)
        async def ready() -> JSONResponse:
            return JSONResponse({"status": "ready"})
    """,
    good="""
        from fastapi import APIRouter
        from fastapi.responses import JSONResponse
        from sqlalchemy import text

        router = APIRouter()


        @router.get("/health/ready", response_model=None)
        async def ready() -> JSONResponse:
            await engine_ping(text("SELECT 1"))
            return JSONResponse({"status": "ready"})
    """,
    not_flagged=(
        "Liveness routes (`/health/live`, `/livez`, `/health`).",
        "Handlers that await or call anything that is not a response builder.",
        "Handlers that answer 503 on some path (`JSONResponse(..., status_code=503)`, "
        "`HTTPException(503)`, `response.status_code = 503`): they check a state and say when "
        "they are not ready.",
        "Routes that only answer `OPTIONS` or `HEAD` (`@router.options(\"/health/readiness\")`, a "
        "CORS preflight).",
        "Scope: test files (the tests layer) are not checked; scripts and CI code are checked "
        "like application code (only route handlers are reported).",
    ),
    example_path="app/routes/health.py",
)

XFA316 = rule(
    "XFA316",
    "identity-from-query",
    default=False,
    seeds=("002",),
    message="route parameter {name} takes the caller's identity from the query string; derive it from the verified token in a dependency (e.g. current_user: CurrentUser)",
    what="""
        Reports a route handler parameter named `user_id`, `owner_id`, `account_id`,
        `patient_id` or `customer_id` that is a query parameter: not in the path, not a
        `Depends`/`Security` dependency, not `Path`/`Body`/`Header`/`Cookie`/`Form`.
    """,
    why="""
        Seed 002: "client provides patient_id param → any user reads any data" and
        "patient_id always from verified JWT — never from query param".
    """,
    bad="""
        from fastapi import APIRouter

        from app.schemas import OrderPage

        router = APIRouter()


        @router.get("/orders")
        async def list_orders(user_id: int) -> OrderPage:
            return await load_orders(user_id)
    """,
    good="""
        from fastapi import APIRouter

        from app.deps import CurrentUser
        from app.schemas import OrderPage

        router = APIRouter()


        @router.get("/orders")
        async def list_orders(current_user: CurrentUser) -> OrderPage:
            return await load_orders(current_user.id)
    """,
    not_flagged=(
        "Path parameters (`/users/{user_id}/orders`).", "Dependencies and body fields.",
        "Scope: test files (the tests layer) are not checked; scripts and CI code are checked "
        "like application code (only route handlers are reported).",
    ),
    example_path="app/routes/orders.py",
)

XFA317 = rule(
    "XFA317",
    "route-missing-openapi-docs",
    default=False,
    seeds=("001",),
    message="route {name}() has no {missing} in its decorator; add summary=\"...\" and responses={{<status>: {{\"description\": ...}}}} for the OpenAPI docs",
    what="""
        Reports a JSON route decorator (not a websocket, not a non-JSON `response_class=`,
        not `include_in_schema=False`) that lacks `summary=` or `responses=`.
    """,
    why="""Seed 001: "Include `summary=`, `responses=` for OpenAPI JSON API docs"."""
    ,
    bad="""
        from fastapi import APIRouter

        from app.schemas import ItemRead

        router = APIRouter()


        @router.get("/items/{item_id}", response_model=ItemRead)
        async def read_item(item_id: int) -> ItemRead:
            return await load_item(item_id)
    """,
    good="""
        from fastapi import APIRouter

        from app.schemas import ItemRead

        router = APIRouter()


        @router.get(
            "/items/{item_id}",
            response_model=ItemRead,
            summary="Read one item",
            responses={404: {"description": "Item not found"}},
        )
        async def read_item(item_id: int) -> ItemRead:
            return await load_item(item_id)
    """,
    not_flagged=(
        "Websocket routes, non-JSON `response_class=` routes, `include_in_schema=False`.",
        "Decorators with a `**kwargs` splat.",
        "Scope: test files (the tests layer) are not checked; scripts and CI code are checked "
        "like application code (only route handlers are reported).",
    ),
    example_path="app/routes/items.py",
)

XFA318 = rule(
    "XFA318",
    "mutating-route-without-rate-limit",
    default=False,
    seeds=("001", "004"),
    message="{method} route {name}() has no rate limit; add @limiter.limit(\"<n>/minute\") below the route decorator",
    what="""
        Reports a POST, PUT, PATCH or DELETE route without a rate-limit decorator
        (`@<x>.limit(...)`, e.g. slowapi's `@limiter.limit`) and without a rate-limiting
        dependency in `dependencies=[...]` or in a parameter's `Depends(...)` (a name
        containing `limit`, as fastapi-limiter's `RateLimiter`).
    """,
    why="""
        Seed 001: "`@limiter.limit()` on mutating API and HTMX endpoints"; seed 004: "Not
        implementing rate limiting. Unthrottled APIs are vulnerable to brute-force and
        denial-of-service attacks."
    """,
    bad="""
        from fastapi import APIRouter, Request, status

        from app.schemas import ItemCreate, ItemRead

        router = APIRouter()


        @router.post("/items", status_code=status.HTTP_201_CREATED)
        async def create_item(request: Request, payload: ItemCreate) -> ItemRead:
            return await save_item(payload)
    """,
    good="""
        from fastapi import APIRouter, Request, status

        from app.limits import limiter
        from app.schemas import ItemCreate, ItemRead

        router = APIRouter()


        @router.post("/items", status_code=status.HTTP_201_CREATED)
        @limiter.limit("30/minute")
        async def create_item(request: Request, payload: ItemCreate) -> ItemRead:
            return await save_item(payload)
    """,
    not_flagged=(
        "GET/HEAD/OPTIONS routes and websocket routes.",
        "Scope: test files (the tests layer) are not checked; scripts and CI code are checked "
        "like application code (only route handlers are reported).",
    ),
    example_path="app/routes/items.py",
)

XFA319 = rule(
    "XFA319",
    "unversioned-router-prefix",
    default=False,
    seeds=("004",),
    message="router prefix {prefix!r} is not versioned; mount it under /api/v<N> (e.g. prefix=\"/api/v1{suffix}\")",
    what="""
        Reports a literal prefix that does not start with `/api/v<N>` where the router
        meets the application: `app.include_router(..., prefix=...)` on a FastAPI app, and
        `APIRouter(prefix=...)` for a router of this file that the app includes without a
        prefix.
    """,
    why="""
        Seed 004: "Register all routers with versioned prefixes (/api/v1/...)" and "Not using
        API versioning from the start. Always prefix routes with /api/v1/."
    """,
    bad="""
        from fastapi import FastAPI

        from app.routes import users

        app = FastAPI()
        app.include_router(users.router, prefix="/users")
    """,
    good="""
        from fastapi import FastAPI

        from app.routes import users

        app = FastAPI()
        app.include_router(users.router, prefix="/api/v1/users")
    """,
    not_flagged=(
        "Prefixes that are not string literals (`settings.API_V1_STR`, f-strings).",
        "`include_router` on a sub-router (its parent may carry the version), and "
        "`APIRouter(prefix=...)` of a router the file does not include into an app.",
        "Scope: test files (the tests layer) are not checked; scripts and CI code are checked "
        "like application code.",
    ),
    example_path="app/main.py",
)

XFA320 = rule(
    "XFA320",
    "deep-resource-nesting",
    default=False,
    seeds=("002",),
    message="path {path} nests {count} path parameters; give the inner resource its own top-level path (e.g. /{resource}/{{{param}}})",
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

# -- shared helpers ---------------------------------------------------------------------

MARKERS = frozenset({"Depends", "Security", "Query", "Path", "Body", "Header", "Cookie", "Form", "File"})
#: markers whose first positional argument is the default value
DEFAULT_MARKERS = frozenset({"Query", "Path", "Body", "Header", "Cookie", "Form", "File"})
NON_JSON_RESPONSES = frozenset(
    {
        "HTMLResponse", "RedirectResponse", "StreamingResponse", "FileResponse",
        "PlainTextResponse", "EventSourceResponse", "Response", "TemplateResponse",
    }
)
JSON_RESPONSES = frozenset({"JSONResponse", "ORJSONResponse", "UJSONResponse"})
LIST_TYPES = frozenset({"list", "List", "Sequence"})
DICT_TYPES = frozenset({"dict", "Dict", "Mapping", "MutableMapping", "Any", "JSONResponse"})
_STATUS_NAME = lazy_re.compile(r"^HTTP_(\d{3})(?:_|$)")
_PARAM = lazy_re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)(?::([A-Za-z_][A-Za-z0-9_]*))?\}")
_PURE_PARAM = lazy_re.compile(r"^\{([A-Za-z_][A-Za-z0-9_]*)(?::([A-Za-z_][A-Za-z0-9_]*))?\}$")
_CONVERTORS = {
    "str": r"[^/]+",
    "path": r".*",
    "int": r"[0-9]+",
    "float": r"[0-9]+(\.[0-9]+)?",
    "uuid": r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
}
_CONVERTOR_RE = {name: re.compile(regex) for name, regex in _CONVERTORS.items()}
#: which convertor's matches include which (a param of the key matches params of the values)
_CONVERTOR_COVERS = {
    "str": {"str", "int", "float", "uuid"},
    "float": {"float", "int"},
    "int": {"int"},
    "uuid": {"uuid"},
}


def _tail(name: str | None) -> str:
    return name.rsplit(".", 1)[-1] if name else ""


def fastapi_marker(ctx: Context, node: ast.AST | None) -> str | None:
    """``Depends``/``Query``/... when ``node`` is a call of FastAPI's marker, else None."""
    if not isinstance(node, ast.Call):
        return None
    qualname = ctx.resolve(node.func)
    tail = _tail(qualname)
    if tail not in MARKERS or not qualname:
        return None
    if ctx.imported_from(node.func, "fastapi"):
        return tail
    return None


def status_value(ctx: Context, node: ast.AST | None) -> int | None:
    """The integer of a status-code expression: ``201``, ``status.HTTP_201_CREATED``,
    ``HTTP_201_CREATED``, ``HTTPStatus.CREATED`` (``.value``)."""
    if node is None:
        return None
    if isinstance(node, ast.Constant) and isinstance(node.value, int) and not isinstance(node.value, bool):
        return node.value
    if isinstance(node, ast.Attribute) and node.attr == "value":
        node = node.value
    qualname = ctx.resolve(node)
    if not qualname:
        return None
    tail = _tail(qualname)
    m = _STATUS_NAME.match(tail)
    if m:
        return int(m.group(1))
    if "HTTPStatus." in qualname:
        member = getattr(HTTPStatus, tail, None)
        if isinstance(member, HTTPStatus):
            return member.value
    return None


def route_status(ctx: Context, route: RouteInfo) -> int | None:
    return status_value(ctx, route.keyword("status_code"))


def _is_none(node: ast.AST | None) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def non_json_response_class(ctx: Context, route: RouteInfo) -> bool:
    """``response_class=`` is set to something that is not a JSON response."""
    value = route.keyword("response_class")
    if value is None or _is_none(value):
        router = ctx.assignments.get(route.router)
        if not isinstance(router, ast.Call):
            return False
        default = keyword(router, "default_response_class")
        if default is None:
            return False
        value = default.value
    tail = _tail(ctx.resolve(value))
    return "JSON" not in tail.upper()


def path_params(path: str | None) -> set[str]:
    return {m.group(1) for m in _PARAM.finditer(path or "")}


def _subscript_base(ctx: Context, node: ast.AST) -> str:
    if isinstance(node, ast.Subscript):
        return _tail(ctx.resolve(node.value))
    return ""


def _first_item(node: ast.Subscript) -> ast.expr:
    sl = node.slice
    if isinstance(sl, ast.Tuple) and sl.elts:
        return sl.elts[0]
    return sl


def _dict_like(ctx: Context, node: ast.AST | None) -> bool:
    if node is None:
        return False
    base, _ = ctx.unwrap_annotation(node)  # type: ignore[arg-type]
    if base is None:
        return False
    if isinstance(base, ast.Subscript):
        return _subscript_base(ctx, base) in DICT_TYPES
    return _tail(ctx.resolve(base)) in DICT_TYPES


def _handler_frame(ctx: Context):
    frame = ctx.frames[-1]
    if frame.kind == "function" and frame.route is not None:
        return frame
    return None


def _route_kw_splat(route: RouteInfo) -> bool:
    return has_kwargs_splat(route.decorator)


def _all_args(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> list[tuple[ast.arg, ast.expr | None]]:
    """Every named parameter with its default (``None`` when it has none)."""
    a = fn.args
    positional = [*a.posonlyargs, *a.args]
    defaults: list[ast.expr | None] = [None] * (len(positional) - len(a.defaults)) + list(a.defaults)
    pairs = list(zip(positional, defaults))
    pairs.extend(zip(a.kwonlyargs, a.kw_defaults))
    return pairs


def _markers_of(ctx: Context, annotation: ast.expr | None, default: ast.expr | None) -> list[str]:
    found = []
    _, metadata = ctx.unwrap_annotation(annotation)
    for item in metadata:
        marker = fastapi_marker(ctx, item)
        if marker:
            found.append(marker)
    marker = fastapi_marker(ctx, default)
    if marker:
        found.append(marker)
    return found


# -- route handler: decorator and signature rules ------------------------------------------


@visitor(ast.FunctionDef, ast.AsyncFunctionDef, codes=(XFA303, XFA304, XFA307, XFA308, XFA311, XFA313, XFA316, XFA317, XFA318, XFA320))
def route_signature(node: ast.FunctionDef | ast.AsyncFunctionDef, ctx: Context) -> None:
    if ctx.is_test:
        return
    if not node.decorator_list:
        return
    routes = ctx.routes_of(node)
    if not routes:
        return
    _collect_for_shadowing(node, routes, ctx)
    route = routes[0]
    params = _all_args(node)
    if ctx.wants(XFA313):
        in_path = path_params(route.path) | _prefix_params(ctx, route)
        read = None
        for arg, default in params:
            if arg.annotation is None and arg.arg not in ("self", "cls"):
                if arg.arg in in_path and default is None:
                    if read is None:
                        read = _names_read(node)
                    if arg.arg not in read:
                        continue  # a path parameter the handler ignores (``/{_:path}`` catch-all)
                elif _injected_dependency(ctx, default):
                    if read is None:
                        read = _names_read(node)
                    if arg.arg not in read and not read & {"locals", "vars"}:
                        continue  # a guard (``rate_limiter=Depends(RateLimiter(...))``): no value is used
                consequence, fix = _unannotated_consequence(ctx, arg.arg, default, in_path, route)
                ctx.report(arg, XFA313, name=arg.arg, consequence=consequence, fix=fix)
    if route.is_websocket:
        return
    if ctx.wants(XFA303):
        _check_bare_list(node, route, ctx)
    if ctx.wants(XFA311):
        _check_same_model(node, route, params, ctx)
    if ctx.wants(XFA316):
        _check_identity(node, routes, params, ctx)
    for r in routes:
        if r.is_websocket:
            continue
        splat = _route_kw_splat(r)
        if ctx.wants(XFA320) and r.path:
            count = len(path_params(r.path))
            if count >= 3:
                inner = _PARAM.findall(r.path)[-1][0]
                resource = _resource_before_last_param(r.path)
                ctx.report(r.decorator, XFA320, path=r.path, count=count, resource=resource, param=inner)
        if splat:
            continue
        if ctx.wants(XFA307) and r.methods == ("POST",) and r.keyword("status_code") is None:
            if _creates_resource(node.name, r.path):
                ctx.report(r.decorator, XFA307, name=node.name)
        if ctx.wants(XFA308) and r.methods == ("DELETE",) and r.keyword("status_code") is None:
            ctx.report(r.decorator, XFA308, name=node.name)
        if ctx.wants(XFA317) and _is_json_route(ctx, r):
            missing = [k for k in ("summary", "responses") if r.keyword(k) is None]
            if missing:
                ctx.report(r.decorator, XFA317, name=node.name, missing=" and ".join(f"{k}=" for k in missing))
        if ctx.wants(XFA318):
            mutating = [m for m in r.methods if m in ("POST", "PUT", "PATCH", "DELETE")]
            if mutating and not _rate_limited(node, r, ctx):
                ctx.report(r.decorator, XFA318, method="/".join(mutating), name=node.name)


def _unannotated_consequence(
    ctx: Context, name: str, default: ast.expr | None, in_path: set[str], route: RouteInfo | None = None
) -> tuple[str, str]:
    """What FastAPI does with an unannotated route parameter, and how to annotate it."""
    marker = _tail(ctx.resolve(default.func)) if isinstance(default, ast.Call) else ""
    if marker in ("Depends", "Security"):
        target = default.args[0] if default.args else None  # type: ignore[union-attr]
        named = isinstance(target, (ast.Name, ast.Attribute))
        source = ast.unparse(target) if named else "the dependency"  # type: ignore[arg-type]
        return (
            f"FastAPI injects what {source} returns (it does not need the annotation), but editors "
            "and type checkers see it as Any and readers cannot tell what it holds",
            f"{name}: Annotated[<type>, {_short_call(default)}]",  # type: ignore[arg-type]
        )
    alias = _depends_alias(ctx, default)
    if alias is not None:  # ``user=CurrentUser`` with ``CurrentUser = Depends(get_user)``
        return (
            f"FastAPI injects the dependency {alias} stands for (it does not need the annotation), "
            "but editors and type checkers see it as Any and readers cannot tell what it holds",
            f"{name}: <type> = {alias}",
        )
    if marker == "Body" and ctx.imported_from(default.func, "fastapi"):  # type: ignore[union-attr]
        return "FastAPI accepts any JSON value for it without validation", f"{name}: <model or type>"
    if marker in DEFAULT_MARKERS and ctx.imported_from(default.func, "fastapi"):  # type: ignore[union-attr]
        return (
            f"FastAPI passes the raw {marker.lower()} value on without converting or validating it",
            f"{name}: <type>",
        )
    if name in in_path:
        return "FastAPI reads it as an untyped path parameter and passes the raw string on", f"{name}: <type>"
    if route is not None and _may_be_prefixed(ctx, route):
        # the router is included elsewhere: a prefix there (``/dags/{dag_id}``) may declare it
        return (
            "FastAPI passes the raw string on, unconverted and untyped in the OpenAPI schema "
            "(a query parameter, or a path parameter if a prefix the router is included with declares it)",
            f"{name}: <type>",
        )
    return "FastAPI reads it as an untyped query parameter and passes the raw string on", f"{name}: <type>"


def _router_call(ctx: Context, route: RouteInfo) -> ast.Call | None:
    """The ``APIRouter(...)``/``FastAPI(...)`` call this file binds the route's router to."""
    if "." in route.router:
        return None
    found = ctx.bindings.get(route.router)
    value = getattr(found, "value", None) if found is not None and found.kind == "assign" else None
    return value if isinstance(value, ast.Call) else None


def _prefix_params(ctx: Context, route: RouteInfo) -> set[str]:
    """Parameters the route's router declares in its ``prefix=`` (``APIRouter(prefix="/dags/{dag_id}")``)."""
    call = _router_call(ctx, route)
    prefix = keyword(call, "prefix") if call is not None else None
    text = string_value(prefix.value) if prefix is not None else None
    return path_params(text) if text else set()


def _may_be_prefixed(ctx: Context, route: RouteInfo) -> bool:
    """The route's router may get a prefix from an ``include_router`` this file does not
    show: it is not the application (``FastAPI()``) of this file."""
    call = _router_call(ctx, route)
    if call is None:
        return True
    return _tail(ctx.resolve(call.func)) != "FastAPI"


def _injected_dependency(ctx: Context, default: ast.expr | None) -> bool:
    """``default`` is a ``Depends(...)``/``Security(...)`` call of FastAPI's, or a module-level
    alias of one: FastAPI injects the parameter whatever its annotation."""
    if isinstance(default, ast.Call):
        return _tail(ctx.resolve(default.func)) in ("Depends", "Security") and ctx.imported_from(
            default.func, "fastapi"
        )
    return _depends_alias(ctx, default) is not None


def _depends_alias(ctx: Context, default: ast.expr | None) -> str | None:
    """``default`` names a module-level ``X = Depends(f)`` (or ``Security``) of this module or
    another one of the project: its source text, else ``None``."""
    if not isinstance(default, (ast.Name, ast.Attribute)):
        return None
    sym = ctx.symbol(default)
    desc = sym.info if sym is not None and sym.kind == "value" else None
    if isinstance(desc, dict) and desc.get("k") == "call" and _tail(desc.get("f")) in ("Depends", "Security"):
        return ast.unparse(default)
    return None


def _names_read(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    """Every name the function's body (nested functions included) reads."""
    return {n.id for stmt in fn.body for n in ast.walk(stmt) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


def _resource_before_last_param(path: str) -> str:
    segments = [s for s in path.split("/") if s]
    for i in range(len(segments) - 1, 0, -1):
        if _PURE_PARAM.match(segments[i]) and not _PARAM.search(segments[i - 1]):
            return segments[i - 1]
    return "resource"


_ACTION_WORDS = frozenset(
    {
        "login", "logout", "token", "refresh", "search", "verify", "reset", "query", "status",
        "process", "callback", "webhook", "webhooks", "upload", "uploads", "access", "signin",
        "signup", "authorize", "jwt", "cookie", "forgot-password", "reset-password",
        "request-verify-token", "preview", "validate", "run", "test", "bulk", "batch", "stats",
        "events", "sessions", "settings", "news", "ids", "details",
    }
)


_NON_CREATING_VERBS = frozenset(
    {
        "update", "patch", "set", "edit", "change", "replace", "upsert", "sum", "compute",
        "calculate", "upload", "get", "list", "read", "fetch", "search", "find", "query",
        "delete", "remove", "send", "run", "execute", "process", "handle", "trigger", "check",
        "validate", "verify", "login", "logout", "refresh", "reset", "sync", "import", "export",
        "start", "stop", "cancel", "approve", "reject", "subscribe", "unsubscribe", "mark",
        "toggle", "preview", "test", "ping", "echo", "predict", "evaluate", "render", "convert",
        "parse", "receive", "notify", "webhook", "callback", "authenticate", "authorize",
    }
)


def _creates_resource(name: str, path: str | None) -> bool:
    lowered = name.lower()
    if lowered.startswith(("create", "add", "register")):
        return True
    if path is None or lowered.split("_", 1)[0] in _NON_CREATING_VERBS:
        return False
    segments = [s for s in path.split("/") if s]
    if not segments:
        return True  # "" or "/": the router's prefix is the collection
    last = segments[-1]
    if _PARAM.search(last) or last.lower() in _ACTION_WORDS:
        return False
    return last.endswith("s") and not last.endswith("ss") and last.replace("-", "").replace("_", "").isalpha()


def _is_json_route(ctx: Context, route: RouteInfo) -> bool:
    if route.is_websocket or non_json_response_class(ctx, route):
        return False
    include = route.keyword("include_in_schema")
    return not (isinstance(include, ast.Constant) and include.value is False)


def _rate_limited(node: ast.FunctionDef | ast.AsyncFunctionDef, route: RouteInfo, ctx: Context) -> bool:
    for decorator in node.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        name = ctx.resolve(target) or ""
        if "limit" in name.lower():
            return True
    for arg, default in _all_args(node):
        _, metadata = ctx.unwrap_annotation(arg.annotation)
        for item in (*metadata, default):
            if fastapi_marker(ctx, item) in ("Depends", "Security") and item.args:  # type: ignore[union-attr]
                target = item.args[0]  # type: ignore[union-attr]
                if isinstance(target, ast.Call):
                    target = target.func
                if "limit" in (ctx.resolve(target) or "").lower():
                    return True
    deps = route.keyword("dependencies")
    if deps is not None:
        for sub in ast.walk(deps):
            if isinstance(sub, (ast.Name, ast.Attribute)) and "limit" in (ctx.resolve(sub) or "").lower():
                return True
    return False


def _check_bare_list(node: ast.FunctionDef | ast.AsyncFunctionDef, route: RouteInfo, ctx: Context) -> None:
    model = route.keyword("response_model")
    target = model if model is not None else node.returns
    if target is None or _is_none(target):
        return
    base, _ = ctx.unwrap_annotation(target) if target is node.returns else (target, [])
    if not isinstance(base, ast.Subscript) or _subscript_base(ctx, base) not in LIST_TYPES:
        return
    if route.methods and "GET" not in route.methods:
        return  # a POST upload or bulk create answering with what it created: no list endpoint
    if _static_catalog(node, ctx):
        return
    item = _first_item(base)
    if _optional(ctx, item):
        return  # ``list[Item | None]``: one entry per requested id, ``None`` for a missing one
    if _outside_schema(ctx, route):
        return
    item_name = _tail(ctx.resolve(item)) or "Item"
    if not item_name[:1].isupper():
        item_name = "Item"
    ctx.report(target, XFA303, name=node.name, shape=ast.unparse(base), item=item_name)


_VIEW_METHODS = frozenset({"values", "keys", "items", "copy"})
#: methods that read a container without changing it
_READ_METHODS = _VIEW_METHODS | {"get", "count", "index"}
_STATIC_BUILTINS = frozenset({"list", "sorted", "tuple", "set", "frozenset", "reversed", "enumerate", "filter", "map", "dict"})


def _static_catalog(node: ast.FunctionDef | ast.AsyncFunctionDef, ctx: Context) -> bool:
    """Every ``return`` of the handler gives a list fixed in code: built from module-level
    values or enums of the project (``[Provider(name=n) for n in PROVIDERS]``,
    ``list(REGISTRY.values())``), through locals assigned once, never from a parameter or a
    call that could read storage. Such a catalog has no pages to add."""
    params = {a.arg for a, _ in _all_args(node)}
    assigned: dict[str, list[ast.expr]] = {}
    returns: list[ast.expr] = []
    stack: list[ast.AST] = list(node.body)
    while stack:
        sub = stack.pop()
        if isinstance(sub, (*FUNCTION_TYPES, ast.Lambda, ast.ClassDef)):
            continue
        if isinstance(sub, ast.Return):
            if sub.value is None:
                return False
            returns.append(sub.value)
        elif (
            isinstance(sub, ast.Call)
            and isinstance(sub.func, ast.Attribute)
            and isinstance(sub.func.value, ast.Name)
            and sub.func.attr not in _READ_METHODS
        ):
            # ``items = []`` then ``items.append(row)``: filled at run time, not fixed
            assigned.setdefault(sub.func.value.id, []).append(None)  # type: ignore[arg-type]
        elif isinstance(sub, (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.For, ast.AsyncFor, ast.With, ast.AsyncWith, ast.NamedExpr)):
            targets = sub.targets if isinstance(sub, ast.Assign) else [getattr(sub, "target", None)]
            for target in targets:
                for name in ast.walk(target) if target is not None else ():
                    if isinstance(name, ast.Name):
                        value = sub.value if isinstance(sub, (ast.Assign, ast.AnnAssign)) and target is name else None
                        assigned.setdefault(name.id, []).append(value)  # type: ignore[arg-type]
            if isinstance(sub, (ast.With, ast.AsyncWith)):
                for item in sub.items:
                    for name in ast.walk(item.optional_vars) if item.optional_vars is not None else ():
                        if isinstance(name, ast.Name):
                            assigned.setdefault(name.id, []).append(None)  # type: ignore[arg-type]
        stack.extend(ast.iter_child_nodes(sub))
    # ``return []`` (a stub, or the empty answer of a branch) says nothing either way
    returns = [r for r in returns if not (isinstance(r, (ast.List, ast.Tuple)) and not r.elts)]
    return bool(returns) and all(_static_value(ctx, r, params, assigned, 0) for r in returns)


def _static_value(ctx: Context, expr: ast.expr, params: set[str], assigned: dict, depth: int) -> bool:
    if depth > 8:
        return False
    again = lambda e: _static_value(ctx, e, params, assigned, depth + 1)  # noqa: E731
    if isinstance(expr, ast.Constant):
        return True
    if isinstance(expr, (ast.List, ast.Tuple, ast.Set)):
        return all(again(e.value if isinstance(e, ast.Starred) else e) for e in expr.elts)
    if isinstance(expr, (ast.ListComp, ast.GeneratorExp, ast.SetComp)):
        return all(again(g.iter) for g in expr.generators)
    if isinstance(expr, ast.Name):
        if expr.id in params:
            return False
        if expr.id in assigned:
            values = assigned[expr.id]
            return len(values) == 1 and values[0] is not None and again(values[0])
        sym = ctx.symbol(expr)
        return sym is not None and sym.kind in ("value", "class")
    if isinstance(expr, (ast.Attribute, ast.Subscript)):
        return again(expr.value)
    if isinstance(expr, ast.Call):
        func = expr.func
        args = [*expr.args, *(kw.value for kw in expr.keywords)]
        if isinstance(func, ast.Name) and func.id in _STATIC_BUILTINS and ctx.is_builtin(func):
            return bool(args) and all(isinstance(a, (ast.Lambda, ast.Constant)) or again(a) for a in args)
        if isinstance(func, ast.Attribute) and func.attr in _VIEW_METHODS and not args:
            return again(func.value)
        # ``get_roles("workspace")``: a project function (here or in another module) whose
        # every return is a collection fixed in code (its arguments at most pick from it)
        sym = ctx.symbol(func)
        if sym is not None and sym.kind == "function" and isinstance(sym.info, dict) and sym.info.get("cat"):
            return True
    return False


def _model_name(ctx: Context, node: ast.AST | None) -> str | None:
    """The name of a Pydantic model class of this file that ``node`` denotes."""
    if node is None:
        return None
    base, _ = ctx.unwrap_annotation(node)  # type: ignore[arg-type]
    if isinstance(base, ast.Name) and ctx.is_model_class(base):
        return base.id
    return None


def _response_model_name(node: ast.FunctionDef | ast.AsyncFunctionDef, route: RouteInfo, ctx: Context) -> str | None:
    model = route.keyword("response_model")
    if model is not None:
        return model.id if isinstance(model, ast.Name) else None
    returns = node.returns
    if returns is None:
        return None
    base, _ = ctx.unwrap_annotation(returns)
    return base.id if isinstance(base, ast.Name) else None


def _check_same_model(node, route: RouteInfo, params, ctx: Context) -> None:
    out = _response_model_name(node, route, ctx)
    if out is None:
        return
    for arg, default in params:
        if arg.annotation is None:
            continue
        base, metadata = ctx.unwrap_annotation(arg.annotation)
        if not isinstance(base, ast.Name) or base.id != out:
            continue
        markers = _markers_of(ctx, arg.annotation, default)
        if any(m != "Body" for m in markers):
            continue
        if not (ctx.is_model_class(base) or "Body" in markers):
            continue
        if _echo_safe_model(ctx, base.id, set()):
            continue
        suggest = out[:-6] + "Read" if out.endswith("Create") else out + "Read"
        ctx.report(arg, XFA311, name=node.name, model=out, suggest=suggest)
        return


#: field names that a client must not set or must not read back: identifiers, ownership,
#: timestamps, secrets, privileges
_SERVER_ONLY_FIELD = lazy_re.compile(
    r"(?i)^(id|pk|uuid|guid|owner|created|updated|created_by|updated_by|version|etag|role|roles|"
    r"permissions|scopes|is_superuser|is_admin|is_staff|is_verified)$|_id$|_ids$|_at$|_on$|"
    r"password|passwd|secret|(^|_)(token|hash|hashed|salt|api_?key|apikey|private_key|credentials?)(_|$)"
)
#: modules whose types hold no fields of their own
_PLAIN_TYPE_MODULES = frozenset(
    {"typing", "typing_extensions", "datetime", "uuid", "decimal", "enum", "pydantic", "annotated_types", "ipaddress", "pathlib", "collections"}
)


def _echo_safe_model(ctx: Context, name: str, seen: set[str]) -> bool:
    """The model ``name`` of this file can go in and out unchanged: every field is visible
    (its bases and nested models are of this file too) and none looks server-managed or
    secret (``id``, ``owner_id``, ``created_at``, ``password``, ``is_superuser``...)."""
    if name in seen:
        return True
    seen.add(name)
    if name not in ctx.classes:
        sym = ctx.symbol(ast.Name(id=name, ctx=ast.Load()))
        return sym is not None and sym.kind == "class" and _echo_safe_class(ctx, sym, set(), 0)
    fields = model_fields(ctx, name)
    if fields is None:
        return False  # not all of its fields are visible here
    for field, (_, annotation) in fields.items():
        if _SERVER_ONLY_FIELD.search(field):
            return False
        if not _plain_field_type(ctx, annotation, seen, 0):
            return False
    return True


_PLAIN_BUILTINS = frozenset(
    {"str", "int", "float", "bool", "bytes", "list", "dict", "set", "frozenset", "tuple", "None", "object"}
)
_FIELDLESS_EXTERNAL = frozenset({"pydantic.BaseModel", "pydantic.main.BaseModel", "typing.Generic"})


def _echo_safe_class(ctx: Context, sym, seen: set[str], depth: int) -> bool:
    """A model class of another module of the project, read from its summary: every field
    is listed (none under ``if``), its bases are ``BaseModel`` or such classes, no field
    name looks server-managed or secret, and every type its fields mention is a builtin, a
    stdlib/typing/pydantic type, an enum or such a model."""
    if sym.qualname in seen:
        return True
    if depth > 8 or not isinstance(sym.info, dict) or sym.path is None:
        return False
    seen.add(sym.qualname)
    info = sym.info
    if info.get("open") or info.get("methods") and any(m.startswith("model_post") for m in info["methods"]):
        return False
    for base in info.get("bases", ()):
        found = ctx.index.lookup(sym.path, base)
        if found is None:
            return False
        if found.kind == "external":
            if found.qualname not in _FIELDLESS_EXTERNAL:
                return False
        elif found.kind != "class" or not _echo_safe_class(ctx, found, seen, depth + 1):
            return False
    if not info.get("bases"):
        return False
    fields = info.get("fields", [])
    types = info.get("ftypes")
    if fields and types is None:
        return False
    for field in fields:
        if _SERVER_ONLY_FIELD.search(field):
            return False
        for name in types.get(field, ["?"]):  # type: ignore[union-attr]
            if not _plain_type_name(ctx, sym.path, name, seen, depth):
                return False
    return True


def _plain_type_name(ctx: Context, path: str, name: str, seen: set[str], depth: int) -> bool:
    if name == "?":
        return False
    if name in _PLAIN_BUILTINS or name in ("Optional", "Union", "Literal", "Annotated", "Any"):
        return True
    if name.split(".", 1)[0] in _PLAIN_TYPE_MODULES:
        return True
    found = ctx.index.lookup(path, name)
    if found is None or found.kind != "class":
        return False
    ancestors = ctx.index.external_ancestors(found)
    if any(a.startswith("enum.") for a in ancestors) and "?" not in ancestors:
        return True
    return _echo_safe_class(ctx, found, seen, depth + 1)


def _plain_field_type(ctx: Context, node: ast.AST | None, seen: set[str], depth: int) -> bool:
    """The annotation names only builtins, typing/pydantic/stdlib value types, enums and
    echo-safe models of this file."""
    if node is None or depth > 12:
        return node is None
    if isinstance(node, ast.Constant):
        if isinstance(node.value, str):
            try:
                return _plain_field_type(ctx, ast.parse(node.value, mode="eval").body, seen, depth + 1)
            except (SyntaxError, ValueError):
                return False
        return True
    if isinstance(node, ast.Subscript):
        tail = _tail(ctx.resolve(node.value))
        if tail == "Literal":
            return True
        items = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        if tail == "Annotated" and items:  # the type, and metadata calls (``Field(...)``), not doc strings
            items = [items[0], *(i for i in items[1:] if not isinstance(i, ast.Constant))]
        return _plain_field_type(ctx, node.value, seen, depth + 1) and all(
            _plain_field_type(ctx, i, seen, depth + 1) for i in items
        )
    if isinstance(node, (ast.Tuple, ast.List)):
        return all(_plain_field_type(ctx, e, seen, depth + 1) for e in node.elts)
    if isinstance(node, ast.BinOp):
        return _plain_field_type(ctx, node.left, seen, depth + 1) and _plain_field_type(ctx, node.right, seen, depth + 1)
    if isinstance(node, ast.Call):  # ``Field(...)``/``constr(...)`` metadata
        return _plain_field_type(ctx, node.func, seen, depth + 1)
    if isinstance(node, ast.Attribute):
        return (ctx.resolve(node) or "").split(".", 1)[0] in _PLAIN_TYPE_MODULES
    if isinstance(node, ast.Name):
        if node.id in ctx.imports:
            if ctx.imports[node.id].split(".", 1)[0] in _PLAIN_TYPE_MODULES:
                return True
            sym = ctx.symbol(node)  # a model or enum of another module of the project
            if sym is None or sym.kind != "class" or sym.path is None:
                return False
            return _plain_type_name(ctx, sym.path, sym.name or "?", set(), 0)
        cls = ctx.classes.get(node.id)
        if cls is not None:
            if any((ctx.resolve(b) or "").startswith("enum.") or _tail(ctx.resolve(b)) in ("Enum", "StrEnum", "IntEnum") for b in cls.bases):
                return True
            return ctx.is_model_class(node) and _echo_safe_model(ctx, node.id, seen)
        return ctx.is_builtin(node) or node.id in ("Optional", "Union", "Literal", "Annotated", "Any")
    return False


IDENTITY_PARAMS = frozenset({"user_id", "owner_id", "account_id", "patient_id", "customer_id"})


def _check_identity(node, routes: list[RouteInfo], params, ctx: Context) -> None:
    in_path: set[str] = set()
    for r in routes:
        if r.path is None:
            return  # the path is not a literal: cannot tell path from query parameters
        in_path |= path_params(r.path)
    for arg, default in params:
        if arg.arg not in IDENTITY_PARAMS or arg.arg in in_path:
            continue
        markers = _markers_of(ctx, arg.annotation, default)
        if any(m != "Query" for m in markers):
            continue
        if arg.annotation is not None:
            base, metadata = ctx.unwrap_annotation(arg.annotation)
            if metadata and not markers:
                continue  # an alias or metadata this file cannot read
            if base is None or not _scalar(ctx, base):
                continue
        ctx.report(arg, XFA316, name=arg.arg)


_SCALARS = frozenset({"int", "str", "uuid.UUID", "UUID", "pydantic.UUID4", "UUID4"})


def _scalar(ctx: Context, base: ast.expr) -> bool:
    return (ctx.resolve(base) or "") in _SCALARS


# -- XFA304: shadowed routes ----------------------------------------------------------------


def _collect_for_shadowing(node, routes: list[RouteInfo], ctx: Context) -> None:
    if not ctx.wants(XFA304):
        return
    frame = ctx.frames[-1]
    scope = "module" if frame.kind == "module" else id(frame.node)
    data = ctx.frames[0].data.setdefault("xfa304_routes", [])
    # stacked decorators apply bottom-up: the lowest one registers first
    for r in reversed(routes):
        if r.path is not None and not r.is_websocket:
            data.append(((scope, r.router), r))


def _segments(path: str) -> list[str]:
    return path.split("/")


def _segment_regex(segment: str) -> re.Pattern[str] | None:
    out = []
    pos = 0
    for m in _PARAM.finditer(segment):
        conv = m.group(2) or "str"
        if conv not in _CONVERTORS or conv == "path":
            return None
        out.append(re.escape(segment[pos : m.start()]))
        out.append(_CONVERTORS[conv])
        pos = m.end()
    out.append(re.escape(segment[pos:]))
    return re.compile("".join(out))


def shadows(earlier: str, later: str) -> bool:
    """Starlette's router, trying ``earlier`` first, takes every request ``later`` matches
    (and ``later`` has at least one literal segment that a parameter of ``earlier`` takes)."""
    if "{" not in earlier:
        return False
    e_segs = _segments(earlier)
    l_segs = _segments(later)
    literal_taken = False
    for i, e in enumerate(e_segs):
        pure = _PURE_PARAM.match(e)
        if pure and (pure.group(2) or "str") == "path":
            if i != len(e_segs) - 1 or i >= len(l_segs) + 1:
                return False
            rest = l_segs[i:]
            if not rest:
                return False
            for seg in rest:
                if _PARAM.search(seg) and not _PURE_PARAM.match(seg):
                    return False
                if not _PARAM.search(seg):
                    literal_taken = True
            return literal_taken
        if i >= len(l_segs):
            return False
        seg = l_segs[i]
        if "{" in e and not _PARAM.search(e):
            return False  # braces we do not understand
        l_pure = _PURE_PARAM.match(seg)
        if pure:
            conv = pure.group(2) or "str"
            if conv not in _CONVERTORS:
                return False
            if l_pure:
                if (l_pure.group(2) or "str") not in _CONVERTOR_COVERS.get(conv, ()):
                    return False
                continue
            if _PARAM.search(seg):
                return False
            if not re.fullmatch(_CONVERTORS[conv], seg):
                return False
            literal_taken = True
            continue
        if _PARAM.search(e):  # a segment mixing literal text and parameters
            if _PARAM.search(seg):
                if seg != e:
                    return False
                continue
            regex = _segment_regex(e)
            if regex is None or not regex.fullmatch(seg):
                return False
            literal_taken = True
            continue
        if seg != e:
            return False
    if len(e_segs) != len(l_segs):
        return False
    return literal_taken


def _methods_overlap(a: tuple[str, ...], b: tuple[str, ...]) -> list[str]:
    return [m for m in b if m in a]


class _Node:
    """A node of :class:`_ShadowIndex`'s trie: the earlier routes' segments so far."""

    __slots__ = ("literal", "pure", "mixed", "ends", "tails")

    def __init__(self) -> None:
        #: a literal segment -> the node after it
        self.literal: dict[str, _Node] = {}
        #: ``{x}``/``{x:int}``/… -> the node after it, keyed by convertor (names do not matter)
        self.pure: dict[str, _Node] = {}
        #: a segment mixing text and parameters (``{name}.json``) -> (its regex, the node after it)
        self.mixed: dict[str, tuple[re.Pattern[str] | None, _Node]] = {}
        #: method -> the routes whose path ends here, in registration order
        self.ends: dict[str, list[tuple[int, RouteInfo]]] = {}
        #: method -> the routes whose path ends here with ``/{x:path}``
        self.tails: dict[str, list[tuple[int, RouteInfo]]] = {}


class _ShadowIndex:
    """The parameterised routes of one router, in a trie over their segments, so that a
    later route is compared only with the earlier routes that can match it (instead of
    every earlier route: a file with thousands of routes on one router stays linear).

    The trie only narrows the candidates; :func:`shadows` still decides each pair.
    """

    def __init__(self) -> None:
        self.root = _Node()

    def add(self, index: int, route: RouteInfo) -> None:
        path = route.path or ""
        if "{" not in path:
            return  # a literal path never shadows anything
        segs = _segments(path)
        node = self.root
        for i, seg in enumerate(segs):
            pure = _PURE_PARAM.match(seg)
            if pure:
                conv = pure.group(2) or "str"
                if conv == "path":
                    if i != len(segs) - 1:
                        return  # shadows() rejects a {x:path} that is not last
                    for method in dict.fromkeys(route.methods):
                        node.tails.setdefault(method, []).append((index, route))
                    return
                if conv not in _CONVERTORS:
                    return  # a convertor Starlette does not know: shadows() says no
                node = node.pure.setdefault(conv, _Node())
            elif "{" in seg:
                if not _PARAM.search(seg):
                    return  # braces shadows() does not understand
                entry = node.mixed.get(seg)
                if entry is None:
                    entry = node.mixed[seg] = (_segment_regex(seg), _Node())
                node = entry[1]
            else:
                node = node.literal.setdefault(seg, _Node())
        for method in dict.fromkeys(route.methods):
            node.ends.setdefault(method, []).append((index, route))

    def candidates(self, route: RouteInfo) -> list[list[tuple[int, RouteInfo]]]:
        """Lists (each in registration order) of the earlier routes that may shadow
        ``route``: their segments match its segments and at least one of its literal
        segments is taken by a parameter, for one of its methods."""
        segs = _segments(route.path or "")
        n = len(segs)
        # per segment: 0 literal, 1 a whole parameter, 2 text mixed with parameters
        kinds = [
            (1 if _PURE_PARAM.match(s) else 2) if _PARAM.search(s) else 0 for s in segs
        ]
        literal_after = [False] * (n + 1)
        mixed_after = [False] * (n + 1)
        for i in range(n - 1, -1, -1):
            literal_after[i] = literal_after[i + 1] or kinds[i] == 0
            mixed_after[i] = mixed_after[i + 1] or kinds[i] == 2
        found: list[list[tuple[int, RouteInfo]]] = []
        stack = [(self.root, 0, False)]
        while stack:
            node, i, taken = stack.pop()
            if node.tails and i < n and not mixed_after[i] and (taken or literal_after[i]):
                found += _lists_for(node.tails, route.methods)
            if i == n:
                if taken and node.ends:
                    found += _lists_for(node.ends, route.methods)
                continue
            seg, kind = segs[i], kinds[i]
            nxt = node.literal.get(seg) if kind == 0 else None
            if nxt is not None:
                stack.append((nxt, i + 1, taken))
            if node.pure:
                if kind == 1:
                    conv = _PURE_PARAM.match(seg).group(2) or "str"
                    for covering, child in node.pure.items():
                        if conv in _CONVERTOR_COVERS.get(covering, ()):
                            stack.append((child, i + 1, taken))
                elif kind == 0:
                    for conv, child in node.pure.items():
                        if _CONVERTOR_RE[conv].fullmatch(seg):
                            stack.append((child, i + 1, True))
            if node.mixed:
                if kind:
                    entry = node.mixed.get(seg)
                    if entry is not None:
                        stack.append((entry[1], i + 1, taken))
                else:
                    for regex, child in node.mixed.values():
                        if regex is not None and regex.fullmatch(seg):
                            stack.append((child, i + 1, True))
        return found


def _lists_for(by_method: dict[str, list[tuple[int, RouteInfo]]], methods: tuple[str, ...]) -> list:
    return [by_method[m] for m in dict.fromkeys(methods) if m in by_method]


def _first_shadowing(index: _ShadowIndex, later: RouteInfo) -> RouteInfo | None:
    """The earliest route of ``index`` that shadows ``later`` (as the pairwise rule:
    same handler excluded, a common method, :func:`shadows`)."""
    best: tuple[int, RouteInfo] | None = None
    for entries in index.candidates(later):
        for position, earlier in entries:  # registration order: the first that holds
            if best is not None and position >= best[0]:
                break
            if earlier.node is later.node:
                continue
            if _methods_overlap(earlier.methods, later.methods) and shadows(
                earlier.path or "", later.path or ""
            ):
                best = (position, earlier)
                break
    return best[1] if best else None


@visitor(ast.Module, leave=True, codes=(XFA304, XFA310, XFA319))
def module_checks(node: ast.Module, ctx: Context) -> None:
    if ctx.is_test:
        return
    data = ctx.frames[0].data
    routes = data.get("xfa304_routes")
    if routes and ctx.wants(XFA304):
        by_router: dict[object, _ShadowIndex] = {}
        for position, (key, later) in enumerate(routes):
            index = by_router.get(key)
            if index is None:
                index = by_router[key] = _ShadowIndex()
            earlier = _first_shadowing(index, later)
            if earlier is not None:
                ctx.report(
                    later.decorator,
                    XFA304,
                    method="/".join(_methods_overlap(earlier.methods, later.methods)),
                    path=later.path,
                    earlier=earlier.path,
                    line=earlier.decorator.lineno,
                )
            index.add(position, later)
    pending = data.get("xfa310_pending")
    if pending and ctx.wants(XFA310):
        targets = data.get("xfa3_depends_targets", set())
        for fn_name, is_route, arg, kwargs in pending:
            if is_route or fn_name in targets:
                ctx.report(arg, XFA310, **kwargs)
    if ctx.wants(XFA319):
        _check_prefixes(data, ctx)


# -- XFA309: raw marker defaults -------------------------------------------------------------


@visitor(ast.FunctionDef, ast.AsyncFunctionDef, codes=(XFA309,))
def raw_marker_defaults(node: ast.FunctionDef | ast.AsyncFunctionDef, ctx: Context) -> None:
    if ctx.is_test:
        return
    a = node.args
    if not a.defaults and not any(d is not None for d in a.kw_defaults):
        return
    for arg, default in _all_args(node):
        if not isinstance(default, ast.Call):
            continue
        marker = fastapi_marker(ctx, default)
        if marker is None:
            continue
        if arg.annotation is not None:
            _, metadata = ctx.unwrap_annotation(arg.annotation)
            if metadata:
                continue  # already Annotated (a second marker is FastAPI's own error)
        annotated, moved = _annotated_form(default, marker)
        ctx.report(
            arg,
            XFA309,
            fixable=marker_fix_blocker(arg, default, marker) is None,
            name=arg.arg,
            marker=_short_call(default),
            type=ast.unparse(arg.annotation) if arg.annotation is not None else "<type>",
            annotated=annotated,
            default=f" = {moved}" if moved is not None else "",
        )


def _short_call(call: ast.Call) -> str:
    text = ast.unparse(call)
    return text if len(text) <= 60 else ast.unparse(call.func) + "(...)"


_MUTABLE_DEFAULTS = (ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp, ast.SetComp)


def marker_fix_blocker(arg: ast.arg, call: ast.Call, marker: str) -> str | None:
    """Why ``fastapi-conventions fix`` leaves this XFA309 finding to the user (the rule's
    message and the fixer ask the same question), or None."""
    if arg.annotation is None:
        return "the parameter has no type annotation to wrap in Annotated"
    if marker in DEFAULT_MARKERS:
        default = call.args[0] if call.args else next((k.value for k in call.keywords if k.arg == "default"), None)
        if isinstance(default, _MUTABLE_DEFAULTS):
            # FastAPI copies it per request, but flake8-bugbear's B006 would flag the result
            return "the default would become a mutable default argument (flake8-bugbear B006)"
    return None


def _annotated_form(call: ast.Call, marker: str) -> tuple[str, str | None]:
    """The marker without its default, and the default (``None`` when required)."""
    if marker not in DEFAULT_MARKERS:
        return ast.unparse(call), None
    new = copy.copy(call)
    default: ast.expr | None = None
    if call.args and not isinstance(call.args[0], ast.Starred):
        default = call.args[0]
        new.args = list(call.args[1:])
    kws = []
    for kw in call.keywords:
        if kw.arg == "default":
            default = kw.value
        else:
            kws.append(kw)
    new.keywords = kws
    moved = None
    if default is not None and not (isinstance(default, ast.Constant) and default.value is Ellipsis):
        moved = ast.unparse(default)
    return ast.unparse(new), moved


# -- XFA310: unbounded pagination --------------------------------------------------------------

UPPER_LIMIT_PARAMS = frozenset({"limit", "page_size", "per_page", "size"})
OFFSET_PARAMS = {"offset": "ge=0", "skip": "ge=0", "page": "ge=1"}
_UPPER = frozenset({"le", "lt"})
_LOWER = frozenset({"ge", "gt"})
_BOUND_HOLDERS = frozenset({"Query", "Field", "Path", "conint"})
_ANNOTATED_TYPES = {"Le": "le", "Lt": "lt", "Ge": "ge", "Gt": "gt"}


def _pagination_candidates(node, ctx: Context, route: RouteInfo | None):
    """(arg, message kwargs) of every unbounded pagination parameter of ``node``."""
    in_path: set[str] = set()
    if route is not None:
        for r in ctx.routes_of(node):
            in_path |= path_params(r.path)
    for arg, default in _all_args(node):
        name = arg.arg
        if name not in UPPER_LIMIT_PARAMS and name not in OFFSET_PARAMS:
            continue
        if name in in_path or arg.annotation is None:
            continue
        bounds = _bounds(ctx, arg.annotation, default)
        if bounds is None:
            continue
        start = _int_default(ctx, default)
        if name in UPPER_LIMIT_PARAMS:
            if bounds & _UPPER:
                continue
            if _no_limit_default(ctx, default) and not _replaces_falsy(node, name):
                # ``page_size: int | None = None`` (or ``limit: int = 0``) left as it is: absent
                # means the whole list, by design; an upper bound on a given size bounds nothing
                continue
            # keep the default inside the suggested range: ``limit: int = 0`` (0 = no limit)
            # gets ``ge=0``, ``limit: int = 500`` gets ``le=500``
            upper = f"le={max(100, start)}" if start is not None else "le=100"
            lower = _lower_bound_text(ctx, arg.annotation, default) if bounds & _LOWER else None
            if lower is not None:
                suggestion = f"{lower}, {upper}"
            else:
                suggestion = f"ge={0 if start == 0 else 1}, {upper}"
            missing, suggested = "upper bound", suggestion
        else:
            if bounds:
                continue
            if name == "page" and start is None and _zero_based_page(node):
                start = 0  # ``offset = page * page_size``: pages count from 0
            missing, suggested = "bound", _floor(name, start)
        kept = _query_keywords(ctx, arg.annotation, default)
        yield arg, {
            "name": name,
            "missing": missing,
            "type": _declared_type(ctx, arg.annotation),
            "bounds": ", ".join([*kept, suggested]),
            "default": _declared_default(ctx, default),
        }


def _declared_type(ctx: Context, annotation: ast.expr) -> str:
    """The parameter's type as written, out of a literal ``Annotated[...]``: ``int``,
    ``int | None``, ``Optional[int]`` (``int`` for ``conint(...)``; ``int | None`` when
    it is written through an alias this message cannot show)."""
    node: ast.expr | None = annotation
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        try:
            node = ast.parse(node.value, mode="eval").body
        except (SyntaxError, ValueError):
            node = None
    if isinstance(node, ast.Subscript) and _tail(ctx.resolve(node.value)) == "Annotated":
        items = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        node = items[0] if items else None
    if node is not None and _plain_int_type(ctx, node, 0):
        return ast.unparse(node)
    return "int | None" if _optional(ctx, annotation) else "int"


def _plain_int_type(ctx: Context, node: ast.expr, depth: int) -> bool:
    """``int``, ``None``, ``int | None``, ``Optional[int]``, ``Union[int, None]``."""
    if depth > 4:
        return False
    if _is_none(node):
        return True
    if isinstance(node, ast.Name) and node.id == "int":
        return "int" not in ctx.imports
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _plain_int_type(ctx, node.left, depth + 1) and _plain_int_type(ctx, node.right, depth + 1)
    if isinstance(node, ast.Subscript) and _tail(ctx.resolve(node.value)) in ("Optional", "Union"):
        items = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        return all(_plain_int_type(ctx, i, depth + 1) for i in items)
    return False


def _query_call(ctx: Context, annotation: ast.expr, default: ast.expr | None) -> ast.Call | None:
    _, metadata = ctx.unwrap_annotation(annotation)
    for item in (*metadata, default):
        if isinstance(item, ast.Call) and _tail(ctx.resolve(item.func)) == "Query":
            return item
    return None


def _query_keywords(ctx: Context, annotation: ast.expr, default: ast.expr | None) -> list[str]:
    """The keywords of the parameter's ``Query(...)`` other than its default and bounds
    (``alias="pageSize"``, ``description=...``): the suggestion keeps them."""
    call = _query_call(ctx, annotation, default)
    if call is None:
        return []
    return [
        f"{kw.arg}={ast.unparse(kw.value)}"
        for kw in call.keywords
        if kw.arg is not None and kw.arg != "default" and kw.arg not in _UPPER and kw.arg not in _LOWER
    ]


def _declared_default(ctx: Context, default: ast.expr | None) -> str:
    """`` = <default>`` as the parameter declares it (``= 20``, ``= Query(20)``,
    ``= Query(default=None)``); empty when it is required."""
    if isinstance(default, ast.Call) and _tail(ctx.resolve(default.func)) == "Query":
        default = default.args[0] if default.args else next(
            (kw.value for kw in default.keywords if kw.arg == "default"), None
        )
    if default is None or (isinstance(default, ast.Constant) and default.value is Ellipsis):
        return ""
    return f" = {ast.unparse(default)}"


def _lower_bound_text(ctx: Context, annotation: ast.expr, default: ast.expr | None) -> str | None:
    """``ge=5`` as the parameter already writes it (in ``Query``/``Field``/``conint``)."""
    base, metadata = ctx.unwrap_annotation(annotation)
    for item in (base, *metadata, default):
        if isinstance(item, ast.Call):
            for kw in item.keywords:
                if kw.arg in _LOWER:
                    return f"{kw.arg}={ast.unparse(kw.value)}"
    return None


def _zero_based_page(fn) -> bool:
    """``fn`` multiplies ``page`` as it is (``offset = page * page_size``) and never takes
    ``page - 1``: its pages count from 0, the first page is ``page=0``."""
    multiplied = False
    for sub in _own_nodes(fn):
        if not isinstance(sub, ast.BinOp):
            continue
        operands = (sub.left, sub.right)
        if isinstance(sub.op, ast.Sub) and isinstance(sub.left, ast.Name) and sub.left.id == "page":
            return False
        if isinstance(sub.op, ast.Mult) and any(isinstance(o, ast.Name) and o.id == "page" for o in operands):
            multiplied = True
    return multiplied


def _floor(name: str, start: int | None) -> str:
    """The lower bound for an offset (``ge=0``) or a page number: ``ge=0`` when pages count
    from 0 (``page: int = 0``), ``ge=1`` otherwise."""
    if name != "page":
        return OFFSET_PARAMS[name]
    return "ge=0" if start == 0 else "ge=1"


def _no_limit_default(ctx: Context, default: ast.expr | None) -> bool:
    """The parameter defaults to ``None`` or ``0`` (``= None``, ``= Query(0)``,
    ``= Query(default=None)``): a size that, when absent, asks for no limit."""
    if isinstance(default, ast.Call) and _tail(ctx.resolve(default.func)) in ("Query", "Field"):
        default = default.args[0] if default.args else next(
            (kw.value for kw in default.keywords if kw.arg == "default"), None
        )
    return _is_none(default) or _int_default(ctx, default) == 0


def _replaces_falsy(fn, name: str) -> bool:
    """``fn`` gives ``name`` a size of its own when it is absent: ``limit or 10``,
    ``page_size or settings.PAGE_SIZE``, or any assignment to the name
    (``if limit is None: limit = 20``)."""
    for sub in ast.walk(fn):
        if isinstance(sub, ast.BoolOp) and isinstance(sub.op, ast.Or):
            first = sub.values[0]
            if isinstance(first, ast.Name) and first.id == name:
                if any(not (_is_none(v) or (isinstance(v, ast.Constant) and v.value == 0)) for v in sub.values[1:]):
                    return True
        elif isinstance(sub, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            targets = sub.targets if isinstance(sub, ast.Assign) else [sub.target]
            if any(isinstance(t, ast.Name) and t.id == name for t in targets):
                return True
    return False


def _int_default(ctx: Context, default: ast.expr | None) -> int | None:
    """The integer default of a parameter: ``= 1``, ``= Query(1)``, ``= Query(default=1)``."""
    if isinstance(default, ast.Call) and _tail(ctx.resolve(default.func)) in ("Query", "Field"):
        value = default.args[0] if default.args else next(
            (kw.value for kw in default.keywords if kw.arg == "default"), None
        )
        default = value
    if isinstance(default, ast.Constant) and isinstance(default.value, int) and not isinstance(default.value, bool):
        return default.value
    return None


def _bounds(ctx: Context, annotation: ast.expr, default: ast.expr | None) -> set[str] | None:
    """The bound keywords found, or ``None`` when the parameter is not a plain int query
    parameter or carries something this file cannot read."""
    base, metadata = ctx.unwrap_annotation(annotation)
    found: set[str] = set()
    if isinstance(base, ast.Call) and _tail(ctx.resolve(base.func)) == "conint":
        if has_kwargs_splat(base):
            return None
        found |= {kw.arg for kw in base.keywords if kw.arg in _UPPER or kw.arg in _LOWER}
    elif not (isinstance(base, ast.Name) and base.id == "int" and "int" not in ctx.imports):
        return None
    for item in metadata:
        if isinstance(item, ast.Constant) and isinstance(item.value, str):
            continue  # a doc string
        bound = _bounds_of_call(ctx, item)
        if bound is None:
            return None
        found |= bound
    if isinstance(default, ast.Call):
        bound = _bounds_of_call(ctx, default)
        if bound is None:
            return None
        found |= bound
    return found


def _bounds_of_call(ctx: Context, item: ast.expr) -> set[str] | None:
    if not isinstance(item, ast.Call) or has_kwargs_splat(item):
        return None
    tail = _tail(ctx.resolve(item.func))
    if tail in _ANNOTATED_TYPES:
        return {_ANNOTATED_TYPES[tail]}
    if tail == "Interval":
        return {kw.arg for kw in item.keywords if kw.arg in _UPPER or kw.arg in _LOWER}
    if tail not in _BOUND_HOLDERS and tail != "Doc":
        return None  # AfterValidator(...), a custom marker: cannot tell
    if tail in ("Path",):
        return None  # a path parameter
    return {kw.arg for kw in item.keywords if kw.arg in _UPPER or kw.arg in _LOWER}


@visitor(ast.FunctionDef, ast.AsyncFunctionDef, leave=True, codes=(XFA301, XFA302, XFA310, XFA312, XFA314, XFA315))
def leave_function(node: ast.FunctionDef | ast.AsyncFunctionDef, ctx: Context) -> None:
    if ctx.is_test:
        return
    frame = ctx.frames[-1]
    if frame.node is not node:
        return
    dumps = frame.data.get("xfa312")
    if dumps and not frame.data.get("xfa312_partial"):
        _report_partial_updates(node, dumps, ctx)
    route = frame.route
    if ctx.wants(XFA310):
        _pagination_leave(node, route, frame, ctx)
    if route is None:
        return
    data = frame.data
    if ctx.wants(XFA301):
        _check_missing_model(node, ctx.routes_of(node), data, ctx)
    if ctx.wants(XFA314) and route.is_websocket and data.get("xfa314_receives") and not data.get("xfa314_handled"):
        ctx.report(node, XFA314, name=node.name)
    if ctx.wants(XFA315) and not frame.has_await and not data.get("xfa315_checks"):
        for r in ctx.routes_of(node):
            if r.methods and set(r.methods) <= {"OPTIONS", "HEAD"}:
                continue  # a CORS preflight or HEAD answer on the readiness path checks nothing by design
            if r.path and _readiness_path(r.path):
                ctx.report(node, XFA315, path=r.path)
                break


def _pagination_leave(node, route: RouteInfo | None, frame, ctx: Context) -> None:
    names = {a.arg for a in (*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs)}
    if not (names & UPPER_LIMIT_PARAMS or names & OFFSET_PARAMS.keys()):
        return
    checked = frame.data.get("xfa310_checked", set())
    pending = ctx.frames[0].data.setdefault("xfa310_pending", [])
    read = None
    for arg, kwargs in _pagination_candidates(node, ctx, route):
        if arg.arg in checked:
            continue
        if read is None:
            read = _names_read(node)
        if arg.arg not in read and not read & {"locals", "vars"}:
            continue  # never read: an unbounded value reaches nothing
        pending.append((node.name, route is not None, arg, kwargs))


_READY_SUFFIXES = ("/ready", "/readiness", "/readyz", "/health/ready")


def _readiness_path(path: str) -> bool:
    return path.rstrip("/").endswith(_READY_SUFFIXES) or path.rstrip("/") in ("ready", "readiness", "readyz")


def _check_missing_model(node, routes: list[RouteInfo], data: dict, ctx: Context) -> None:
    if node.returns is not None or data.get("xfa301_non_json"):
        return
    if not _returns_a_value(node):
        return  # no body but ``null``: there is no response shape to declare
    for r in routes:
        if r.is_websocket or _route_kw_splat(r) or r.keyword("response_model") is not None:
            return
        if non_json_response_class(ctx, r):
            return
        if route_status(ctx, r) == 204:
            return
        if _outside_schema(ctx, r) or _probe_path(r.path):
            return
        if _documents_success_model(ctx, r):
            return
    ctx.report(node, XFA301, name=node.name)


def _returns_a_value(fn) -> bool:
    """``fn`` itself (not a function nested in it) returns something other than ``None`` or
    yields."""
    for sub in _own_nodes(fn):
        if isinstance(sub, ast.Return) and sub.value is not None and not _is_none(sub.value):
            return True
        if isinstance(sub, (ast.Yield, ast.YieldFrom)):
            return True
    return False


#: the last path segment of a liveness or health probe: its caller is an orchestrator or a
#: load balancer reading the status code, not an API client reading a schema
_PROBE_SEGMENTS = frozenset(
    {"health", "healthz", "healthcheck", "health-check", "alive", "livez", "liveness", "live", "ping", "readyz", "ready", "readiness"}
)


def _probe_path(path: str | None) -> bool:
    if not path:
        return False
    segments = [s for s in path.strip("/").split("/") if s]
    return bool(segments) and segments[-1].lower() in _PROBE_SEGMENTS and "{" not in path


def _outside_schema(ctx: Context, route: RouteInfo) -> bool:
    """The route is in no OpenAPI schema: ``include_in_schema=False`` on it or its router
    (``APIRouter(include_in_schema=False)``), the app it is declared on has
    ``openapi_url=None``, or this file includes its router with ``include_in_schema=False``."""
    include = route.keyword("include_in_schema")
    if isinstance(include, ast.Constant) and include.value is False:
        return True
    router = None
    if route.router.isidentifier():
        found = ctx.lookup(route.router)  # also ``app = FastAPI(...)`` in an app factory
        router = found.value if found is not None and found.kind == "assign" else None
    if isinstance(router, ast.Call):
        tail = _tail(ctx.resolve(router.func))
        if tail == "FastAPI":
            url = keyword(router, "openapi_url")
            if url is not None and _is_none(url.value):
                return True
        if tail in ("APIRouter", "FastAPI"):
            hidden = keyword(router, "include_in_schema")
            if hidden is not None and isinstance(hidden.value, ast.Constant) and hidden.value.value is False:
                return True
    return route.router in _hidden_includes(ctx)


def _hidden_includes(ctx: Context) -> frozenset[str]:
    """Routers this file includes only with ``include_in_schema=False``."""

    def compute() -> frozenset[str]:
        hidden: set[str] = set()
        shown: set[str] = set()
        for node in ast.walk(ctx.tree):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "include_router"
                and node.args
                and isinstance(node.args[0], ast.Name)
            ):
                continue
            flag = keyword(node, "include_in_schema")
            if flag is not None and isinstance(flag.value, ast.Constant) and flag.value.value is False:
                hidden.add(node.args[0].id)
            else:
                shown.add(node.args[0].id)
        return frozenset(hidden - shown)

    return ctx.memo("xfa30x_hidden_includes", compute)


def _documents_success_model(ctx: Context, route: RouteInfo) -> bool:
    """``responses={200: {"model": X}}`` (the route's own 2xx status, or 200): the success
    body is documented in the OpenAPI schema even without ``response_model=``."""
    responses = route.keyword("responses")
    if not isinstance(responses, ast.Dict):
        return False
    success = route_status(ctx, route) or 200
    for key, value in zip(responses.keys, responses.values):
        if key is None or not isinstance(value, ast.Dict):
            continue
        code = status_value(ctx, key)
        if code is None and isinstance(key, ast.Constant) and isinstance(key.value, str) and key.value.strip().isdigit():
            code = int(key.value)
        if code != success:
            continue
        if any(isinstance(k, ast.Constant) and k.value == "model" for k in value.keys):
            return True
    return False


# -- handler bodies: returns, calls, try blocks ------------------------------------------------


@visitor(ast.Return, codes=(XFA301, XFA302, XFA306))
def handler_returns(node: ast.Return, ctx: Context) -> None:
    if ctx.is_test:
        return
    frame = _handler_frame(ctx)
    if frame is None or node.value is None:
        return
    value = node.value
    fn = frame.node
    if isinstance(value, ast.Name) and value.id in frame.data.get("xfa301_response_names", ()):
        frame.data["xfa301_non_json"] = True  # ``response = StreamingResponse(...); return response``
    if _builds_non_json(ctx, value):
        frame.data["xfa301_non_json"] = True  # ``return render_report(...)`` with ``-> Response``
    if isinstance(value, ast.Call):
        tail = _tail(ctx.resolve(value.func))
        if tail in NON_JSON_RESPONSES or tail.endswith("TemplateResponse"):
            frame.data["xfa301_non_json"] = True
        if tail in JSON_RESPONSES or tail == "Response":
            if ctx.wants(XFA306) and ctx.imported_from(value.func, "fastapi", "starlette"):
                _check_bypass(fn, value, tail, ctx)
            return
    if ctx.wants(XFA302) and _is_dict_value(value, ctx) and not _empty_dict(value):
        if (
            not _declares_model(fn, ctx)
            and not _probe_or_hidden(ctx, fn)
            and not _example_module(ctx)
            and not _root_banner(ctx, fn, value)
            and not _webhook_receiver(ctx, fn)
        ):
            ctx.report(value, XFA302, name=fn.name)


def _example_module(ctx: Context) -> bool:
    """The module lives under an ``examples/`` (``demos/``, ``samples/``, ``tutorials/``)
    directory: an example's or a demo's app shows the project's library, it is not an API
    the project serves (XFA612 reads the directory the same way)."""
    from .lifecycle import _in_examples  # lazily: the groups' declaration order stays as it is

    return ctx.memo("xfa302_examples", lambda: _in_examples(ctx))


def _probe_or_hidden(ctx: Context, fn) -> bool:
    """Every route of ``fn`` is a health probe or outside the OpenAPI schema."""
    routes = ctx.routes_of(fn)
    return bool(routes) and all(_probe_route(ctx, r, fn) or _outside_schema(ctx, r) for r in routes)


#: words of a constant's or a handler's name that make a route with a computed path a probe
_PROBE_WORDS = frozenset({"health", "healthz", "healthcheck", "liveness", "readiness", "livez", "readyz", "ping"})


def _probe_route(ctx: Context, route: RouteInfo, fn) -> bool:
    """The route is a health probe: its literal path ends in a probe segment, or its path is a
    name (``@app.get(HEALTH_PATH)``) bound in this file to such a literal or, when its value
    is not visible here (a constant of another module), the name or the handler's name says
    it is one (``SIDECAR_HEALTH_PATH``, ``def health()``)."""
    if route.path is not None:
        return _probe_path(route.path)
    expr = route.decorator.args[0] if route.decorator.args else route.keyword("path")
    if not isinstance(expr, (ast.Name, ast.Attribute)):
        return False
    if isinstance(expr, ast.Name):
        found = ctx.lookup(expr.id)
        value = getattr(found, "value", None) if found is not None and found.kind == "assign" else None
        if isinstance(value, ast.Constant):
            return isinstance(value.value, str) and _probe_path(value.value)
        if found is not None and found.kind != "import":
            return False
    constant = set(re.split(r"[_.]", (dotted_name(expr) or "").lower()))
    return bool(constant & (_PROBE_WORDS | {"ready", "alive"}) or set(fn.name.lower().split("_")) & _PROBE_WORDS)


def _root_banner(ctx: Context, fn, value: ast.expr) -> bool:
    """``@app.get("/")`` of an application (``FastAPI(...)`` in this file) answering a dict of
    constants (``{"message": "API is running"}``): a banner a person or a liveness check reads,
    not an API resource."""
    if not isinstance(value, ast.Dict) or not all(
        isinstance(k, ast.Constant) and isinstance(v, ast.Constant) for k, v in zip(value.keys, value.values)
    ):
        return False
    routes = ctx.routes_of(fn)
    if not routes:
        return False
    for r in routes:
        if r.path != "/" or not r.router.isidentifier():
            return False
        found = ctx.lookup(r.router)
        app = getattr(found, "value", None) if found is not None and found.kind == "assign" else None
        if not (isinstance(app, ast.Call) and _tail(ctx.resolve(app.func)) == "FastAPI"):
            return False
    return True


def _webhook_receiver(ctx: Context, fn) -> bool:
    """The handler verifies a provider's webhook signature (``stripe.Webhook.construct_event``,
    ``svix.Webhook(...).verify``): its only client is the provider, which reads the status
    code, not a body schema."""

    def compute() -> bool:
        for sub in _own_nodes(fn):
            if not isinstance(sub, ast.Call) or not isinstance(sub.func, ast.Attribute):
                continue
            if sub.func.attr == "construct_event":
                return True
            if sub.func.attr in ("verify", "verify_header", "verify_signature"):
                receiver = sub.func.value
                if isinstance(receiver, ast.Call):
                    receiver = receiver.func  # ``Webhook(secret).verify(...)``
                name = ctx.resolve(receiver) or dotted_name(receiver) or ""
                if "webhook" in name.lower():
                    return True
        return False

    return ctx.memo(f"xfa302_webhook:{fn.lineno}:{fn.col_offset}", compute)


@visitor(ast.Assign, codes=(XFA301,))
def handler_response_names(node: ast.Assign, ctx: Context) -> None:
    """Names a handler binds to a non-JSON response object, for XFA301."""
    value = node.value
    if not isinstance(value, ast.Call) or len(node.targets) != 1 or not isinstance(node.targets[0], ast.Name):
        return
    frame = _handler_frame(ctx)
    if frame is None:
        return
    tail = _tail(ctx.resolve(value.func))
    if tail in NON_JSON_RESPONSES or tail.endswith("TemplateResponse") or _builds_non_json(ctx, value):
        frame.data.setdefault("xfa301_response_names", set()).add(node.targets[0].id)


def _builds_non_json(ctx: Context, value: ast.expr) -> bool:
    """A call (maybe awaited) of a project function annotated to return a non-JSON response
    (``def render_report(...) -> Response``), here or in another module."""
    if isinstance(value, ast.Await):
        value = value.value
    if not isinstance(value, ast.Call):
        return False
    sym = ctx.symbol(value.func)
    if sym is not None and sym.kind == "class":
        return _non_json_class(ctx, value.func)  # ``HXRedirectResponse(...)``, a project subclass
    if isinstance(value.func, ast.Attribute) and sym is None:
        # ``form_helper.get_response()`` on an instance of a project class whose method is
        # annotated ``-> _TemplateResponse``
        return _non_json_name(_method_return(ctx, value.func.value, value.func.attr))
    if sym is None or sym.kind != "function" or not isinstance(sym.info, dict):
        return False
    if _non_json_name(sym.info.get("ann")):
        return True
    return _delegate_returns_non_json(ctx, value.func)


def _delegate_returns_non_json(ctx: Context, func: ast.expr, seen: frozenset[str] = frozenset()) -> bool:
    """``return await recording_clip(...)``: an unannotated function of this file (often
    another route handler) that returns a non-JSON response object itself
    (``StreamingResponse(..., media_type="video/mp4")``), or through such a delegate of
    its own (``label_clip`` -> ``event_clip`` -> ``recording_clip``), the way the
    handler's own returns are read."""
    if not isinstance(func, ast.Name) or func.id in seen or len(seen) > 3:
        return False
    node = ctx.functions.get(func.id)
    found = ctx.lookup(func.id)
    if found is not None and (found.kind != "def" or getattr(found, "node", None) is not node):
        return False  # rebound, or not the module-level function (``None``: defined further down)
    if not isinstance(node, FUNCTION_TYPES) or node.returns is not None:
        return False
    for sub in _own_nodes(node):
        if not isinstance(sub, ast.Return):
            continue
        value = sub.value.value if isinstance(sub.value, ast.Await) else sub.value
        if isinstance(value, ast.Call):
            tail = _tail(ctx.resolve(value.func))
            if tail in NON_JSON_RESPONSES or tail.endswith("TemplateResponse"):
                return True
            if _delegate_returns_non_json(ctx, value.func, seen | {func.id}):
                return True
    return False


def _non_json_name(qualname: str | None) -> bool:
    tail = _tail(qualname)
    return tail in NON_JSON_RESPONSES or tail.endswith("TemplateResponse")


def _non_json_class(ctx: Context, func: ast.expr) -> bool:
    """A project class deriving from a non-JSON response class (``class HXRedirectResponse
    (RedirectResponse)``) and from no JSON one."""
    ancestors = ctx.class_ancestors(func)
    if not ancestors or "?" in ancestors:
        return False
    tails = {_tail(a) for a in ancestors}
    if tails & JSON_RESPONSES:
        return False
    return any(_non_json_name(a) and a.split(".", 1)[0] in ("starlette", "fastapi", "sse_starlette") for a in ancestors)


def _method_return(ctx: Context, receiver: ast.expr, method: str) -> str | None:
    """The return annotation of ``receiver.method`` when ``receiver`` is a local name bound
    once to an instance of a project class (``helper = FormHelper(...)``) or a parameter
    annotated with one; the method is looked up in the class and its project bases."""
    if not isinstance(receiver, ast.Name):
        return None
    found = ctx.lookup(receiver.id)
    if found is None:
        return None
    cls_expr: ast.expr | None = None
    if found.kind == "assign" and isinstance(getattr(found, "value", None), ast.Call):
        cls_expr = found.value.func  # type: ignore[union-attr]
    elif found.kind == "param":
        cls_expr, _ = ctx.unwrap_annotation(getattr(found, "annotation", None))
        if isinstance(cls_expr, ast.Subscript):
            cls_expr = cls_expr.value  # ``FormHelper[PermissionForm]``
    sym = ctx.symbol(cls_expr) if cls_expr is not None else None
    stack, seen = ([sym] if sym is not None and sym.kind == "class" else []), set()
    while stack and len(seen) < 12:
        current = stack.pop()
        if current.qualname in seen or current.kind != "class" or not isinstance(current.info, dict):
            continue
        seen.add(current.qualname)
        if method in current.info.get("methods", {}):
            return current.info.get("mret", {}).get(method)
        for base in current.info.get("bases", ()):
            base_sym = ctx.index.lookup(current.path, base)
            if base_sym is not None:
                stack.append(base_sym)
    return None


def _is_dict_value(value: ast.expr, ctx: Context) -> bool:
    if isinstance(value, (ast.Dict, ast.DictComp)):
        return True
    return isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "dict" and ctx.is_builtin(value.func)


def _empty_dict(value: ast.expr) -> bool:
    """``{}`` or ``dict()``: a reply with no data (an acknowledgement), nothing a model would
    describe; its problem is the missing 204, not a missing schema."""
    if isinstance(value, ast.Dict):
        return not value.keys
    return isinstance(value, ast.Call) and not value.args and not value.keywords


def _declares_model(fn, ctx: Context) -> bool:
    """Some route of ``fn`` declares a response model that is not dict-like."""
    for r in ctx.routes_of(fn):
        model = r.keyword("response_model")
        if model is not None:
            if _is_none(model) or (_dict_like(ctx, model) and not _mapping_of_models(ctx, model)):
                continue
            return True
        if _route_kw_splat(r):
            return True
    returns = fn.returns
    if returns is None or _is_none(returns):
        return False
    return not _dict_like(ctx, returns) or _mapping_of_models(ctx, returns)


def _mapping_of_models(ctx: Context, node: ast.expr) -> bool:
    """``dict[str, list[TokenLimitRead]]``: a mapping with dynamic keys whose values are
    Pydantic models; FastAPI validates and documents each value, and no model could describe
    the keys better."""
    base, _ = ctx.unwrap_annotation(node)
    if not isinstance(base, ast.Subscript) or not isinstance(base.slice, ast.Tuple) or len(base.slice.elts) != 2:
        return False
    for sub in ast.walk(base.slice.elts[1]):
        if isinstance(sub, (ast.Name, ast.Attribute)) and ctx.is_model_class(sub):
            return True
    return False


def _check_bypass(fn, call: ast.Call, cls: str, ctx: Context) -> None:
    if cls == "Response" and _non_json_media_type(call):
        return  # content negotiation: another representation (text, CSV) than the model's JSON
    code = None
    for kw in call.keywords:
        if kw.arg == "status_code":
            code = status_value(ctx, kw.value)
            if code is None:
                return  # a computed status: likely an error path
    if code is not None and (code == 204 or code >= 300):
        return
    if code is not None and code != 200 and _documented_status(fn, code, ctx):
        return  # a status the route documents in responses={...} (e.g. 202 "still processing")
    model = None
    for r in ctx.routes_of(fn):
        value = r.keyword("response_model")
        if value is not None:
            if _is_none(value) or _plain_container(ctx, value, 0):
                return  # ``dict[str, str]``, ``list[dict]``, ``list[str]``: no fields to bypass
            model = ast.unparse(value)
            break
    if model is None and fn.returns is not None:
        base, _ = ctx.unwrap_annotation(fn.returns)
        if isinstance(base, ast.Subscript) and _subscript_base(ctx, base) in LIST_TYPES:
            base = _first_item(base)
        if isinstance(base, ast.Name) and ctx.is_model_class(base):
            model = ast.unparse(fn.returns)
    if model is None:
        return
    ctx.report(call, XFA306, name=fn.name, cls=cls, model=model)


_PRIMITIVE_TYPES = frozenset({"str", "int", "float", "bool", "bytes", "Any", "None", "object"})
_PLAIN_DICTS = frozenset({"dict", "Dict", "Mapping", "MutableMapping"})
_PLAIN_LISTS = frozenset({"list", "List", "Sequence", "set", "Set", "tuple", "Tuple", "frozenset"})


def _plain_container(ctx: Context, node: ast.AST | None, depth: int) -> bool:
    """A response model that is a container of primitives or untyped dicts (``dict[str,
    str]``, ``list[dict]``, ``list[str]``, directly or through a module-level alias here or
    in another module): it has no fields a response could bypass."""
    if node is None or depth > 6:
        return False
    if _is_none(node):
        return True
    if isinstance(node, ast.Name):
        if node.id in _PRIMITIVE_TYPES | _PLAIN_DICTS | _PLAIN_LISTS and ctx.is_builtin(node):
            return True
        local = ctx.assignments.get(node.id)
        if local is not None:
            return _plain_container(ctx, local, depth + 1)
    if isinstance(node, ast.Subscript):
        tail = _tail(ctx.resolve(node.value))
        items = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        if tail in _PLAIN_DICTS or tail in _PLAIN_LISTS or tail in ("Optional", "Union"):
            return all(_plain_container(ctx, i, depth + 1) or isinstance(i, ast.Constant) for i in items)
        return False
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _plain_container(ctx, node.left, depth + 1) and _plain_container(ctx, node.right, depth + 1)
    if isinstance(node, (ast.Name, ast.Attribute)):
        qualname = ctx.resolve(node) or ""
        if qualname.startswith("typing.") and _tail(qualname) in _PRIMITIVE_TYPES | _PLAIN_DICTS | _PLAIN_LISTS:
            return True
        sym = ctx.symbol(node)
        if sym is not None and sym.kind == "value" and isinstance(sym.info, dict):
            return _plain_desc(sym.info, 0)
    return False


def _plain_desc(desc: dict, depth: int) -> bool:
    """:func:`_plain_container` for an index value description (``{"k": "sub", "of":
    "list", "items": [{"k": "ref", "n": "str"}]}``)."""
    if depth > 6:
        return False
    kind = desc.get("k")
    if kind == "ref":
        return _tail(desc.get("n")) in _PRIMITIVE_TYPES | _PLAIN_DICTS | _PLAIN_LISTS and (
            "." not in (desc.get("n") or "") or (desc.get("n") or "").startswith("typing.")
        )
    if kind == "sub":
        base = desc.get("of") or ""
        if "." in base and not base.startswith("typing."):
            return False
        if _tail(base) not in _PLAIN_DICTS | _PLAIN_LISTS | {"Optional", "Union"}:
            return False
        return all(isinstance(i, dict) and _plain_desc(i, depth + 1) for i in desc.get("items", ()))
    return False


def _non_json_media_type(call: ast.Call) -> bool:
    """``Response(..., media_type="text/plain")`` or a media type computed at run time (the
    one an ``Accept`` header asked for); ``"application/json"`` (and ``+json``) is JSON."""
    for kw in call.keywords:
        if kw.arg == "media_type":
            value = kw.value
            if isinstance(value, ast.Constant):
                return isinstance(value.value, str) and not (
                    value.value.startswith("application/json") or "+json" in value.value
                )
            return not _is_none(value)
    return False


def _documented_status(fn, code: int, ctx: Context) -> bool:
    """Some route of ``fn`` lists ``code`` as a key of its ``responses={...}``."""
    for r in ctx.routes_of(fn):
        responses = r.keyword("responses")
        if not isinstance(responses, ast.Dict):
            continue
        for key in responses.keys:
            if key is None:
                continue
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                if key.value.strip() == str(code):
                    return True
            elif status_value(ctx, key) == code:
                return True
    return False


@visitor(ast.Call, codes=(XFA305, XFA310, XFA312, XFA314, XFA315))
def body_calls(node: ast.Call, ctx: Context) -> None:
    if ctx.is_test:
        return
    func = node.func
    if isinstance(func, ast.Attribute):
        attr = func.attr
        if attr in ("model_dump", "dict"):
            if ctx.wants(XFA312):
                _check_partial_update(node, ctx)
        elif attr.startswith(("receive", "iter_")) and ctx.wants(XFA314):
            frame = _handler_frame(ctx)
            if frame is not None and frame.route.is_websocket:
                frame.data["xfa314_receives"] = True
        name = attr
    elif isinstance(func, ast.Name):
        name = func.id
    else:
        name = ""
    if name in ("Depends", "Security"):
        if node.args and isinstance(node.args[0], ast.Name):
            ctx.frames[0].data.setdefault("xfa3_depends_targets", set()).add(node.args[0].id)
        return
    if ctx.wants(XFA315) and _answers_unavailable(ctx, node, name):
        frame = _handler_frame(ctx)
        if frame is not None:
            frame.data["xfa315_checks"] = True  # a "not ready" answer: the probe checks a state
    if name == "HTTPException":
        if ctx.wants(XFA305):
            _check_manual_422(node, ctx)
        return
    if name in ("min", "max", "clamp") and ctx.wants(XFA310):
        frame = ctx.function
        if frame is not None:
            checked = frame.data.setdefault("xfa310_checked", set())
            for a in node.args:
                if isinstance(a, ast.Name):
                    checked.add(a.id)
    elif ctx.wants(XFA310) and (node.args or node.keywords):
        _checked_by_helper(node, ctx)
    if name == "suppress" and ctx.wants(XFA314):
        frame = _handler_frame(ctx)
        if frame is not None and any(_catches_disconnect(ctx, a) for a in node.args):
            frame.data["xfa314_handled"] = True
    if ctx.wants(XFA315):
        frame = _handler_frame(ctx)
        if frame is not None and "xfa315_checks" not in frame.data and not _response_builder(ctx, node):
            frame.data["xfa315_checks"] = True


def _answers_unavailable(ctx: Context, node: ast.Call, name: str) -> bool:
    """``JSONResponse(..., status_code=503)``, ``HTTPException(503)``,
    ``Response(status_code=status.HTTP_503_SERVICE_UNAVAILABLE)``: a 503 answer."""
    code = keyword(node, "status_code")
    if code is not None and status_value(ctx, code.value) == 503:
        return True
    return name == "HTTPException" and bool(node.args) and status_value(ctx, node.args[0]) == 503


@visitor(ast.Assign, codes=(XFA315,))
def readiness_status_assign(node: ast.Assign, ctx: Context) -> None:
    """``response.status_code = 503`` in a handler: it answers "not ready" on some path."""
    if ctx.is_test or status_value(ctx, node.value) != 503:
        return
    if not any(isinstance(t, ast.Attribute) and t.attr == "status_code" for t in node.targets):
        return
    frame = _handler_frame(ctx)
    if frame is not None:
        frame.data["xfa315_checks"] = True


def _checked_by_helper(node: ast.Call, ctx: Context) -> None:
    """``validate_page(page)``, ``paginate(query, page=page)``: a project function (here or
    in another module) that range-checks or clamps the parameter it receives the value as
    (the project index's ``cmp``) checks it for the handler."""
    frame = ctx.function
    if frame is None:
        return
    passed = [a.id for a in node.args if isinstance(a, ast.Name)] + [
        kw.value.id for kw in node.keywords if kw.arg and isinstance(kw.value, ast.Name)
    ]
    if not passed or not set(passed) & (UPPER_LIMIT_PARAMS | OFFSET_PARAMS.keys()):
        return
    sym = ctx.symbol(node.func)
    info = sym.info if sym is not None and sym.kind == "function" else None
    compared = info.get("cmp") if isinstance(info, dict) else None
    if not compared:
        return
    positions = {i for i in compared.values() if i >= 0}
    checked = frame.data.setdefault("xfa310_checked", set())
    for i, a in enumerate(node.args):
        if isinstance(a, ast.Starred):
            break
        if isinstance(a, ast.Name) and i in positions:
            checked.add(a.id)
    for kw in node.keywords:
        if kw.arg in compared and isinstance(kw.value, ast.Name):
            checked.add(kw.value.id)


@visitor(ast.Compare, codes=(XFA310,))
def compared_names(node: ast.Compare, ctx: Context) -> None:
    if ctx.is_test:
        return
    frame = ctx.function
    if frame is None:
        return
    if not any(isinstance(op, (ast.Lt, ast.LtE, ast.Gt, ast.GtE)) for op in node.ops):
        return
    checked = frame.data.setdefault("xfa310_checked", set())
    for operand in (node.left, *node.comparators):
        if isinstance(operand, ast.Name):
            checked.add(operand.id)


def _response_builder(ctx: Context, call: ast.Call) -> bool:
    func = call.func
    if isinstance(func, ast.Name):
        if ctx.is_builtin(func) and func.id in ("dict", "list", "str", "int", "bool", "len"):
            return True
        if ctx.is_model_class(func):
            return True
    tail = _tail(ctx.resolve(func))
    if tail.endswith("Response"):
        return True
    qualname = ctx.resolve(func) or ""
    return qualname.startswith(("datetime.", "time.time")) or tail in ("utcnow", "now", "isoformat")


def _check_manual_422(node: ast.Call, ctx: Context) -> None:
    if ctx.is_test or not ctx.imported_from(node.func, "fastapi", "starlette"):
        return
    status = None
    if node.args:
        status = node.args[0]
    for kw in node.keywords:
        if kw.arg == "status_code":
            status = kw.value
    if status_value(ctx, status) != 422:
        return
    if isinstance(ctx.parent, ast.Dict):
        return  # a mapping table
    handler = ctx.enclosing(ast.ExceptHandler)
    if isinstance(handler, ast.ExceptHandler) and _catches_shape_error(ctx, handler.type):
        return  # re-raising a body that failed to parse or validate: 422 is right
    if isinstance(handler, ast.ExceptHandler) and _decode_failure(ctx, handler):
        return  # a malformed identifier or cursor of the request failed to decode
    if _request_shape_branch(ctx):
        return  # an empty, oversized or missing input the route checks itself
    if _validation_error_detail(ctx, node):
        return  # the body is FastAPI's own validation-error list (``loc``/``msg``/``type``)
    frame = ctx.function
    if frame is not None and isinstance(frame.node, FUNCTION_TYPES):
        for decorator in frame.node.decorator_list:
            target = decorator.func if isinstance(decorator, ast.Call) else decorator
            if isinstance(target, ast.Attribute) and target.attr == "exception_handler":
                return
    ctx.report(node, XFA305)


def _validation_error_detail(ctx: Context, node: ast.Call) -> bool:
    """The ``detail`` is a list of validation errors in FastAPI's format, built by this
    function (``[{"loc": [...], "msg": ..., "type": ...}]``, directly or through a name): the
    code validated the request itself (a JSON schema, a custom validator) and answers the way
    FastAPI answers a body that fails its model."""
    detail = node.args[1] if len(node.args) > 1 else None
    for kw in node.keywords:
        if kw.arg == "detail":
            detail = kw.value
    if not isinstance(detail, (ast.Name, ast.List, ast.ListComp)):
        return False
    frame = ctx.function
    scope = frame.node if frame is not None and isinstance(frame.node, FUNCTION_TYPES) else detail
    for sub in ast.walk(detail) if not isinstance(detail, ast.Name) else _own_nodes(scope):
        if isinstance(sub, ast.Dict):
            keys = {k.value for k in sub.keys if isinstance(k, ast.Constant)}
            if {"loc", "msg"} <= keys:
                return True
    return False


_SHAPE_ERROR = lazy_re.compile(r"Validation|Decode|Parse|YAML|Schema|Serializ")


def _catches_shape_error(ctx: Context, node: ast.AST | None) -> bool:
    if isinstance(node, ast.Tuple):
        return any(_catches_shape_error(ctx, e) for e in node.elts)
    return node is not None and bool(_SHAPE_ERROR.search(_tail(ctx.resolve(node))))


#: what decoding a malformed identifier, cursor or body raises (``binascii.Error`` and
#: ``json.JSONDecodeError`` are ``ValueError``s; ``bson``'s ``InvalidId``)
_DECODE_ERRORS = frozenset({"ValueError", "TypeError", "OverflowError", "InvalidId", "binascii.Error"})
#: calls that decode an identifier given as text: ``UUID(item_id)``, ``ObjectId(id)``
_DECODER_CLASSES = frozenset({"UUID", "ObjectId", "PydanticObjectId", "ULID", "Decimal"})
_DECODER_FUNCTIONS = frozenset({"fromisoformat", "fromhex", "from_str", "parse_obj_as"})
_JSON_MODULES = frozenset({"json", "orjson", "ujson", "simplejson"})
#: ``await request.json()``: the body of a ``Request`` parameter
_BODY_READERS = frozenset({"json", "body", "form"})


def _catches_decode_error(ctx: Context, node: ast.AST | None) -> bool:
    if isinstance(node, ast.Tuple):
        return any(_catches_decode_error(ctx, e) for e in node.elts)
    qualname = ctx.resolve(node) or ""
    return _tail(qualname) in _DECODE_ERRORS or qualname.endswith("binascii.Error")


def _decode_failure(ctx: Context, handler: ast.ExceptHandler) -> bool:
    """``handler`` catches what a decoder raises and its ``try`` decodes request input
    (``UUID(item_id)``, ``int(cursor)``, ``base64.b64decode(token)``, ``await request.json()``)."""
    if not _catches_decode_error(ctx, handler.type):
        return False
    chain = ctx.ancestors
    index = next((i for i in range(len(chain) - 1, -1, -1) if chain[i] is handler), 0)
    try_node = chain[index - 1] if index else None
    if not isinstance(try_node, ast.Try) and try_node.__class__.__name__ != "TryStar":
        return False
    for stmt in try_node.body:  # type: ignore[union-attr]
        for sub in ast.walk(stmt):
            if isinstance(sub, ast.Call) and _decodes_input(ctx, sub):
                return True
    return False


def _decodes_input(ctx: Context, call: ast.Call) -> bool:
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr in _BODY_READERS and not call.args:
        return _request_input(ctx, func.value)
    if _normaliser(ctx, call):
        return True
    if not _is_decoder(ctx, func):
        return False
    return bool(call.args) and _request_input(ctx, call.args[0])


def _normaliser(ctx: Context, call: ast.Call) -> bool:
    """A synchronous function of the project called (not awaited) with request input and
    nothing else (no session, no dependency): ``normalize_slug(payload.slug)``,
    ``parse_window(start, end)``. Its ``ValueError`` is about the input's shape; a service
    method (``await db.reserve(id)``) or a call that also takes a session is not one."""
    if not call.args and not call.keywords:
        return False
    sym = ctx.symbol(call.func)
    if sym is None or sym.kind != "function" or not isinstance(sym.info, dict) or sym.info.get("async"):
        return False
    if sym.info.get("route") or sym.info.get("gen"):
        return False
    values = [*call.args, *(kw.value for kw in call.keywords)]
    return all(
        isinstance(v, ast.Constant) or _request_input(ctx, v.value if isinstance(v, ast.Starred) else v)
        for v in values
    ) and any(not isinstance(v, ast.Constant) for v in values)


def _is_decoder(ctx: Context, func: ast.expr) -> bool:
    if isinstance(func, ast.Name) and func.id in ("int", "float", "bytes") and ctx.is_builtin(func):
        return True
    qualname = ctx.resolve(func) or ""
    tail = _tail(qualname)
    head = qualname.split(".", 1)[0]
    if tail in _DECODER_CLASSES or tail in _DECODER_FUNCTIONS:
        return True
    if head in ("base64", "binascii") and tail != "Error":
        return True
    return tail == "loads" and head in _JSON_MODULES


def _request_input(ctx: Context, expr: ast.expr, depth: int = 0) -> bool:
    """``expr`` is a value the request supplied: a parameter of the enclosing function that
    is not injected by ``Depends``/``Security`` (``item_id``, ``request.query_params["id"]``,
    ``payload.cursor``), a method result of one (``cursor.encode()``) or its decoding."""
    if depth > 6:
        return False
    if isinstance(expr, ast.Name):
        if expr.id in _input_params(ctx):
            return True
        found = ctx.lookup(expr.id)
        if found is not None:
            # ``for value in param_values:``: an item of the input
            node = found.node
            return (
                found.kind == "for"
                and isinstance(node, (ast.For, ast.AsyncFor))
                and isinstance(node.target, ast.Name)
                and _request_input(ctx, node.iter, depth + 1)
            )
        # ``[UUID(s) for s in raw.split(",")]``: not visible from the ``except``
        iters = _loop_bindings(ctx).get(expr.id)
        return bool(iters) and all(_request_input(ctx, it, depth + 1) for it in iters)
    if isinstance(expr, (ast.Attribute, ast.Subscript)):
        return _request_input(ctx, expr.value, depth + 1)
    if isinstance(expr, ast.Await):
        return _request_input(ctx, expr.value, depth + 1)
    if isinstance(expr, ast.Call):
        if isinstance(expr.func, ast.Attribute) and not _is_decoder(ctx, expr.func):
            return _request_input(ctx, expr.func.value, depth + 1)
        if expr.args and _is_decoder(ctx, expr.func):
            return _request_input(ctx, expr.args[0], depth + 1)
    return False


def _own_nodes(fn: ast.AST):
    """The nodes of ``fn``'s body, not those of functions or classes nested in it."""
    stack = list(ast.iter_child_nodes(fn))
    while stack:
        node = stack.pop()
        yield node
        if not isinstance(node, (*FUNCTION_TYPES, ast.Lambda, ast.ClassDef)):
            stack.extend(ast.iter_child_nodes(node))


def _loop_bindings(ctx: Context) -> dict[str, list[ast.expr]]:
    """Names of the innermost function bound only as the plain target of a comprehension
    (``[UUID(s) for s in ids.split(",")]``): name -> the iterables. A name also bound
    another way (assigned, a loop or tuple target, a parameter) is left out."""
    frame = ctx.function
    if frame is None or not isinstance(frame.node, FUNCTION_TYPES):
        return {}
    cached = frame.data.get("xfa305_loops")
    if cached is None:
        loops: dict[str, list[ast.expr]] = {}
        stores: dict[str, int] = {}
        for node in _own_nodes(frame.node):
            if isinstance(node, ast.comprehension) and isinstance(node.target, ast.Name):
                loops.setdefault(node.target.id, []).append(node.iter)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
                stores[node.id] = stores.get(node.id, 0) + 1
        params = {arg.arg for arg, _ in _all_args(frame.node)}
        # each loop target is one Store name: any other store means another binding
        cached = {
            name: iters for name, iters in loops.items() if stores.get(name, 0) == len(iters) and name not in params
        }
        frame.data["xfa305_loops"] = cached
    return cached


def _input_params(ctx: Context) -> frozenset[str]:
    """Parameters of the innermost function that carry request input (not ``self``, not a
    dependency, not a database session)."""
    frame = ctx.function
    if frame is None or not isinstance(frame.node, FUNCTION_TYPES):
        return frozenset()
    cached = frame.data.get("xfa305_inputs")
    if cached is None:
        names = set()
        for arg, default in _all_args(frame.node):
            if arg.arg in ("self", "cls"):
                continue
            if any(m in ("Depends", "Security") for m in _markers_of(ctx, arg.annotation, default)):
                continue
            if arg.annotation is not None and ctx.is_session_annotation(arg.annotation):
                continue
            names.add(arg.arg)
        cached = frame.data["xfa305_inputs"] = frozenset(names)
    return cached


def _request_shape_branch(ctx: Context) -> bool:
    """The 422 is raised in the branch of an ``if`` that checks the shape of request input:
    ``if not ids:`` (a list parameter), ``if len(ids) > MAX_IDS:``, ``if payload.name is None:``,
    or the final ``else`` of ``if a: … elif b: … else:`` testing only that inputs are present."""
    chain = ctx.ancestors
    child: ast.AST = ctx.node
    for i in range(len(chain) - 1, -1, -1):
        ancestor = chain[i]
        if isinstance(ancestor, (*FUNCTION_TYPES, ast.Lambda, ast.ClassDef)):
            return False
        if isinstance(ancestor, ast.If):
            if any(c is child for c in ancestor.body):
                measured = {
                    ast.unparse(n.args[0]) for n in ast.walk(ancestor.test) if _len_of_input(ctx, n)
                }
                return _shape_test(ctx, ancestor.test, measured)
            if any(c is child for c in ancestor.orelse):
                tests = [ancestor.test]
                j = i
                while j > 0 and isinstance(chain[j - 1], ast.If) and chain[j - 1].orelse == [chain[j]]:
                    j -= 1
                    tests.append(chain[j].test)  # type: ignore[attr-defined]
                return all(_presence_test(ctx, t) for t in tests)
            return False
        child = ancestor
    return False


_BOUND_NAME = lazy_re.compile(r"(?i)max|min|limit|size|len")


def _shape_test(ctx: Context, test: ast.expr, measured: set[str], combined: bool = False) -> bool:
    """``measured``: the inputs whose ``len()`` the whole test takes (``not payload.ids or
    len(payload.ids) > 50``: ``payload.ids`` is a collection). ``combined``: the test is one
    operand of ``and``/``or``, where the bare presence of an input is a combination check
    (``if payload.a and payload.b:``, "mutually exclusive")."""
    if isinstance(test, ast.BoolOp):
        values = test.values
        if isinstance(test.op, ast.And):
            # ``max_keys is not None and total_keys > max_keys``: the limit is configured
            limits = {
                ast.unparse(o)
                for v in values
                if isinstance(v, ast.Compare)
                for o in (v.left, *v.comparators)
                if _bound(o) and not isinstance(o, ast.Constant)
            }
            values = [v for v in values if not _limit_configured(v, limits)] or values
        return all(_shape_test(ctx, v, measured, True) for v in values)
    if _type_or_format_test(ctx, test):
        return True
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        operand = test.operand
        if _len_of_input(ctx, operand) or _type_or_format_test(ctx, operand):
            return True
        if isinstance(operand, ast.Compare) and any(_len_of_input(ctx, o) for o in (operand.left, *operand.comparators)):
            return _shape_test(ctx, operand, measured)  # ``not 1 <= len(key) <= MAX_KEY``
        if _input_value(ctx, operand) or _fields_set_test(ctx, operand):
            return True  # an empty or missing input: ``if not payload.name:``, ``if not ids:``
        return _stripped_input(ctx, operand)  # ``if not payload.name.strip():``
    if isinstance(test, ast.Compare):
        operands = [test.left, *test.comparators]
        if len(operands) == 2 and isinstance(test.ops[0], ast.Is) and _is_none(operands[1]):
            return _input_value(ctx, operands[0])
        if len(operands) == 2 and isinstance(test.ops[0], ast.IsNot) and _is_none(operands[1]):
            return combined and _input_value(ctx, operands[0])
        if _fields_set_test(ctx, test):
            return True
        if len(operands) == 2 and isinstance(test.ops[0], (ast.In, ast.NotIn)):
            # an unsupported value: ``if payload.kind not in SUPPORTED_KINDS:``
            return _input_value(ctx, operands[0]) and _fixed_collection(ctx, operands[1])
        if any(_len_of_input(ctx, o) for o in operands):
            return all(_len_of_input(ctx, o) or _bound(o) for o in operands)
        # ``if total_keys > max_keys:`` with ``total_keys`` counted from the parsed input
        counts = [o for o in operands if _input_count(ctx, o, 0) and not isinstance(o, ast.Constant)]
        return bool(counts) and all(o in counts or _bound(o) for o in operands) and any(
            _bound(o) and o not in counts for o in operands
        )
    return combined and _input_value(ctx, test)


def _limit_configured(test: ast.expr, limits: set[str]) -> bool:
    """``max_keys is not None`` where ``max_keys`` is the limit another operand compares with."""
    return (
        isinstance(test, ast.Compare)
        and len(test.ops) == 1
        and isinstance(test.ops[0], ast.IsNot)
        and _is_none(test.comparators[0])
        and ast.unparse(test.left) in limits
    )


#: methods that put their arguments into the container they are called on
_FILLERS = frozenset({"append", "extend", "add", "update", "insert", "setdefault", "appendleft"})
#: builtins whose result holds what they are given
_HOLDERS = frozenset({"list", "set", "tuple", "sorted", "dict", "str", "reversed", "frozenset", "iter", "next"})


@dataclass
class _RequestInputNames:
    """XFA305's per-function facts about names that stand for request input."""

    derived: frozenset[str] | None = None
    aliases: frozenset[str] | None = None


def _per_function(
    ctx: Context, fact: str, compute: Callable[[Context, Frame], frozenset[str]]
) -> frozenset[str]:
    """``compute`` once per function for the innermost function (empty outside one)."""
    frame = ctx.function
    if frame is None or not isinstance(frame.node, FUNCTION_TYPES):
        return frozenset()
    state = frame.state(_RequestInputNames)
    found = getattr(state, fact)
    if found is None:
        found = compute(ctx, frame)
        setattr(state, fact, found)
    return found


def _derived_names(ctx: Context) -> frozenset[str]:
    """Local names of the innermost function whose value is built only from request input
    (``parts = value.split(":")``, a loop variable over it, a container filled only from it:
    ``parsed[key].extend(parts)`` after ``parsed = defaultdict(list)``). A value that went
    through a call other than a method of the input (``await repo.list(owner=...)``), or a
    name bound even once another way, is not derived."""
    return _per_function(ctx, "derived", _compute_derived_names)


def _compute_derived_names(ctx: Context, frame: Frame) -> frozenset[str]:
    inputs = _input_params(ctx)
    params = {arg.arg for arg, _ in _all_args(frame.node)}
    bindings: dict[str, list[tuple[str, list[ast.expr]]]] = {}

    def bind(target: ast.expr, kind: str, values: list[ast.expr]) -> None:
        while isinstance(target, (ast.Subscript, ast.Attribute)):
            target = target.value
        for n in ast.walk(target):
            if isinstance(n, ast.Name):
                bindings.setdefault(n.id, []).append((kind, values))

    for node in _own_nodes(frame.node):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                sub = isinstance(target, (ast.Subscript, ast.Attribute))
                extra = [target.slice] if isinstance(target, ast.Subscript) else []
                kind = "fill" if sub else ("empty" if _empty_container(node.value) else "value")
                bind(target, kind, [node.value, *extra])
        elif isinstance(node, ast.AnnAssign):
            if node.value is not None:
                bind(node.target, "empty" if _empty_container(node.value) else "value", [node.value])
        elif isinstance(node, ast.AugAssign):
            bind(node.target, "value", [node.value])
        elif isinstance(node, (ast.For, ast.AsyncFor, ast.comprehension)):
            bind(node.target, "value", [node.iter])
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _FILLERS:
            if isinstance(node.func.value, (ast.Name, ast.Subscript, ast.Attribute)):
                bind(node.func.value, "fill", list(node.args))
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            for item in node.items:
                if item.optional_vars is not None:
                    bind(item.optional_vars, "value", [ast.Name(id="\0", ctx=ast.Load())])
        elif isinstance(node, ast.NamedExpr):
            bind(node.target, "value", [node.value])
    found = {name for name in bindings if name not in params} | set(inputs)
    changed = True
    while changed:
        changed = False
        for name in list(found):
            if name in inputs:
                continue
            uses = bindings.get(name, [])
            if not any(kind != "empty" for kind, _ in uses) or not all(
                kind == "empty" or all(_derived(v, found) for v in values) for kind, values in uses
            ):
                found.discard(name)
                changed = True
    return frozenset(found)


def _empty_container(expr: ast.expr) -> bool:
    """``[]``, ``{}``, ``set()``, ``defaultdict(list)``: a container that holds nothing yet."""
    if isinstance(expr, (ast.List, ast.Tuple, ast.Set)):
        return not expr.elts
    if isinstance(expr, ast.Dict):
        return not expr.keys
    if isinstance(expr, ast.Call) and not expr.keywords and isinstance(expr.func, ast.Name):
        if expr.func.id in ("list", "dict", "set") and not expr.args:
            return True
        return expr.func.id == "defaultdict" and len(expr.args) <= 1 and all(
            isinstance(a, ast.Name) and a.id in ("list", "dict", "set", "int") for a in expr.args
        )
    return False


def _derived(expr: ast.expr | None, names: set[str] | frozenset[str]) -> bool:
    if expr is None:
        return False
    if isinstance(expr, ast.Constant):
        return True
    if isinstance(expr, ast.Name):
        return expr.id in names
    if isinstance(expr, (ast.Attribute, ast.Starred)):
        return _derived(expr.value, names)
    if isinstance(expr, ast.Subscript):
        return _derived(expr.value, names)
    if isinstance(expr, (ast.List, ast.Tuple, ast.Set)):
        return bool(expr.elts) and all(_derived(e, names) for e in expr.elts)
    if isinstance(expr, ast.BinOp):
        return _derived(expr.left, names) and _derived(expr.right, names)
    if isinstance(expr, ast.IfExp):
        return _derived(expr.body, names) and _derived(expr.orelse, names)
    if isinstance(expr, ast.Call):
        func = expr.func
        if isinstance(func, ast.Attribute):  # ``value.split(":")``, ``parsed.get("keys", [])``
            return _derived(func.value, names) and all(_derived(a, names) or _empty_container(a) for a in expr.args)
        if isinstance(func, ast.Name) and func.id in _HOLDERS:
            return all(_derived(a, names) for a in expr.args)
    return False


def _input_count(ctx: Context, expr: ast.expr, depth: int) -> bool:
    """A number of items of the request's input: ``len(...)`` of a value derived from it,
    sums of such counts and constants (``len(parsed) - 1``), ``len(v) if v is not None else 0``,
    or a local assigned only such a count."""
    if depth > 6:
        return False
    if isinstance(expr, ast.Constant):
        return isinstance(expr.value, int) and not isinstance(expr.value, bool)
    if isinstance(expr, ast.Call):
        return (
            isinstance(expr.func, ast.Name)
            and expr.func.id == "len"
            and ctx.is_builtin(expr.func)
            and len(expr.args) == 1
            and _derived(expr.args[0], _derived_names(ctx))
            and not isinstance(expr.args[0], ast.Constant)
        )
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, (ast.Add, ast.Sub)):
        return _input_count(ctx, expr.left, depth + 1) and _input_count(ctx, expr.right, depth + 1)
    if isinstance(expr, ast.IfExp):
        return _input_count(ctx, expr.body, depth + 1) and _input_count(ctx, expr.orelse, depth + 1)
    if isinstance(expr, ast.Name):
        frame = ctx.function
        if frame is None or expr.id in _input_params(ctx):
            return False
        stores = sum(
            1 for n in _own_nodes(frame.node) if isinstance(n, ast.Name) and n.id == expr.id and isinstance(n.ctx, ast.Store)
        )
        assigned = [
            n.value
            for n in _own_nodes(frame.node)
            if isinstance(n, ast.Assign) and len(n.targets) == 1
            and isinstance(n.targets[0], ast.Name) and n.targets[0].id == expr.id
        ]
        if not assigned or len(assigned) != stores:
            return False  # also bound another way (a loop, ``+=``): cannot tell
        return all(_input_count(ctx, v, depth + 1) and not isinstance(v, ast.Constant) for v in assigned)
    return False


#: ``str`` predicates that check the format of a value
_FORMAT_METHODS = frozenset(
    {"isalnum", "isalpha", "isascii", "isdecimal", "isdigit", "isidentifier", "islower", "isnumeric", "isupper", "isprintable"}
)
_REGEX_CALLS = frozenset({"re.match", "re.fullmatch", "re.search"})


def _type_or_format_test(ctx: Context, test: ast.expr) -> bool:
    """``isinstance(data, dict)`` (a type check is a shape check, whatever it tests),
    ``re.fullmatch(SLUG, payload.slug)``, ``SLUG_RE.match(slug)`` with ``SLUG_RE =
    re.compile(...)`` (here or in another module), ``payload.code.isalnum()``."""
    if not isinstance(test, ast.Call):
        return False
    func = test.func
    if isinstance(func, ast.Name) and func.id == "isinstance" and ctx.is_builtin(func):
        return True
    if ctx.resolve(func) in _REGEX_CALLS:
        return len(test.args) >= 2 and _request_input(ctx, test.args[1])
    if not isinstance(func, ast.Attribute):
        return False
    if func.attr in _FORMAT_METHODS and not test.args:
        return _request_input(ctx, func.value)
    if func.attr in ("match", "fullmatch", "search") and test.args and _request_input(ctx, test.args[0]):
        sym = ctx.symbol(func.value)
        desc = sym.info if sym is not None and sym.kind == "value" else None
        if isinstance(desc, dict) and desc.get("k") == "call" and desc.get("f") == "re.compile":
            return True
        found = ctx.lookup(func.value.id) if isinstance(func.value, ast.Name) else None
        value = getattr(found, "value", None)
        return isinstance(value, ast.Call) and ctx.resolve(value.func) == "re.compile"
    return False


def _fields_set_test(ctx: Context, test: ast.expr) -> bool:
    """``"name" in payload.model_fields_set`` (or ``not in``, ``__fields_set__``): whether
    the client sent a field."""
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], (ast.In, ast.NotIn))):
        return False
    right = test.comparators[0]
    return (
        isinstance(right, ast.Attribute)
        and right.attr in ("model_fields_set", "__fields_set__")
        and _input_value(ctx, right.value)
    )


def _stripped_input(ctx: Context, expr: ast.expr) -> bool:
    return (
        isinstance(expr, ast.Call)
        and isinstance(expr.func, ast.Attribute)
        and expr.func.attr in ("strip", "lstrip", "rstrip")
        and _input_value(ctx, expr.func.value)
    )


def _fixed_collection(ctx: Context, expr: ast.expr) -> bool:
    """A collection fixed in code: a literal of constants, or a module-level value or class
    (an enum) of this module or another one, or its ``.keys()``/``.values()``."""
    if isinstance(expr, (ast.Tuple, ast.List, ast.Set)):
        return all(isinstance(e, ast.Constant) for e in expr.elts)
    if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) and not expr.args:
        if expr.func.attr in ("keys", "values"):
            expr = expr.func.value
    sym = ctx.symbol(expr)
    return sym is not None and sym.kind in ("value", "class")


def _presence_test(ctx: Context, test: ast.expr) -> bool:
    """``x``, ``x.field``, ``x is not None``, ``"field" in x.model_fields_set`` (and
    ``and``/``or`` of them) on request input."""
    if isinstance(test, ast.BoolOp):
        return all(_presence_test(ctx, v) for v in test.values)
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.IsNot):
        return _is_none(test.comparators[0]) and _input_value(ctx, test.left)
    if _fields_set_test(ctx, test):
        return True
    return _input_value(ctx, test)


def _input_value(ctx: Context, expr: ast.expr) -> bool:
    """A request-input parameter or an attribute of one (``payload.name``), also through a
    local that only holds request input (``name = payload.name``, ``sid = session_id or
    (body.mount.session_id if body.mount else None)``)."""
    while isinstance(expr, ast.Attribute):
        expr = expr.value
    return isinstance(expr, ast.Name) and (expr.id in _input_params(ctx) or expr.id in _input_aliases(ctx))


#: ``str`` methods whose result is the input itself, rewritten
_TEXT_METHODS = frozenset({"lower", "upper", "casefold", "strip", "lstrip", "rstrip", "title"})


def _input_aliases(ctx: Context) -> frozenset[str]:
    """Locals of the innermost function assigned exactly once (a plain ``name = value``, no
    other binding), from a value built only of request input, constants, ``or``/``and``,
    ``x if c else y``, comparisons and text methods (``.lower()``): another name for the
    input. A value that went through any other call (``await repo.get(payload.id)``) is not
    one."""
    return _per_function(ctx, "aliases", _compute_input_aliases)


def _compute_input_aliases(ctx: Context, frame: Frame) -> frozenset[str]:
    stores: dict[str, int] = {}
    assigned: dict[str, ast.expr] = {}
    for node in _own_nodes(frame.node):
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            stores[node.id] = stores.get(node.id, 0) + 1
        elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            assigned[node.targets[0].id] = node.value
    params = {arg.arg for arg, _ in _all_args(frame.node)}
    candidates = {n: v for n, v in assigned.items() if stores.get(n) == 1 and n not in params}
    inputs = _input_params(ctx)
    found: set[str] = set()

    def made_of_input(expr: ast.expr, depth: int) -> bool:
        if depth > 8:
            return False
        if isinstance(expr, ast.Constant):
            return True
        if isinstance(expr, ast.Name):
            return expr.id in inputs or expr.id in found
        if isinstance(expr, (ast.Attribute, ast.Subscript)):
            return made_of_input(expr.value, depth + 1) and (
                not isinstance(expr, ast.Subscript) or made_of_input(expr.slice, depth + 1)
            )
        if isinstance(expr, ast.BoolOp):
            return all(made_of_input(v, depth + 1) for v in expr.values)
        if isinstance(expr, ast.UnaryOp):
            return made_of_input(expr.operand, depth + 1)
        if isinstance(expr, ast.IfExp):
            return all(made_of_input(e, depth + 1) for e in (expr.test, expr.body, expr.orelse))
        if isinstance(expr, ast.Compare):
            return all(made_of_input(e, depth + 1) for e in (expr.left, *expr.comparators))
        if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) and expr.func.attr in _TEXT_METHODS:
            return made_of_input(expr.func.value, depth + 1) and all(isinstance(a, ast.Constant) for a in expr.args)
        return False

    changed = True
    while changed:
        changed = False
        for name, value in candidates.items():
            if name not in found and made_of_input(value, 0) and any(
                isinstance(n, ast.Name) and (n.id in inputs or n.id in found) for n in ast.walk(value)
            ):
                found.add(name)
                changed = True
    return frozenset(found)


def _len_of_input(ctx: Context, expr: ast.expr) -> bool:
    return (
        isinstance(expr, ast.Call)
        and isinstance(expr.func, ast.Name)
        and expr.func.id == "len"
        and len(expr.args) == 1
        and _input_value(ctx, expr.args[0])
    )


def _bound(expr: ast.expr) -> bool:
    """A limit a length is compared with: a number, or a name like ``MAX_IDS``/``settings.max_batch``."""
    if isinstance(expr, ast.Constant):
        return isinstance(expr.value, int) and not isinstance(expr.value, bool)
    name = expr.attr if isinstance(expr, ast.Attribute) else expr.id if isinstance(expr, ast.Name) else ""
    return bool(name) and (name.isupper() or bool(_BOUND_NAME.search(name)))


def _list_param(ctx: Context, name: str) -> bool:
    _, annotation = ctx.annotation_of(name)
    base, _ = ctx.unwrap_annotation(annotation)
    if isinstance(base, ast.Subscript):
        base = base.value
    return _tail(ctx.resolve(base)) in ("list", "List", "Sequence", "set", "Set", "frozenset", "FrozenSet", "tuple", "Tuple")


_DISCONNECT_CATCHERS = frozenset({"WebSocketDisconnect", "Exception", "BaseException"})


def _catches_disconnect(ctx: Context, node: ast.AST | None) -> bool:
    if node is None:
        return True  # bare except
    for caught in _caught_classes(ctx, node):
        if _tail(ctx.resolve(caught)) in _DISCONNECT_CATCHERS:
            return True
        sym = ctx.symbol(caught)
        if sym is not None and sym.kind != "external" and _project_catches_disconnect(ctx, sym) is not False:
            return True  # holds WebSocketDisconnect, or cannot be told: stay silent
    return False


def _project_catches_disconnect(ctx: Context, sym, depth: int = 0) -> bool | None:
    """Whether a project name caught by an ``except`` covers ``WebSocketDisconnect``: a tuple
    of another module (``DISCONNECT_ERRORS = (WebSocketDisconnect, ...)``, followed through
    its imports) or a project exception class deriving from it; ``None`` when it cannot be
    followed."""
    if depth > 6:
        return None
    if sym.kind == "class":
        ancestors = ctx.index.external_ancestors(sym)
        if any(_tail(a) in _DISCONNECT_CATCHERS for a in ancestors):
            return True
        return None if "?" in ancestors else False
    desc = sym.info if sym.kind == "value" else None
    if not desc or desc.get("k") != "tuple":
        return None
    unknown = False
    for item in desc["items"]:
        if _tail(item) in _DISCONNECT_CATCHERS:
            return True
        found = ctx.index.lookup(sym.path, item)
        if found is None:
            unknown = True
        elif found.kind == "external":
            if _tail(found.qualname) in _DISCONNECT_CATCHERS:
                return True
        else:
            verdict = _project_catches_disconnect(ctx, found, depth + 1)
            if verdict is True:
                return True
            unknown = unknown or verdict is None
    return None if unknown else False


def _caught_classes(ctx: Context, node: ast.AST, depth: int = 0) -> list[ast.expr]:
    """The class expressions an ``except`` clause (or ``suppress(...)`` argument) names, with
    tuples opened and names of tuples followed to their value: ``except DISCONNECTS:`` with
    ``DISCONNECTS = (WebSocketDisconnect, ConnectionClosed)`` or ``BASE + (Closed,)`` at the
    top of this module."""
    if depth > 8:
        return []
    if isinstance(node, ast.Starred):
        return _caught_classes(ctx, node.value, depth + 1)
    if isinstance(node, (ast.Tuple, ast.List)):
        return [c for e in node.elts for c in _caught_classes(ctx, e, depth + 1)]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _caught_classes(ctx, node.left, depth + 1) + _caught_classes(ctx, node.right, depth + 1)
    if isinstance(node, ast.Name) and node.id not in ctx.imports:
        value = _module_tuple(ctx, node.id)
        if value is not None:
            return _caught_classes(ctx, value, depth + 1)
    return [node] if isinstance(node, (ast.Name, ast.Attribute)) else []


def _module_tuple(ctx: Context, name: str) -> ast.expr | None:
    """The value of a module-level ``name = (...)`` of this file when it builds a tuple."""
    value = ctx.assignments.get(name)
    if isinstance(value, (ast.Tuple, ast.BinOp)) or (isinstance(value, ast.Name) and value.id != name):
        return value
    return None


@visitor(ast.Try, *([ast.TryStar] if hasattr(ast, "TryStar") else []), codes=(XFA314,))
def websocket_try(node: ast.Try, ctx: Context) -> None:
    if ctx.is_test:
        return
    frame = _handler_frame(ctx)
    if frame is None or not frame.route.is_websocket:
        return
    if node.finalbody or any(_catches_disconnect(ctx, h.type) for h in node.handlers):
        frame.data["xfa314_handled"] = True


# -- model fields (XFA311, XFA312) ----------------------------------------------------------------

#: bases that add no fields
_FIELDLESS_BASES = frozenset(
    {
        "pydantic.BaseModel", "pydantic.main.BaseModel", "pydantic.v1.BaseModel",
        "pydantic.generics.GenericModel", "sqlmodel.SQLModel", "typing.Generic", "Generic",
        "abc.ABC", "typing_extensions.Generic",
    }
)
REQUIRED = "required"
NONE_DEFAULT = "None"


def model_fields(ctx: Context, name: str) -> dict[str, tuple[str, ast.expr]] | None:
    """The fields of the model class ``name`` of this file, inherited ones included:
    field name -> (its default: ``REQUIRED``, ``NONE_DEFAULT`` or the default's source,
    its annotation). ``None`` when a base or the body is something this file cannot see
    through (an imported base, fields declared under ``if``)."""
    return ctx.memo(f"xfa3_fields:{name}", lambda: _collect_fields(ctx, name, set()))


def _collect_fields(ctx: Context, name: str, seen: set[str]) -> dict[str, tuple[str, ast.expr]] | None:
    cls = ctx.classes.get(name)
    if cls is None or name in seen or name in ctx.imports:
        return None
    seen.add(name)
    fields: dict[str, tuple[str, ast.expr]] = {}
    for base in cls.bases:
        target = base.value if isinstance(base, ast.Subscript) else base
        if ctx.resolve(target) in _FIELDLESS_BASES:
            continue
        inherited = _collect_fields(ctx, target.id, seen) if isinstance(target, ast.Name) else None
        if inherited is None:
            return None
        fields.update(inherited)
    for stmt in cls.body:
        if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
            field = stmt.target.id
            if field.startswith("_") or _is_classvar(ctx, stmt.annotation):
                continue
            fields[field] = (_field_default(ctx, stmt), stmt.annotation)
        elif isinstance(stmt, (ast.If, ast.Try, ast.For, ast.While, ast.With)):
            return None
    return fields


def project_model_defaults(ctx: Context, expr: ast.expr) -> dict[str, tuple[str, None]] | None:
    """The fields and defaults of a model class of another project module (its project
    bases included), from the project index; ``None`` when a base or the body cannot be
    seen through."""
    sym = ctx.symbol(expr)
    if sym is None or sym.kind != "class":
        return None
    fields: dict[str, tuple[str, None]] = {}
    chain = []
    stack, seen = [sym], set()
    while stack:
        current = stack.pop()
        if current.qualname in seen:
            continue
        seen.add(current.qualname)
        if current.kind == "external":
            if current.qualname not in _FIELDLESS_BASES:
                return None
            continue
        if current.kind != "class" or current.info.get("open"):
            return None
        chain.append(current)
        for base in current.info.get("bases", ()):
            found = ctx.index.lookup(current.path, base)
            if found is None:
                return None
            stack.append(found)
    for cls in reversed(chain):  # bases first, the class's own fields win
        types = cls.info.get("ftypes", {})
        for name, default in cls.info.get("defaults", {}).items():
            if name.startswith("_"):
                continue
            if any(_tail(t) == "ClassVar" for t in types.get(name, ())):
                # ``ANALYTICS_FIELDS: ClassVar[list[str]] = [...]`` is no Pydantic field:
                # ``model_dump()`` never includes it
                fields.pop(name, None)
                continue
            fields[name] = (default, None)
    return fields


def _is_classvar(ctx: Context, annotation: ast.expr) -> bool:
    target = annotation.value if isinstance(annotation, ast.Subscript) else annotation
    return _tail(ctx.resolve(target)) == "ClassVar"


def _field_default(ctx: Context, stmt: ast.AnnAssign) -> str:
    """``REQUIRED``, ``NONE_DEFAULT`` or the source of the default. An ``Optional`` field
    without a default counts as defaulting to ``None`` (pydantic v1 gives it one)."""
    optional = _optional(ctx, stmt.annotation)
    value = stmt.value
    if value is None:
        _, metadata = ctx.unwrap_annotation(stmt.annotation)
        for item in metadata:
            if isinstance(item, ast.Call) and _tail(ctx.resolve(item.func)) == "Field":
                return _field_call_default(item, optional)
        return NONE_DEFAULT if optional else REQUIRED
    if isinstance(value, ast.Call) and _tail(ctx.resolve(value.func)) == "Field":
        return _field_call_default(value, optional)
    if _is_none(value):
        return NONE_DEFAULT
    if isinstance(value, ast.Constant) and value.value is Ellipsis:
        return REQUIRED
    return ast.unparse(value)


def _field_call_default(call: ast.Call, optional: bool) -> str:
    default = call.args[0] if call.args else None
    for kw in call.keywords:
        if kw.arg == "default":
            default = kw.value
        elif kw.arg == "default_factory":
            return factory_default(kw.value)
    if default is None:
        return NONE_DEFAULT if optional else REQUIRED
    if isinstance(default, ast.Constant) and default.value is Ellipsis:
        return REQUIRED
    return NONE_DEFAULT if _is_none(default) else ast.unparse(default)


def _optional(ctx: Context, annotation: ast.expr | None, depth: int = 0) -> bool:
    if annotation is None or depth > 6:
        return False
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        try:
            return _optional(ctx, ast.parse(annotation.value, mode="eval").body, depth + 1)
        except (SyntaxError, ValueError):
            return False
    if _is_none(annotation):
        return True
    if isinstance(annotation, ast.BinOp) and isinstance(annotation.op, ast.BitOr):
        return _optional(ctx, annotation.left, depth + 1) or _optional(ctx, annotation.right, depth + 1)
    if isinstance(annotation, ast.Subscript):
        tail = _tail(ctx.resolve(annotation.value))
        items = annotation.slice.elts if isinstance(annotation.slice, ast.Tuple) else [annotation.slice]
        if tail == "Optional":
            return True
        if tail == "Union":
            return any(_optional(ctx, i, depth + 1) for i in items)
        if tail == "Annotated" and items:
            return _optional(ctx, items[0], depth + 1)
        return False
    return _tail(ctx.resolve(annotation)) == "Any"


# -- XFA312: partial updates --------------------------------------------------------------------


def _check_partial_update(node: ast.Call, ctx: Context) -> None:
    frame = ctx.function
    if frame is None or not isinstance(frame.node, FUNCTION_TYPES):
        return
    fn = frame.node
    routes = ctx.routes_of(fn)
    is_patch = any("PATCH" in r.methods for r in routes)
    if not is_patch:
        if not fn.name.lower().startswith(("update", "patch")):
            return
        if routes and all("PATCH" not in r.methods for r in routes) and any("PUT" in r.methods for r in routes):
            return  # a PUT replaces the whole resource
        if not routes and _registered_put_only(ctx, fn.name):
            return  # ``route(path, update_item, ["PUT"])``: a PUT registered by a call
    if node.args or has_kwargs_splat(node):
        return
    exclude_none = False
    for kw in node.keywords:
        on = not (isinstance(kw.value, ast.Constant) and kw.value.value is False)
        if kw.arg == "exclude_unset" and not on and not is_patch:
            # ``exclude_unset=False`` written out in an ``update*`` function: a full dump chosen
            # on purpose (a PATCH handler is still reported: the client sent part of the model)
            return
        if kw.arg in ("exclude_unset", "exclude_defaults") and on:
            # the function applies a partial update: a plain dump next to it is of
            # the stored row (``existing = row.dict()``), not of the payload
            frame.data["xfa312_partial"] = True
            return
        if kw.arg == "exclude_none" and on:
            exclude_none = True
        if kw.arg == "include" and _mentions_fields_set(kw.value, _fields_set_names(ctx, fn)):
            # ``model_dump(include=payload.model_fields_set & ALLOWED)``: only the fields sent
            frame.data["xfa312_partial"] = True
            return
    receiver = node.func.value  # type: ignore[attr-defined]
    if not isinstance(receiver, ast.Name):
        return
    is_param, annotation = ctx.annotation_of(receiver.id)
    if not is_param or annotation is None:
        return
    base, metadata = ctx.unwrap_annotation(annotation)
    if not isinstance(base, ast.Name):
        return
    if not ctx.is_model_class(base):
        if not routes or metadata or not _body_like(ctx, base, fn, receiver.id):
            return
    if not routes and "orm" in ctx.class_kinds(base):
        # ``saved = session.get(Row, row.id)`` then ``setattr`` from ``row.model_dump()`` in a
        # repository: a whole row (SQLModel ``table=True``) saved, not a client's payload
        return
    fields = model_fields(ctx, base.id)
    if fields is None and base.id not in ctx.classes:
        fields = project_model_defaults(ctx, base)
    if fields is not None and all(default == REQUIRED for default, _ in fields.values()):
        return  # every field is required: the client sent them all, exclude_unset changes nothing
    frame.data.setdefault("xfa312", []).append(
        {
            "call": node,
            "receiver": receiver.id,
            "method": node.func.attr,  # type: ignore[attr-defined]
            "fields": fields,
            "exclude_none": exclude_none,
            "context": f"PATCH handler {fn.name}()" if is_patch else f"{fn.name}()",
            "patch": is_patch,
        }
    )


def _report_partial_updates(fn, dumps: list[dict], ctx: Context) -> None:
    """Report the dumps that are written back: into a ``setattr`` loop, ``Model(**dump)``,
    ``x.update(dump)``, ``update(T).values(**dump)``, a function named ``update*``/``save*``…
    (followed through names the dump is assigned to). A dump returned, logged or put in an
    error body writes nothing back."""
    parents: dict[ast.AST, ast.AST] = {}
    for parent in ast.walk(fn):
        for child in ast.iter_child_nodes(parent):
            parents[child] = parent
    for dump in dumps:
        call = dump["call"]
        flow = _write_back(ctx, call, parents, fn, set(), 0, dump["patch"])
        if flow is None:
            continue
        sink, none_filtered, rebuilt = flow
        method = dump["method"]
        if dump["exclude_none"] or none_filtered:
            fields = dump["fields"]
            if fields is None:
                continue  # cannot see the defaults: dropping None values may be enough
            kept = [f"{name}={default}" for name, (default, _) in fields.items() if default not in (REQUIRED, NONE_DEFAULT)]
            if not kept:
                continue  # every default is None: dropping None values drops every unsent field
            shown = ", ".join(kept[:3]) + (", ..." if len(kept) > 3 else "")
            dropped = "" if dump["exclude_none"] else ", once its None values are dropped,"
            what = f"still includes{dropped} the fields the client did not send whose defaults are not None ({shown})"
        else:
            what = "includes the fields the client did not send, at their defaults"
        ctx.report(
            call,
            XFA312,
            call=f"{dump['receiver']}.{method}({'exclude_none=True' if dump['exclude_none'] else ''})",
            context=dump["context"],
            what=what,
            sink=sink,
            fix=f"{dump['receiver']}.{method}(exclude_unset=True)",
            rebuild=f" on the existing row instead of rebuilding it with {rebuilt}" if rebuilt else "",
        )


#: words in the name of a function that writes what it is given
_WRITE_WORDS = frozenset(
    {"update", "patch", "apply", "merge", "save", "upsert", "persist", "values", "replace", "modify", "edit", "overwrite"}
)
#: classes built from a dump that are not the stored row
_NOT_ROW_SUFFIXES = ("Response", "Read", "Out", "Public", "Error", "Exception", "Event", "Message", "Detail")
#: calls that pass a dump on unchanged in substance
_PASS_THROUGH = frozenset({"jsonable_encoder", "dict", "deepcopy", "copy"})


def _write_back(ctx: Context, node: ast.AST, parents, fn, seen: set[str], depth: int, nested: bool = True):
    """``(sink phrase, None values filtered, rebuilt class or None)`` when the value of
    ``node`` is written back, else ``None``. ``nested``: a dump put under a key of a dict
    literal is followed too (in a PATCH handler, where it is part of what the client sent)."""
    none_filtered = False
    while depth < 40:
        depth += 1
        parent = parents.get(node)
        if parent is None:
            return None
        if isinstance(parent, ast.Attribute):
            grand = parents.get(parent)
            if parent.attr in ("items", "keys", "copy") and isinstance(grand, ast.Call) and grand.func is parent:
                node = grand  # ``dump.items()``
                continue
            return None  # ``dump.pop("id")``, ``dump["x"]``: not the dump as a whole
        if isinstance(parent, ast.Dict) and not nested and any(
            v is node and k is not None for k, v in zip(parent.keys, parent.values)
        ):
            # ``{"status": dump}``: the dump is the whole value of one column (a value object
            # replaced as a whole), not spread over the row's fields
            return None
        if isinstance(parent, (ast.keyword, ast.Starred, ast.Dict, ast.IfExp, ast.BoolOp)):
            node = parent
            continue
        if isinstance(parent, ast.Call):
            if parent.func is node:
                return None
            found = _write_call(ctx, parent, node)
            if found is not None:
                return (*found[:1], none_filtered, found[1])
            name = _tail(_callee_name(parent))
            if name in _PASS_THROUGH:
                node = parent
                continue
            return None
        if isinstance(parent, ast.comprehension) and parent.iter is node:
            comp = parents.get(parent)
            if _filtered_by_fields_set(ctx, parent.target, parent.ifs, fn):
                return None  # ``{k: v for k, v in dump.items() if k in payload.model_fields_set}``
            none_filtered = none_filtered or _drops_none(parent)
            if not isinstance(comp, (ast.DictComp, ast.ListComp, ast.SetComp, ast.GeneratorExp)):
                return None
            node = comp
            continue
        if isinstance(parent, (ast.For, ast.AsyncFor)) and parent.iter is node:
            tests = [n.test for stmt in parent.body for n in ast.walk(stmt) if isinstance(n, ast.If)]
            if _filtered_by_fields_set(ctx, parent.target, tests, fn):
                return None  # ``if key in fields_to_update: setattr(...)``: only the fields sent
            setter = _loop_setattr(parent)
            if setter is None:
                return None
            return "the setattr() loop writes them over the stored values", none_filtered or setter, None
        if isinstance(parent, (ast.Assign, ast.AnnAssign, ast.NamedExpr)) and parent.value is node:
            targets = parent.targets if isinstance(parent, ast.Assign) else [parent.target]
            for target in targets:
                if not isinstance(target, ast.Name) or target.id in seen:
                    continue
                seen.add(target.id)
                for use in ast.walk(fn):
                    if isinstance(use, ast.Name) and use.id == target.id and isinstance(use.ctx, ast.Load):
                        found = _write_back(ctx, use, parents, fn, seen, depth, nested)
                        if found is not None:
                            return found[0], found[1] or none_filtered, found[2]
            return None
        return None
    return None


_FIELDS_SET_ATTRS = ("model_fields_set", "__fields_set__")


def _mentions_fields_set(expr: ast.AST, names: frozenset[str]) -> bool:
    """``expr`` reads a model's ``model_fields_set`` (or ``__fields_set__``), directly or
    through a local name built from it."""
    return any(
        (isinstance(n, ast.Attribute) and n.attr in _FIELDS_SET_ATTRS)
        or (isinstance(n, ast.Name) and n.id in names)
        for n in ast.walk(expr)
    )


def _fields_set_names(ctx: Context, fn) -> frozenset[str]:
    """Local names of ``fn`` whose value is built from ``model_fields_set``
    (``fields_to_update = payload.model_fields_set - {"id"}``), to a fixed point."""
    def compute() -> frozenset[str]:
        assigns = [
            (t.id, n.value)
            for n in ast.walk(fn)
            if isinstance(n, (ast.Assign, ast.AnnAssign)) and n.value is not None
            for t in (n.targets if isinstance(n, ast.Assign) else [n.target])
            if isinstance(t, ast.Name)
        ]
        found: set[str] = set()
        changed = True
        while changed:
            changed = False
            for name, value in assigns:
                if name not in found and _mentions_fields_set(value, frozenset(found)):
                    found.add(name)
                    changed = True
        return frozenset(found)

    return ctx.memo(f"xfa312_fields_set:{id(fn)}", compute)


def _filtered_by_fields_set(ctx: Context, target: ast.expr, tests: list[ast.expr], fn) -> bool:
    """A loop or comprehension over a dump whose key is tested against the fields the client
    sent (``if key in fields_to_update``, ``if key not in payload.model_fields_set: continue``)."""
    key = target.elts[0] if isinstance(target, ast.Tuple) and target.elts else target
    if not isinstance(key, ast.Name):
        return False
    names = _fields_set_names(ctx, fn)
    for test in tests:
        for n in ast.walk(test):
            if (
                isinstance(n, ast.Compare)
                and isinstance(n.left, ast.Name)
                and n.left.id == key.id
                and any(isinstance(op, (ast.In, ast.NotIn)) for op in n.ops)
                and any(_mentions_fields_set(c, names) for c in n.comparators)
            ):
                return True
    return False


def _callee_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _write_call(ctx: Context, call: ast.Call, node: ast.AST) -> tuple[str, str | None] | None:
    """``(sink phrase, rebuilt class)`` when ``call`` writes the dump ``node`` it is given."""
    name = _callee_name(call)
    if not name:
        return None
    shown = ast.unparse(call.func)
    if len(shown) > 40:
        shown = "." + name if isinstance(call.func, ast.Attribute) else name
    words = set(name.lower().split("_"))
    if _records_change(name):
        return None  # ``_audit_config_update(after=dump)``: a record of the change, not the write
    if isinstance(node, ast.keyword) and node.arg is None:  # ``f(**dump)``
        if name[:1].isupper():
            if not _row_class(ctx, call.func):
                return None  # ``ItemRead(**dump)``, ``ErrorBody(**dump)``: a response, not the row
            return f"{shown}(**...) rebuilds the row with them", f"{shown}(**...)"
        if words & _WRITE_WORDS:
            return f"{shown}(**...) writes them over the stored values", None
        return None
    if isinstance(node, ast.keyword) and node.arg == "update" and name in ("model_copy", "copy"):
        return f"{shown}(update=...) writes them over the copied values", None
    if name in ("model_validate", "parse_obj") and isinstance(call.func, ast.Attribute):
        if _row_class(ctx, call.func.value) and call.args and call.args[0] is node:
            return f"{shown}(...) rebuilds the row with them", f"{shown}(...)"
        return None
    if name == "setattr" and len(call.args) == 3 and call.args[2] is node:
        return "setattr() writes them over the stored value", None
    if words & _WRITE_WORDS:
        if _serialises_whole(ctx, call, node):
            return None  # ``value=json.dumps(data)``: one stored document replaced as a whole
        return f"{shown}(...) writes them over the stored values", None
    return None


#: words in the name of a function that records a change rather than making it (an
#: ``update_event`` may write an Event row: entity names are not among them)
_RECORD_WORDS = frozenset({"audit", "notify", "publish", "emit", "telemetry"})
#: verbs that, leading the name, record rather than write (``log_update``, ``track_change``)
_RECORD_VERBS = frozenset({"log", "record", "track"})


def _records_change(name: str) -> bool:
    words = [w for w in name.lower().split("_") if w]
    return bool(words) and (bool(set(words) & _RECORD_WORDS) or words[0] in _RECORD_VERBS)

_HTTP_METHODS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE"})


def _registered_put_only(ctx: Context, name: str) -> bool:
    """``name`` is registered as a route only by calls that name it next to a list of HTTP
    methods (``route("/items/{id}", update_item, ["PUT"])``,
    ``router.add_api_route(path, update_item, methods=["PUT"])``), and every such list is PUT."""

    def compute() -> dict[str, set[str]]:
        registered: dict[str, set[str]] = {}
        for call in ast.walk(ctx.tree):
            if not isinstance(call, ast.Call):
                continue
            named = [a.id for a in call.args if isinstance(a, ast.Name)]
            named += [kw.value.id for kw in call.keywords if kw.arg == "endpoint" and isinstance(kw.value, ast.Name)]
            if not named:
                continue
            lists = [*call.args, *(kw.value for kw in call.keywords if kw.arg == "methods")]
            for item in lists:
                if not isinstance(item, (ast.List, ast.Tuple, ast.Set)) or not item.elts:
                    continue
                methods = [e.value.upper() for e in item.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
                if len(methods) != len(item.elts) or not set(methods) <= _HTTP_METHODS:
                    continue
                for fn_name in named:
                    registered.setdefault(fn_name, set()).update(methods)
        return registered

    methods = ctx.memo("xfa312_registered_methods", compute).get(name)
    return bool(methods) and methods == {"PUT"}


_SERIALISERS = frozenset({"json.dumps", "orjson.dumps", "ujson.dumps", "simplejson.dumps"})


def _serialises_whole(ctx: Context, call: ast.Call, node: ast.AST) -> bool:
    """``call`` is a function of this file (a module function, or a method of the enclosing
    class called on ``cls``/``self``) whose parameter receiving the dump ``node`` is only ever
    serialised whole (``json.dumps(data)``): the dump becomes one stored value, a document
    replaced as a whole, not fields spread over a stored row."""
    target = None
    func = call.func
    if isinstance(func, ast.Name):
        target = ctx.functions.get(func.id)
    elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in ("cls", "self"):
        for frame in reversed(ctx.frames):
            if frame.kind == "class" and isinstance(frame.node, ast.ClassDef):
                target = next(
                    (s for s in frame.node.body if isinstance(s, FUNCTION_TYPES) and s.name == func.attr), None
                )
                break
    if not isinstance(target, FUNCTION_TYPES):
        return False
    params = [a.arg for a in (*target.args.posonlyargs, *target.args.args)]
    if isinstance(func, ast.Attribute) and params:
        params = params[1:]  # ``cls``/``self``
    if isinstance(node, ast.keyword):
        if node.arg is None:
            return False
        param = node.arg
    elif node in call.args:
        index = call.args.index(node)
        if index >= len(params):
            return False
        param = params[index]
    else:
        return False
    parents = {child: parent for parent in ast.walk(target) for child in ast.iter_child_nodes(parent)}
    uses = [n for n in ast.walk(target) if isinstance(n, ast.Name) and n.id == param and isinstance(n.ctx, ast.Load)]
    if not uses:
        return False
    serialised = False
    for use in uses:
        parent = parents.get(use)
        if isinstance(parent, ast.Return):
            continue  # ``return data``: handed back as it is
        serialised = True
        if not (
            isinstance(parent, ast.Call)
            and parent.args
            and parent.args[0] is use
            and ctx.resolve(parent.func) in _SERIALISERS
        ):
            return False
    return serialised


def _row_class(ctx: Context, func: ast.expr) -> bool:
    """``func`` may be the class of a stored row: capitalised, not named like a response or
    an error, and not a Pydantic schema of this file (a SQLModel ``table=True`` class is one)."""
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    if not name[:1].isupper() or name.endswith(_NOT_ROW_SUFFIXES):
        return False
    if isinstance(func, ast.Name) and ctx.is_model_class(func):
        cls = ctx.classes.get(name)
        return cls is not None and any(
            kw.arg == "table" and isinstance(kw.value, ast.Constant) and kw.value.value is True for kw in cls.keywords
        )
    return True


def _drops_none(generator: ast.comprehension) -> bool:
    """``for k, v in dump.items() if v is not None``: the comprehension drops None values."""
    value = generator.target.elts[-1] if isinstance(generator.target, ast.Tuple) and generator.target.elts else None
    if not isinstance(value, ast.Name):
        return False
    return any(_tests_not_none(test, value.id) for test in generator.ifs)


def _tests_not_none(test: ast.expr, name: str) -> bool:
    if isinstance(test, ast.Name):
        return test.id == name
    return _compares_to_none(test, name, ast.IsNot)


def _compares_to_none(test: ast.expr, name: str, op: type[ast.cmpop]) -> bool:
    """``test`` is ``name is None`` (``op=ast.Is``) or ``name is not None`` (``ast.IsNot``)."""
    return (
        isinstance(test, ast.Compare)
        and isinstance(test.left, ast.Name)
        and test.left.id == name
        and len(test.ops) == 1
        and isinstance(test.ops[0], op)
        and _is_none(test.comparators[0])
    )


def _loop_setattr(loop: ast.For | ast.AsyncFor) -> bool | None:
    """``None`` when the loop body calls no ``setattr``; else whether each ``setattr`` is
    guarded by ``if value is not None`` (the loop drops None values)."""
    value = loop.target.elts[-1] if isinstance(loop.target, ast.Tuple) and loop.target.elts else None
    guarded: bool | None = None
    stack: list[tuple[ast.AST, bool]] = []
    skipped = False
    for stmt in loop.body:
        stack.append((stmt, skipped))
        if not skipped and isinstance(value, ast.Name) and _none_skip(stmt, value.id):
            # ``if value is None: <clear a field>; continue``: what follows sees no None
            skipped = True
    while stack:
        current, under_guard = stack.pop()
        if isinstance(current, ast.Call) and isinstance(current.func, ast.Name) and current.func.id == "setattr":
            guarded = under_guard if guarded is None else guarded and under_guard
            continue
        if isinstance(current, ast.If) and isinstance(value, ast.Name) and _tests_not_none(current.test, value.id):
            stack.extend((child, True) for child in current.body)
            stack.extend((child, under_guard) for child in current.orelse)
            continue
        stack.extend((child, under_guard) for child in ast.iter_child_nodes(current))
    return guarded


def _none_skip(stmt: ast.stmt, name: str) -> bool:
    """``if name is None: ...; continue`` (or ``if not name:``), with no ``else``: the rest
    of the loop body runs only for values that are not None."""
    if not isinstance(stmt, ast.If) or stmt.orelse or not stmt.body or not isinstance(stmt.body[-1], ast.Continue):
        return False
    test = stmt.test
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return isinstance(test.operand, ast.Name) and test.operand.id == name
    return _compares_to_none(test, name, ast.Is)


_NOT_BODY = frozenset(
    {
        "str", "int", "float", "bool", "bytes", "dict", "list", "set", "tuple", "Any", "UUID",
        "datetime", "date", "Request", "Response", "WebSocket", "BackgroundTasks", "UploadFile",
        "HTTPConnection", "SecurityScopes", "AsyncSession", "Session", "Decimal",
    }
)


def _body_like(ctx: Context, base: ast.Name, fn, name: str) -> bool:
    """A route parameter whose class FastAPI reads from the body: an imported class with a
    schema-like name, and no default marker."""
    if base.id in _NOT_BODY or ctx.is_builtin(base):
        return False
    qualname = ctx.resolve(base) or ""
    if qualname.split(".", 1)[0] in ("typing", "fastapi", "starlette", "sqlalchemy", "datetime", "uuid", "enum", "pydantic"):
        return False
    for arg, default in _all_args(fn):
        if arg.arg == name and default is not None and fastapi_marker(ctx, default) not in (None, "Body"):
            return False
    return base.id.endswith(("Update", "Patch", "In", "Create", "Schema", "Payload", "Request", "Body", "Data"))


# -- XFA319: unversioned router prefixes ---------------------------------------------------------

_VERSIONED = lazy_re.compile(r"^/api/v\d+(/|$)")


@visitor(ast.Call, codes=(XFA319,))
def include_router_calls(node: ast.Call, ctx: Context) -> None:
    if ctx.is_test:
        return
    func = node.func
    if not (isinstance(func, ast.Attribute) and func.attr == "include_router"):
        return
    ctx.frames[0].data.setdefault("xfa319_includes", []).append(node)


def _is_app(ctx: Context, expr: ast.expr) -> bool:
    if not isinstance(expr, ast.Name):
        return False
    value = ctx.assignments.get(expr.id)
    if isinstance(value, ast.Call):
        return _tail(ctx.resolve(value.func)) == "FastAPI" and ctx.imported_from(value.func, "fastapi")
    return False


def _check_prefixes(data: dict, ctx: Context) -> None:
    for call in data.get("xfa319_includes", ()):
        if not _is_app(ctx, call.func.value):
            continue
        prefix_kw = keyword(call, "prefix")
        if prefix_kw is not None:
            prefix = string_value(prefix_kw.value)
            if prefix is not None and prefix and not _VERSIONED.match(prefix):
                ctx.report(prefix_kw.value, XFA319, prefix=prefix, suffix=prefix if prefix.startswith("/") else "/" + prefix)
            continue
        if has_kwargs_splat(call) or not call.args or not isinstance(call.args[0], ast.Name):
            continue
        router = ctx.assignments.get(call.args[0].id)
        if isinstance(router, ast.Call) and _tail(ctx.resolve(router.func)) == "APIRouter":
            prefix_kw = keyword(router, "prefix")
            prefix = string_value(prefix_kw.value) if prefix_kw is not None else None
            if prefix and not _VERSIONED.match(prefix):
                ctx.report(prefix_kw.value, XFA319, prefix=prefix, suffix=prefix if prefix.startswith("/") else "/" + prefix)
