# path: app/routes/dashboard.py
# select: XFA301
from typing import Generic, TypeVar

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, StreamingResponse
from fastapi.templating import Jinja2Templates
from starlette.templating import _TemplateResponse

router = APIRouter()
hidden = APIRouter()
internal = FastAPI(openapi_url=None)
app = FastAPI()
app.include_router(hidden, include_in_schema=False)
app.include_router(router)
templates = Jinja2Templates(directory="templates")


class HXRedirect(RedirectResponse):
    pass


class ApiJSON(JSONResponse):
    pass


F = TypeVar("F")


class PageHelper(Generic[F]):
    def __init__(self, request: Request, template: str) -> None:
        self.request = request
        self.template = template

    async def render(self) -> _TemplateResponse:
        return templates.TemplateResponse(self.request, self.template, {})

    async def payload(self) -> dict:
        return {}


# near-misses (fourth reading): HTML pages, redirects, probes, routes outside the schema
@router.get("/settings")
async def settings_page(request: Request):
    helper = PageHelper(request, "settings.html")
    if request.query_params.get("saved"):
        return HXRedirect("/settings")
    return await helper.render()


def get_helper(request: Request) -> "PageHelper[str]":
    return PageHelper(request, "form.html")


@router.post("/settings/form")
async def settings_form(helper: PageHelper[str] = Depends(get_helper)):
    return await helper.render()


@router.post("/settings/reset")
async def reset_settings():
    return HXRedirect("/settings", status_code=303)


@router.get("/alive")
async def alive():
    return {"status": "ok"}


@internal.get("/state")
async def internal_state():
    return {"state": "running"}


@hidden.get("/debug/pools")
async def pools():
    return {"size": 4}


@router.get("/clips/{start}/clip.mp4")
async def clip(start: int):
    if start < 0:
        return JSONResponse({"message": "bad start"}, status_code=400)
    return StreamingResponse(iter([b""]), media_type="video/mp4")


@router.get("/reviews/{review_id}/clip.mp4")
async def review_clip(review_id: int):
    if review_id < 0:
        return JSONResponse({"message": "not found"}, status_code=404)
    return await clip(review_id)


@router.get("/labels/{label}/clip.mp4")
async def label_clip(label: str):
    if not label:
        return JSONResponse({"message": "no label"}, status_code=404)
    return await event_clip(label)  # two hops, defined further down


async def event_clip(label: str):
    return await review_clip(len(label))


def summary(start: int):
    return {"start": start}


# still flagged: JSON bodies with no declared model
@router.get("/reviews/{review_id}/summary")
async def review_summary(review_id: int):  # error: XFA301:1 "review_summary"
    return summary(review_id)

@router.get("/settings/data")
async def settings_data(request: Request):  # error: XFA301:1
    helper = PageHelper(request, "settings.html")
    return await helper.payload()


@router.get("/settings/json")
async def settings_json():  # error: XFA301:1
    return ApiJSON({"a": 1})


@router.get("/health/{component}")
async def component_health(component: str):  # error: XFA301:1
    return {"component": component}
