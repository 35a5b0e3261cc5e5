# path: services/entrypoints/compat.py
# A runtime package called services/ whose module registers routes on the app it is given
# (add_api_route): a routes module, whatever the directory says.
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse


def compat_endpoint(*, target: str):
    async def endpoint(request: Request) -> JSONResponse:
        body = await request.json()
        return JSONResponse({"target": target, "body": body})

    return endpoint


def register_compat_routes(*, app: FastAPI, names: list[str]) -> None:
    for name in names:
        app.add_api_route(f"/{name}/invoke", compat_endpoint(target=name), methods=["POST"])
