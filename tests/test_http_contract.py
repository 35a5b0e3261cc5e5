import pytest


def test_xfa313_message_fits_the_parameter():
    from harness import messages

    source = (
        "from fastapi import APIRouter, Body, Depends, Header, Security\n\n"
        "router = APIRouter()\n\n\n"
        "@router.get('/items/{item_id}', response_model=list)\n"
        "async def items(item_id, q, db=Depends(get_db), user=Security(auth.current, scopes=['a']),\n"
        "                agent=Header(None), body=Body(None)) -> list:\n"
        "    return [item_id, db, user]\n"
    )
    found = [m for _, _, m in messages(source, "app/routers/items.py", select=["XFA313"]) if m.startswith("XFA313")]
    assert found == [
        "XFA313 route parameter item_id has no type annotation: FastAPI reads it as an untyped path "
        "parameter and passes the raw string on; annotate it (item_id: <type>)",
        # the router may be included with a prefix this file does not show
        "XFA313 route parameter q has no type annotation: FastAPI passes the raw string on, "
        "unconverted and untyped in the OpenAPI schema (a query parameter, or a path parameter if "
        "a prefix the router is included with declares it); annotate it (q: <type>)",
        # a dependency: FastAPI does not validate through the annotation, what is lost is the type
        "XFA313 route parameter db has no type annotation: FastAPI injects what get_db returns (it "
        "does not need the annotation), but editors and type checkers see it as Any and readers "
        "cannot tell what it holds; annotate it (db: Annotated[<type>, Depends(get_db)])",
        "XFA313 route parameter user has no type annotation: FastAPI injects what auth.current returns "
        "(it does not need the annotation), but editors and type checkers see it as Any and readers "
        "cannot tell what it holds; annotate it (user: Annotated[<type>, Security(auth.current, scopes=['a'])])",
        "XFA313 route parameter agent has no type annotation: FastAPI passes the raw header value on "
        "without converting or validating it; annotate it (agent: <type>)",
        "XFA313 route parameter body has no type annotation: FastAPI accepts any JSON value for it "
        "without validation; annotate it (body: <model or type>)",
    ]


def test_xfa313_message_knows_prefixes_and_dependency_aliases(tmp_path_factory):
    """Third precision reading: a ``Depends`` alias imported from another module is no query
    parameter; a parameter of the router's ``prefix=`` is a path parameter."""
    import textwrap

    from harness import messages

    tmp_path = tmp_path_factory.mktemp("proj")  # not under a test_* directory (the tests layer)
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "deps.py").write_text(
        "from fastapi import Depends\n\n\ndef get_user():\n    return 1\n\n\nCurrentUser = Depends(get_user)\n"
    )
    source = textwrap.dedent(
        """\
        from fastapi import APIRouter, FastAPI

        from app.deps import CurrentUser

        router = APIRouter(prefix="/dags/{dag_id}/runs")
        api = FastAPI()


        @router.get("/{run_id}", response_model=None)
        async def read_run(dag_id, run_id: int, user=CurrentUser) -> None:
            return await load(dag_id, run_id, user)


        @api.get("/ping", response_model=None)
        async def ping(verbose) -> None:
            return None


        @router.get("/{_:path}", include_in_schema=False, response_model=None)
        async def not_found(_) -> None:
            return None
        """
    )
    path = str(tmp_path / "app" / "routes.py")
    found = [m for _, _, m in messages(source, path, select=["XFA313"]) if m.startswith("XFA313")]
    assert found == [
        "XFA313 route parameter dag_id has no type annotation: FastAPI reads it as an untyped path "
        "parameter and passes the raw string on; annotate it (dag_id: <type>)",
        "XFA313 route parameter user has no type annotation: FastAPI injects the dependency "
        "CurrentUser stands for (it does not need the annotation), but editors and type checkers "
        "see it as Any and readers cannot tell what it holds; annotate it (user: <type> = CurrentUser)",
        # the application itself: no prefix can declare it
        "XFA313 route parameter verbose has no type annotation: FastAPI reads it as an untyped query "
        "parameter and passes the raw string on; annotate it (verbose: <type>)",
        # ``_`` of the catch-all is never read: nothing is lost
    ]


