from pydantic import BaseModel as _Base


class AppBase(_Base):
    class Config:  # error: XFA401:5
        orm_mode = True  # error: XFA404:9
        allow_population_by_field_name = True
