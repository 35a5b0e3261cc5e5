from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.middleware import Middleware

from app.config import settings

app = FastAPI()
app.add_middleware(CORSMiddleware, allow_origins=["*"], max_age=600)  # error: XFA606:50
stack = [Middleware(CORSMiddleware, allow_origins=("https://a.example", "*"), max_age=600)]  # error: XFA606:51
wrapped = CORSMiddleware(app, allow_origins={"*"}, max_age=600)  # error: XFA606:45

# near misses
app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, max_age=600)
app.add_middleware(CORSMiddleware, allow_origins=["https://app.example.com"], max_age=600)
app.add_middleware(CORSMiddleware, allow_origins=["*"] if settings.debug else settings.origins, max_age=600)
app.add_middleware(CORSMiddleware, allow_origins=[settings.origin], max_age=600)
app.add_middleware(CORSMiddleware, allow_origins="*", max_age=600)  # not a list (Starlette iterates the string)
app.add_middleware(CORSMiddleware, allow_methods=["*"], allow_headers=["*"], max_age=600)
if settings.ENVIRONMENT == "local":
    app.add_middleware(CORSMiddleware, allow_origins=["*"], max_age=600)
if settings.DEBUG:
    app.add_middleware(CORSMiddleware, allow_origins=["*"], max_age=600)
elif settings.enabled:
    app.add_middleware(CORSMiddleware, allow_origins=["*"], max_age=600)  # error: XFA606:54
