"""Not imported by the ingest command: application code of its own."""


def notify(address: str) -> None:
    print(f"mail to {address}")  # error: XFA805:5
