"""Application code that sits next to the server's entry point."""


def on_startup(name: str) -> None:
    print(f"starting {name}")  # error: XFA805:5
