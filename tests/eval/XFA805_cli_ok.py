# path: app/cli.py
import typer


def main() -> None:
    print("cli output")
