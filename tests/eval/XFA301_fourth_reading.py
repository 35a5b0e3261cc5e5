# path: app/routes/dashboard.py
# select: XFA301
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse
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


class PageHelper:
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


# still flagged: JSON bodies with no declared model
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
