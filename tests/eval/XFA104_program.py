# path: app/tools/pool_probe.py
# precision review (fifth reading): the coroutine a module starts as a program waits for its
# child processes on purpose; the coroutines it awaits are still checked
import asyncio
import subprocess


async def count_connections() -> int:
    result = subprocess.run(["psql", "-t", "-c", "SELECT 1"], capture_output=True, text=True)  # error: XFA104:14
    return int(result.stdout.strip() or 0)


async def main() -> None:
    before = subprocess.run(["psql", "-t", "-c", "SELECT 1"], capture_output=True)
    print(before.returncode, await count_connections())


if __name__ == "__main__":
    asyncio.run(main())
