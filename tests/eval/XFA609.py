# select: XFA609
from fastapi import FastAPI, Request
from starlette.middleware.base import BaseHTTPMiddleware

app = FastAPI()


class AuthMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next):
        token = request.headers.get("Authorization")  # error: XFA609:17
        session = request.cookies["access_token"]  # error: XFA609:19
        try:
            return await call_next(request)
        except Exception:
            raise


@app.middleware("http")
async def check(request: Request, call_next):
    if request.headers["authorization"] is None:  # error: XFA609:8
        return None
    try:
        return await call_next(request)
    except Exception:
        raise


async def cookie_mw(request, call_next):
    if not request.cookies.get("session_id"):  # error: XFA609:12
        return None
    try:
        return await call_next(request)
    except Exception:
        raise


class PureAuth:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        headers = dict(scope["headers"])
        if headers.get(b"authorization") is None:  # error: XFA609:12
            return
        await self.app(scope, receive, send)


# near misses
async def request_id(request, call_next):
    rid = request.headers.get("x-request-id")
    try:
        return await call_next(request)
    except Exception:
        raise


async def get_current_user(request: Request):
    return request.headers.get("authorization")


@app.get("/me")
async def me(request: Request):
    return {"token": request.cookies.get("access_token")}
