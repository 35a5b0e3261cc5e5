# path: app/routes/items.py
# select: XFA301
from fastapi import APIRouter, FastAPI, status
from fastapi.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    ORJSONResponse,
    PlainTextResponse,
    RedirectResponse,
    StreamingResponse,
)

from app.schemas import ItemRead

router = APIRouter()
app = FastAPI()
html_app = FastAPI(default_response_class=HTMLResponse)


@router.get("/items/{item_id}")
async def read_item(item_id: int):  # error: XFA301:1 "read_item"
    return await load(item_id)


@app.post("/items")
def create_item(payload: ItemRead):  # error: XFA301:1
    return payload


@router.api_route("/echo", methods=["GET", "HEAD"])
async def ping():  # error: XFA301:1
    return JSONResponse({"ok": True})


@router.get("/orjson", response_class=ORJSONResponse)
async def orjson_route():  # error: XFA301:1
    return []


class Views:
    @router.get("/nested")
    def nested(self):  # error: XFA301:5
        return load(0)


# near-misses
@router.get("/with-model", response_model=ItemRead)
async def with_model():
    return await load(1)


@router.get("/with-annotation")
async def with_annotation() -> ItemRead:
    return await load(1)


@router.get("/explicit-none", response_model=None)
async def explicit_none():
    return await load(1)


@router.get("/page", response_class=HTMLResponse)
async def page():
    return "<h1>hi</h1>"


@router.get("/go", response_class=RedirectResponse)
async def go():
    return "/elsewhere"


@router.get("/stream", response_class=StreamingResponse)
async def stream():
    return iter_chunks()


@router.get("/file", response_class=FileResponse)
async def file():
    return "report.pdf"


@router.get("/text", response_class=PlainTextResponse)
async def text():
    return "ok"


@router.delete("/items/{item_id}", status_code=204)
async def delete_item(item_id: int):
    await remove(item_id)


@router.delete("/things/{thing_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_thing(thing_id: int):
    await remove(thing_id)


@router.websocket("/ws")
async def ws(websocket):
    await websocket.accept()


@router.get("/internal", include_in_schema=False)
async def internal():
    return await load(1)


@router.get("/redirect")
async def redirect():
    return RedirectResponse("/elsewhere")


@html_app.get("/home")
async def home():
    return "<h1>home</h1>"


OPTIONS = {"response_model": ItemRead}


@router.get("/splat", **OPTIONS)
async def splat():
    return await load(1)


def not_a_route():
    return 1


@router.get("/stream-named")
async def stream_named(path: str):
    response = StreamingResponse(iter([b"x"]), media_type="text/plain")
    response.headers["X-Source"] = path
    return response


@router.get("/json-named")
async def json_named(path: str):  # error: XFA301:1
    payload = {"path": path}
    return payload
