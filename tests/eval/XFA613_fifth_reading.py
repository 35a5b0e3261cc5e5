# fifth precision reading: a 404 handler that serves a single-page app's index.html for
# paths its client-side router knows; the 200 is the point
from pathlib import Path

from fastapi import FastAPI, Request, status
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

app = FastAPI()
INDEX = Path(__file__).parent / "static" / "index.html"


@app.exception_handler(404)
async def spa_fallback(request: Request, exc: StarletteHTTPException):
    if request.url.path.startswith("/api"):
        return JSONResponse({"detail": exc.detail}, status_code=status.HTTP_404_NOT_FOUND)
    return HTMLResponse(INDEX.read_text())


@app.exception_handler(status.HTTP_404_NOT_FOUND)
async def spa_fallback_named(request: Request, exc: StarletteHTTPException):
    return HTMLResponse(INDEX.read_text())


# still reported: a page answered for every HTTP error goes out as 200 OK
@app.exception_handler(StarletteHTTPException)
async def error_page(request: Request, exc: StarletteHTTPException):
    return HTMLResponse(f"<h1>{exc.detail}</h1>")  # error: XFA613:12


# ... and so does a JSON body from a 404 handler
@app.exception_handler(404)
async def not_found(request: Request, exc: StarletteHTTPException):
    return JSONResponse({"detail": "not found"})  # error: XFA613:12
