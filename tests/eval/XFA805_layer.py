# path: app/api/routes/users.py
def route() -> None:
    print("x")  # error: XFA805:5
