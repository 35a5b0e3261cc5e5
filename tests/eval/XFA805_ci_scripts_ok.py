# path: .github/ci/update_status.py
def report(status: str) -> None:
    print("status", status)
