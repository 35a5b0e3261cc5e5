from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware

from app.config import settings
from starlette.responses import PlainTextResponse

from app.middleware.cors import CustomCORSMiddleware, PreflightCorsMiddleware


class AuthMiddleware:
    """Answers 401 itself: wrapping CORSMiddleware, its answers get no CORS headers."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and not dict(scope["headers"]).get(b"authorization"):
            await PlainTextResponse("unauthorized", status_code=401)(scope, receive, send)
            return
        await self.app(scope, receive, send)


app = FastAPI()
app.add_middleware(CORSMiddleware, allow_origins=settings.origins)  # error: XFA605:1
app.add_middleware(AuthMiddleware)
app.add_middleware(GZipMiddleware)  # CORS reported once

# middleware=[...]: the FIRST entry is the outermost
listed = FastAPI(
    middleware=[
        Middleware(TrustedHostMiddleware, allowed_hosts=settings.hosts),
        Middleware(CORSMiddleware, allow_origins=settings.origins),  # error: XFA605:9
    ]
)

MIDDLEWARE = [
    Middleware(AuthMiddleware),
    Middleware(CORSMiddleware, allow_origins=settings.origins),  # error: XFA605:5
]
from_name = FastAPI(middleware=MIDDLEWARE)

# add_middleware wraps the middleware=[...] list
wrapped = FastAPI(middleware=[Middleware(CORSMiddleware, allow_origins=settings.origins)])  # error: XFA605:31
wrapped.add_middleware(AuthMiddleware)


def create_app() -> FastAPI:
    application = FastAPI()
    if settings.cors_origins:
        application.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins)  # error: XFA605:9
    application.add_middleware(TrustedHostMiddleware, allowed_hosts=settings.hosts)
    return application


# near misses
good = FastAPI()
good.add_middleware(GZipMiddleware)
good.add_middleware(AuthMiddleware)
good.add_middleware(CORSMiddleware, allow_origins=settings.origins)

first = FastAPI(
    middleware=[
        Middleware(CORSMiddleware, allow_origins=settings.origins),
        Middleware(SessionMiddleware, secret_key=settings.key),
    ]
)

one = FastAPI()
two = FastAPI()
one.add_middleware(CORSMiddleware, allow_origins=settings.origins)
two.add_middleware(GZipMiddleware)


def configure_cors(application: FastAPI) -> None:
    application.add_middleware(CORSMiddleware, allow_origins=settings.origins)


def configure_rest(application: FastAPI) -> None:
    application.add_middleware(GZipMiddleware)


branchy = FastAPI()
if settings.cors:
    branchy.add_middleware(CORSMiddleware, allow_origins=settings.origins)
else:
    branchy.add_middleware(GZipMiddleware)

not_passed = [Middleware(GZipMiddleware), Middleware(CORSMiddleware)]
loop_app = FastAPI()
for m in not_passed:
    loop_app.add_middleware(m.cls)
unknown_first = FastAPI(middleware=[*not_passed, Middleware(CORSMiddleware)])


# a later middleware that is itself a CORS handler
custom = FastAPI()
custom.add_middleware(CORSMiddleware, allow_origins=settings.origins)
custom.add_middleware(CustomCORSMiddleware, allow_origins=settings.origins)

custom_list = FastAPI(
    middleware=[
        Middleware(PreflightCorsMiddleware),
        Middleware(CORSMiddleware, allow_origins=settings.origins),
        Middleware(SessionMiddleware, secret_key=settings.key),
    ]
)

# ... but one that is not, added after both, still wraps CORSMiddleware
custom_then_gzip = FastAPI()
custom_then_gzip.add_middleware(CORSMiddleware, allow_origins=settings.origins)  # error: XFA605:1
custom_then_gzip.add_middleware(CustomCORSMiddleware)
custom_then_gzip.add_middleware(AuthMiddleware)

custom_list_late = FastAPI(
    middleware=[
        Middleware(PreflightCorsMiddleware),
        Middleware(TrustedHostMiddleware, allowed_hosts=settings.hosts),
        Middleware(CORSMiddleware, allow_origins=settings.origins),  # error: XFA605:9
    ]
)
