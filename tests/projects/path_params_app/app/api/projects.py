from fastapi import APIRouter, Depends

from app.core import deps
from app.core.deps import CurrentUser, OrgDep, ProjectDep, SessionDep, get_project, project_marker, takes_anything

router = APIRouter()


@router.get("/projects/{project_id}")
async def by_alias(project: ProjectDep, user: CurrentUser) -> int:
    return project


@router.get("/projects/{project_id}/tasks", dependencies=[Depends(get_project)])
async def by_imported_dependency(session: SessionDep) -> None: ...


@router.get("/projects/{project_id}/users", dependencies=[Depends(deps.get_project)])
async def by_module_attribute() -> None: ...


@router.get("/projects/{project_id}/marker")
async def by_imported_marker(project=project_marker) -> None: ...


@router.get("/orgs/{org_id}")
async def by_request_dependency(org: OrgDep) -> None: ...


@router.get("/any/{item_id}", dependencies=[Depends(takes_anything)])
async def by_kwargs_dependency() -> None: ...


@router.get("/users/{user_id}")  # error: XFA321:21
async def not_taken(session: SessionDep, user: CurrentUser) -> None: ...


@router.get("/teams/{team_id}/projects/{project_id}")  # error: XFA321:21
async def one_taken(project: ProjectDep) -> None: ...


from app.core.deps import ItemScope, Permission, ProjectKey, RequestDb, item_scope  # noqa: E402


@router.get("/requests/{request_id}")  # error: XFA321:24
async def request_state_only(db: RequestDb) -> None: ...


@router.get("/permissions/{item_id}", dependencies=[Depends(Permission([]))])
async def permission_hands_request_on() -> None: ...


@router.get("/scoped/{item_id}", dependencies=[Depends(ItemScope())])
async def by_imported_instance() -> None: ...


@router.get("/scoped2/{item_id}", dependencies=[Depends(item_scope)])
async def by_imported_module_instance() -> None: ...


@router.get("/keys/{project_id}")
async def by_imported_class(key: ProjectKey = Depends()) -> None: ...


from app.core.deps import UserDep  # noqa: E402


@router.get("/members/{member_id}")  # error: XFA321:23
async def token_dependency_reads_a_header(user: UserDep) -> None: ...


from app.core.deps import BearerDep, DependsBearer, DependsItemScope  # noqa: E402


@router.get("/bearer/{bearer_id}", dependencies=[DependsBearer])  # error: XFA321:22
async def bearer_marker_reads_a_header(bearer: BearerDep) -> None: ...


@router.get("/scope/{item_id}", dependencies=[DependsItemScope])
async def instance_marker_takes_it() -> None: ...
