from app.core.base import AppBase


class PromptBase(AppBase):
    text: str


class PromptCreate(PromptBase):
    class Config:  # error: XFA401:5
        anystr_strip_whitespace = True


class PromptOut(PromptBase):
    id: int

    class Config:  # error: XFA401:5
        orm_mode = True  # error: XFA404:9
