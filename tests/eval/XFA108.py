# path: app/api/routes/items.py
from fastapi import APIRouter, FastAPI

import flask

router = APIRouter()
app = FastAPI()
web = flask.Flask(__name__)


@router.get("/items")
def list_items():  # error: XFA108:1 "list_items"
    return []


@app.post("/items")
def create_item():  # error: XFA108:1
    return {}


@router.api_route("/legacy", methods=["GET", "POST"])
def legacy():  # error: XFA108:1
    return {}


class Views:
    @router.get("/nested")
    def method_handler(self):  # error: XFA108:5
        return {}


@router.get("/async")
async def async_handler():
    return []


@router.websocket("/ws")
async def socket(websocket):
    await websocket.accept()


def dependency():
    return 1


@web.route("/flask")
def flask_view():
    return "ok"


@router.get
def not_a_route_call():
    return 1
