# path: app/invocations/image.py
# eighth precision reading (InvokeAI): an `amount` bounded to at most 1 is an intensity or a
# ratio, not money; a bound above 1, or a lower bound only, changes nothing
from typing import Annotated

from pydantic import BaseModel, Field


def InputField(**kwargs):
    return Field(**kwargs)


class ImageNoise(BaseModel):
    amount: float = InputField(default=0.1, ge=0, le=1, description="The amount of noise to add")
    blend_amount: Annotated[float, Field(ge=0.0, lt=1.0)] = 0.5
    price: float = Field(ge=0, le=1000)  # error: XFA408:5 "price"
    cost: float = Field(gt=0)  # error: XFA408:5 "cost"
