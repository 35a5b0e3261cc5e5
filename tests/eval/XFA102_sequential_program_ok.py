# path: cookbook/tools/zep_tools.py
# twelfth precision reading (agno cookbook): a one-shot program that does one thing at a time
# waits with time.sleep() in the coroutine asyncio.run() starts; nothing else is on the loop
import asyncio
import subprocess
import sys
import time


async def run_async() -> None:
    print("I live in NYC")
    time.sleep(10)  # let the memories sync: silent
    worker = subprocess.Popen([sys.executable, "-c", "pass"])
    time.sleep(0.5)  # silent: the worker is another process
    worker.wait()


if __name__ == "__main__":
    asyncio.run(run_async())
