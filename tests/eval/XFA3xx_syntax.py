# path: app/routes/odd.py
# select: XFA307, XFA308, XFA316, XFA317, XFA318, XFA319, XFA320, XFA301, XFA302, XFA303, XFA305, XFA306
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query

router = APIRouter()
app = FastAPI()
routers = [router]
ARGS = ("/x",)


@routers[0].get("/subscript")
@(lambda f: f)
@router
@router.get(*ARGS)  # error: XFA317:2
async def odd_decorators(x: int) -> None:
    match x:
        case 1:
            return {"a": 1}  # error: XFA302:20
        case _:
            return


@router.get(b"/bytes", status_code=b"201", response_model=...)  # error: XFA317:2
async def bytes_path(y: int = Query(*ARGS), z: int = Depends) -> None:  # error: XFA309:22 "Query(*ARGS"
    raise HTTPException(*ARGS)


@router.get(path="/kw/{a}/{b}/{c}", status_code=None, response_class=None)  # error: XFA317:2, XFA320:2 "/kw/{a}/{b}/{c}", XFA321:23, XFA321:27, XFA321:31
async def kw_path(a: int, b: int, c: int, /, *, d: int, limit: int = Query(**{"le": 1})) -> None:  # error: XFA309:57
    if (n := len(str(a))) > 1:
        return None
    raise HTTPException(status_code=None)


@router.get("/kw/{a}/{b}/{c}")  # error: XFA317:2, XFA320:2
def shadow_check(a: str, b: str, c: str) -> None:
    lam = lambda q=Depends(dep): q  # noqa: E731
    try:
        pass
    except* ValueError:
        pass


Alias = Annotated[int, Query(le=10)]


@router.get("/generic")  # error: XFA317:2 "generic"
async def generic(limit: Alias = 1, **kwargs: int) -> None:
    return None


app.include_router(*routers, prefix=None)
app.include_router(**{"router": router})
