# select: XFA907
# options: fastapi-max-if-depth=3
def ship(order: dict) -> str:
    if order:
        if order.get("paid"):
            if order.get("address"):
                if order.get("deeper"):  # error: XFA907:17
                    return "x"
    return "pending"
