import traceback

from fastapi import FastAPI, Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, ORJSONResponse, PlainTextResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.errors import DomainError, NotFoundError

app = FastAPI()


@app.exception_handler(RequestValidationError)
async def validation_handler(request: Request, exc: RequestValidationError):
    return JSONResponse(content={"detail": exc.errors()})  # error: XFA613:12


@app.exception_handler(Exception)
async def unhandled(request: Request, exc: Exception):
    return JSONResponse({"detail": str(exc)}, status_code=500)  # error: XFA613:12


@app.exception_handler(500)
async def server_error(request: Request, exc: Exception):
    return PlainTextResponse(traceback.format_exc(), status_code=500)  # error: XFA613:12


async def registered(request: Request, error: DomainError):
    if error.code:
        return ORJSONResponse({"detail": repr(error)}, status_code=status.HTTP_503_SERVICE_UNAVAILABLE)  # error: XFA613:16
    return Response(content=error.message)  # error: XFA613:12


async def registered_for_exception(request: Request, exc: Exception):
    return JSONResponse({"detail": f"boom: {exc}"}, 500)  # error: XFA613:12


app.add_exception_handler(DomainError, registered)
app.add_exception_handler(Exception, registered_for_exception)


def create_app() -> FastAPI:
    application = FastAPI(exception_handlers={NotFoundError: not_found})
    return application


async def not_found(request, exc):
    return JSONResponse({"detail": "not found"})  # error: XFA613:12


# near misses
@app.exception_handler(StarletteHTTPException)
async def http_error(request: Request, exc: StarletteHTTPException):
    return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)


@app.exception_handler(DomainError)
async def domain_error(request: Request, exc: DomainError):
    return JSONResponse({"detail": str(exc)}, status_code=400)


@app.exception_handler(Exception)
async def generic(request: Request, exc: Exception):
    body = {"detail": str(exc)}
    return JSONResponse({"detail": "Internal Server Error"}, status_code=500, headers={"x": "1"})


@app.exception_handler(ValueError)
async def with_kwargs(request: Request, exc: ValueError):
    options = {"status_code": 422}
    return JSONResponse({"detail": "bad value"}, **options)


async def not_a_handler(request: Request):
    return JSONResponse({"ok": True})


def helper():
    return Response(content="fine")


@app.exception_handler(KeyError)
async def html_or_json(request: Request, exc: KeyError):
    return render_html(request) or JSONResponse(content={"detail": "missing"})  # error: XFA613:36


@app.exception_handler(LookupError)
async def conditional(request: Request, exc: LookupError):
    return JSONResponse({"detail": "x"}, status_code=404) if exc.args else Response("gone")  # error: XFA613:76


PUBLIC_MESSAGES = {"upstream timeout": "The provider timed out"}


@app.exception_handler(TimeoutError)
async def fixed_message(request: Request, exc: TimeoutError):
    return JSONResponse({"detail": PUBLIC_MESSAGES.get(str(exc), "Internal Server Error")}, status_code=500)


@app.exception_handler(ConnectionError)
async def indexed_message(request: Request, exc: ConnectionError):
    return JSONResponse({"detail": PUBLIC_MESSAGES[str(exc)]}, status_code=503)


@app.exception_handler(OSError)
async def message_fallback_leaks(request: Request, exc: OSError):
    return JSONResponse({"detail": PUBLIC_MESSAGES.get(str(exc), str(exc))}, status_code=500)  # error: XFA613:12
