# path: app/billing.py
# eighth precision reading: outside test files a model defined inside a function is still reported
from pydantic import BaseModel


def make_model():
    class Item(BaseModel):
        price: float  # error: XFA408:9 "price"

    return Item
