from typing import Annotated

from fastapi import Depends, Request


async def get_db():
    yield object()


SessionDep = Annotated[object, Depends(get_db)]


async def get_project(project_id: int, session: SessionDep) -> int:
    return project_id


ProjectDep = Annotated[int, Depends(get_project)]


async def get_current_user(token: str = "") -> str:
    return token


CurrentUser = Annotated[str, Depends(get_current_user)]


async def from_request(request: Request) -> int:
    return int(request.path_params["org_id"])


OrgDep = Annotated[int, Depends(from_request)]


def takes_anything(**kwargs) -> None: ...


project_marker = Depends(get_project)


async def get_request_db(request: Request) -> object:
    return request.state.db


RequestDb = Annotated[object, Depends(get_request_db)]


class Permission:
    def __init__(self, names: list) -> None:
        self.names = names

    def __call__(self, request: Request) -> None:
        for name in self.names:
            name(request=request)


class ItemScope:
    def __call__(self, item_id: int) -> int:
        return item_id


item_scope = ItemScope()


class ProjectKey:
    def __init__(self, project_id: int) -> None:
        self.project_id = project_id


from fastapi.security import OAuth2PasswordBearer  # noqa: E402

reusable_oauth2 = OAuth2PasswordBearer(tokenUrl="/login")
TokenDep = Annotated[str, Depends(reusable_oauth2)]


async def get_user_from_token(session: SessionDep, token: TokenDep) -> str:
    return token


UserDep = Annotated[str, Depends(get_user_from_token)]


from fastapi.security import HTTPBearer  # noqa: E402

DependsBearer = Depends(HTTPBearer())
BearerDep = Annotated[object, Depends(HTTPBearer())]
DependsItemScope = Depends(ItemScope())