def test_xfa310_suggests_bounds_that_fit_the_parameter():
    from harness import messages

    source = (
        "from typing import Annotated\n\n"
        "from fastapi import APIRouter, Query\n\n"
        "router = APIRouter()\n\n\n"
        "@router.get('/a')\n"
        "async def a(page: int = 0, skip: int = 0, limit: int = 500, size: int = 0,\n"
        "            per_page: Annotated[int, Query(ge=5)] = 10) -> None:\n"
        "    return load(page, skip, limit, per_page, size=size or 10)  # an absent size gets one: a given one is unbounded\n\n\n"
        "@router.get('/b')\n"
        "async def b(page: int = Query(default=1), offset: int = Query(0), page_size: int = 20) -> None:\n"
        "    return load(page, offset, page_size)\n"
    )
    found = [m.split("; bound it: ")[1] for _, _, m in messages(source, "app/routes/items.py", select=["XFA310"]) if m.startswith("XFA310")]
    assert found == [
        "page: Annotated[int, Query(ge=0)] = 0",  # 0-based pages
        "skip: Annotated[int, Query(ge=0)] = 0",
        "limit: Annotated[int, Query(ge=1, le=500)] = 500",  # not below its own default
        "size: Annotated[int, Query(ge=0, le=100)] = 0",  # 0 is its default
        "per_page: Annotated[int, Query(ge=5, le=100)] = 10",  # its lower bound kept
        "page: Annotated[int, Query(ge=1)] = 1",  # 1-based pages
        "offset: Annotated[int, Query(ge=0)] = 0",
        "page_size: Annotated[int, Query(ge=1, le=100)] = 20",
    ]


def test_xfa310_suggestion_keeps_the_type_default_and_query_keywords():
    """Fourth precision reading: ``page: int | None = None`` must not be suggested as a
    required ``page: Annotated[int, ...]``: the type, the default and the other ``Query``
    keywords are kept as written."""
    from harness import messages

    source = (
        "from typing import Annotated, Optional\n\n"
        "from fastapi import APIRouter, Query\n"
        "from pydantic import conint\n\n"
        "router = APIRouter()\n\n\n"
        "@router.get('/a')\n"
        "async def a(page: int | None = None, per_page: Optional[int] = Query(None, alias='perPage'),\n"
        "            limit: int = Query(..., description='rows'), offset: 'int | None' = None,\n"
        "            size: Annotated[Optional[int], Query(ge=1)] = None, skip: conint(ge=0) | None = None) -> None:\n"
        "    return load(page, limit, offset, skip, per_page or 20, size or 20)  # absent sizes get one: given ones are unbounded\n"
    )
    found = [m for _, _, m in messages(source, "app/routes/items.py", select=["XFA310"]) if m.startswith("XFA310")]
    assert found == [
        "XFA310 query parameter page: int | None has no bound; bound it: "
        "page: Annotated[int | None, Query(ge=1)] = None",
        "XFA310 query parameter per_page: Optional[int] has no upper bound; bound it: "
        "per_page: Annotated[Optional[int], Query(alias='perPage', ge=1, le=100)] = None",
        "XFA310 query parameter limit: int has no upper bound; bound it: "
        "limit: Annotated[int, Query(description='rows', ge=1, le=100)]",  # required stays required
        "XFA310 query parameter offset: int | None has no bound; bound it: "
        "offset: Annotated[int | None, Query(ge=0)] = None",
        "XFA310 query parameter size: Optional[int] has no upper bound; bound it: "
        "size: Annotated[Optional[int], Query(ge=1, le=100)] = None",
    ]


def test_xfa312_message_names_the_write_back():
    from harness import messages

    source = (
        "from fastapi import APIRouter\n"
        "from pydantic import BaseModel\n\n"
        "router = APIRouter()\n\n\n"
        "class ItemUpdate(BaseModel):\n"
        "    name: str | None = None\n"
        "    quantity: int = 0\n\n\n"
        "@router.patch('/items/{item_id}', status_code=200)\n"
        "async def patch_item(item_id: int, payload: ItemUpdate) -> None:\n"
        "    row = Item(**payload.model_dump())\n"
        "    await repo.update_item(item_id, payload.model_dump(exclude_none=True))\n"
        "    raise HTTPException(status_code=400, detail=payload.model_dump())\n"
    )
    found = [m for _, _, m in messages(source, "app/routes/items.py", select=["XFA312"]) if m.startswith("XFA312")]
    assert found == [
        "XFA312 payload.model_dump() in PATCH handler patch_item() includes the fields the client did "
        "not send, at their defaults, and Item(**...) rebuilds the row with them; dump with "
        "payload.model_dump(exclude_unset=True) and set only those fields on the existing row "
        "instead of rebuilding it with Item(**...)",
        "XFA312 payload.model_dump(exclude_none=True) in PATCH handler patch_item() still includes the "
        "fields the client did not send whose defaults are not None (quantity=0), and "
        "repo.update_item(...) writes them over the stored values; dump with "
        "payload.model_dump(exclude_unset=True) and set only those fields",
    ]


