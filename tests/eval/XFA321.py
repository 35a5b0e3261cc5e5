# path: app/routes/items.py
import dataclasses
from functools import partial
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Path, Query, Request, Security
from pydantic import BaseModel

router = APIRouter()
app = FastAPI()


# -- flagged --------------------------------------------------------------------------


@router.get("/users/{user_id}/orders")  # error: XFA321:21 "user_id"
async def renamed(userid: int) -> list[int]:
    return [userid]


@router.get("/files/{file_path:path}/raw")  # error: XFA321:21
async def convertor() -> None: ...


@router.get("/files/{file_path:path}")  # a catch-all tail: silent (XFA321_catch_all.py)
async def tail_convertor() -> None: ...


@app.delete("/a/{first}/b/{second}")  # error: XFA321:27
def one_of_two(first: int) -> None: ...


@router.get("/a/{x}/b/{x}")  # error: XFA321:17
async def repeated() -> None: ...


@router.get("/pos/{item_id}")  # error: XFA321:19
async def positional_only(item_id: int, /) -> None: ...


@router.get(path="/kw/{item_id}")  # error: XFA321:23
async def path_keyword(q: str) -> None: ...


async def get_user(token: str) -> str:
    return token


@router.get("/dep/{item_id}")  # error: XFA321:19
async def dependency_without_it(user: Annotated[str, Depends(get_user)]) -> None: ...


@router.get("/decor/{item_id}", dependencies=[Depends(get_user)])  # error: XFA321:21
async def decorator_dependency_without_it() -> None: ...


@router.get("/alias/{item_id}")  # error: XFA321:21
async def alias_elsewhere(item_id: Annotated[int, Path(alias="itemId")]) -> None: ...


@router.websocket("/ws/{room}")  # error: XFA321:24
async def ws(websocket) -> None: ...


class Filters(BaseModel):
    q: str | None = None


@router.get("/model/{item_id}")  # error: XFA321:21
async def class_dependency(filters: Annotated[Filters, Depends()]) -> None: ...


# -- not flagged ------------------------------------------------------------------------


@router.get("/users/{user_id}")
async def taken(user_id: int) -> None: ...


@router.get("/kwonly/{user_id}")
async def keyword_only(*, user_id: int) -> None: ...


@router.get("/files/{file_path:path}")
async def convertor_taken(file_path: str) -> None: ...


@router.get("/alias/{itemId}")
async def by_alias(item_id: Annotated[int, Path(alias="itemId")]) -> None: ...


@router.get("/alias2/{itemId}")
async def by_alias_default(item_id: int = Path(alias="itemId")) -> None: ...


async def get_item(item_id: int) -> int:
    return item_id


async def get_owned_item(item: Annotated[int, Depends(get_item)], token: str) -> int:
    return item


@router.get("/dep/{item_id}")
async def by_dependency(item: Annotated[int, Depends(get_item)]) -> None: ...


@router.get("/dep2/{item_id}")
async def by_default_dependency(item: int = Depends(get_item)) -> None: ...


@router.get("/dep3/{item_id}")
async def by_sub_dependency(item: int = Security(get_owned_item)) -> None: ...


@router.get("/dep4/{item_id}", dependencies=[Depends(get_item)])
async def by_decorator_dependency() -> None: ...


ItemDep = Annotated[int, Depends(get_item)]


@router.get("/dep5/{item_id}")
async def by_alias_dependency(item: ItemDep) -> None: ...


item_marker = Depends(get_item)


@router.get("/dep6/{item_id}")
async def by_marker_value(item=item_marker) -> None: ...


class ItemParams:
    def __init__(self, item_id: int, q: str | None = None) -> None:
        self.item_id = item_id


@router.get("/cls/{item_id}")
async def by_class_init(params: Annotated[ItemParams, Depends()]) -> None: ...


@dataclasses.dataclass
class ItemKey:
    item_id: int


@router.get("/dc/{item_id}")
async def by_dataclass(key: ItemKey = Depends()) -> None: ...


@router.get("/kwargs/{item_id}")
async def splat(**kwargs) -> None: ...


@router.get("/request/{item_id}")
async def reads_request(request: Request) -> None:
    print(request.path_params["item_id"])


async def reads_path(request: Request) -> int:
    return int(request.path_params["item_id"])


@router.get("/request-dep/{item_id}", dependencies=[Depends(reads_path)])
async def dependency_reads_request() -> None: ...


class Checker:
    def __call__(self, item_id: int) -> int:
        return item_id


