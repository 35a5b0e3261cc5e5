from enum import Enum


class Currency(Enum):
    EUR = "EUR"
    USD = "USD"


def convert(amount: float, currency: Currency) -> float:
    return amount if currency is Currency.EUR else amount * 1.1
