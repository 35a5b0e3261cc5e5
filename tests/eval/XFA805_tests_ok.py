# path: tests/test_users.py
def test_it() -> None:
    print("debug output in a test")
