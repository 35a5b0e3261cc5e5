# path: app/tools/collect.py
# precision review (fifth reading): a command-line module (argparse, no route handlers),
# its classes' methods included
import argparse
import asyncio
import subprocess


class Sampler:
    async def sample(self) -> str:
        return subprocess.check_output(["kubectl", "top", "pods"], text=True)


async def run(args: argparse.Namespace) -> None:
    print(subprocess.check_output(["git", "rev-parse", "HEAD"]), await Sampler().sample())


def main() -> None:
    parser = argparse.ArgumentParser()
    asyncio.run(run(parser.parse_args()))
