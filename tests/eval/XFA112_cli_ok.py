# path: app/cli/commands/tunnel.py
# select: XFA112
# a command-line module (typer, no route handlers): its coroutines serve no requests
import asyncio
import subprocess

import typer

app = typer.Typer()


def check_auth(path: str) -> bool:
    return subprocess.run([path, "config", "check"], check=False).returncode == 0


async def setup_tunnel(path: str) -> None:
    if not check_auth(path):
        raise typer.Exit(1)


@app.command()
def tunnel(path: str) -> None:
    asyncio.run(setup_tunnel(path))
