# path: app/services/orders.py
class OrderError(Exception):
    pass


def parse(raw: str) -> int:
    try:
        return int(raw)
    except ValueError as exc:
        raise OrderError(f"bad order id {raw!r}")  # keep the message
