from app.services.status import OrderStatus  # enums only: no services module
from app.services.pricing import Currency  # error: XFA206:1


class Order:
    def __init__(self, status: OrderStatus, currency: Currency) -> None:
        self.status = status
        self.currency = currency
