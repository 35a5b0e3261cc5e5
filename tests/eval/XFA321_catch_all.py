# path: app/server.py
# tenth precision reading (chainlit): the catch-all route serving a single-page app's
# index for whatever path the browser asks for does not need the path
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


# still reported: a path parameter under a prefix, and one that is not a :path catch-all


@router.get("/files/{file_path:path}")  # error: XFA321:21
async def download(request: Request) -> HTMLResponse:
    return HTMLResponse("<html>file</html>")


@router.get("/{page}")  # error: XFA321:15
async def page(request: Request) -> HTMLResponse:
    return HTMLResponse("<html>page</html>")
