from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.middleware import Middleware

from app.config import settings

app = FastAPI()
app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True, max_age=600)  # error: XFA607:75
app.add_middleware(CORSMiddleware, allow_origin_regex=".*", allow_credentials=True, max_age=600)  # error: XFA607:79
app.add_middleware(CORSMiddleware, allow_origin_regex=r"^.*$", allow_credentials=True, max_age=600)  # error: XFA607:82
stack = [
    Middleware(
        CORSMiddleware,
        allow_origins=["*"],
        allow_credentials=True,  # error: XFA607:27
        max_age=600,
    )
]

# near misses
app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=False, max_age=600)
app.add_middleware(CORSMiddleware, allow_origins=["*"], max_age=600)
app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=settings.creds, max_age=600)
app.add_middleware(CORSMiddleware, allow_origins=settings.origins, allow_credentials=True, max_age=600)
app.add_middleware(
    CORSMiddleware, allow_origin_regex=r"https://.*\.example\.com", allow_credentials=True, max_age=600
)
