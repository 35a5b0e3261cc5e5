from enum import StrEnum


class OrderStatus(StrEnum):
    """An enum only: a constants module, whatever its directory says."""

    OPEN = "open"
    SHIPPED = "shipped"

    def is_final(self) -> bool:
        return self is OrderStatus.SHIPPED
