# path: tests/test_custom_error.py
# eighth precision reading (Kiln, letta): in a test file, a model defined inside a fixture or a
# test (to exercise an error handler, as a tool's schema) is a throwaway; a module-level model
# of the test file is still reported
import pytest
from pydantic import BaseModel, Field


class Invoice(BaseModel):
    total: float  # error: XFA408:5 "total"


@pytest.fixture
def app():
    class Item(BaseModel):
        name: str = Field(..., min_length=3)
        price: float = Field(..., gt=0)

    return Item


def test_create_agent_with_tools() -> None:
    class InventoryItem(BaseModel):
        sku: str
        price: float

    assert InventoryItem(sku="a", price=1.0)
