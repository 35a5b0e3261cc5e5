# path: app/tools/export.py
import argparse
import asyncio
import json


async def export(path: str) -> None:
    with open(path, "w") as f:
        json.dump({}, f)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path")
    asyncio.get_event_loop().run_until_complete(export(parser.parse_args().path))
