# path: app/core/main.py
# The module's program entry (asyncio.run(run_controller(...)) in its __main__ block) writes
# its trajectory once the run is over: a one-shot command, not a request being served.
import asyncio
import json
from pathlib import Path


async def run_controller(task: str, out: str) -> dict:
    state = {"task": task}
    with open(out, "w") as f:
        json.dump(state, f)
    Path(out).with_suffix(".done").write_text("ok")
    return state


async def save_events(path: str, events: list) -> None:
    # awaited by the app as well: not the entry, still reported
    with open(path, "w") as f:  # error: XFA103:10 "open"
        json.dump(events, f)


class Runner:
    async def run_controller(self, out: str) -> None:
        # a method of the same name is not the module-level coroutine asyncio.run starts
        with open(out) as f:  # error: XFA103:14
            f.read()


if __name__ == "__main__":
    asyncio.run(run_controller("t", "out.json"))