def test_xfa309_advertises_the_fix_only_with_an_annotation_to_wrap():
    from harness import messages

    source = (
        "from fastapi import Depends, Query\n\n\n"
        "async def dep(limit: int = Query(10), db=Depends(get_db)):\n"
        "    return limit\n"
    )
    found = [m for _, _, m in messages(source, "app/deps.py") if m.startswith("XFA309")]
    assert len(found) == 2
    assert found[0].endswith("(fix: fastapi-conventions fix)")
    assert "fastapi-conventions fix" not in found[1]


@pytest.mark.parametrize(
    "annotation, offered",
    [
        ("list[str]", False),
        ("str", False),
        ("list[str] | None", True),
        ("Optional[list[str]]", True),
        ("Union[str, None]", True),
        ("Any", True),
        ("'str | None'", True),
    ],
)
def test_xfa309_moves_a_none_default_out_only_where_the_annotation_admits_none(annotation, offered):
    # fastapi-users: `scopes: list[str] = Query(None)` became `Annotated[list[str], Query()] =
    # None`, which FastAPI treats alike and mypy reports (incompatible default), failing the
    # project's lint step: the fix is not offered there
    from flake8_fastapi_conventions.fixer import fix_text
    from harness import messages, settings_for

    source = (
        "from typing import Any, Optional, Union\n\nfrom fastapi import Query\n\n\n"
        f"async def dep(scopes: {annotation} = Query(None)):\n"
        "    return scopes\n"
    )
    [message] = [m for _, _, m in messages(source, "app/deps.py") if m.startswith("XFA309")]
    assert message.endswith("(fix: fastapi-conventions fix)") is offered, message
    shown = annotation if offered else f"{annotation} | None"  # the hint does not lead to the mypy error
    assert f"declare it as scopes: Annotated[{shown}, Query()] = None" in message
    result = fix_text(source, "app/deps.py", settings_for(["XFA309"]))
    if offered:
        assert f"scopes: Annotated[{annotation}, Query()] = None" in result.text
    else:
        assert result.text == source
        reason = f"the default None is not a {annotation}: type checkers would report it (declare {annotation} | None)"
        assert [m.reason for m in result.manual] == [reason]


def test_xfa309_joins_a_marker_call_that_spans_lines_onto_the_annotated_line():
    # fastapi-users: `x: T = Depends(\n    f\n)` became `x: Annotated[T, Depends(\n    f\n)]`,
    # which `ruff format --check` rejects
    from flake8_fastapi_conventions.fixer import fix_text
    from harness import settings_for

    source = (
        "from fastapi import Depends\n\n\n"
        "async def route(\n"
        "    token: str = Depends(\n"
        "        get_token, use_cache=False\n"
        "    ),\n"
        "):\n"
        "    return token\n"
    )
    result = fix_text(source, "app/deps.py", settings_for(["XFA309"]))
    assert "    token: Annotated[str, Depends(get_token, use_cache=False)],\n" in result.text, result.text


def test_xfa304_names_the_first_route_that_shadows_and_the_common_methods():
    from harness import messages

    source = (
        "from fastapi import APIRouter\n\n"
        "router = APIRouter()\n\n\n"
        "@router.api_route('/docs/{name:path}', methods=['GET', 'POST', 'PUT'])\n"
        "async def any_doc(name: str) -> None: ...\n\n\n"
        "@router.api_route('/docs/{name}', methods=['GET', 'POST'])\n"
        "async def doc(name: str) -> None: ...\n\n\n"
        "@router.api_route('/docs/search', methods=['POST', 'DELETE', 'GET'])\n"
        "async def search(name: str) -> None: ...\n"
    )
    found = [(line, col, m) for line, col, m in messages(source, "app/routes/docs.py") if m.startswith("XFA304")]
    assert found == [
        (
            14,
            2,
            "XFA304 route POST/GET /docs/search is unreachable: POST/GET /docs/{name:path} (line 6) "
            "on the same router matches it first; register /docs/search before /docs/{name:path}",
        )
    ]


