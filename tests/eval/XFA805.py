# path: app/services/user_service.py
def create_user(name: str) -> None:
    print("creating user", name)  # error: XFA805:5
    items = [print(n) for n in name]  # error: XFA805:14


class Greeter:
    def greet(self) -> None:
        print("hi")  # error: XFA805:9


def near_misses(printer) -> None:
    printer.print("x")
    log = print  # not called here

    def print(*args: object) -> None:  # a local print
        pass
