class DictMixin:
    """Its own dict(): not Pydantic's."""

    def dict(self) -> dict:
        return dict(vars(self))
