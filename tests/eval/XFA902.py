# select: XFA902
def validate_and_save(order: dict) -> None:  # error: XFA902:1 "validate_and_save"
    ...


class Orders:
    async def fetch_and_cache(self) -> None:  # error: XFA902:5
        ...


def test_create_and_delete() -> None:
    ...


def android_band(x: int) -> None:
    ...


def and_then() -> None:
    ...
