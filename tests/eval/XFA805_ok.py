# path: app/services/report.py
# print shadowed by an import, and the __main__ block
from rich import print


def show() -> None:
    print("[bold]x[/bold]")