checker = Checker()


@router.get("/instance/{item_id}")
async def callable_instance(ok: Annotated[int, Depends(checker)]) -> None: ...


@router.get("/partial/{item_id}")
async def partial_dependency(ok: Annotated[int, Depends(partial(get_item))]) -> None: ...


@router.get("/list/{item_id}", dependencies=DEPENDENCIES)  # noqa: F821
async def dependency_list_variable() -> None: ...


@router.get("/spaces/{ item_id }")
async def spaces_are_literal() -> None: ...


@router.get("/dash/{item-id}")
async def not_an_identifier() -> None: ...


PREFIX = "/v1"


@router.get(PREFIX + "/{item_id}")
async def not_a_literal() -> None: ...


def cache(fn):
    return fn


@router.get("/wrapped/{item_id}")
@cache
async def wrapped(q: str) -> None: ...


owned = APIRouter(dependencies=[Depends(get_item)])


@owned.get("/router-dep/{item_id}")
async def by_router_dependency() -> None: ...


@router.get("/query/{item_id}")  # error: XFA321:21
async def query_alias_reads_the_query(value: Annotated[str, Query(alias="item_id")]) -> None: ...


class ItemChecker:
    def __init__(self, scope: str) -> None:
        self.scope = scope

    def __call__(self, item_id: int) -> int:
        return item_id


class TokenChecker:
    def __call__(self, token: str) -> str:
        return token


@router.get("/checker/{item_id}", dependencies=[Depends(ItemChecker("read"))])
async def by_instance_call() -> None: ...


@router.get("/checker2/{item_id}", dependencies=[Depends(TokenChecker())])  # error: XFA321:24
async def instance_without_it() -> None: ...


token_checker = TokenChecker()


@router.get("/checker3/{item_id}")  # error: XFA321:24
async def module_instance_without_it(token: Annotated[str, Depends(token_checker)]) -> None: ...


def check_permission(request: Request) -> None:
    print(request)


async def get_session(request: Request) -> object:
    return request.state.db


@router.get("/escapes/{item_id}", dependencies=[Depends(check_permission)])
async def request_handed_on() -> None: ...


@router.get("/state/{item_id}")  # error: XFA321:21
async def request_attributes_only(db: Annotated[object, Depends(get_session)]) -> None: ...


PATH_OPTIONS: dict = {}


@router.get("/splat/{item_id}")
async def path_options_unknown(value: Annotated[int, Path(**PATH_OPTIONS)]) -> None: ...


@router.get("/splat2/{item_id}")  # error: XFA321:22
async def query_options_read_the_query(value: Annotated[int, Query(**PATH_OPTIONS)]) -> None: ...


@router.get("/stacked/{item_id}")  # error: XFA321:23
@router.get("/stacked")
async def two_routes_one_function(q: str = "") -> None: ...


from fastapi.security import HTTPBearer, OAuth2PasswordBearer  # noqa: E402

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")


async def get_current_user(token: Annotated[str, Depends(oauth2_scheme)]) -> str:
    return token


@router.get("/secure/{item_id}")  # error: XFA321:22
async def security_schemes_read_headers(
    user: Annotated[str, Depends(get_current_user)], bearer: Annotated[object, Depends(HTTPBearer())]
) -> None: ...


class GuardedRouter(APIRouter):
    def __init__(self, **kwargs) -> None:
        super().__init__(dependencies=[Depends(get_item)], **kwargs)


guarded = GuardedRouter(prefix="/guarded")


@guarded.get("/{item_id}")
async def router_class_may_add_dependencies() -> None: ...


from app.routers import shared_router  # noqa: E402


@shared_router.get("/{item_id}")
async def router_made_elsewhere() -> None: ...


def create_app() -> FastAPI:
    factory_app = FastAPI()

    @factory_app.get("/factory/{item_id}")  # error: XFA321:32
    async def in_a_factory() -> None: ...

    return factory_app


get_token_marker = Depends(get_user)
get_item_marker = Depends(get_item)
bearer_marker = Depends(HTTPBearer())


@router.get("/markers/{item_id}", dependencies=[get_token_marker])  # error: XFA321:23
async def marker_list_without_it() -> None: ...


@router.get("/markers2/{item_id}", dependencies=[get_item_marker])
async def marker_list_with_it() -> None: ...


@router.get("/markers3/{item_id}", dependencies=[bearer_marker])  # error: XFA321:24
async def security_scheme_marker() -> None: ...
