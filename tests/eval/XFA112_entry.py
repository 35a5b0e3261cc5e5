# path: app/tools/research.py
# select: XFA112
# a module run as a program: the coroutine asyncio.run() starts serves no requests
import asyncio
import json


def open_task() -> dict:
    with open("task.json") as f:
        return json.load(f)


async def run_research_task(query: str) -> dict:
    # importable and awaited by the app's handlers: still reported
    task = open_task()  # error: XFA112:12 "open_task"
    task["query"] = query
    return task


async def main() -> dict:
    task = open_task()
    return await run_research_task(task["query"])


if __name__ == "__main__":
    asyncio.run(main())


async def poll() -> None:
    # started by ``asyncio.run(poll())`` inside a function: still an entry
    while True:
        open_task()
        await asyncio.sleep(1)


def serve() -> None:
    asyncio.run(poll())
