# select: XFA910
# path: tests/test_main.py
import contextlib

import pytest
from fastapi.testclient import TestClient
from starlette import testclient

from app.main import app

client = TestClient(app)  # error: XFA910:10


@pytest.fixture
def api_client():
    return TestClient(app)  # error: XFA910:12


def test_inline() -> None:
    assert testclient.TestClient(app).get("/").status_code == 200  # error: XFA910:12


def test_near_misses() -> None:
    with TestClient(app) as c:
        c.get("/")
    entered = TestClient(app)
    with entered:
        entered.get("/")
    with contextlib.ExitStack() as stack:
        stack.enter_context(TestClient(app))


class TestApi:
    def setup_method(self) -> None:
        self.client = TestClient(app)

    def test_it(self) -> None:
        with self.client:
            self.client.get("/")
