# path: enterprise/saas_server.py
# tenth precision reading (OpenHands): a middleware class of a package outside the
# project (here a sibling package the enterprise project installs) may or may not answer
# requests itself; nothing shows which, so the order is not reported
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from openhands.server.middleware import CacheControlMiddleware
from starlette.middleware import Middleware
from starlette.middleware.httpsredirect import HTTPSRedirectMiddleware

from app.config import settings

app = FastAPI()
app.add_middleware(CORSMiddleware, allow_origins=settings.origins)
app.add_middleware(CacheControlMiddleware)

listed = FastAPI(
    middleware=[
        Middleware(CacheControlMiddleware),
        Middleware(CORSMiddleware, allow_origins=settings.origins),
    ]
)

# still reported: Starlette's own middleware that answers early (a redirect)
redirecting = FastAPI()
redirecting.add_middleware(CORSMiddleware, allow_origins=settings.origins)  # error: XFA605:1
redirecting.add_middleware(HTTPSRedirectMiddleware)
