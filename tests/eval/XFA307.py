# path: app/routes/items.py
# select: XFA307
from fastapi import APIRouter, status

router = APIRouter()


@router.post("/items")  # error: XFA307:2
async def save_item() -> None: ...


@router.post("/widgets/{widget_id}/archive")  # error: XFA307:2
async def create_archive(widget_id: int) -> None: ...


@router.post("")  # error: XFA307:2
async def new_thing() -> None: ...


@router.api_route("/users", methods=["POST"])  # error: XFA307:2
async def register_user() -> None: ...


# near-misses
@router.post("/items2", status_code=201)
async def create_item2() -> None: ...


@router.post("/items3", status_code=status.HTTP_201_CREATED)
async def create_item3() -> None: ...


@router.post("/jobs", status_code=status.HTTP_202_ACCEPTED)
async def create_job() -> None: ...


@router.post("/login")
async def login() -> None: ...


@router.post("/items/{item_id}/archive")
async def archive_item(item_id: int) -> None: ...


@router.put("/items")
async def create_or_replace() -> None: ...


# near-misses: a collection path, but the handler name says it does something else
@router.post("/")
async def update_admin() -> None: ...


@router.post("/preferences/")
async def update_preferences() -> None: ...


@router.post("/numbers")
async def sum_numbers() -> None: ...
