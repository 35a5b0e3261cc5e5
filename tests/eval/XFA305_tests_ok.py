# path: tests/test_handlers.py
from fastapi import HTTPException


def test_handler_maps_422() -> None:
    exc = HTTPException(status_code=422)
    assert exc.status_code == 422
