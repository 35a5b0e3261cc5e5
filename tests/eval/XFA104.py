import asyncio
import os
import subprocess
import subprocess as sp
from os import system
from subprocess import check_output

from fastapi.concurrency import run_in_threadpool


async def run_commands(path: str):
    subprocess.run(["ls", path], check=True)  # error: XFA104:5 "subprocess.run"
    sp.call(["ls"])  # error: XFA104:5
    out = check_output(["git", "rev-parse", "HEAD"])  # error: XFA104:11
    proc = subprocess.Popen(["sleep", "1"]).wait()  # error: XFA104:12
    os.system("true")  # error: XFA104:5
    system("true")  # error: XFA104:5
    listing = os.popen("ls").read()  # error: XFA104:15
    code, text = subprocess.getstatusoutput("ls")  # error: XFA104:18
    return out, proc, listing, code, text


async def async_subprocesses(path: str):
    proc = await asyncio.create_subprocess_exec("ls", path, stdout=asyncio.subprocess.PIPE)
    shell = await asyncio.create_subprocess_shell("ls")
    await run_in_threadpool(subprocess.run, ["ls"])
    await asyncio.to_thread(subprocess.check_output, ["ls"])
    env = os.environ.get("PATH")
    os.path.join(path, "x")
    return proc, shell, env


def sync_caller():
    subprocess.run(["ls"])
    os.system("true")


async def nested():
    def helper():
        return subprocess.check_output(["ls"])

    return await run_in_threadpool(helper)


class Runner:
    async def run(self, subprocess):
        subprocess.run(["ls"])  # a parameter, not the module
