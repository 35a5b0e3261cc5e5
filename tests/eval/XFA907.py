# select: XFA907
def ship(order: dict) -> str:
    if order:
        if order.get("paid"):
            if order.get("address"):  # error: XFA907:13
                if order.get("deeper"):
                    return "not reported twice"
                return "shipped"
    return "pending"


def chains(x: int) -> str:
    if x == 1:
        return "a"
    elif x == 2:
        return "b"
    elif x == 3:
        if x:
            return "c"
    else:
        if x > 10:
            return "d"
        elif x > 5:
            if x > 7:
                return "e"
    return "f"


def loops(items: list) -> None:
    for item in items:
        if item:
            with open(item) as fh:
                try:
                    if fh:
                        while True:
                            if item:  # error: XFA907:29
                                break
                except OSError:
                    pass


def else_block(x: int) -> None:
    if x:
        pass
    else:
        y = 1
        if y:
            if x:  # error: XFA907:13
                pass


def nested_function(x: int) -> None:
    if x:
        if x:
            def inner() -> None:
                if x:
                    if x:
                        pass


def expressions(x: int) -> int:
    if x:
        if x:
            return 1 if x else (2 if x else 3)
    return 0
