from typing import Annotated

from fastapi import Depends


async def get_item(item_id: int) -> int:
    return item_id


ItemDep = Annotated[int, Depends(get_item)]


def parse(text: str) -> int:
    try:
        return int(text)
    except ValueError TypeError:  # a syntax error: the index cannot read this module
        return 0
