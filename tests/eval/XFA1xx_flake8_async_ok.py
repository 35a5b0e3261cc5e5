# path: app/plugins/gateway.py
# select: XFA103, XFA104
# Lines that already silence flake8-async's / ruff's code for the same call: the team kept
# the blocking call on purpose. Another ASYNC code, or another linter's code, does not count.
import subprocess
import time

import requests


async def start_on_windows(cmd: str) -> str:
    proc = subprocess.Popen(cmd, shell=True, stdout=subprocess.PIPE, text=True)  # type: ignore[ASYNC101]
    while True:
        line = proc.stdout.readline()
        if not line:
            time.sleep(1)  # type: ignore[ASYNC101]
            continue
        time.sleep(0.1)  # noqa: ASYNC251
        with open("gateway.log", "a") as log:  # noqa: ASYNC230, E501
            log.write(line)
        requests.post("http://localhost/ready", timeout=1)  # noqa: ASYNC210
        return line


async def not_acknowledged(cmd: list[str]) -> None:
    time.sleep(1)  # noqa: ASYNC230  # error: XFA102:5
    time.sleep(1)  # noqa: E501  # error: XFA102:5
    subprocess.run(cmd)  # ASYNC221 mentioned, but not as a suppression  # error: XFA104:5 "subprocess.run"
    with open("out.txt") as f:  # type: ignore[ASYNC251]  # error: XFA103:10 "open"
        f.read()
