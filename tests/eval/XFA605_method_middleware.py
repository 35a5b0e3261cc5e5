# seventeenth reading (xinference's RESTfulAPI.serve): a server class adds one of its own
# methods with self._app.middleware("http")(self._audit): a method that always returns
# call_next's response never answers early, so CORS added before it keeps its headers; one
# that rejects requests itself is named
from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse


class RESTfulAPI:
    def __init__(self) -> None:
        self._app = FastAPI()

    async def _audit(self, request: Request, call_next):
        response = await call_next(request)
        if response.status_code >= 400:
            record(request.url.path, response.status_code)
        return response

    async def _require_key(self, request: Request, call_next):
        if "x-key" not in request.headers:
            return JSONResponse({"detail": "no key"}, status_code=401)
        return await call_next(request)

    def serve(self) -> None:
        self._app.add_middleware(CORSMiddleware, allow_origins=["https://app.example.com"])
        self._app.middleware("http")(self._audit)


class GatedAPI:
    def __init__(self) -> None:
        self._app = FastAPI()

    async def _require_key(self, request: Request, call_next):
        if "x-key" not in request.headers:
            return JSONResponse({"detail": "no key"}, status_code=401)
        return await call_next(request)

    def serve(self) -> None:
        self._app.add_middleware(CORSMiddleware, allow_origins=["https://app.example.com"])  # error: XFA605:9 "self._require_key"
        self._app.middleware("http")(self._require_key)