def test_xfa311_reads_imported_models_through_the_index(tmp_path_factory):
    """Third precision reading: an imported model with no secret or server-managed field
    (its fields, bases and field types read from the project index) is harmless to echo."""
    import textwrap

    from harness import check

    root = tmp_path_factory.mktemp("proj")
    files = {
        "pyproject.toml": "[project]\nname = 'x'\n",
        "app/__init__.py": "",
        "app/schemas.py": """\
            from enum import Enum
            from typing import Optional

            from pydantic import BaseModel, Field

            from app.base import Named


            class Mode(str, Enum):
                ON = "on"
                OFF = "off"


            class Limits(BaseModel):
                max_items: int = Field(10, ge=1)


            class ToggleForm(Named):
                enabled: bool = False
                mode: Mode = Mode.OFF
                limits: Optional[Limits] = None
                note: "str | None" = None


            class UserForm(BaseModel):
                email: str
                password: str


            class Wrapped(BaseModel):
                inner: Opaque
        """,
        "app/base.py": "from pydantic import BaseModel\n\n\nclass Named(BaseModel):\n    label: str\n",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(textwrap.dedent(text))
    source = textwrap.dedent(
        """\
        from fastapi import APIRouter

        from app.schemas import ToggleForm, UserForm, Wrapped

        router = APIRouter()


        @router.put("/settings/toggles", response_model=ToggleForm)
        async def save_toggles(form: ToggleForm) -> ToggleForm:
            return form


        @router.put("/users/me", response_model=UserForm)
        async def save_me(form: UserForm) -> UserForm:
            return form


        @router.put("/wrapped", response_model=Wrapped)
        async def save_wrapped(form: Wrapped) -> Wrapped:
            return form
        """
    )
    found = [f for f in check(source, str(root / "app" / "routes.py"), select=["XFA311"]) if f[2] == "XFA311"]
    # the password field, and a field type the index cannot follow, are still reported
    assert found == [(14, 19, "XFA311"), (19, 24, "XFA311")]


def test_xfa311_an_enum_of_another_module_is_not_a_model(tmp_path_factory):
    """Eighth precision reading: a project enum (or a builtin) taken with ``Body()`` and
    returned is a value, not a model: nothing to leak. An imported class the index cannot
    follow, taken with ``Body()``, is still reported."""
    import textwrap

    from harness import check

    root = tmp_path_factory.mktemp("proj")
    files = {
        "pyproject.toml": "[project]\nname = 'x'\n",
        "app/__init__.py": "",
        "app/levels.py": "import logging\nfrom enum import Enum\n\n\nclass LogLevel(int, Enum):\n    Info = logging.INFO\n",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    source = textwrap.dedent(
        """\
        from fastapi import APIRouter, Body

        from app.levels import LogLevel
        from vendor.schemas import Opaque

        router = APIRouter()


        @router.post("/logging", response_model=LogLevel)
        def set_log_level(level: LogLevel = Body(description="New level")) -> LogLevel:
            return apply(level)


        @router.post("/opaque")
        def echo_opaque(payload: Opaque = Body()) -> Opaque:
            return payload
        """
    )
    found = [f for f in check(source, str(root / "app" / "routes.py"), select=["XFA311"]) if f[2] == "XFA311"]
    assert found == [(15, 17, "XFA311")]


def test_xfa310_a_helper_of_another_module_checks_the_value(tmp_path_factory):
    """Third precision reading: ``page`` passed to a shared helper that rejects ``page < 1``."""
    import textwrap

    from harness import check

    root = tmp_path_factory.mktemp("proj")
    (root / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    (root / "app").mkdir()
    (root / "app" / "__init__.py").write_text("")
    (root / "app" / "paging.py").write_text(
        textwrap.dedent(
            """\
            def check_page(page, limit):
                if page < 1:
                    raise ValueError(page)
                return min(limit, 100)


            def show(page):
                return str(page)
            """
        )
    )
    source = textwrap.dedent(
        """\
        from fastapi import APIRouter

        from app import paging
        from app.paging import check_page

        router = APIRouter()


        @router.get("/a")
        async def a(page: int = 1, limit: int = 10) -> list:
            check_page(page, limit)
            return []


        @router.get("/b")
        async def b(page: int = 1) -> list:
            paging.show(page)
            return []
        """
    )
    found = [f for f in check(source, str(root / "app" / "routes.py"), select=["XFA310"]) if f[2] == "XFA310"]
    assert found == [(16, 13, "XFA310")]


def test_xfa312_an_inherited_classvar_of_another_module_is_no_field(tmp_path_factory):
    """Fourth precision reading: ``TRACKED: ClassVar[list[str]] = []`` of a project mixin
    (read from the project index) is not a Pydantic field; ``model_dump()`` never has it."""
    import textwrap

    from harness import messages

    root = tmp_path_factory.mktemp("proj")
    files = {
        "pyproject.toml": "[project]\nname = 'x'\n",
        "app/__init__.py": "",
        "app/tracking.py": """\
            from typing import ClassVar, List

            from pydantic import BaseModel


            class Tracked(BaseModel):
                TRACKED: ClassVar[List[str]] = []
        """,
        "app/schemas.py": """\
            import typing
            from typing import Optional

            from app.tracking import Tracked


            class KeyUpdate(Tracked):
                TRACKED: typing.ClassVar[list] = ["name", "active"]
                name: Optional[str] = None
                active: Optional[bool] = None


            class QuotaUpdate(Tracked):
                name: Optional[str] = None
                limit: int = 10
        """,
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(textwrap.dedent(text))
    source = textwrap.dedent(
        """\
        from app.schemas import KeyUpdate, QuotaUpdate


        class KeyRow:
            def update(self, change: KeyUpdate) -> "KeyRow":
                for field, value in change.model_dump(exclude_none=True).items():
                    setattr(self, field, value)
                return self

            def update_quota(self, change: QuotaUpdate) -> "KeyRow":
                for field, value in change.model_dump(exclude_none=True).items():
                    setattr(self, field, value)
                return self
        """
    )
    found = [f for f in messages(source, str(root / "app" / "rows.py"), select=["XFA312"]) if f[2].startswith("XFA312")]
    # the real non-None default is still reported, and named alone
    assert len(found) == 1 and found[0][:2] == (11, 29), found
    assert "(limit=10)" in found[0][2], found


def test_xfa301_xfa306_read_helpers_responses_and_aliases_of_other_modules(tmp_path_factory):
    """Fourth precision reading: a template helper's method annotated ``-> _TemplateResponse``
    and a ``RedirectResponse`` subclass of another module build no JSON (XFA301); a
    ``list[str]`` response alias of another module has no fields to bypass (XFA306)."""
    import textwrap

    from harness import check

    root = tmp_path_factory.mktemp("proj")
    files = {
        "pyproject.toml": "[project]\nname = 'x'\n",
        "app/__init__.py": "",
        "app/forms.py": """\
            from starlette.templating import _TemplateResponse


            class BaseHelper:
                async def get_response(self) -> _TemplateResponse:
                    return render(self)


            class FormHelper(BaseHelper):
                def __init__(self, request):
                    self.request = request

                async def get_data(self) -> dict:
                    return {}
        """,
        "app/responses.py": """\
            from fastapi.responses import JSONResponse, RedirectResponse


            class HXRedirectResponse(RedirectResponse):
                pass


            class PrettyJSON(JSONResponse):
                pass
        """,
        "app/schemas.py": "from typing import List\n\nFramesResponse = List[str]\nCount = int\n",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(textwrap.dedent(text))
    source = textwrap.dedent(
        """\
        from fastapi import APIRouter, Request
        from fastapi.responses import JSONResponse

        from app.forms import FormHelper
        from app.responses import HXRedirectResponse, PrettyJSON
        from app.schemas import FramesResponse

        router = APIRouter()


        @router.get("/page")
        async def page(request: Request):
            helper = FormHelper(request)
            if request.query_params:
                return HXRedirectResponse("/page")
            return await helper.get_response()


        @router.get("/data")
        async def data(request: Request):
            helper = FormHelper(request)
            return await helper.get_data()


        @router.get("/pretty")
        async def pretty():
            return PrettyJSON({})


        @router.get("/frames", response_model=FramesResponse)
        async def frames():
            return JSONResponse(content=[])
        """
    )
    found = check(source, str(root / "app" / "routes.py"), select=["XFA301", "XFA306"])
    found = [f for f in found if f[2] in ("XFA301", "XFA306")]
    assert found == [(20, 1, "XFA301"), (26, 1, "XFA301")]
