# path: app/server.py
# tenth and eleventh precision readings (chainlit, feast): the catch-all route serving a
# single-page app's index for whatever path the browser asks for does not need the path
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse

app = FastAPI()
router = APIRouter()


@router.get("/{full_path:path}")
async def serve(request: Request) -> HTMLResponse:
    return HTMLResponse("<html>index</html>")


@app.get("/{rest:path}/")
async def fallback() -> HTMLResponse:
    return HTMLResponse("<html>index</html>")


@app.api_route("/p/{path_name:path}", methods=["GET"])
def catch_all() -> HTMLResponse:
    return HTMLResponse("<html>index</html>")


# still reported: a parameter that is not the catch-all tail, also beside one


@router.get("/{tenant}/ui/{rest:path}")  # error: XFA321:15
async def tenant_ui(request: Request) -> HTMLResponse:
    return HTMLResponse("<html>index</html>")


@router.get("/{page}")  # error: XFA321:15
async def page(request: Request) -> HTMLResponse:
    return HTMLResponse("<html>page</html>")


@router.get("/files/{file_path:path}/meta")  # error: XFA321:21
async def metadata(request: Request) -> HTMLResponse:
    return HTMLResponse("<html>file</html>")
