# path: app/routes/items.py
# select: XFA326
from fastapi import APIRouter, FastAPI

router = APIRouter()
app = FastAPI()


@router.api_route("/items/{item_id}", methods=["PUT", "PATCH"])  # error: XFA326:47
async def save_item(item_id: int) -> None: ...


@app.api_route("/x", methods=("get", "post", "head"))  # error: XFA326:30 "get"
async def anything() -> None: ...


async def endpoint() -> None: ...


router.add_api_route("/e", endpoint, methods=["GET", "DELETE"])  # error: XFA326:46

# -- not flagged


@router.api_route("/page", methods=["GET", "HEAD"])
async def page() -> None: ...


@router.api_route("/one", methods=["POST"])
async def one() -> None: ...


@router.api_route("/default")
async def default() -> None: ...


METHODS = ["GET", "POST"]


@router.api_route("/dynamic", methods=METHODS)
async def dynamic() -> None: ...
