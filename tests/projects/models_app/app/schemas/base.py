from pydantic import BaseModel


class AppBase(BaseModel):
    pass
